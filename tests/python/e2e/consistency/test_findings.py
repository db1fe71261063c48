# SPDX-License-Identifier: Apache-2.0
"""The consistency checker as a test author meets it: every finding, with its text."""

from __future__ import annotations

import ops
import pytest
from scenario import ConsistencyWarning, Context, PeerRelation, Relation, State
from scenario.consistency_checker import check_consistency
from scenario.errors import InconsistentScenarioError

META = {
    "name": "app",
    "requires": {"db": {"interface": "pg"}},
    "peers": {"cluster": {"interface": "app_peers"}},
}
CONFIG = {"options": {"port": {"type": "int", "default": 8080}}}


class Charm(ops.CharmBase):
    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.start, self._on_start)

    def _on_start(self, _: ops.StartEvent) -> None:
        self.unit.status = ops.ActiveStatus()


def test_every_error_is_reported_at_once_with_path_code_and_fix():
    state = State(
        config={"port": "eighty", "colour": "blue"},
        relations=[
            Relation("nope", relation_id=1),
            PeerRelation("cluster", peers_data={0: {}, 1: {}}, relation_id=2),
        ],
    )
    with pytest.raises(InconsistentScenarioError) as info:
        Context(Charm, meta=META, config=CONFIG).run("start", state)
    error = info.value
    codes = sorted(f.code for f in error.errors)
    assert codes == [
        "config-key-undeclared",
        "config-type-mismatch",
        "relation-endpoint-undeclared",
        "relation-peer-self",
    ]
    text = str(error)
    assert text.startswith("inconsistent scenario (4 errors):")
    for finding in error.errors:
        assert finding.path in text
        assert f"[{finding.code}]" in text
    port = next(f for f in error.errors if f.code == "config-type-mismatch")
    assert port.path == "config.port"
    assert "int" in port.message


def test_an_event_about_a_missing_relation_is_inconsistent():
    relation = Relation("db")
    with pytest.raises(InconsistentScenarioError) as info:
        Context(Charm, meta=META).run(relation.changed_event, State())
    assert "db" in str(info.value)


def test_warnings_are_python_warnings_and_the_run_goes_on():
    # A relation event naming a remote unit the relation does not have: plausible
    # enough to run, but probably not what the test meant.
    relation = Relation("db", remote_units_data={0: {}})
    ctx = Context(Charm, meta=META)
    with pytest.warns(ConsistencyWarning, match="event-remote-unit-unknown"):
        out = ctx.run(relation.changed_event(remote_unit_id=5), State(relations=[relation]))
    assert out.relations == [relation]


def test_an_interface_other_than_the_endpoints_is_a_warning():
    # The charm cannot see a relation's interface: a typo there (`fiveg-n2` for
    # `fiveg_n2`) runs, as it did in ops-scenario, with a warning.
    relation = Relation("db", interface="pg-typo", remote_units_data={0: {}})
    with pytest.warns(ConsistencyWarning, match="relation-interface-mismatch"):
        out = Context(Charm, meta=META).run(relation.changed_event, State(relations=[relation]))
    assert out.relations == [relation]


def test_a_warning_points_at_the_tests_own_line():
    relation = Relation("db", remote_units_data={0: {}})
    event = relation.changed_event(remote_unit_id=5)
    state = State(relations=[relation])
    ctx = Context(Charm, meta=META)
    with pytest.warns(ConsistencyWarning) as run_warnings:
        ctx.run(event, state)
    with pytest.warns(ConsistencyWarning) as manager_warnings:
        with ctx.manager(event, state) as mgr:
            mgr.run()
    with pytest.warns(ConsistencyWarning) as check_warnings:
        check_consistency(state, event, ctx.charm_spec, "3.4")
    for caught in (run_warnings, manager_warnings, check_warnings):
        assert [w.filename for w in caught] == [__file__]


def test_context_argument_turns_the_checker_off():
    state = State(config={"colour": "blue"})
    out = Context(Charm, meta=META, skip_consistency_checks=True).run("start", state)
    assert out.unit_status == ops.ActiveStatus()


def test_context_argument_wins_over_the_environment(monkeypatch):
    monkeypatch.setenv("SCENARIO_SKIP_CONSISTENCY_CHECKS", "1")
    with pytest.raises(InconsistentScenarioError):
        Context(Charm, meta=META, skip_consistency_checks=False).run(
            "start", State(config={"colour": "blue"})
        )


def test_check_consistency_function_raises_with_the_same_findings():
    ctx = Context(Charm, meta=META, config=CONFIG)
    from scenario.state import Event

    with pytest.raises(InconsistentScenarioError) as info:
        check_consistency(State(config={"port": 1.5}), Event("start"), ctx.charm_spec, "3.4")
    assert [f.code for f in info.value.errors] == ["config-type-mismatch"]
    results = check_consistency(State(), Event("start"), ctx.charm_spec, "3.4")
    assert results.errors == []


def test_check_consistency_functions_read_the_states_relations():
    from scenario.consistency_checker import check_relation_consistency
    from scenario.state import Event

    ctx = Context(Charm, meta=META, config=CONFIG)
    db = Relation("db", remote_units_data={0: {}, 3: {"k": "v"}})
    cluster = PeerRelation("cluster", peers_data={1: {}})
    state = State(relations=[db, cluster])
    results = check_consistency(state, db.changed_event(remote_unit_id=3), ctx.charm_spec, "3.4")
    assert (results.errors, results.warnings) == ([], [])
    with pytest.warns(ConsistencyWarning, match="remote unit 4"):
        results = check_consistency(
            state, db.changed_event(remote_unit_id=4), ctx.charm_spec, "3.4"
        )
    assert len(results.warnings) == 1
    more = State(relations=[db, cluster, Relation("nope", remote_units_data={2: {}})])
    found = check_relation_consistency(
        state=more, event=Event("start"), charm_spec=ctx.charm_spec, juju_version="3.4"
    )
    assert len(found.errors) == 1 and "nope" in found.errors[0]
