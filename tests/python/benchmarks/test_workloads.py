# SPDX-License-Identifier: Apache-2.0
"""tests/python/benchmarks/test_workloads.py: the benchmark workloads run under our package.

A smoke test of benchmarks/: every workload, written in the ops-scenario 5.8 API,
runs in-process with our package and returns timings; so does the ops floor. No venv,
no network, two runs each: it proves the definitions are sound, it measures nothing.
"""

from __future__ import annotations

import functools
import inspect
import math
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
    reply = worker.Worker("floor").measure(workload.name, _smallest(workload), 2, 1)
    assert reply["ok"], reply.get("traceback")
    assert len(reply["times"]) == 2


def _count_calls(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> list[object]:
    calls: list[object] = []
    real = getattr(owner, name)

    @functools.wraps(real)  # ops observes a method by its name
    def counted(*args: object, **kwargs: object) -> object:
        calls.append(args[1] if len(args) > 1 else None)
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, counted)
    return calls


def test_the_deferred_floor_starts_with_its_events_deferred(monkeypatch: pytest.MonkeyPatch):
    import floor

    run = floor.make_run(workloads.BY_NAME["deferred"].floor(None))
    handled = _count_calls(monkeypatch, workloads.DeferringCharm, "_on_update_status")
    run()
    run()  # each run starts from the same seeded store
    # Each run re-emits the deferred ones; an ops that skips duplicate events skips the
    # new one, identical to them.
    import ops

    skips = "skip_duplicate_events" in inspect.signature(ops.Framework.__init__).parameters
    assert len(handled) == 2 * (workloads._DEFERRED + (0 if skips else 1))


def test_the_relations_floor_builds_every_relation(monkeypatch: pytest.MonkeyPatch):
    import floor

    run = floor.make_run(workloads.BY_NAME["relations_100x10"].floor(None))
    listed = _count_calls(monkeypatch, floor.AnsweringBackend, "relation_list")
    read = _count_calls(monkeypatch, floor.AnsweringBackend, "relation_get")
    run()
    assert sorted(listed) == list(range(100))  # one relation-list per relation id
    assert read == [0]  # the charm reads one unit's databag


def test_the_pebble_floors_run_the_handler(monkeypatch: pytest.MonkeyPatch):
    import floor

    for name, charm, param in (
        ("pebble", workloads.PebbleCharm, None),
        ("scale_files", workloads.FilesCharm, 3),
    ):
        handled = _count_calls(monkeypatch, charm, "_on_ready")
        floor.make_run(workloads.BY_NAME[name].floor(param))()
        assert len(handled) == 1, name


def test_the_new_context_floor_builds_the_metadata_in_every_run(monkeypatch: pytest.MonkeyPatch):
    import floor

    built = _count_calls(monkeypatch, floor, "_meta")
    run = floor.make_run(workloads.BY_NAME["fresh_context"].floor(None))
    run()
    run()
    assert len(built) == 2
    built.clear()
    run = floor.make_run(workloads.BY_NAME["start"].floor(None))
    run()
    run()
    assert len(built) == 1


def test_the_floor_logs_and_evaluates_status_as_ops_main_does(monkeypatch: pytest.MonkeyPatch):
    import floor
    import ops

    logged = _count_calls(monkeypatch, floor.AnsweringBackend, "juju_log")
    evaluated = _count_calls(monkeypatch, ops.charm, "_evaluate_status")
    floor.make_run(workloads.BY_NAME["no_observers"].floor(None))()
    # ops.main's "up and running" and "Emitting Juju event" lines, through juju-log.
    assert logged == ["DEBUG", "DEBUG"]
    assert len(evaluated) == 1


def test_floor_leaves_no_logging_handler_behind():
    import logging

    root = logging.getLogger()
    before = list(root.handlers), root.level
    reply = worker.Worker("floor").measure("logs_200", None, 2, 0)
    assert reply["ok"], reply.get("traceback")
    assert (list(root.handlers), root.level) == before


