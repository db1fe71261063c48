# SPDX-License-Identifier: Apache-2.0
"""benchmarks/envs.py: the three tools' virtual environments under build/bench/.

Each environment is made once and reused while its pinned requirements are unchanged
(a stamp file inside it holds them). Ours is our package built in Release from this
checkout (not editable), rebuilt when a source file changed since the last build.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import pathlib
import subprocess
import sys
import venv

ROOT = pathlib.Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "build" / "bench"
STAMP = "bench-requirements.txt"


@dataclasses.dataclass(frozen=True)
class Tool:
    """One tool under test: its name, its venv and what is pinned in it."""

    name: str
    label: str
    api: str  # "5.8": the ops-scenario 5.8 API; "newest": the ops[testing] API
    requirements: tuple[str, ...]

    @property
    def venv(self) -> pathlib.Path:
        return BENCH_DIR / self.name

    @property
    def python(self) -> pathlib.Path:
        return self.venv / "bin" / "python"


OURS = Tool("ours", "ours", "5.8", ("-r requirements-dev.txt", "matplotlib"))
SCENARIO_58 = Tool(
    "scenario-5.8.1",
    "ops-scenario 5.8.1",
    "5.8",
    # ops 2.10 was current when 5.8.1 came out; from 2.11 on, ops reads
    # JUJU_ACTION_UUID, which 5.8.1 does not set, so its actions fail there.
    ("ops-scenario==5.8.1", "ops==2.10.0", "PyYAML==6.0.2"),
)
NEWEST = Tool(
    "newest",
    "newest ops-scenario",
    "newest",
    ("ops[testing]==3.9.0", "ops-scenario==8.9.0"),
)
TOOLS = (OURS, SCENARIO_58, NEWEST)
FLOOR_TOOL = "floor"
"""The ops floor runs in ours' venv (same ops as ours) with ops alone."""


def _log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def _pip(tool: Tool, *args: str, env: dict[str, str] | None = None) -> None:
    cmd = [str(tool.python), "-m", "pip", "install", "-q", *args]
    _log(" ".join(cmd))
    subprocess.run(cmd, cwd=ROOT, check=True, env=env)


def source_fingerprint() -> str:
    """Changes whenever a file our package is built from changes."""
    digest = hashlib.sha256()
    for top in ("python", "src", "include", "bindings", "cli", "cmake"):
        for path in sorted((ROOT / top).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                st = path.stat()
                digest.update(f"{path}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    for name in ("CMakeLists.txt", "pyproject.toml"):
        st = (ROOT / name).stat()
        digest.update(f"{name}:{st.st_size}:{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _stamp_text(tool: Tool) -> str:
    text = "\n".join(tool.requirements) + f"\npython {sys.version.split()[0]}\n"
    if tool is OURS:
        text += (ROOT / "requirements-dev.txt").read_text(encoding="utf-8")
    return text


def ensure(tool: Tool, *, rebuild_ours: bool = True) -> None:
    """Makes (or reuses) the tool's venv; for ours, installs this checkout if changed."""
    stamp = tool.venv / STAMP
    wanted = _stamp_text(tool)
    if not (stamp.exists() and stamp.read_text(encoding="utf-8") == wanted):
        _log(f"creating {tool.venv}")
        venv.EnvBuilder(clear=True, with_pip=True).create(tool.venv)
        args: list[str] = []
        for requirement in tool.requirements:
            args.extend(requirement.split())
        _pip(tool, *args)
        stamp.write_text(wanted, encoding="utf-8")
        (tool.venv / "ours-source.txt").unlink(missing_ok=True)
    if tool is OURS and rebuild_ours:
        built = tool.venv / "ours-source.txt"
        fingerprint = source_fingerprint()
        if not (built.exists() and built.read_text(encoding="utf-8") == fingerprint):
            env = dict(os.environ, SKBUILD_BUILD_DIR=str(BENCH_DIR / "ours-build"))
            env.setdefault("CMAKE_BUILD_PARALLEL_LEVEL", "2")
            _pip(tool, "--no-build-isolation", "--no-deps", "--force-reinstall", ".", env=env)
            built.write_text(fingerprint, encoding="utf-8")
