# SPDX-License-Identifier: Apache-2.0
"""The `scenario` command-line tool, run as a real process."""

from __future__ import annotations

import json
import pathlib
import shutil
import subprocess
import sys

import scenario

# The CLI is installed beside the interpreter running the tests (a venv's bin/).
_beside = pathlib.Path(sys.executable).parent / "scenario"
SCENARIO = str(_beside) if _beside.exists() else shutil.which("scenario")


def run(*args: str) -> subprocess.CompletedProcess[str]:
    assert SCENARIO is not None, "the scenario CLI is not on PATH; run ./scripts/setup.sh"
    return subprocess.run([SCENARIO, *args], capture_output=True, text=True, timeout=60)


def test_version():
    result = run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"scenario {scenario.__version__}"


def test_help_lists_subcommands():
    result = run("--help")
    assert result.returncode == 0
    assert "spec" in result.stdout and "state" in result.stdout


def test_no_subcommand_is_a_usage_error():
    result = run()
    assert result.returncode == 2


def test_unknown_option_is_a_usage_error():
    result = run("spec", "--frobnicate", ".")
    assert result.returncode == 2
    assert "frobnicate" in result.stderr


def test_spec_prints_json(webapp_dir: pathlib.Path):
    result = run("spec", str(webapp_dir))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["name"] == "webapp"
    assert data["kind"] == "kubernetes"
    assert {r["name"] for r in data["relations"]} == {"database", "website", "cluster"}


def test_spec_compact(webapp_dir: pathlib.Path):
    result = run("spec", "--compact", str(webapp_dir))
    assert result.returncode == 0
    assert result.stdout.count("\n") == 1


def test_spec_missing_metadata(tmp_path: pathlib.Path):
    result = run("spec", str(tmp_path))
    assert result.returncode == 2
    assert "metadata.yaml" in result.stderr


def test_spec_bad_yaml(tmp_path: pathlib.Path):
    (tmp_path / "metadata.yaml").write_text("name: foo\nrequires:\n  db: [\n")
    result = run("spec", str(tmp_path))
    assert result.returncode == 1
    assert "metadata.yaml:" in result.stderr


def test_state_validate_valid(repo: pathlib.Path):
    path = repo / "examples" / "states" / "webapp-leader.json"
    result = run("state", "validate", str(path))
    assert result.returncode == 0, result.stdout
    assert "valid state" in result.stdout


def test_state_validate_reports_every_problem_with_its_path(repo: pathlib.Path):
    path = repo / "examples" / "states" / "webapp-broken.json"
    result = run("state", "validate", str(path))
    assert result.returncode == 1
    out = result.stdout
    for expected in (
        "leader:",
        "relations[1].remote_units_data",
        "opened_ports[0].port",
        "unit_status.name",
        "contaners",
    ):
        assert expected in out, f"{expected!r} missing from:\n{out}"


def test_state_validate_truncated_json(tmp_path: pathlib.Path):
    path = tmp_path / "state.json"
    path.write_text('{"leader": true, "relations": [')
    result = run("state", "validate", str(path))
    assert result.returncode == 1
    assert "line 1" in result.stdout


def test_state_validate_missing_file(tmp_path: pathlib.Path):
    result = run("state", "validate", str(tmp_path / "nope.json"))
    assert result.returncode == 2
    assert "nope.json" in result.stderr


def test_state_format_fills_defaults(tmp_path: pathlib.Path):
    path = tmp_path / "state.json"
    path.write_text('{"leader": true}')
    result = run("state", "format", str(path))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["leader"] is True
    assert data["planned_units"] == 1
    assert data["unit_status"] == {"name": "unknown", "message": ""}