def test_a_workload_without_floor_is_reported_not_raised(monkeypatch: pytest.MonkeyPatch):
    bare = workloads.Workload("bare", "no floor", workloads._start_58, workloads._start_new)
    monkeypatch.setitem(workloads.BY_NAME, "bare", bare)
    reply = worker.Worker("floor").measure("bare", None, 1, 0)
    assert reply == {
        "ok": False,
        "error": "LookupError: bare has no ops floor",
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


def test_spread_over_runs_gives_each_ratios_range_and_the_misses_per_target():
    runs = [
        report.summarize({"start": {"None": _results(0.001, 0.030, 0.006, floor=0.0005)}}),
        report.summarize({"start": {"None": _results(0.001, 0.020, 0.003, floor=0.0007)}}),
    ]
    text = report.spread(runs)
    assert "| targets missed (of 2) |" in text
    assert (
        "| start: leader, config, relation write | 20.0-30.0x faster | 3.0-6.0x faster "
        "| 1.43-2.00 | 1.5x of floor (1), 4x vs newest (1) |"
    ) in text
    doc = report.document(runs[1], {}, "cmd", [], pathlib.Path("/nonexistent"), runs)
    assert "## Across runs" in doc and "last 2 full runs" in doc
    single = report.document(runs[1], {}, "cmd", [], pathlib.Path("/nonexistent"), runs[:1])
    assert "## Across runs" not in single


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
    times = [0.001] * 700 + [0.002] * 300  # the late window (last 200) is all slower
    drift = {"runs_1000": {"None": {"ours": {"times": times}}}}
    (row,) = report.summarize(drift)
    assert row.cells["ours"].drift == pytest.approx(2.0)
    assert "no drift" in row.misses()
    curve = {
        "scale_relations": {
            "1": {"ours": {"times": [0.0005]}},
            "10": {"ours": {"times": [0.001]}},
            "100": {"ours": {"times": [0.1]}},
        }
    }
    exps = report.exponents(report.summarize(curve))
    assert exps[("scale_relations", "ours")] == pytest.approx(2.0)


def test_growth_is_fitted_to_the_largest_points_not_the_last_two():
    # Linear, but the largest point measured 2x high (a noisy moment): over the last
    # step alone that reads 1.30; the fit over the three largest reads 1.15. The
    # smallest point (fixed costs, 50x the line here) is never fitted.
    times = {"1": 0.5, "10": 0.01, "100": 0.1, "1000": 2.0}
    curve = {"scale_units": {n: {"ours": {"times": [t]}} for n, t in times.items()}}
    exps = report.exponents(report.summarize(curve))
    assert exps[("scale_units", "ours")] == pytest.approx(math.log(200) / math.log(100))
    # Uneven spacing: the middle point counts too.
    times = {"1": 0.5, "10": 0.01, "20": 0.02, "1000": 1.0}
    curve = {"scale_units": {n: {"ours": {"times": [t]}} for n, t in times.items()}}
    exps = report.exponents(report.summarize(curve))
    assert exps[("scale_units", "ours")] == pytest.approx(1.0)


def test_growth_needs_two_points_besides_the_smallest():
    curve = {"scale_units": {n: {"ours": {"times": [0.01]}} for n in ("1", "10")}}
    assert report.exponents(report.summarize(curve)) == {}


def test_drift_windows_are_as_wide_as_the_runs_allow():
    early, late = report.drift_windows(list(range(1000)))
    assert (early[0], early[-1], late[0], late[-1]) == (10, 209, 800, 999)
    early, late = report.drift_windows(list(range(200)))  # --quick: 200 runs in a row
    assert (len(early), len(late), early[0]) == (95, 95, 10)
    assert report.drift_windows(list(range(100))) is None


def test_a_floor_store_copies_its_seed():
    import floor

    seed = floor.DictStorage()
    seed.save_snapshot("StoredStateData[_stored]", {"event_count": 5})
    copied = floor.DictStorage(seed)
    copied.load_snapshot("StoredStateData[_stored]")["event_count"] += 1  # as ops does
    assert seed.load_snapshot("StoredStateData[_stored]") == {"event_count": 5}


def test_run_drift_says_when_the_runs_are_too_few():
    import subprocess

    script = BENCHMARKS / "python" / "run_drift.py"
    done = subprocess.run(
        [sys.executable, str(script), "--runs", "60"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 1
    assert "60 runs are too few to compare two windows of 50" in done.stderr


@pytest.mark.parametrize("name", ["start", "relations_100x10"])
def test_the_floor_keeps_nothing_of_a_run_and_leaves_it_to_no_collector(
    name: str, monkeypatch: pytest.MonkeyPatch
):
    # A floor that kept each run's framework and model (ops' event caches never let an
    # emitter go) would pay, in every later run, for garbage no careful simulator makes.
    import gc
    import weakref

    import floor
    import ops

    models: list[weakref.ref[ops.Model]] = []
    real_init = ops.Model.__init__

    def remembering(self: ops.Model, *args: object, **kwargs: object) -> None:
        real_init(self, *args, **kwargs)
        models.append(weakref.ref(self))

    run = floor.make_run(workloads.BY_NAME[name].floor(None))
    run()
    gc.collect()
    monkeypatch.setattr(ops.Model, "__init__", remembering)
    gc.disable()
    try:
        run()
    finally:
        gc.enable()
    assert len(models) == 1 and models[0]() is None
