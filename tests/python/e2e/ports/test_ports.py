# SPDX-License-Identifier: Apache-2.0
"""README "Ports": ``State.opened_ports`` in and out."""

from __future__ import annotations

import ops
from scenario import Context, Port, State

SEEN: dict = {}


class MyCharm(ops.CharmBase):
    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.start, self._on_start)
        framework.observe(self.on.stop, self._on_stop)
        framework.observe(self.on.update_status, self._on_update_status)

    def _on_start(self, _):
        self.unit.open_port("tcp", 42)

    def _on_stop(self, _):
        self.unit.close_port("tcp", 42)

    def _on_update_status(self, _):
        SEEN["ports"] = {(p.protocol, p.port) for p in self.unit.opened_ports()}


def test_port_opened_by_a_previous_run_is_visible():
    ctx = Context(MyCharm, meta={"name": "foo"})
    out = ctx.run("update-status", State(opened_ports=[Port("tcp", 42), Port("udp", 53)]))
    assert SEEN["ports"] == {("tcp", 42), ("udp", 53)}
    assert sorted(out.opened_ports, key=lambda p: p.protocol) == [
        Port("tcp", 42),
        Port("udp", 53),
    ]


def test_open_then_close():
    ctx = Context(MyCharm, meta={"name": "foo"})
    state1 = ctx.run("start", State())
    assert state1.opened_ports == [Port("tcp", 42)]

    state2 = ctx.run("stop", state1)
    assert state2.opened_ports == []


def test_set_ports_replaces_the_opened_ports():
    class Setter(ops.CharmBase):
        def __init__(self, framework: ops.Framework):
            super().__init__(framework)
            framework.observe(self.on.config_changed, self._on_config_changed)

        def _on_config_changed(self, _):
            self.unit.set_ports(8080, ops.Port("udp", 9000), ops.Port("icmp", None))

    out = Context(Setter, meta={"name": "foo"}).run(
        "config-changed", State(opened_ports=[Port("tcp", 42)])
    )
    assert sorted(out.opened_ports, key=lambda p: (p.protocol, p.port or 0)) == [
        Port("icmp"),
        Port("tcp", 8080),
        Port("udp", 9000),
    ]
