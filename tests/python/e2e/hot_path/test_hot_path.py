# SPDX-License-Identifier: Apache-2.0
"""tests/python/e2e/hot_path/test_hot_path.py: what a run no longer does, and still gets right.

Each test pins one saving measured by benchmarks/run.py (see docs/performance.md),
together with the behaviour the saving must keep.
"""

from __future__ import annotations

import inspect
import pathlib
import shutil

import ops
import pytest
import yaml
from scenario import Context, Relation, State


class _RelationCharm(ops.CharmBase):
    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.db_relation_changed, self._on_changed)

    def _on_changed(self, event: ops.RelationChangedEvent) -> None:
        assert event.unit is not None
        self.unit.status = ops.ActiveStatus(f"{event.relation.id} {event.unit.name}")


_META = {"name": "hot", "requires": {"db": {"interface": "db"}}}


def _juju_context_type():
    import ops.jujucontext

    return getattr(ops.jujucontext, "JujuContext", None) or ops.jujucontext._JujuContext


@pytest.mark.skipif(
    "juju_context" not in inspect.signature(ops.model._ModelBackend.__init__).parameters,
    reason="ops before 2.16 has no JujuContext: nothing is read twice there",
)
def test_a_run_reads_the_juju_environment_once(monkeypatch: pytest.MonkeyPatch):
    context_type = _juju_context_type()
    name = "_from_dict" if hasattr(context_type, "_from_dict") else "from_dict"
    real = getattr(context_type, name)
    calls = []

    def counting(env):
        calls.append(env)
        return real(env)

    monkeypatch.setattr(context_type, name, staticmethod(counting))
    relation = Relation("db", remote_units_data={3: {}})
    state = State(relations=[relation])
    out = Context(_RelationCharm, meta=_META).run(relation.changed_event, state)
    assert len(calls) == 1
    # The event's arguments still come from that context: relation and remote unit.
    assert out.unit_status == ops.ActiveStatus(f"{relation.relation_id} remote/3")


def test_contexts_with_the_same_spec_share_one_charm_root():
    first = Context(_RelationCharm, meta=_META)
    second = Context(_RelationCharm, meta=dict(_META))
    other = Context(_RelationCharm, meta={**_META, "name": "other"})
    roots = []
    for ctx in (first, second, other):
        with ctx.manager("start", State()) as mgr:
            roots.append(pathlib.Path(mgr.charm.charm_dir))
    assert roots[0] == roots[1]
    assert roots[2] != roots[0]
    assert yaml.safe_load((roots[0] / "metadata.yaml").read_text())["name"] == "hot"
    assert yaml.safe_load((roots[2] / "metadata.yaml").read_text())["name"] == "other"


def test_cleanup_keeps_a_shared_charm_root_for_the_other_contexts():
    first = Context(_RelationCharm, meta=_META, config={"options": {"x": {"type": "int"}}})
    second = Context(_RelationCharm, meta=_META, config={"options": {"x": {"type": "int"}}})
    first.run("start", State())
    first.cleanup()
    with second.manager("start", State()) as mgr:
        root = pathlib.Path(mgr.charm.charm_dir)
        assert yaml.safe_load((root / "config.yaml").read_text())["options"]["x"]["type"] == "int"


def test_a_removed_shared_charm_root_is_written_again():
    with Context(_RelationCharm, meta={**_META, "name": "removed-root"}).manager(
        "start", State()
    ) as mgr:
        root = pathlib.Path(mgr.charm.charm_dir)
    shutil.rmtree(root)
    with Context(_RelationCharm, meta={**_META, "name": "removed-root"}).manager(
        "start", State()
    ) as mgr:
        assert (
            yaml.safe_load((pathlib.Path(mgr.charm.charm_dir) / "metadata.yaml").read_text())[
                "name"
            ]
            == "removed-root"
        )


def test_a_rewritten_charm_root_is_not_shared_with_another_spec():
    roots = {}
    for name in ("rewritten", "newcomer"):
        with Context(_RelationCharm, meta={**_META, "name": name}).manager(
            "start", State()
        ) as mgr:
            roots[name] = pathlib.Path(mgr.charm.charm_dir)
        if name == "rewritten":
            shutil.rmtree(roots[name])
            with Context(_RelationCharm, meta={**_META, "name": name}).manager(
                "start", State()
            ) as mgr:
                roots[name] = pathlib.Path(mgr.charm.charm_dir)
    assert roots["rewritten"] != roots["newcomer"]
    for name, root in roots.items():
        assert yaml.safe_load((root / "metadata.yaml").read_text())["name"] == name
