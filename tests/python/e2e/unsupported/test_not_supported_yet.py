# SPDX-License-Identifier: Apache-2.0
"""Containers a run does not touch are carried through unchanged."""

from __future__ import annotations

import ops
from scenario import Container, Context, State

META = {"name": "k8s", "containers": {"web": {}}}


class PebbleCharm(ops.CharmBase):
    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.start, self._on_start)
        framework.observe(self.on.update_status, self._on_update_status)

    def _on_start(self, _: ops.StartEvent) -> None:
        self.unit.get_container("web").push("/etc/web.conf", "port: 80")

    def _on_update_status(self, _: ops.UpdateStatusEvent) -> None:
        self.unit.status = ops.ActiveStatus("idle")


def test_containers_are_carried_through_unchanged():
    container = Container("web", can_connect=True)
    out = Context(PebbleCharm, meta=META).run("update-status", State(containers=[container]))
    assert out.containers == [container]
    assert out.unit_status == ops.ActiveStatus("idle")
