# SPDX-License-Identifier: Apache-2.0
"""Does run N cost more than run 10? Times 1,000 consecutive runs in one process.

Prints the median per-run time of an early window (runs 10-209) and of the last
window (runs 801-1000), and their ratio; a ratio near 1.0 means no drift (nothing
accumulates across runs: handlers, environment, class attributes, records).

    python benchmarks/python/run_drift.py [--runs 1000]
"""

from __future__ import annotations

import argparse
import logging
import pathlib
import statistics
import sys
import time

import ops
import scenario

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))

from report import DRIFT_SKIP, drift_windows  # noqa: E402  (benchmarks/ is not a package)


class _Charm(ops.CharmBase):
    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.start, self._on_start)
        framework.observe(self.on.db_relation_changed, self._on_changed)

    def _on_start(self, _: ops.StartEvent) -> None:
        self.unit.status = ops.ActiveStatus("leader" if self.unit.is_leader() else "follower")

    def _on_changed(self, event: ops.RelationChangedEvent) -> None:
        event.relation.data[self.unit]["seen"] = event.relation.data[event.app].get("x", "")
        logging.getLogger(__name__).info("changed")


META = {"name": "drift", "requires": {"db": {"interface": "db"}}}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1000)
    args = parser.parse_args()

    ctx = scenario.Context(_Charm, meta=META)
    relation = scenario.Relation("db", remote_app_data={"x": "1"})
    state = scenario.State(leader=True, relations=[relation])
    times = []
    for i in range(args.runs):
        event = relation.changed_event if i % 2 else "start"
        start = time.perf_counter()
        ctx.run(event, state)
        times.append(time.perf_counter() - start)
        ctx.cleanup()  # as a test suite does: one Context per test, records reset

    windows = drift_windows(times)  # the same windows as the benchmark report's
    if windows is None:
        raise SystemExit(f"{args.runs} runs are too few to compare two windows of 50")
    early, late = (statistics.median(window) for window in windows)
    size = len(windows[0])
    print(f"runs: {args.runs} (ops {ops.__version__})")
    print(f"median per run, runs {DRIFT_SKIP}-{DRIFT_SKIP + size - 1}: {early * 1e3:.3f} ms")
    print(f"median per run, last {size} runs: {late * 1e3:.3f} ms")
    print(f"ratio late/early: {late / early:.2f}")


if __name__ == "__main__":
    main()
