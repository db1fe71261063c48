# SPDX-License-Identifier: Apache-2.0
"""A container that cannot connect: every Pebble call fails as ops expects."""

from __future__ import annotations

import ops
import pytest
from ops import pebble
from scenario import Container, Context, State
from scenario.errors import UncaughtCharmError

META = {"name": "app", "containers": {"web": {}, "db": {}}}

CALLS = {
    "push": lambda c: c.push("/f", "x"),
    "pull": lambda c: c.pull("/f"),
    "list_files": lambda c: c.list_files("/"),
    "make_dir": lambda c: c.make_dir("/d"),
    "remove_path": lambda c: c.remove_path("/f"),
    "add_layer": lambda c: c.add_layer("l", {"services": {}}),
    "get_plan": lambda c: c.get_plan(),
    "get_services": lambda c: c.get_services(),
    "replan": lambda c: c.replan(),
    "exec": lambda c: c.exec(["ls"]),
    "get_checks": lambda c: c.get_checks(),
}


@pytest.mark.parametrize("call", sorted(CALLS))
def test_every_call_raises_connection_error(call: str):
    state = State(containers=[Container("web", can_connect=False)])
    with Context(ops.CharmBase, meta=META).manager("start", state) as mgr:
        web = mgr.charm.unit.get_container("web")
        assert not web.can_connect()
        with pytest.raises(pebble.ConnectionError) as info:
            CALLS[call](web)
        assert "can_connect=False" in str(info.value)


def test_a_container_missing_from_the_state_cannot_connect():
    state = State(containers=[Container("web", can_connect=True)])
    with Context(ops.CharmBase, meta=META).manager("start", state) as mgr:
        db = mgr.charm.unit.get_container("db")
        assert not db.can_connect()
        with pytest.raises(pebble.ConnectionError) as info:
            db.get_plan()
        assert "not in the State" in str(info.value)


class Pushes(ops.CharmBase):
    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.start, self._on_start)

    def _on_start(self, _: ops.StartEvent) -> None:
        self.unit.get_container("web").push("/f", "x")


def test_uncaught_connection_error_reaches_the_test():
    state = State(containers=[Container("web")])
    with pytest.raises(UncaughtCharmError) as info:
        Context(Pushes, meta=META).run("start", state)
    assert isinstance(info.value.__cause__, pebble.ConnectionError)


def test_state_is_carried_through_unchanged():
    container = Container("web", can_connect=False)
    out = Context(ops.CharmBase, meta=META).run("update-status", State(containers=[container]))
    assert out.containers == [container]
