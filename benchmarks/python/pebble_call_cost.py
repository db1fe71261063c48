# SPDX-License-Identifier: Apache-2.0
"""What one Pebble call costs a charm under scenario, next to ops' own testing Pebble.

Runs the same ``ops.Container`` calls against scenario's in-process Pebble (ops' real
``pebble.Client`` talking to the engine's handler) and against the Pebble of ops'
``Harness`` (``ops.testing``'s in-memory ``_TestingPebbleClient``), in one process, and
prints the median time per call of each and their ratio (scenario / Harness). The
two are called alternately, so machine load affects both alike.

    python benchmarks/python/pebble_call_cost.py [--calls 300]
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import time
import warnings
from collections.abc import Callable, Iterator

import ops
import ops.testing
import scenario

META = {"name": "bench", "containers": {"web": {}}}
META_YAML = "name: bench\ncontainers:\n  web: {}\n"
LAYER = {
    "summary": "web",
    "services": {"web": {"override": "replace", "command": "/bin/web", "startup": "enabled"}},
}
PAYLOAD = "x" * 1024

Call = Callable[[ops.Container, int], object]


def _pull(container: ops.Container) -> str:
    with container.pull("/data/f0") as f:
        return f.read()


CALLS: dict[str, Call] = {
    "push 1 KiB": lambda c, i: c.push(f"/data/f{i}", PAYLOAD, make_dirs=True),
    "pull 1 KiB": lambda c, i: _pull(c),
    "list_files": lambda c, i: c.list_files("/data"),
    "exists": lambda c, i: c.exists("/data/f0"),
    "add_layer": lambda c, i: c.add_layer("web", LAYER, combine=True),
    "get_plan": lambda c, i: c.get_plan(),
    "get_services": lambda c, i: c.get_services(),
    "can_connect": lambda c, i: c.can_connect(),
}


def _medians_per_call(
    ours: ops.Container, theirs: ops.Container, call: Call, calls: int
) -> tuple[float, float]:
    """Median time of ``call`` on each container, the two interleaved call by call."""
    times: tuple[list[float], list[float]] = ([], [])
    for container in (ours, theirs):
        container.push("/data/f0", PAYLOAD, make_dirs=True)  # what the calls read
        call(container, 0)  # warm-up
    for i in range(calls):
        for container, sink in zip((ours, theirs), times, strict=True):
            start = time.perf_counter()
            call(container, i)
            sink.append(time.perf_counter() - start)
    return statistics.median(times[0]), statistics.median(times[1])


@contextlib.contextmanager
def _scenario_container() -> Iterator[ops.Container]:
    ctx = scenario.Context(ops.CharmBase, meta=META)
    state = scenario.State(containers=[scenario.Container("web", can_connect=True)])
    try:
        with ctx.manager("start", state) as mgr:
            yield mgr.charm.unit.get_container("web")
    finally:
        ctx.cleanup()


@contextlib.contextmanager
def _harness_container() -> Iterator[ops.Container]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Harness is deprecated in newer ops
        harness = ops.testing.Harness(ops.CharmBase, meta=META_YAML)
    try:
        harness.set_can_connect("web", True)
        harness.begin()
        yield harness.charm.unit.get_container("web")
    finally:
        harness.cleanup()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=300)
    args = parser.parse_args()

    results: dict[str, tuple[float, float]] = {}
    for name, call in CALLS.items():
        with _scenario_container() as ours, _harness_container() as theirs:
            results[name] = _medians_per_call(ours, theirs, call, args.calls)

    print(f"ops {ops.__version__}, {args.calls} calls each, median per call")
    print(f"{'call':<14} {'scenario':>12} {'Harness':>12} {'ratio':>7}")
    for name, (ours, theirs) in results.items():
        print(f"{name:<14} {ours * 1e6:>10.1f}us {theirs * 1e6:>10.1f}us {ours / theirs:>7.2f}")


if __name__ == "__main__":
    main()
