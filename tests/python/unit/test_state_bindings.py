# SPDX-License-Identifier: Apache-2.0
"""The state model and the JSON state format, reached from Python."""

from __future__ import annotations

import collections
import json
import types

import pytest
from scenario import _core


def test_defaults_match_the_python_api():
    state = _core.State()
    assert state.leader is False
    assert state.planned_units == 1
    assert state.unit_id == 0
    assert state.unit_status == _core.Status()
    assert state.unit_status.name == "unknown"
    rel = _core.Relation()
    assert rel.remote_app_name == "remote"
    assert rel.remote_units_data == {0: {}}
    assert rel.kind == _core.RelationKind.regular
    assert rel.limit == 1


def test_value_equality_covers_fields():
    a, b = _core.State(), _core.State()
    assert a == b
    b.leader = True
    assert a != b
    b.leader = False
    b.config = {"port": 8080}
    assert a != b


def test_config_values_keep_their_python_types():
    state = _core.State()
    state.config = {"b": True, "i": 3, "f": 1.5, "s": "x"}
    out = state.config
    assert out == {"b": True, "i": 3, "f": 1.5, "s": "x"}
    assert type(out["b"]) is bool and type(out["i"]) is int and type(out["f"]) is float


def test_json_round_trip_through_python():
    state = _core.State()
    state.leader = True
    rel = _core.Relation()
    rel.endpoint = "db"
    rel.relation_id = 7
    rel.remote_units_data = {0: {"a": "b"}, 3: {}}
    state.relations = [rel]
    stored = _core.StoredState()
    stored.owner_path = "MyCharm"
    stored.content = {"n": 1, "nested": {"list": [1, 2.5, None, True]}}
    state.stored_state = [stored]

    text = _core.state_to_json(state)
    back = _core.state_from_json(text)
    assert back == state
    assert back.relations[0].remote_units_data == {0: {"a": "b"}, 3: {}}
    assert back.stored_state[0].content == {"n": 1, "nested": {"list": [1, 2.5, None, True]}}
    assert json.loads(text)["relations"][0]["remote_units_data"] == {"0": {"a": "b"}, "3": {}}


def test_one_line_json():
    assert "\n" not in _core.state_to_json(_core.State(), indent=-1)


def test_invalid_state_raises_with_every_problem():
    doc = {
        "leader": "yes",
        "relations": [{"endpoint": "db"}, {"endpoint": "x", "remote_units_data": {"a": {}}}],
    }
    with pytest.raises(_core.StateValidationError) as info:
        _core.state_from_json(json.dumps(doc))
    problems = info.value.problems
    paths = [p.path for p in problems]
    assert "leader" in paths
    assert any(p.startswith("relations[1].remote_units_data") for p in paths)
    assert len(problems) >= 2
    # Every problem is also in the message.
    for p in problems:
        assert p.message in str(info.value)


def test_validate_returns_problems_without_raising():
    assert _core.validate_state_json("{}") == []
    problems = _core.validate_state_json('{"leader": tru')
    assert len(problems) == 1
    assert "line 1" in problems[0].message


def test_state_validation_error_is_a_runtime_error():
    assert issubclass(_core.StateValidationError, _core.ProblemsError)
    assert issubclass(_core.StateValidationError, _core.ScenarioError)
    assert issubclass(_core.ScenarioError, RuntimeError)


def test_stored_state_content_must_be_json_shaped():
    stored = _core.StoredState()
    with pytest.raises(TypeError):
        stored.content = {"k": object()}
    with pytest.raises(TypeError):
        stored.content = {1: "int keys are not JSON"}


def test_self_referential_content_is_a_type_error_not_a_crash():
    loop: list = []
    loop.append(loop)
    stored = _core.StoredState()
    with pytest.raises(TypeError):
        stored.content = {"loop": loop}


def test_event_round_trip():
    event = _core.Event()
    event.path = "db-relation-changed"
    event.relation_id = 3
    event.remote_unit_id = 1
    action = _core.Action()
    action.name = "backup"
    action.params = {"target": "/tmp", "compress": False}
    event.action = action
    back = _core.event_from_json(_core.event_to_json(event))
    assert back == event
    assert back.action.params == {"target": "/tmp", "compress": False}


@pytest.mark.parametrize(
    ("path", "kind", "prefix"),
    [
        ("start", _core.EventKind.builtin, "start"),
        ("db-relation-changed", _core.EventKind.relation, "db"),
        ("backup_action", _core.EventKind.action, "backup"),
        ("web-pebble-ready", _core.EventKind.workload, "web"),
        ("data-storage-attached", _core.EventKind.storage, "data"),
        ("secret-changed", _core.EventKind.secret, "secret_changed"),
        ("my_lib.on.foo", _core.EventKind.custom, "foo"),
    ],
)
def test_event_names_are_classified(path, kind, prefix):
    parsed = _core.parse_event_name(path)
    assert parsed.kind == kind
    assert parsed.prefix == prefix


def test_custom_event_owner_path():
    parsed = _core.parse_event_name("my_lib.on.foo")
    assert parsed.owner_path == ["my_lib", "on"]
    assert parsed.name == "foo"


def test_databags_take_any_mapping_of_strings_and_nothing_else():
    relation = _core.Relation()
    relation.local_app_data = types.MappingProxyType({"b": "2", "a": "1"})
    assert relation.local_app_data == {"a": "1", "b": "2"}
    relation.remote_units_data = {3: collections.OrderedDict(k="v")}
    assert relation.remote_units_data == {3: {"k": "v"}}
    # A list of pairs is not a mapping (dict() would take it; a databag does not).
    for not_a_databag in ([("a", "b")], ["ab"], {"a": 1}, {"a": "\udc80"}, 5):
        with pytest.raises(TypeError):
            relation.local_app_data = not_a_databag
    assert relation.local_app_data == {"a": "1", "b": "2"}
