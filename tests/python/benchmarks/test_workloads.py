# SPDX-License-Identifier: Apache-2.0
"""tests/python/benchmarks/test_workloads.py: the benchmark workloads run under our package.

A smoke test of benchmarks/: every workload, written in the ops-scenario 5.8 API,
runs in-process with our package and returns timings; so does the ops floor. No venv,
no network, two runs each: it proves the definitions are sound, it measures nothing.
"""

from __future__ import annotations

import pathlib
import sys

import pytest

BENCHMARKS = pathlib.Path(__file__).resolve().parents[3] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import report  # noqa: E402
import worker  # noqa: E402
import workloads  # noqa: E402


def _smallest(workload: workloads.Workload) -> int | None:
    return min(workload.params) if workload.params else None


@pytest.mark.parametrize("workload", workloads.WORKLOADS, ids=lambda w: w.name)
def test_workload_runs_with_our_package(workload: workloads.Workload):
    reply = worker.Worker("5.8").measure(workload.name, _smallest(workload), 2, 0)
    assert reply["ok"], reply.get("traceback")
    assert len(reply["times"]) == 2
    assert all(t > 0 for t in reply["times"])


@pytest.mark.parametrize(
    "workload", [w for w in workloads.WORKLOADS if w.floor is not None], ids=lambda w: w.name
)
def test_floor_runs_the_same_charm(workload: workloads.Workload):
    reply = worker.Worker("floor").measure(workload.name, None, 2, 1)
    assert reply["ok"], reply.get("traceback")
    assert len(reply["times"]) == 2


def test_floor_leaves_no_logging_handler_behind():
    import logging

    root = logging.getLogger()
    before = list(root.handlers), root.level
    reply = worker.Worker("floor").measure("logs_200", None, 2, 0)
    assert reply["ok"], reply.get("traceback")
    assert (list(root.handlers), root.level) == before


def test_a_workload_without_floor_is_reported_not_raised():
    reply = worker.Worker("floor").measure("deferred", None, 1, 0)
    assert reply == {
        "ok": False,
        "error": "LookupError: deferred has no ops floor",
        "traceback": reply["traceback"],
    }


def test_a_failing_run_is_reported_with_its_cause():
    class Boom(Exception):
        pass

    def build(_: object, __: object):
        def run():
            try:
                raise KeyError("inner")
            except KeyError as e:
                raise Boom("outer") from e

        return run

    broken = workloads.Workload("broken", "broken", build, build)
    workloads.BY_NAME["broken"] = broken
    try:
        reply = worker.Worker("5.8").measure("broken", None, 1, 0)
    finally:
        del workloads.BY_NAME["broken"]
    assert not reply["ok"]
    assert reply["error"] == "Boom: outer (caused by KeyError: 'inner')"


def _results(ours, old, newest, floor=None, error=None):
    by_tool = {
        "ours": {"times": [ours] * 3},
        "scenario-5.8.1": {"times": [old] * 3},
        "newest": {"times": [newest] * 3},
    }
    if floor is not None:
        by_tool["floor"] = {"times": [floor] * 3}
    if error is not None:
        by_tool["newest"] = {"times": [], "error": error}
    return by_tool


def test_report_computes_ratios_and_targets():
    rows = report.summarize({"start": {"None": _results(0.001, 0.030, 0.003, floor=0.0007)}})
    (row,) = rows
    assert row.ratio("scenario-5.8.1") == pytest.approx(1 / 30)
    assert row.ratio("floor") == pytest.approx(1 / 0.7)
    # 0.001 vs 0.003 is 3x, short of the 4x target against the newest.
    assert row.misses() == ["4x vs newest"]
    text = report.table(rows)
    assert "| start: leader, config, relation write | 1 | 30 | 3 | 0.7 |" in text
    assert "0.033 (30.0x faster)" in text


def test_report_says_when_a_target_is_below_the_floor():
    # newest 6 ms / 4 = 1.5 ms, under the 2 ms floor: no run can meet that target.
    rows = report.summarize({"logs_200": {"None": _results(0.0025, 0.4, 0.006, floor=0.002)}})
    assert rows[0].misses() == ["4x vs newest (below the floor)"]
    rows = report.summarize({"start": {"None": _results(0.0025, 0.4, 0.006, floor=0.001)}})
    assert rows[0].misses() == ["4x vs newest", "1.5x of floor"]


def test_report_shows_a_failed_tool_with_its_error():
    rows = report.summarize({"secret": {"None": _results(0.001, 0.03, 0, error="Boom: x")}})
    text = report.table(rows)
    assert "failed (1)" in text
    assert "1. Boom: x" in text
    assert rows[0].ratio("newest") is None


def test_report_measures_drift_and_growth():
    times = [0.001] * 900 + [0.002] * 100
    drift = {"runs_1000": {"None": {"ours": {"times": times}}}}
    (row,) = report.summarize(drift)
    assert row.cells["ours"].drift == pytest.approx(2.0)
    assert "no drift" in row.misses()
    curve = {
        "scale_relations": {
            "10": {"ours": {"times": [0.001]}},
            "100": {"ours": {"times": [0.1]}},
        }
    }
    exps = report.exponents(report.summarize(curve))
    assert exps[("scale_relations", "ours")] == pytest.approx(2.0)
