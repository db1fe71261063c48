# SPDX-License-Identifier: Apache-2.0
"""tests/python/benchmarks/test_hook_tool_cost.py: the hook-tool cost script runs.

A smoke test with a few calls per kind; the numbers are not checked, the shape is:
every call timed both ways, and every single-measurement workload's calls counted.
"""

from __future__ import annotations

import pathlib
import runpy
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[3]
SCRIPT = ROOT / "benchmarks" / "python" / "hook_tool_cost.py"


def test_prints_costs_and_counts(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture):
    monkeypatch.setattr(sys, "argv", [str(SCRIPT), "--calls", "3"])
    monkeypatch.syspath_prepend(str(ROOT / "benchmarks"))
    runpy.run_path(str(SCRIPT), run_name="__main__")
    out = capsys.readouterr().out
    calls, _, workloads_part = out.partition("\n\n")
    rows = {line.split()[0]: line.split()[1:] for line in calls.splitlines()[2:]}
    assert set(rows) == {
        "juju-log",
        "relation-ids",
        "relation-list",
        "relation-get",
        "config-get",
        "status-get",
    }
    assert all(0 < float(ratio) for *_, ratio in rows.values())
    counted = {line.split()[0]: line for line in workloads_part.splitlines()[2:]}
    assert "logs_200" in counted and "juju-log 202" in counted["logs_200"]
    assert "relation-list 100" in counted["relations_100x10"]
    # The event capture and hook-tool routing of later runs are untouched.
    from scenario import _ops_adapter

    assert _ops_adapter.HookToolsRoutedTo.__name__ == "HookToolsRoutedTo"
