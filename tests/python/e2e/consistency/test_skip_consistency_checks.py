# SPDX-License-Identifier: Apache-2.0
"""README "Consistency checks" / "Bypassing the checker": SCENARIO_SKIP_CONSISTENCY_CHECKS."""

from __future__ import annotations

import ops
import pytest
from scenario import Context, InconsistentScenarioError, Relation, State
from scenario.consistency_checker import check_consistency

META = {"name": "foo", "requires": {"foo": {"interface": "bar"}}}

SEEN: list = []


class MyCharm(ops.CharmBase):
    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.foo_relation_changed, self._on_changed)
        framework.observe(self.on.start, self._on_start)

    def _on_changed(self, event: ops.RelationChangedEvent):
        # touches nothing but the event itself
        SEEN.append(("changed", event.relation.id))

    def _on_start(self, _):
        SEEN.append(("start", None))


@pytest.fixture(autouse=True)
def _clear(monkeypatch):
    SEEN.clear()
    monkeypatch.delenv("SCENARIO_SKIP_CONSISTENCY_CHECKS", raising=False)


def _inconsistent():
    """A relation event about a relation that is not in the State: Juju cannot do that."""
    return Relation("foo").changed_event, State()


def test_inconsistent_scenario_is_refused():
    event, state = _inconsistent()
    ctx = Context(MyCharm, meta=META)
    with pytest.raises(InconsistentScenarioError):
        ctx.run(event, state)
    with pytest.raises(InconsistentScenarioError):
        check_consistency(state, event, ctx.charm_spec, ctx.juju_version)
    assert SEEN == []


def test_check_consistency_is_skipped_with_the_env_var(monkeypatch):
    monkeypatch.setenv("SCENARIO_SKIP_CONSISTENCY_CHECKS", "1")
    event, state = _inconsistent()
    ctx = Context(MyCharm, meta=META)
    results = check_consistency(state, event, ctx.charm_spec, ctx.juju_version)
    assert list(results.errors) == []
    assert list(results.warnings) == []


def test_run_skips_the_checker_with_the_env_var(monkeypatch):
    monkeypatch.setenv("SCENARIO_SKIP_CONSISTENCY_CHECKS", "1")
    event, state = _inconsistent()
    Context(MyCharm, meta=META).run(event, state)
    assert SEEN == [("changed", event.relation.relation_id)]


def test_consistent_scenario_runs_either_way(monkeypatch):
    relation = Relation("foo")
    Context(MyCharm, meta=META).run(relation.changed_event, State(relations=[relation]))
    monkeypatch.setenv("SCENARIO_SKIP_CONSISTENCY_CHECKS", "1")
    Context(MyCharm, meta=META).run(relation.changed_event, State(relations=[relation]))
    assert SEEN == [("changed", relation.relation_id)] * 2
