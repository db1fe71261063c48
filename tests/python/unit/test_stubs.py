# SPDX-License-Identifier: Apache-2.0
"""The committed type stub of scenario._core matches the built extension."""

from __future__ import annotations

import pathlib
import subprocess
import sys


def test_core_stub_is_up_to_date(repo: pathlib.Path, tmp_path: pathlib.Path):
    fresh = tmp_path / "_core.pyi"
    subprocess.run(
        [sys.executable, "-m", "nanobind.stubgen", "-q", "-m", "scenario._core", "-o", str(fresh)],
        check=True,
        timeout=120,
    )
    committed = repo / "python" / "scenario" / "_core.pyi"
    assert fresh.read_text() == committed.read_text(), (
        "python/scenario/_core.pyi is stale; regenerate it with "
        "`python -m nanobind.stubgen -m scenario._core -o python/scenario/_core.pyi`"
    )
