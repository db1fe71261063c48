# SPDX-License-Identifier: Apache-2.0
"""A test's patch of ``builtins.open`` serves ops' read of a local file to push."""

from __future__ import annotations

import pathlib
import unittest.mock

import ops
from scenario import Container, Context, State


class Pusher(ops.CharmBase):
    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.workload_pebble_ready, self._on_ready)

    def _on_ready(self, event: ops.PebbleReadyEvent):
        event.workload.push_path(str(LOCAL), "/data")


LOCAL = pathlib.Path(__file__)


def test_push_path_reads_through_the_tests_patch_of_open(tmp_path):
    container = Container("workload", can_connect=True)
    ctx = Context(Pusher, meta={"name": "pusher", "containers": {"workload": {}}})
    with unittest.mock.patch("builtins.open", unittest.mock.mock_open(read_data=b"MOCKED")):
        ctx.run(container.pebble_ready_event, State(containers=[container]))
    pushed = container.get_filesystem(ctx) / "data" / LOCAL.name
    assert pushed.read_bytes() == b"MOCKED"
