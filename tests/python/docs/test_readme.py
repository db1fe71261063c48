# SPDX-License-Identifier: Apache-2.0
"""The README's Python tour runs as written."""

from __future__ import annotations

import pathlib
import re


def test_readme_tour_runs(repo: pathlib.Path):
    text = (repo / "README.md").read_text()
    blocks = re.findall(r"```python\n(.*?)```", text, re.DOTALL)
    assert blocks, "the README has no Python example"
    for block in blocks:
        exec(compile(block, "README.md", "exec"), {"__name__": "readme_tour"})


def test_readme_counts_the_consistency_rules(repo: pathlib.Path):
    from scenario import _core

    text = (repo / "README.md").read_text()
    counted = re.search(r"consistency checker \((\d+) rules", text)
    assert counted is not None
    assert int(counted.group(1)) == len(_core.consistency_rules())
