# SPDX-License-Identifier: Apache-2.0
"""Charm spec loading, reached from Python."""

from __future__ import annotations

import json
import pathlib

import pytest
from scenario import _core


def test_load_example_charm(webapp_dir: pathlib.Path):
    spec = _core.load_charm_spec_dir(str(webapp_dir))
    assert spec.name == "webapp"
    assert spec.kind == _core.CharmKind.kubernetes
    assert spec.sources == ["charmcraft.yaml"]
    db = spec.find_relation("database")
    assert db is not None
    assert db.role == _core.RelationRole.requires
    assert db.interface == "postgresql_client"
    assert db.limit == 1
    assert spec.find_relation("cluster").role == _core.RelationRole.peer
    assert spec.find_relation("nope") is None
    port = spec.find_config("port")
    assert port.type == _core.ConfigType.int
    assert port.default == 8080
    backup = spec.find_action("backup")
    assert backup.required == ["target"]
    assert backup.additional_properties is False
    assert backup.params["compress"] == {"type": "boolean", "default": True}
    assert spec.find_container("web").mounts[0].storage == "data"
    assert spec.extra_bindings == ["metrics"]


def test_spec_to_json_is_plain_data(webapp_dir: pathlib.Path):
    data = _core.load_charm_spec_dir(str(webapp_dir)).to_json()
    assert json.loads(json.dumps(data)) == data
    assert data["name"] == "webapp"
    assert data["kind"] == "kubernetes"


def test_load_from_texts_accepts_json():
    spec = _core.load_charm_spec(
        json.dumps({"name": "foo", "requires": {"db": {"interface": "pg"}}}),
        config=json.dumps({"options": {"x": {"type": "float", "default": 1}}}),
    )
    assert spec.name == "foo"
    assert spec.kind == _core.CharmKind.machine
    assert spec.find_config("x").default == 1.0


def test_relation_under_two_roles_is_a_spec_error():
    meta = "name: foo\nrequires:\n  db:\n    interface: pg\nprovides:\n  db:\n    interface: pg\n"
    with pytest.raises(_core.SpecError) as info:
        _core.load_charm_spec(meta)
    problem = info.value.problems[0]
    assert problem.file == "metadata.yaml"
    assert problem.line > 0
    assert "db" in str(info.value)


def test_yaml_syntax_error_names_file_and_line():
    with pytest.raises(_core.SpecError) as info:
        _core.load_charm_spec("name: foo\nrequires:\n  db: {interface: pg\n")
    problem = info.value.problems[0]
    assert problem.file == "metadata.yaml"
    assert problem.line >= 3


def test_missing_metadata_dir(tmp_path: pathlib.Path):
    with pytest.raises(_core.MetadataNotFoundError, match=str(tmp_path)):
        _core.load_charm_spec_dir(str(tmp_path))
