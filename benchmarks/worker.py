# SPDX-License-Identifier: Apache-2.0
"""benchmarks/worker.py: times workloads for one tool, inside that tool's venv.

    python benchmarks/worker.py --api 5.8|newest|floor

Reads one JSON request per line on stdin,
``{"workload": name, "param": n or null, "iterations": k, "warmup": w}``, and answers
each with one JSON line on stdout: ``{"ok": true, "times": [seconds, ...]}``, or
``{"ok": false, "error": "..."}`` when the workload cannot be built or a run fails
(the error is reported, the worker carries on). A workload is built once (Context,
State) and warmed up ``warmup`` runs on its first request; only the runs are timed.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
import traceback
import warnings
from collections.abc import Callable
from typing import Any

import workloads

_SUMMARY_LIMIT = 300


def api_module(api: str) -> Any:
    """The module a workload's builder receives: ``scenario`` or ``ops.testing``."""
    if api == "5.8":
        return importlib.import_module("scenario")
    if api == "newest":
        return importlib.import_module("ops.testing")
    return None


def build(api: str, workload: workloads.Workload, param: Any) -> Callable[[], Any]:
    """The run-once callable of ``workload`` in ``api``.

    Raises:
        LookupError: the workload has no floor.
    """
    if api == "floor":
        if workload.floor is None:
            raise LookupError(f"{workload.name} has no ops floor")
        import floor  # only the floor worker needs it

        return floor.make_run(workload.floor(param))
    builder = workload.api_58 if api == "5.8" else workload.api_newest
    return builder(api_module(api), param)


def describe(error: BaseException) -> str:
    """One line naming an error and its innermost cause."""
    inner = error
    while inner.__cause__ is not None:
        inner = inner.__cause__
    text = f"{type(error).__name__}: {error}"
    if inner is not error:
        text += f" (caused by {type(inner).__name__}: {inner})"
    text = " ".join(text.split())
    return text if len(text) <= _SUMMARY_LIMIT else text[: _SUMMARY_LIMIT - 3] + "..."


class Worker:
    """Keeps each workload built between requests, so rounds can interleave."""

    def __init__(self, api: str) -> None:
        self.api = api
        self._built: dict[tuple[str, Any], Callable[[], Any]] = {}

    def measure(self, name: str, param: Any, iterations: int, warmup: int) -> dict[str, Any]:
        """Times ``iterations`` runs; answers as the protocol says."""
        try:
            workload = workloads.BY_NAME[name]
            key = (name, param)
            run = self._built.get(key)
            if run is None:
                run = build(self.api, workload, param)
                for _ in range(warmup):
                    run()
                self._built[key] = run
            times = []
            clock = time.perf_counter
            for _ in range(iterations):
                start = clock()
                run()
                times.append(clock() - start)
        except Exception as e:  # reported to the parent, which shows it in the table
            return {"ok": False, "error": describe(e), "traceback": traceback.format_exc()}
        return {"ok": True, "times": times}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--api", choices=("5.8", "newest", "floor"), required=True)
    args = parser.parse_args()
    # The tools warn about deprecated or odd inputs; that is not what is measured.
    warnings.simplefilter("ignore")
    worker = Worker(args.api)
    # The protocol owns stdout; whatever a tool or charm prints goes to stderr.
    out, sys.stdout = sys.stdout, sys.stderr
    for line in sys.stdin:
        request = json.loads(line)
        reply = worker.measure(
            request["workload"], request.get("param"), request["iterations"], request["warmup"]
        )
        out.write(json.dumps(reply) + "\n")
        out.flush()


if __name__ == "__main__":
    main()
