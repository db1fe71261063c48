# SPDX-License-Identifier: Apache-2.0
"""README "Workload version history": the versions a charm set during a hook.

As with statuses, setting a version pushes the previous one (if any was set) onto the
history, and the last version set is the output State's ``workload_version``.
"""

from __future__ import annotations

import ops
from scenario import Context, State


class VersionCharm(ops.CharmBase):
    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.upgrade_charm, self._on_upgrade)

    def _on_upgrade(self, _):
        for version in ("1", "1.2", "1.5", "2.0"):
            self.unit.set_workload_version(version)


def test_workload_version_history():
    ctx = Context(VersionCharm, meta={"name": "foo"})
    out = ctx.run("upgrade-charm", State())
    assert ctx.workload_version_history == ["1", "1.2", "1.5"]
    assert out.workload_version == "2.0"


def test_initial_workload_version_is_first_in_history():
    ctx = Context(VersionCharm, meta={"name": "foo"})
    out = ctx.run("upgrade-charm", State(workload_version="0.9"))
    assert ctx.workload_version_history == ["0.9", "1", "1.2", "1.5"]
    assert out.workload_version == "2.0"


def test_untouched_workload_version_is_kept():
    ctx = Context(VersionCharm, meta={"name": "foo"})
    out = ctx.run("start", State(workload_version="3.1"))
    assert ctx.workload_version_history == []
    assert out.workload_version == "3.1"
