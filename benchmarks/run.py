# SPDX-License-Identifier: Apache-2.0
"""benchmarks/run.py: ours against ops-scenario 5.8.1, the newest ops-scenario and the ops floor.

    python3 benchmarks/run.py [--quick] [--only WORKLOAD ...] [--no-write]

Makes (or reuses) one venv per tool under build/bench/, starts one worker per tool
in its venv, and measures every workload side by side: in rounds, each round running
every tool in turn (in a rotating order), so load on the machine falls on all tools
alike. Prints the table of median per-run times and ratios, and writes
docs/performance.md with PNG scaling curves under docs/performance/. A full run
(neither --quick nor --only) is also kept under build/bench/history/, by the code it
measured; docs/performance.md shows how far each ratio moved over the last full runs
of the same code.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import os
import pathlib
import platform
import shlex
import statistics
import subprocess
import sys
from collections.abc import Sequence
from typing import Any

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

import envs  # noqa: E402
import report  # noqa: E402
import workloads  # noqa: E402

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent
DOC = ROOT / "docs" / "performance.md"
PLOTS = ROOT / "docs" / "performance"
RESULTS = envs.BENCH_DIR / "results.json"
HISTORY = envs.BENCH_DIR / "history"
HISTORY_RUNS = 5
"""How many full runs of the same code docs/performance.md shows the spread of."""


class WorkerProcess:
    """A worker subprocess in one tool's venv, answering timing requests."""

    def __init__(self, name: str, python: pathlib.Path, api: str) -> None:
        self.name = name
        self._cmd = [str(python), str(HERE / "worker.py"), "--api", api]
        self._log = envs.BENCH_DIR / f"worker-{name}.log"
        self._proc: subprocess.Popen[str] | None = None

    def _start(self) -> subprocess.Popen[str]:
        if self._proc is None or self._proc.poll() is not None:
            log = self._log.open("a", encoding="utf-8")
            self._proc = subprocess.Popen(
                self._cmd,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=log,
                text=True,
                cwd=HERE,
                env=_worker_env(),
            )
            log.close()
        return self._proc

    def request(self, **request: Any) -> dict[str, Any]:
        """Sends one request; a dead worker is reported as an error and restarted next time."""
        proc = self._start()
        assert proc.stdin is not None and proc.stdout is not None
        try:
            proc.stdin.write(json.dumps(request) + "\n")
            proc.stdin.flush()
            line = proc.stdout.readline()
        except BrokenPipeError:
            line = ""
        if not line:
            proc.wait()
            error = f"the worker exited ({proc.returncode}); see {self._log}"
            return {"ok": False, "error": error}
        return json.loads(line)

    def close(self) -> None:
        if self._proc is not None and self._proc.poll() is None:
            assert self._proc.stdin is not None
            self._proc.stdin.close()
            self._proc.wait()


def _worker_env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JUJU_", "SCENARIO_"))}
    env.pop("PYTHONPATH", None)  # each venv's own ops, nothing from outside
    return env


_CHUNK = 50
"""Runs in a row handed to one tool at a time."""


def _tools_for(workload: workloads.Workload) -> list[str]:
    names = [t.name for t in envs.TOOLS]
    if workload.floor is not None:
        names.append(envs.FLOOR_TOOL)
    return names


def measure(
    workers: dict[str, WorkerProcess],
    workload: workloads.Workload,
    param: Any,
    *,
    rounds: int,
    round_budget: float,
    in_a_row: int,
) -> dict[str, dict[str, Any]]:
    """Times one workload (at one parameter) under every tool, interleaved in rounds."""
    tools = _tools_for(workload)
    results: dict[str, dict[str, Any]] = {t: {"times": []} for t in tools}
    if in_a_row:
        # Consecutive runs on one Context per tool, handed out in chunks that alternate
        # between the tools, so that a burst of load does not fall on one tool's runs.
        done = 0
        while done < in_a_row:
            chunk = min(_CHUNK, in_a_row - done)
            for tool in tools:
                if "error" not in results[tool]:
                    reply = workers[tool].request(
                        workload=workload.name, param=param, iterations=chunk, warmup=0
                    )
                    _take(results[tool], reply)
            done += chunk
        return results
    estimate: dict[str, float] = {}
    for tool in tools:  # builds, warms up and estimates one run's cost
        reply = workers[tool].request(workload=workload.name, param=param, iterations=3, warmup=3)
        _take(results[tool], reply)
        if reply["ok"]:
            estimate[tool] = statistics.median(reply["times"])
    for r in range(rounds):
        live = [t for t in tools if t in estimate]
        order = live[r % len(live) :] + live[: r % len(live)] if live else []
        for tool in order:
            iterations = max(1, min(500, int(round_budget / max(estimate[tool], 1e-6))))
            reply = workers[tool].request(
                workload=workload.name, param=param, iterations=iterations, warmup=0
            )
            _take(results[tool], reply)
            if not reply["ok"]:
                estimate.pop(tool)
    return results


def _take(result: dict[str, Any], reply: dict[str, Any]) -> None:
    if reply["ok"]:
        result["times"].extend(reply["times"])
    else:
        result["error"] = reply["error"]


