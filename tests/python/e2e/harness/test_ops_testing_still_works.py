# SPDX-License-Identifier: Apache-2.0
"""With our package installed, ops' own testing module (Harness) keeps working.

ops.testing tries to import the newer Scenario API from the `scenario` package and
falls back to its own names on ImportError; our package must not break that.
"""

from __future__ import annotations

import importlib

import ops
import pytest
import scenario


class _Charm(ops.CharmBase):
    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.start, self._on_start)

    def _on_start(self, _: ops.StartEvent) -> None:
        self.unit.status = ops.ActiveStatus("harnessed")


# ops 3.x marks Harness as pending deprecation; that warning is ops' own message.
@pytest.mark.filterwarnings("ignore:Harness is deprecated:PendingDeprecationWarning")
def test_harness_runs_with_scenario_installed():
    assert scenario.Context is not None  # our package is the one importable as scenario
    testing = importlib.import_module("ops.testing")
    harness = testing.Harness(_Charm, meta="name: harnessed")
    try:
        harness.begin()
        harness.charm.on.start.emit()
        assert harness.charm.unit.status == ops.ActiveStatus("harnessed")
    finally:
        harness.cleanup()
