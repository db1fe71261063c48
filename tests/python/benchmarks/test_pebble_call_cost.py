# SPDX-License-Identifier: Apache-2.0
"""tests/python/benchmarks/test_pebble_call_cost.py: the Pebble call-cost script runs.

A smoke test: two calls of each kind on both Pebbles; it measures nothing.
"""

from __future__ import annotations

import pathlib
import runpy
import sys

import pytest

SCRIPT = (
    pathlib.Path(__file__).resolve().parents[3] / "benchmarks" / "python" / "pebble_call_cost.py"
)


def test_prints_a_ratio_per_call(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture):
    monkeypatch.setattr(sys, "argv", [str(SCRIPT), "--calls", "2"])
    runpy.run_path(str(SCRIPT), run_name="__main__")
    out = capsys.readouterr().out
    rows = {line[:14].strip(): line.split()[-1] for line in out.splitlines()[2:]}
    assert out.startswith("ops "), out
    assert set(rows) == {
        "push 1 KiB",
        "pull 1 KiB",
        "list_files",
        "exists",
        "add_layer",
        "get_plan",
        "get_services",
        "can_connect",
    }
    assert all(float(ratio) > 0 for ratio in rows.values())
