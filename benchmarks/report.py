# SPDX-License-Identifier: Apache-2.0
"""benchmarks/report.py: medians, ratios, targets, the Markdown table and the plots.

Works on the results benchmarks/run.py collects:
``{workload: {param: {tool: {"times": [seconds...], "error"?: str}}}}`` (param is
``"None"`` for a single measurement). Needs only the standard library; the plots are
drawn by benchmarks/plots.py in a venv that has matplotlib.
"""

from __future__ import annotations

import dataclasses
import math
import pathlib
import statistics
import subprocess
from typing import Any

import workloads

OURS, OLD, NEWEST, FLOOR = "ours", "scenario-5.8.1", "newest", "floor"
TOOLS = (OURS, OLD, NEWEST, FLOOR)
LABELS = {
    OURS: "ours",
    OLD: "ops-scenario 5.8.1",
    NEWEST: "newest ops-scenario",
    FLOOR: "ops floor",
}

# The targets: ours at least 15x faster than 5.8.1 and 4x faster than the newest,
# within 1.5x of the floor on small workloads, no drift, cost linear in State size.
TARGET_OLD = 1 / 15
TARGET_NEWEST = 1 / 4
TARGET_FLOOR = 1.5
TARGET_DRIFT = 1.10
TARGET_EXPONENT = 1.10
# Runs of a drift measurement compared: an early window (from run 10) and the last
# one, each up to 200 runs: on a shared machine a 50-run median swings by a third.
DRIFT_WINDOW = 200
DRIFT_SKIP = 10


