# SPDX-License-Identifier: Apache-2.0
"""tests/python/benchmarks/test_harness.py: how benchmarks/run.py asks the tools for timings.

With stand-in workers (no venv, no subprocess): the tools take turns, a failing tool
is reported with its error and asked nothing more, runs in a row alternate in chunks.
"""

from __future__ import annotations

import pathlib
import sys

BENCHMARKS = pathlib.Path(__file__).resolve().parents[3] / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import run  # noqa: E402
import workloads  # noqa: E402


class FakeWorker:
    def __init__(self, name, log, fail=False):
        self.name, self.log, self.fail = name, log, fail

    def request(self, **request):
        self.log.append((self.name, request["iterations"]))
        if self.fail:
            return {"ok": False, "error": f"{self.name} broke"}
        return {"ok": True, "times": [0.001] * request["iterations"]}


def _workers(log, failing=()):
    return {
        name: FakeWorker(name, log, fail=name in failing)
        for name in ("ours", "scenario-5.8.1", "newest", "floor")
    }


def test_tools_take_turns_in_rotating_order():
    log = []
    run.measure(
        _workers(log), workloads.BY_NAME["start"], None, rounds=3, round_budget=0.01, in_a_row=0
    )
    calibration, rounds = log[:4], log[4:]
    assert [name for name, _ in calibration] == ["ours", "scenario-5.8.1", "newest", "floor"]
    firsts = [rounds[i * 4][0] for i in range(3)]
    assert firsts == ["ours", "scenario-5.8.1", "newest"]
    # 0.01 s per round at 1 ms a run.
    assert all(iterations == 10 for _, iterations in rounds)


def test_a_failing_tool_is_reported_and_not_asked_again():
    log = []
    results = run.measure(
        _workers(log, failing={"newest"}),
        workloads.BY_NAME["start"],
        None,
        rounds=2,
        round_budget=0.01,
        in_a_row=0,
    )
    assert results["newest"] == {"times": [], "error": "newest broke"}
    assert [name for name, _ in log].count("newest") == 1
    assert len(results["ours"]["times"]) == 3 + 2 * 10


def test_a_workload_without_floor_does_not_ask_the_floor():
    log = []
    bare = workloads.Workload("bare", "no floor", workloads._start_58, workloads._start_new)
    results = run.measure(
        _workers(log),
        bare,
        None,
        rounds=1,
        round_budget=0.01,
        in_a_row=0,
    )
    assert "floor" not in results
    assert all(name != "floor" for name, _ in log)


def test_runs_in_a_row_alternate_in_chunks():
    log = []
    results = run.measure(
        _workers(log),
        workloads.BY_NAME["runs_1000"],
        None,
        rounds=7,
        round_budget=1,
        in_a_row=120,
    )
    assert log == [
        (tool, chunk)
        for chunk in (50, 50, 20)
        for tool in ("ours", "scenario-5.8.1", "newest", "floor")
    ]
    assert all(len(r["times"]) == 120 for r in results.values())


def test_render_writes_the_document_from_saved_results(tmp_path, monkeypatch):
    import json

    import report

    results = tmp_path / "results.json"
    results.write_text(
        json.dumps(
            {
                "info": {"date": "today"},
                "command": "python3 benchmarks/run.py --quick",
                "results": {
                    "start": {
                        "None": {
                            "ours": {"times": [0.001]},
                            "scenario-5.8.1": {"times": [0.03]},
                            "newest": {"times": [], "error": "Boom: x"},
                        }
                    }
                },
            }
        )
    )
    doc = tmp_path / "performance.md"
    monkeypatch.setattr(run, "RESULTS", results)
    monkeypatch.setattr(run, "DOC", doc)
    monkeypatch.setattr(run, "ROOT", tmp_path)
    monkeypatch.setattr(report, "plot", lambda *_: ["scale_units.png"])
    assert run.render() == 0
    text = doc.read_text()
    assert "Regenerate with `python3 benchmarks/run.py --quick`" in text
    assert "| start: leader, config, relation write | 1 | 30 | failed (1) |" in text
    assert "1. Boom: x" in text
    assert "![scale_units.png](performance/scale_units.png)" in text
    assert "## What we optimized" in text


def test_render_without_results_says_so(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(run, "RESULTS", tmp_path / "missing.json")
    assert run.render() == 1
    assert "run the benchmarks first" in capsys.readouterr().err


def test_history_keeps_full_runs_of_the_same_code_newest_last(tmp_path: pathlib.Path):
    import json

    for stamp, code, value in (
        ("20260101T000000", "aaaa", 1),
        ("20260102T000000", "bbbb", 2),
        ("20260103T000000", "aaaa", 3),
    ):
        (tmp_path / f"{stamp}-{code}.json").write_text(json.dumps({"results": {"n": value}}))
    assert run.same_code_runs("aaaa", tmp_path) == [{"n": 1}, {"n": 3}]
    assert run.same_code_runs(None, tmp_path) == []
    assert run.same_code_runs("cccc", tmp_path / "missing") == []
    for day in range(10, 10 + run.HISTORY_RUNS + 2):
        (tmp_path / f"202601{day}T000000-dddd.json").write_text(json.dumps({"results": day}))
    kept = run.same_code_runs("dddd", tmp_path)
    assert kept == list(range(12, 10 + run.HISTORY_RUNS + 2))


def test_code_identity_changes_with_the_benchmark_code(monkeypatch):
    before = run.code_identity()
    monkeypatch.setattr(run.envs, "source_fingerprint", lambda: "another tree")
    assert run.code_identity() != before
