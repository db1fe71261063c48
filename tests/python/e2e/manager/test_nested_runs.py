# SPDX-License-Identifier: Apache-2.0
"""A run inside another's manager block: each charm's model answers from its own run."""

from __future__ import annotations

import os
from typing import Any

import ops
import pytest
import scenario.runtime
from scenario import Context, Relation, State, _ops_adapter
from scenario.errors import AlreadyEmittedError, ScenarioError, UncaughtCharmError

META = {"name": "outer", "requires": {"db": {"interface": "pg"}}}
CONFIG = {"options": {"colour": {"type": "string", "default": "grey"}}}


class Outer(ops.CharmBase):
    pass


def _inner_charm(outer: ops.CharmBase, seen: dict[str, Any]) -> type[ops.CharmBase]:
    """A charm whose start handler reads and writes through ``outer``'s model."""

    class Inner(ops.CharmBase):
        def __init__(self, framework: ops.Framework):
            super().__init__(framework)
            framework.observe(self.on.start, self._on_start)

        def _on_start(self, _: ops.StartEvent) -> None:
            seen["outer colour"] = outer.config["colour"]
            seen["outer leader"] = outer.unit.is_leader()
            seen["outer app data"] = dict(outer.model.get_relation("db").data[outer.app])
            outer.unit.status = ops.ActiveStatus("set from inside")
            seen["inner colour"] = self.config["colour"]
            seen["inner leader"] = self.unit.is_leader()

    return Inner


def test_the_outer_model_answers_from_its_own_run_during_a_nested_run():
    outer_state = State(
        config={"colour": "red"},
        leader=True,
        relations=[Relation("db", relation_id=1, local_app_data={"from": "outer"})],
    )
    seen: dict[str, Any] = {}
    with Context(Outer, meta=META, config=CONFIG).manager("start", outer_state) as mgr:
        inner = Context(_inner_charm(mgr.charm, seen), meta={"name": "inner"}, config=CONFIG)
        inner_out = inner.run("start", State(config={"colour": "blue"}, leader=False))
        # Once the inner run is over, the outer model carries on as before.
        mgr.charm.unit.set_workload_version("1.0")
        outer_out = mgr.run()
    assert seen == {
        "outer colour": "red",
        "outer leader": True,
        "outer app data": {"from": "outer"},
        "inner colour": "blue",
        "inner leader": False,
    }
    assert outer_out.unit_status == ops.ActiveStatus("set from inside")
    assert outer_out.workload_version == "1.0"
    assert inner_out.unit_status == ops.UnknownStatus()


def test_runs_nested_three_deep_each_keep_their_own_model():
    seen: dict[str, Any] = {}
    first = Context(Outer, meta=META, config=CONFIG)
    second = Context(Outer, meta=META, config=CONFIG)
    outermost_state = State(config={"colour": "red"}, leader=True, relations=[Relation("db")])
    with first.manager("start", outermost_state) as outermost:
        with second.manager("start", State(config={"colour": "green"})) as middle:
            inner_charm = _inner_charm(outermost.charm, seen)
            inner = Context(inner_charm, meta={"name": "inner"}, config=CONFIG)
            inner.run("start", State(leader=True))
            # The innermost run is over: the middle one's model is its own again.
            middle_colour = middle.charm.config["colour"]
            middle_out = middle.run()
        # So is the outermost's, once the middle run is over too.
        outermost.charm.unit.status = ops.BlockedStatus("after both")
        outermost_out = outermost.run()
    assert (seen["outer colour"], seen["inner colour"]) == ("red", "grey")
    assert middle_colour == "green"
    assert middle_out.unit_status == ops.UnknownStatus()
    assert outermost_out.unit_status == ops.BlockedStatus("after both")


def _nothing_left_open() -> None:
    """No run is under way: no JUJU_* variable is set, and a new run works."""
    assert _ops_adapter.OpenRun._open == []
    assert not [name for name in os.environ if name.startswith("JUJU_")]
    out = Context(Outer, meta=META, config=CONFIG).run("start", State(leader=True))
    assert out.leader


