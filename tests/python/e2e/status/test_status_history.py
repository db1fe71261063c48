# SPDX-License-Identifier: Apache-2.0
"""README "Statuses" and "Status history": the statuses a charm went through.

The README's rule: every status the charm sets pushes the previous one onto the
history; the current (final) status is not in the history.
"""

from __future__ import annotations

import ops
import pytest
from ops.model import (
    ActiveStatus,
    BlockedStatus,
    MaintenanceStatus,
    UnknownStatus,
    WaitingStatus,
)
from scenario import Context, State


@pytest.fixture
def MyCharm(readme_charm_module):
    charm_type = readme_charm_module.MyCharm
    yield charm_type
    charm_type.fail_check = False


def test_statuses(MyCharm):
    ctx = Context(MyCharm, meta={"name": "foo"})
    out = ctx.run("start", State(leader=False))
    assert ctx.unit_status_history == [
        UnknownStatus(),
        MaintenanceStatus("determining who the ruler is..."),
        WaitingStatus("checking this is right..."),
    ]
    # the current status is not in the history
    assert out.unit_status == ActiveStatus("I am ruled")
    # the charm never touched the app status
    assert ctx.app_status_history == []


def test_statuses_as_leader(MyCharm):
    ctx = Context(MyCharm, meta={"name": "foo"})
    out = ctx.run("start", State(leader=True))
    assert ctx.unit_status_history == [
        UnknownStatus(),
        MaintenanceStatus("determining who the ruler is..."),
    ]
    assert out.unit_status == ActiveStatus("I rule")


def test_statuses_when_the_check_fails(MyCharm):
    MyCharm.fail_check = True
    ctx = Context(MyCharm, meta={"name": "foo"})
    out = ctx.run("start", State(leader=False))
    assert out.unit_status == BlockedStatus("something went wrong")
    assert ctx.unit_status_history == [
        UnknownStatus(),
        MaintenanceStatus("determining who the ruler is..."),
        WaitingStatus("checking this is right..."),
    ]


def test_initial_status_is_first_in_history(MyCharm):
    ctx = Context(MyCharm, meta={"name": "foo"})
    ctx.run("start", State(unit_status=ActiveStatus("foo")))
    assert ctx.unit_status_history == [
        ActiveStatus("foo"),  # now the first status is active: 'foo'!
        MaintenanceStatus("determining who the ruler is..."),
        WaitingStatus("checking this is right..."),
    ]


class AppStatusCharm(ops.CharmBase):
    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.start, self._on_start)

    def _on_start(self, _):
        self.app.status = ActiveStatus("")
        self.app.status = ActiveStatus("serving")


def test_app_status_history():
    ctx = Context(AppStatusCharm, meta={"name": "foo"})
    out = ctx.run("start", State(leader=True))
    assert ctx.app_status_history == [UnknownStatus(), ActiveStatus("")]
    assert out.app_status == ActiveStatus("serving")
    assert ctx.unit_status_history == []
    assert out.unit_status == UnknownStatus()


def test_history_accumulates_over_runs_on_one_context(MyCharm):
    ctx = Context(MyCharm, meta={"name": "foo"})
    out = ctx.run("start", State(leader=True))
    ctx.run("start", out)
    assert ctx.unit_status_history == [
        UnknownStatus(),
        MaintenanceStatus("determining who the ruler is..."),
        ActiveStatus("I rule"),
        MaintenanceStatus("determining who the ruler is..."),
    ]


class CollectStatusCharm(ops.CharmBase):
    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.collect_unit_status, self._on_collect)

    def _on_collect(self, event: ops.CollectStatusEvent):
        event.add_status(BlockedStatus("needs a relation"))
        event.add_status(ActiveStatus("fine"))


def test_collect_status_sets_the_highest_priority_status():
    ctx = Context(CollectStatusCharm, meta={"name": "foo"})
    out = ctx.run("update-status", State())
    assert out.unit_status == BlockedStatus("needs a relation")
    assert ctx.unit_status_history == [UnknownStatus()]


def test_output_status_is_an_ops_status_instance(MyCharm):
    out = Context(MyCharm, meta={"name": "foo"}).run("start", State(leader=True))
    assert isinstance(out.unit_status, ActiveStatus)
    assert out.unit_status.message == "I rule"
