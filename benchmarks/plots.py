# SPDX-License-Identifier: Apache-2.0
"""benchmarks/plots.py: the scaling curves as PNG files (matplotlib, Agg backend).

    python benchmarks/plots.py RESULTS.json OUT_DIR

Prints the names of the files it wrote, one per scaling workload.
"""

from __future__ import annotations

import json
import pathlib
import statistics
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import report  # noqa: E402
import workloads  # noqa: E402


def main() -> None:
    results = json.loads(pathlib.Path(sys.argv[1]).read_text(encoding="utf-8"))["results"]
    out_dir = pathlib.Path(sys.argv[2])
    out_dir.mkdir(parents=True, exist_ok=True)
    for workload in workloads.WORKLOADS:
        points = results.get(workload.name)
        if not workload.params or not points:
            continue
        fig, ax = plt.subplots(figsize=(6, 4), dpi=100)
        for tool in report.TOOLS:
            xs, ys = [], []
            for param, by_tool in sorted(points.items(), key=lambda kv: int(kv[0])):
                measured = by_tool.get(tool, {})
                if measured.get("times") and "error" not in measured:
                    xs.append(int(param))
                    ys.append(statistics.median(measured["times"]) * 1e3)
            if xs:
                ax.plot(xs, ys, marker="o", label=report.LABELS[tool])
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel(workload.axis)
        ax.set_ylabel("median per run (ms)")
        ax.set_title(workload.title)
        ax.grid(True, which="both", alpha=0.3)
        if ax.get_legend_handles_labels()[0]:
            ax.legend()
        name = f"{workload.name}.png"
        fig.tight_layout()
        fig.savefig(out_dir / name)
        plt.close(fig)
        print(name)


if __name__ == "__main__":
    main()
