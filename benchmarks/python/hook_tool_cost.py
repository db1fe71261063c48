# SPDX-License-Identifier: Apache-2.0
"""What one hook-tool call costs a charm under scenario, and how much of it is ops.

A charm's model calls go through ops' real ``_ModelBackend``: it formats the
command line, runs the tool (under scenario: the engine, in-process), parses its
output and maps errors. This script times the same backend calls two ways, in one
process, alternately: answered by the engine, and answered instantly with the same
text the engine gave (what is left is ops' own cost, plus the few Python lines that
hand the call over). It then counts the hook-tool calls each benchmark workload makes
per run, which, times ops' own cost per call, is time no in-process simulator that
runs ops' backend can avoid; the newest ops-scenario replaces the backend's methods
instead, so it never pays it.

    python benchmarks/python/hook_tool_cost.py [--calls 2000]
"""

from __future__ import annotations

import argparse
import collections
import pathlib
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

import ops
import scenario
from scenario import _ops_adapter

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))

import workloads  # noqa: E402  (benchmarks/ is not a package)

META = {"name": "bench", "requires": {"db": {"interface": "db"}}}
CONFIG = {"options": {"name": {"type": "string", "default": "x"}}}

BackendCall = Callable[[Any, int], object]

CALLS: dict[str, BackendCall] = {
    "juju-log": lambda backend, rid: backend.juju_log("INFO", "a line of the charm's log"),
    "relation-ids": lambda backend, rid: backend.relation_ids("db"),
    "relation-list": lambda backend, rid: backend.relation_list(rid),
    "relation-get": lambda backend, rid: backend.relation_get(rid, "remote/0", False),
    "config-get": lambda backend, rid: backend.config_get(),
    "status-get": lambda backend, rid: backend.status_get(),
}


class _Recording:
    """A hook runner that answers from the engine and keeps each answer by argv."""

    def __init__(self, runner: _ops_adapter.HookRunner) -> None:
        self._runner = runner
        self.answers: dict[tuple[str, ...], tuple[int, str, str]] = {}

    def __call__(self, argv: Sequence[str], stdin: str | None) -> tuple[int, str, str]:
        answer = self._runner(argv, stdin)
        self.answers[tuple(argv)] = answer
        return answer


def _replaying(answers: dict[tuple[str, ...], tuple[int, str, str]]) -> _ops_adapter.HookRunner:
    def run(argv: Sequence[str], stdin: str | None) -> tuple[int, str, str]:
        return answers[tuple(argv)]

    return run


def _engine_runner() -> _ops_adapter.HookRunner:
    """The runner ops' hook-tool calls go to now (inside a run: the engine's)."""
    if _ops_adapter._HOOKCMDS:
        shim = sys.modules["ops.hookcmds._utils"].subprocess
    else:
        shim = ops.model.subprocess
    return shim._runner


def per_call_medians(calls: int) -> dict[str, tuple[float, float]]:
    """(engine, replayed) median seconds per call, for each call of CALLS."""
    ctx = scenario.Context(ops.CharmBase, meta=META, config=CONFIG)
    relation = scenario.Relation("db", remote_units_data={0: {"k": "v"}, 1: {}})
    state = scenario.State(relations=[relation], config={"name": "n"})
    results = {}
    try:
        with ctx.manager("start", state) as mgr:
            backend = mgr.charm.model._backend
            rid = relation.relation_id
            recording = _Recording(_engine_runner())
            with _ops_adapter.HookToolsRoutedTo(recording):
                for call in CALLS.values():
                    call(backend, rid)  # warm-up, and the answers to replay
            replay = _ops_adapter.HookToolsRoutedTo(_replaying(recording.answers))
            for name, call in CALLS.items():
                engine: list[float] = []
                replayed: list[float] = []
                for _ in range(calls):
                    start = time.perf_counter()
                    call(backend, rid)
                    engine.append(time.perf_counter() - start)
                    with replay:
                        start = time.perf_counter()
                        call(backend, rid)
                        replayed.append(time.perf_counter() - start)
                results[name] = (statistics.median(engine), statistics.median(replayed))
    finally:
        ctx.cleanup()
    return results


class _Counting(_ops_adapter.HookToolsRoutedTo):
    """Routes hook tools as a run does, counting the calls by tool."""

    counts: collections.Counter[str] = collections.Counter()

    def __init__(self, runner: _ops_adapter.HookRunner) -> None:
        def counting(argv: Sequence[str], stdin: str | None) -> tuple[int, str, str]:
            _Counting.counts[argv[0]] += 1
            return runner(argv, stdin)

        super().__init__(counting)


def calls_per_run() -> dict[str, collections.Counter[str]]:
    """The hook-tool calls of one run of each single-measurement workload, by tool."""
    real = _ops_adapter.HookToolsRoutedTo
    out = {}
    _ops_adapter.HookToolsRoutedTo = _Counting  # type: ignore[misc]  # what runtime enters
    try:
        for workload in workloads.WORKLOADS:
            if workload.params or workload.runs_in_a_row:
                continue
            run = workload.api_58(scenario, None)
            run()  # warm-up
            _Counting.counts = collections.Counter()
            run()
            out[workload.name] = collections.Counter(_Counting.counts)
    finally:
        _ops_adapter.HookToolsRoutedTo = real  # type: ignore[misc]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=2000)
    args = parser.parse_args()

    medians = per_call_medians(args.calls)
    print(f"ops {ops.__version__}, {args.calls} calls each, median per call")
    print(f"{'call':<14} {'engine':>10} {'replayed':>10} {'ops share':>10}")
    for name, (engine, replayed) in medians.items():
        print(
            f"{name:<14} {engine * 1e6:>8.1f}us {replayed * 1e6:>8.1f}us "
            f"{replayed / engine:>10.2f}"
        )
    default = statistics.median(replayed for _, replayed in medians.values())
    print()
    print(
        "hook-tool calls per run, and ops' own cost of them (the replayed time per call; "
        f"{default * 1e6:.1f}us for a tool not timed above)"
    )
    print(f"{'workload':<18} {'calls':>6} {'ops cost':>10}  by tool")
    for name, counts in calls_per_run().items():
        cost = sum(n * medians.get(tool, (0.0, default))[1] for tool, n in counts.items())
        tools = ", ".join(f"{tool} {n}" for tool, n in counts.most_common())
        print(f"{name:<18} {sum(counts.values()):>6} {cost * 1e3:>8.2f}ms  {tools}")


if __name__ == "__main__":
    main()
