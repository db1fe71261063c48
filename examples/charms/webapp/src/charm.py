#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""A small web application charm used by the demo and the end-to-end tests."""

from __future__ import annotations

import logging

import ops

logger = logging.getLogger(__name__)


class WebappCharm(ops.CharmBase):
    """Runs a web server and talks to a database."""

    _stored = ops.StoredState()

    def __init__(self, framework: ops.Framework) -> None:
        super().__init__(framework)
        self._stored.set_default(starts=0)
        framework.observe(self.on.start, self._on_start)
        framework.observe(self.on.config_changed, self._on_config_changed)
        framework.observe(self.on.database_relation_changed, self._on_database_changed)
        framework.observe(self.on.backup_action, self._on_backup)
        framework.observe(self.on.web_pebble_ready, self._on_web_pebble_ready)

    def _on_start(self, _: ops.StartEvent) -> None:
        self._stored.starts += 1
        if self.unit.is_leader():
            self.unit.status = ops.ActiveStatus("leader")
        else:
            self.unit.status = ops.ActiveStatus("follower")

    def _on_config_changed(self, _: ops.ConfigChangedEvent) -> None:
        port = int(self.config["port"])
        if not 1024 <= port <= 65535:
            self.unit.status = ops.BlockedStatus(f"invalid port {port}")
            return
        self.unit.set_ports(port)
        self.unit.status = ops.ActiveStatus()

    def _on_database_changed(self, event: ops.RelationChangedEvent) -> None:
        password = event.relation.data[event.app].get("password")
        if not password:
            self.unit.status = ops.WaitingStatus("waiting for database credentials")
            return
        event.relation.data[self.unit]["ready"] = "true"
        logger.info("database credentials received")
        self.unit.status = ops.ActiveStatus()

    def _on_web_pebble_ready(self, event: ops.PebbleReadyEvent) -> None:
        container = event.workload
        port = int(self.config["port"])
        container.push("/etc/webapp/config.json", f'{{"port": {port}}}', make_dirs=True)
        layer: ops.pebble.LayerDict = {
            "summary": "webapp",
            "services": {
                "webapp": {
                    "override": "replace",
                    "command": f"webapp --config /etc/webapp/config.json --port {port}",
                    "startup": "enabled",
                },
            },
        }
        container.add_layer("webapp", layer, combine=True)
        container.replan()
        version, _ = container.exec(["webapp", "--version"]).wait_output()
        self.unit.set_workload_version(version.strip())
        self.unit.status = ops.ActiveStatus(f"serving on port {port}")

    def _on_backup(self, event: ops.ActionEvent) -> None:
        target = event.params["target"]
        event.log(f"backing up to {target}")
        event.set_results({"target": target, "compressed": event.params.get("compress", True)})


if __name__ == "__main__":  # pragma: nocover
    ops.main(WebappCharm)