def test_an_outer_manager_cannot_run_before_the_run_inside_it_ends():
    first = Context(Outer, meta=META, config=CONFIG)
    second = Context(Outer, meta=META, config=CONFIG)
    with first.manager("start", State()) as outer:
        with second.manager("start", State()) as inner:
            with pytest.raises(ScenarioError, match="end the inner manager block"):
                outer.run()
    # Both runs ended unrun, innermost first; nothing is left behind.
    with pytest.raises(AlreadyEmittedError, match="ended, unrun, by the manager whose block"):
        inner.run()
    _nothing_left_open()


def test_a_charm_that_runs_an_outer_manager_fails_with_the_reason():
    with Context(Outer, meta=META, config=CONFIG).manager("start", State()) as outer:

        class RunsTheOuter(ops.CharmBase):
            def __init__(self, framework: ops.Framework):
                super().__init__(framework)
                framework.observe(self.on.start, self._on_start)

            def _on_start(self, _: ops.StartEvent) -> None:
                outer.run()

        with pytest.raises(UncaughtCharmError) as raised:
            with Context(RunsTheOuter, meta={"name": "inner"}).manager("start", State()) as inner:
                inner.run()
        assert isinstance(raised.value.__cause__, ScenarioError)
        assert "end the inner manager block" in str(raised.value.__cause__)
        outer_out = outer.run()  # the inner run is over: in order, it runs
    assert outer_out.unit_status == ops.UnknownStatus()
    _nothing_left_open()


def test_a_manager_left_open_that_fails_to_end_still_lets_the_outer_end(monkeypatch):
    first = Context(Outer, meta=META, config=CONFIG)
    second = Context(Outer, meta=META, config=CONFIG)
    record = scenario.runtime._record

    def failing_for_second(context: Context, *args: Any) -> None:
        if context is second:
            raise RuntimeError("the inner run's records")
        record(context, *args)

    monkeypatch.setattr(scenario.runtime, "_record", failing_for_second)
    left_open = second.manager("start", State())
    with pytest.raises(RuntimeError, match="the inner run's records") as raised:
        with first.manager("start", State()):
            left_open.__enter__()  # never exited
            raise KeyError("the test's own")
    assert isinstance(raised.value.__context__, KeyError)
    monkeypatch.undo()
    _nothing_left_open()


@pytest.mark.parametrize(
    ("failure", "raised"),
    [(None, ScenarioError), (KeyError("the test's own"), KeyError)],
    ids=["block-ends", "block-fails"],
)
def test_a_manager_left_open_inside_another_block_ends_with_it(
    failure: Exception | None, raised: type[Exception]
):
    first = Context(Outer, meta=META, config=CONFIG)
    left_open = Context(Outer, meta=META, config=CONFIG).manager("start", State())
    with pytest.raises(raised):
        with first.manager("start", State()):
            left_open.__enter__()  # never exited
            if failure is not None:
                raise failure
    _nothing_left_open()


def test_what_a_test_set_on_the_outer_backend_serves_it_and_is_back_after():
    # A test may patch a backend method on the instance (monkeypatch.setattr does).
    name = _ops_adapter._ROUTED_NAMES[0]  # ops 3.4+: _wrap_hookcmd; before: _run
    calls: list[str] = []
    with Context(Outer, meta=META).manager("start", State(leader=True)) as mgr:
        outer = mgr.charm
        backend = outer.model._backend
        method = getattr(backend, name)

        def patched(*args: Any, **kwargs: Any) -> Any:
            calls.append(name)
            return method(*args, **kwargs)

        setattr(backend, name, patched)

        class Inner(ops.CharmBase):
            def __init__(self, framework: ops.Framework):
                super().__init__(framework)
                framework.observe(self.on.start, self._on_start)

            def _on_start(self, _: ops.StartEvent) -> None:
                calls.append(f"outer leader: {outer.unit.is_leader()}")

        Context(Inner, meta={"name": "inner"}).run("start", State(leader=False))
        assert vars(backend)[name] is patched
        mgr.run()
    assert calls[:2] == [name, "outer leader: True"]