def machine_info(workers: dict[str, WorkerProcess]) -> dict[str, str]:
    """What the numbers were measured on."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    info = {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{cpu}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}",
        "python": platform.python_version(),
    }
    for tool in envs.TOOLS:
        info[tool.name] = _versions(tool)
    return info


def _versions(tool: envs.Tool) -> str:
    code = (
        "import importlib.metadata as m\n"
        "out = []\n"
        "for d in ('scenario', 'ops-scenario', 'ops'):\n"
        "    try: out.append(f'{d} {m.version(d)}')\n"
        "    except m.PackageNotFoundError: pass\n"
        "print(', '.join(out))"
    )
    done = subprocess.run(
        [str(tool.python), "-c", code], capture_output=True, text=True, check=False
    )
    return done.stdout.strip() or done.stderr.strip()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds and points (< 2 min)")
    parser.add_argument(
        "--only",
        nargs="+",
        metavar="WORKLOAD",
        choices=sorted(workloads.BY_NAME),
        help="run only these workloads",
    )
    parser.add_argument(
        "--no-write", action="store_true", help="print the table only; write no files"
    )
    parser.add_argument(
        "--no-setup",
        action="store_true",
        help="use the venvs as they are (no install, no rebuild of ours)",
    )
    parser.add_argument(
        "--render",
        action="store_true",
        help="measure nothing: write docs/performance.md again from the last results "
        "(and the history of full runs of the same code)",
    )
    args = parser.parse_args(argv)
    if args.render:
        return render()

    envs.BENCH_DIR.mkdir(parents=True, exist_ok=True)
    if not args.no_setup:
        for tool in envs.TOOLS:
            try:
                envs.ensure(tool)
            except subprocess.CalledProcessError as e:
                print(
                    f"[bench] setting up {tool.name} failed ({e}); see the output above",
                    file=sys.stderr,
                )
                return 1
    workers = {t.name: WorkerProcess(t.name, t.python, t.api) for t in envs.TOOLS}
    workers[envs.FLOOR_TOOL] = WorkerProcess(envs.FLOOR_TOOL, envs.OURS.python, "floor")

    rounds, budget = (3, 0.05) if args.quick else (7, 0.15)
    selected = [workloads.BY_NAME[n] for n in args.only] if args.only else workloads.WORKLOADS
    results: dict[str, Any] = {}
    try:
        for workload in selected:
            params = (workload.quick_params if args.quick else workload.params) or (None,)
            in_a_row = min(workload.runs_in_a_row, 200) if args.quick else workload.runs_in_a_row
            for param in params:
                print(f"[bench] {workload.name} {'' if param is None else param}", file=sys.stderr)
                measured = measure(
                    workers,
                    workload,
                    param,
                    rounds=rounds,
                    round_budget=budget,
                    in_a_row=in_a_row,
                )
                results.setdefault(workload.name, {})[str(param)] = measured
        info = machine_info(workers)
    finally:
        for worker in workers.values():
            worker.close()

    command = "python3 benchmarks/run.py" + "".join(
        f" {shlex.quote(a)}" for a in (argv if argv is not None else sys.argv[1:])
    )
    summary = report.summarize(results)
    print(report.table(summary))
    if args.no_write:
        return 0
    full = not args.quick and not args.only
    saved = {"info": info, "command": command, "results": results}
    if full:
        saved["code"] = code_identity()
    text = json.dumps(saved)
    RESULTS.write_text(text, encoding="utf-8")
    if full:
        HISTORY.mkdir(parents=True, exist_ok=True)
        stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%dT%H%M%S")
        (HISTORY / f"{stamp}-{saved['code']}.json").write_text(text, encoding="utf-8")
    return render()


def code_identity() -> str:
    """Which code a full run measured: our package's sources and the benchmark's own."""
    digest = hashlib.sha256(envs.source_fingerprint().encode())
    for path in sorted(HERE.glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def same_code_runs(code: str | None, history: pathlib.Path = HISTORY) -> list[dict[str, Any]]:
    """The results of the last ``HISTORY_RUNS`` full runs of ``code``, oldest first."""
    if not code or not history.is_dir():
        return []
    paths = sorted(history.glob(f"*-{code}.json"))[-HISTORY_RUNS:]
    return [json.loads(p.read_text(encoding="utf-8"))["results"] for p in paths]


def render() -> int:
    """Writes docs/performance.md and its plots from the last results (build/bench/)."""
    if not RESULTS.exists():
        print(f"[bench] no results yet ({RESULTS}): run the benchmarks first", file=sys.stderr)
        return 1
    saved = json.loads(RESULTS.read_text(encoding="utf-8"))
    summary = report.summarize(saved["results"])
    command = saved.get("command", "python3 benchmarks/run.py")
    plots = report.plot(envs.OURS.python, RESULTS, PLOTS)
    runs = [report.summarize(r) for r in same_code_runs(saved.get("code"))]
    DOC.write_text(
        report.document(summary, saved["info"], command, plots, HERE / "optimizations.md", runs),
        encoding="utf-8",
    )
    print(f"[bench] wrote {DOC.relative_to(ROOT)} and {len(plots)} plots", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
