# SPDX-License-Identifier: Apache-2.0
"""The README's example charm: statuses by leadership, and a backup action.

Its ``_on_event`` is the README's "Statuses" charm code, with the two placeholders
(``_call_that_takes_a_few_seconds_and_only_passes_on_leadership`` and
``_check_that_takes_some_more_time``) made real.
"""

from __future__ import annotations

from ops.charm import ActionEvent, CharmBase
from ops.framework import Framework
from ops.model import ActiveStatus, BlockedStatus, MaintenanceStatus, WaitingStatus


class MyCharm(CharmBase):
    """Goes maintenance -> (active | waiting -> active) on start; blocked on failure."""

    fail_check = False
    """Set by a test to make the slow check raise."""

    def __init__(self, framework: Framework):
        super().__init__(framework)
        framework.observe(self.on.start, self._on_event)
        # Tests may pass their own ``meta`` (without actions) to Context.
        if "do_backup" in self.meta.actions:
            framework.observe(self.on.do_backup_action, self._on_do_backup)

    @property
    def _call_that_takes_a_few_seconds_and_only_passes_on_leadership(self) -> bool:
        return self.unit.is_leader()

    def _check_that_takes_some_more_time(self) -> None:
        if self.fail_check:
            raise RuntimeError("the check failed")

    def _on_event(self, _event: object) -> None:
        self.unit.status = MaintenanceStatus("determining who the ruler is...")
        try:
            if self._call_that_takes_a_few_seconds_and_only_passes_on_leadership:
                self.unit.status = ActiveStatus("I rule")
            else:
                self.unit.status = WaitingStatus("checking this is right...")
                self._check_that_takes_some_more_time()
                self.unit.status = ActiveStatus("I am ruled")
        except Exception:
            self.unit.status = BlockedStatus("something went wrong")

    def _on_do_backup(self, event: ActionEvent) -> None:
        event.log("baz")
        event.log("qux")
        if event.params.get("fail"):
            event.fail("boo-hoo")
            return
        event.set_results({"foo": "bar"})
