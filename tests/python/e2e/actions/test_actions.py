# SPDX-License-Identifier: Apache-2.0
"""README "Actions": results, logs, failure, and parameters."""

from __future__ import annotations

import ops
import pytest
from scenario import Action, ActionOutput, Context, State


@pytest.fixture
def MyCharm(readme_charm_module):
    return readme_charm_module.MyCharm


def test_backup_action(MyCharm):
    ctx = Context(MyCharm)  # metadata and actions.yaml autoloaded from the charm's root

    out: ActionOutput = ctx.run_action("do_backup", State())

    # you can assert action results, logs, failure using the ActionOutput interface
    assert out.logs == ["baz", "qux"]
    assert out.success
    assert out.failure is None
    # if the action did not fail, we can read the results:
    assert out.results == {"foo": "bar"}
    assert isinstance(out.state, State)


def test_backup_action_failure(MyCharm):
    ctx = Context(MyCharm)
    out: ActionOutput = ctx.run_action(Action("do_backup", params={"fail": True}), State())
    assert out.logs == ["baz", "qux"]
    assert not out.success
    # if the action fails, we can read a failure message
    assert out.failure == "boo-hoo"


def test_parametrized_action():
    seen = {}

    class ParamCharm(ops.CharmBase):
        def __init__(self, framework: ops.Framework):
            super().__init__(framework)
            framework.observe(self.on.do_backup_action, self._on_do_backup)

        def _on_do_backup(self, event: ops.ActionEvent):
            seen.update(event.params)
            event.set_results({"got": event.params["a"]})

    # define an action
    action = Action("do_backup", params={"a": "b"})
    ctx = Context(
        ParamCharm,
        meta={"name": "foo"},
        actions={"do_backup": {"params": {"a": {"type": "string"}}}},
    )
    out: ActionOutput = ctx.run_action(action, State())
    assert seen["a"] == "b"
    assert out.results == {"got": "b"}
    assert out.success


def test_action_output_state_reflects_changes():
    class StatusAction(ops.CharmBase):
        def __init__(self, framework: ops.Framework):
            super().__init__(framework)
            framework.observe(self.on.pause_action, self._on_pause)

        def _on_pause(self, event: ops.ActionEvent):
            self.unit.status = ops.MaintenanceStatus("paused")

    out = Context(StatusAction, meta={"name": "foo"}, actions={"pause": {}}).run_action(
        "pause", State()
    )
    assert out.state.unit_status == ops.MaintenanceStatus("paused")
    assert out.results is None
    assert out.logs == []


def test_action_results_are_per_run():
    class Counter(ops.CharmBase):
        def __init__(self, framework: ops.Framework):
            super().__init__(framework)
            framework.observe(self.on.count_action, self._on_count)

        def _on_count(self, event: ops.ActionEvent):
            event.log(f"n={event.params['n']}")
            event.set_results({"n": event.params["n"]})

    ctx = Context(
        Counter,
        meta={"name": "foo"},
        actions={"count": {"params": {"n": {"type": "integer"}}}},
    )
    first = ctx.run_action(Action("count", params={"n": 1}), State())
    second = ctx.run_action(Action("count", params={"n": 2}), State())
    assert (first.logs, first.results) == (["n=1"], {"n": 1})
    assert (second.logs, second.results) == (["n=2"], {"n": 2})


def test_action_manager():
    class Charm(ops.CharmBase):
        def __init__(self, framework: ops.Framework):
            super().__init__(framework)
            self.ran = False
            framework.observe(self.on.go_action, self._on_go)

        def _on_go(self, event: ops.ActionEvent):
            self.ran = True
            event.set_results({"ok": "yes"})

    ctx = Context(Charm, meta={"name": "foo"}, actions={"go": {}})
    with ctx.action_manager("go", State()) as mgr:
        assert mgr.charm.ran is False
        out = mgr.run()
        assert mgr.charm.ran is True
    assert isinstance(out, ActionOutput)
    assert out.results == {"ok": "yes"}


def test_parametrized_readme_action(MyCharm):
    # define an action
    action = Action("do_backup", params={"a": "b"})
    ctx = Context(MyCharm)
    out: ActionOutput = ctx.run_action(action, State())
    assert out.success
    assert out.results == {"foo": "bar"}