def drift_windows(times: list[float]) -> tuple[list[float], list[float]] | None:
    """The early and the late window of runs in a row, or None if too few runs."""
    window = min(DRIFT_WINDOW, (len(times) - DRIFT_SKIP) // 2)
    if window < 50:
        return None
    return times[DRIFT_SKIP : DRIFT_SKIP + window], times[-window:]


@dataclasses.dataclass
class Cell:
    """One tool's measurement of one workload at one parameter."""

    median: float | None = None
    runs: int = 0
    error: str | None = None
    drift: float | None = None
    """late/early median, for runs in a row."""


@dataclasses.dataclass
class Row:
    """One workload at one parameter, every tool, and the ratios."""

    workload: workloads.Workload
    param: int | None
    cells: dict[str, Cell]

    def ratio(self, other: str) -> float | None:
        """ours' median over ``other``'s, when both ran."""
        ours, theirs = self.cells.get(OURS), self.cells.get(other)
        if ours is None or theirs is None or ours.median is None or not theirs.median:
            return None
        return ours.median / theirs.median

    def misses(self) -> list[str]:
        """The targets this row misses (empty: all met, or not measurable)."""
        out = []
        old, new, floor = self.ratio(OLD), self.ratio(NEWEST), self.ratio(FLOOR)
        if old is not None and old > TARGET_OLD:
            out.append("15x vs 5.8.1" + self._below_floor(OLD, TARGET_OLD))
        if new is not None and new > TARGET_NEWEST:
            out.append("4x vs newest" + self._below_floor(NEWEST, TARGET_NEWEST))
        if self.workload.small and floor is not None and floor > TARGET_FLOOR:
            out.append("1.5x of floor")
        ours = self.cells.get(OURS)
        if ours is not None and ours.drift is not None and ours.drift > TARGET_DRIFT:
            out.append("no drift")
        if ours is not None and ours.error is not None:
            out.append("ours fails")
        return out

    def _below_floor(self, tool: str, target: float) -> str:
        """A note when the target time against ``tool`` is below the ops floor itself.

        No in-process run can beat the floor: such a target cannot be met by any
        simulator, and the table says so.
        """
        theirs, floor = self.cells.get(tool), self.cells.get(FLOOR)
        if theirs is None or floor is None or not theirs.median or not floor.median:
            return ""
        if theirs.median * target < floor.median:
            return " (below the floor)"
        return ""


def summarize(results: dict[str, Any]) -> list[Row]:
    """Rows in workload order, with medians (and drift for runs in a row)."""
    rows = []
    for workload in workloads.WORKLOADS:
        for param, by_tool in results.get(workload.name, {}).items():
            cells = {}
            for tool, measured in by_tool.items():
                times = measured.get("times", [])
                cell = Cell(
                    median=statistics.median(times) if times and "error" not in measured else None,
                    runs=len(times),
                    error=measured.get("error"),
                )
                windows = drift_windows(times) if workload.runs_in_a_row else None
                if windows is not None:
                    early, late = windows
                    cell.drift = statistics.median(late) / statistics.median(early)
                cells[tool] = cell
            rows.append(Row(workload, None if param == "None" else int(param), cells))
    return rows


GROWTH_POINTS = 3
"""How many of a curve's largest points its growth exponent is fitted to."""


def exponents(rows: list[Row]) -> dict[tuple[str, str], float]:
    """Per scaling workload and tool, the growth exponent: the slope of the least-squares
    line through log(time) over log(param) at the curve's largest ``GROWTH_POINTS``
    points, never its smallest (mostly fixed costs). 1.0 is linear, below is better.

    Not the slope between the last two points: on a shared machine one point's median
    can move by 1.5x between runs, and over one step of the curve that reads as
    anything from flat to cubic. The fit spans more of the curve (with the full run's
    points, 50 to 200 relations rather than 100 to 200), so the same error moves it
    half as much, and a point far off the line shows as such instead of setting it.
    """
    out = {}
    for workload in workloads.WORKLOADS:
        if not workload.params:
            continue
        curve = sorted((r for r in rows if r.workload is workload), key=lambda r: r.param or 0)
        for tool in TOOLS:
            points = [
                (math.log(r.param), math.log(cell.median))
                for r in curve[1:][-GROWTH_POINTS:]
                if r.param and (cell := r.cells.get(tool)) and cell.median
            ]
            if len({x for x, _ in points}) >= 2:
                out[(workload.name, tool)] = _slope(points)
    return out


def _slope(points: list[tuple[float, float]]) -> float:
    """The least-squares slope of y over x; the x values are not all equal."""
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / spread


def _ms(cell: Cell | None, notes: list[str]) -> str:
    if cell is None:
        return "-"
    if cell.error is not None:
        notes.append(cell.error)
        return f"failed ({len(notes)})"
    if cell.median is None:
        return "-"
    return f"{cell.median * 1e3:.3g}"


def _ratio(value: float | None) -> str:
    if value is None:
        return "-"
    if value < 1:
        return f"{value:.3f} ({1 / value:.1f}x faster)"
    return f"{value:.2f}"


def table(rows: list[Row]) -> str:
    """The Markdown tables: single workloads, then the scaling points, then errors."""
    notes: list[str] = []
    head = (
        "| workload | ours (ms) | 5.8.1 (ms) | newest (ms) | floor (ms) "
        "| ours/5.8.1 | ours/newest | ours/floor | targets missed |\n"
        "|---|---:|---:|---:|---:|---:|---:|---:|---|\n"
    )
    lines = [head]
    scaling = [head.replace("| workload |", "| workload | n |").replace("|---|", "|---|---:|", 1)]
    for row in rows:
        cells = [_ms(row.cells.get(t), notes) for t in TOOLS]
        ratios = [_ratio(row.ratio(t)) for t in (OLD, NEWEST, FLOOR)]
        missed = ", ".join(row.misses()) or "none"
        title = row.workload.title
        if row.workload.runs_in_a_row:
            drifts = [
                f"{LABELS[t]} {c.drift:.2f}" for t, c in row.cells.items() if c.drift is not None
            ]
            if drifts:
                title += " (late/early: " + ", ".join(drifts) + ")"
        if row.param is None:
            lines.append(f"| {title} | " + " | ".join(cells + ratios) + f" | {missed} |\n")
        else:
            scaling.append(
                f"| {row.workload.name} | {row.param} | "
                + " | ".join(cells + ratios)
                + f" | {missed} |\n"
            )
    out = "".join(lines)
    if len(scaling) > 1:
        out += "\nScaling points:\n\n" + "".join(scaling)
    exps = exponents(rows)
    if exps:
        out += (
            f"\nGrowth exponent, fitted to the {GROWTH_POINTS} largest points of each curve "
            "(1.0 = linear):\n\n"
        )
        out += "| curve | " + " | ".join(LABELS[t] for t in TOOLS[:3]) + " |\n"
        out += "|---|" + "---:|" * 3 + "\n"
        for workload in workloads.WORKLOADS:
            if any(k[0] == workload.name for k in exps):
                values = [exps.get((workload.name, t)) for t in TOOLS[:3]]
                out += (
                    f"| {workload.name} | "
                    + " | ".join("-" if v is None else f"{v:.2f}" for v in values)
                    + " |\n"
                )
    if notes:
        out += "\nFailures:\n\n" + "".join(f"{i}. {n}\n" for i, n in enumerate(notes, 1))
    return out


def plot(python: pathlib.Path, results: pathlib.Path, out_dir: pathlib.Path) -> list[str]:
    """Draws the scaling curves with benchmarks/plots.py in ``python``'s venv; returns
    the PNG file names (none when plotting failed: the table is still written).
    """
    done = subprocess.run(
        [
            str(python),
            str(pathlib.Path(__file__).with_name("plots.py")),
            str(results),
            str(out_dir),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        print(f"[bench] plots failed: {done.stderr.strip()[-500:]}")
        return []
    return done.stdout.split()


def spread(runs: list[list[Row]]) -> str:
    """The Markdown table of each single workload's ratios over several full runs of the
    same code (lowest-highest), and how many runs missed each target.

    One run's ratios move with the machine's load; the spread says how far.
    """
    head = (
        f"| workload | ours/5.8.1 | ours/newest | ours/floor | targets missed (of {len(runs)}) |\n"
        "|---|---:|---:|---:|---|\n"
    )
    lines = [head]
    for workload in workloads.WORKLOADS:
        if workload.params:
            continue
        rows = [row for run in runs for row in run if row.workload is workload]
        if not rows:
            continue
        cells = []
        for tool in (OLD, NEWEST, FLOOR):
            values = [r for r in (row.ratio(tool) for row in rows) if r is not None]
            cells.append(_range(values, as_speedup=tool != FLOOR))
        missed: dict[str, int] = {}
        for row in rows:
            for miss in row.misses():
                missed[miss] = missed.get(miss, 0) + 1
        misses = ", ".join(f"{m} ({n})" for m, n in missed.items()) or "none"
        lines.append(f"| {workload.title} | " + " | ".join(cells) + f" | {misses} |\n")
    return "".join(lines)


def _range(values: list[float], *, as_speedup: bool) -> str:
    if not values:
        return "-"
    low, high = min(values), max(values)
    if as_speedup:  # ours/theirs below 1: say how many times faster
        return f"{1 / high:.1f}-{1 / low:.1f}x faster"
    return f"{low:.2f}-{high:.2f}"


def document(
    rows: list[Row],
    info: dict[str, str],
    command: str,
    plots: list[str],
    optimizations: pathlib.Path,
    runs: list[list[Row]] | None = None,
) -> str:
    """docs/performance.md; with ``runs`` (several full runs of the same code, this one
    among them), a section on how far the ratios moved between them."""
    env = "\n".join(f"- {k}: {v}" for k, v in info.items())
    images = "\n\n".join(f"![{p}](performance/{p})" for p in plots)
    optimized = optimizations.read_text(encoding="utf-8") if optimizations.exists() else ""
    across = ""
    if runs and len(runs) > 1:
        across = (
            f"\n## Across runs\n\nThe same ratios over the last {len(runs)} full runs of this "
            "code on this machine (this one among them), lowest to highest, and how many of "
            "those runs missed each target: one run's ratios move with the load on the "
            f"machine.\n\n{spread(runs)}"
        )
    return f"""# Performance

<!-- Generated by benchmarks/run.py; edit benchmarks/optimizations.md or the script. -->

How long one `Context.run` takes with this package (ours), with ops-scenario 5.8.1
(the API we match, on ops 2.10), with the newest ops-scenario (the `ops[testing]`
API, on the newest ops), and on the **ops floor**: ops alone dispatching the same
event to the same charm as `ops.main` does (its debug lines through the juju-log
handler, status evaluated), with an in-memory store, a backend that answers from a
dict and a Pebble client that answers at once (no hook tools, no files), the least an
in-process run can cost. Each workload is the same charm and scenario in each API
([benchmarks/workloads.py](../benchmarks/workloads.py)).

Times are medians per run, in milliseconds, measured in one run of the command
below, the tools interleaved in rounds so that load on the machine falls on all of
them alike. On a shared machine absolute times wander; the ratios are what to read.
Targets: ours/5.8.1 at most 1/15, ours/newest at most 1/4, ours/floor at most 1.5 on
the small workloads (no observers, start, secret, action), run 1,000 no slower than
run 10, and cost at most linear in the size of the State.

Regenerate with `{command}` (venvs are made under build/bench/ on first use).

## Results

{table(rows)}{across}
## Scaling

{images or "(no plots: matplotlib was not available)"}

## Where it was measured

{env}
- command: `{command}`

{optimized}"""
