# SPDX-License-Identifier: Apache-2.0
"""README "Writing scenario tests": the simplest scenario, and leadership-driven status."""

from __future__ import annotations

import ops
import pytest
from ops.charm import CharmBase
from ops.model import ActiveStatus, UnknownStatus
from scenario import Context, Event, State


class BareCharm(CharmBase):
    pass


def test_scenario_base():
    ctx = Context(BareCharm, meta={"name": "foo"})
    out = ctx.run(Event("start"), State())
    assert out.unit_status == UnknownStatus()
    assert out.app_status == UnknownStatus()
    assert out is not None and isinstance(out, State)


class LeaderCharm(CharmBase):
    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        self.framework.observe(self.on.start, self._on_start)

    def _on_start(self, _):
        if self.unit.is_leader():
            self.unit.status = ActiveStatus("I rule")
        else:
            self.unit.status = ActiveStatus("I am ruled")


@pytest.mark.parametrize("leader", (True, False))
def test_status_leader(leader):
    ctx = Context(LeaderCharm, meta={"name": "foo"})
    out = ctx.run("start", State(leader=leader))
    assert out.unit_status == ActiveStatus("I rule" if leader else "I am ruled")
    # The output keeps the leadership it was given.
    assert out.leader is leader


@pytest.mark.parametrize("event", ["start", Event("start")])
def test_event_given_by_name_or_as_event(event):
    ctx = Context(LeaderCharm, meta={"name": "foo"})
    out = ctx.run(event, State(leader=True))
    assert out.unit_status == ActiveStatus("I rule")


def test_the_charm_sees_its_identity_and_config():
    seen = {}

    class IdentityCharm(CharmBase):
        def __init__(self, framework: ops.Framework):
            super().__init__(framework)
            framework.observe(self.on.config_changed, self._on_config_changed)

        def _on_config_changed(self, _):
            seen["app"] = self.app.name
            seen["unit"] = self.unit.name
            seen["config"] = dict(self.config)

    ctx = Context(
        IdentityCharm,
        meta={"name": "foo"},
        config={"options": {"bar": {"type": "string", "default": "x"}}},
    )
    ctx.run("config-changed", State(config={"bar": "baz"}, unit_id=3))
    assert seen == {"app": "foo", "unit": "foo/3", "config": {"bar": "baz"}}
