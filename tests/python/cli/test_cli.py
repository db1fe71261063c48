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


def test_help_lists_check():
    result = run("--help")
    assert "check" in result.stdout


def test_check_consistent_scenario(repo: pathlib.Path, webapp_dir: pathlib.Path):
    state = repo / "examples" / "states" / "webapp-leader.json"
    result = run(
        "check", str(webapp_dir), "--state", str(state), "--event", "database-relation-changed"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors" in result.stdout or "consistent" in result.stdout


def test_check_without_state_uses_an_empty_state(webapp_dir: pathlib.Path):
    result = run("check", str(webapp_dir), "--event", "start")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "start: consistent"


def test_check_prints_every_finding_with_code_and_path(
    tmp_path: pathlib.Path, webapp_dir: pathlib.Path
):
    state = tmp_path / "state.json"
    state.write_text(
        json.dumps(
            {
                "config": {"port": "8080", "colour": "red"},
                "relations": [{"endpoint": "cache", "relation_id": 1}],
            }
        )
    )
    result = run(
        "check", str(webapp_dir), "--state", str(state), "--event", "cache-relation-changed"
    )
    assert result.returncode == 1
    out = result.stdout
    for expected in (
        "config.port:",
        "[config-type-mismatch]",
        "config.colour:",
        "[config-key-undeclared]",
        "relations[0].endpoint:",
        "[relation-endpoint-undeclared]",
    ):
        assert expected in out, f"{expected!r} missing from:\n{out}"
    # The only relation on the endpoint is bound to the event, as a run binds it, and
    # its undeclared endpoint is reported once, on the relation.
    assert "[event-relation-missing]" not in out
    assert "[event-endpoint-undeclared]" not in out


def test_check_json_output(tmp_path: pathlib.Path, webapp_dir: pathlib.Path):
    state = tmp_path / "state.json"
    state.write_text(
        json.dumps(
            {
                "relations": [
                    {"kind": "peer", "endpoint": "cluster", "peers_data": {"0": {}, "1": {}}}
                ]
            }
        )
    )
    result = run(
        "check", str(webapp_dir), "--state", str(state), "--event", "start", "--format", "json"
    )
    assert result.returncode == 1
    data = json.loads(result.stdout)
    assert data["consistent"] is False
    (finding,) = [f for f in data["findings"] if f["severity"] == "error"]
    assert finding["code"] == "relation-peer-self"
    assert finding["path"] == "relations[0].peers_data.0"


def test_check_event_references(repo: pathlib.Path, webapp_dir: pathlib.Path):
    state = repo / "examples" / "states" / "webapp-leader.json"
    result = run(
        "check",
        str(webapp_dir),
        "--state",
        str(state),
        "--event",
        "database-relation-joined",
        "--relation-id",
        "1",
        "--remote-unit",
        "7",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "[event-remote-unit-unknown]" in result.stdout
    result = run(
        "check",
        str(webapp_dir),
        "--state",
        str(state),
        "--event",
        "web-pebble-ready",
        "--container",
        "db",
    )
    assert result.returncode == 1
    assert "[event-container-name-mismatch]" in result.stdout
    result = run(
        "check",
        str(webapp_dir),
        "--state",
        str(state),
        "--event",
        "data-storage-attached",
        "--storage",
        "data/3",
    )
    assert result.returncode == 1
    assert "[event-storage-not-in-state]" in result.stdout
    result = run("check", str(webapp_dir), "--event", "secret-changed", "--secret", "secret:abc")
    assert result.returncode == 1
    assert "[event-secret-not-in-state]" in result.stdout


def test_check_action_params(webapp_dir: pathlib.Path):
    result = run(
        "check",
        str(webapp_dir),
        "--event",
        "backup-action",
        "--param",
        "target=s3",
        "--param",
        "compress=true",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    result = run(
        "check", str(webapp_dir), "--event", "backup-action", "--params", '{"compress": "yes"}'
    )
    assert result.returncode == 1
    assert "[action-param-type-mismatch]" in result.stdout
    assert "[action-param-required-missing]" in result.stdout


def test_check_event_file(tmp_path: pathlib.Path, webapp_dir: pathlib.Path):
    event = tmp_path / "event.json"
    event.write_text(
        json.dumps(
            {"path": "backup-action", "action": {"name": "backup", "params": {"target": 1}}}
        )
    )
    result = run("check", str(webapp_dir), "--event-file", str(event))
    assert result.returncode == 1
    assert "event.action.params.target" in result.stdout


def test_check_juju_version(tmp_path: pathlib.Path, webapp_dir: pathlib.Path):
    state = tmp_path / "state.json"
    state.write_text(
        json.dumps({"secrets": [{"id": "secret:abc", "contents": {"0": {"key": "value"}}}]})
    )
    result = run(
        "check",
        str(webapp_dir),
        "--state",
        str(state),
        "--event",
        "start",
        "--juju-version",
        "2.9",
    )
    assert result.returncode == 1
    assert "[juju-feature-unsupported]" in result.stdout
    result = run(
        "check",
        str(webapp_dir),
        "--state",
        str(state),
        "--event",
        "start",
        "--juju-version",
        "3.1",
    )
    assert result.returncode == 0, result.stdout


def test_check_warnings_as_errors(repo: pathlib.Path, webapp_dir: pathlib.Path):
    result = run("check", str(webapp_dir), "--event", "leader-elected")
    assert result.returncode == 0
    assert "[event-leader-mismatch]" in result.stdout
    result = run("check", str(webapp_dir), "--event", "leader-elected", "--warnings-as-errors")
    assert result.returncode == 1


def test_check_usage_errors(tmp_path: pathlib.Path, webapp_dir: pathlib.Path):
    assert run("check", str(webapp_dir)).returncode == 2  # no event
    assert (
        run("check", str(webapp_dir), "--event", "start", "--event-file", "x.json").returncode == 2
    )
    result = run(
        "check", str(webapp_dir), "--event", "start", "--state", str(tmp_path / "nope.json")
    )
    assert result.returncode == 2
    assert "nope.json" in result.stderr
    assert run("check", str(tmp_path), "--event", "start").returncode == 2  # no metadata
    result = run("check", str(webapp_dir), "--event", "backup-action", "--param", "novalue")
    assert result.returncode == 2


def test_check_invalid_state_file(tmp_path: pathlib.Path, webapp_dir: pathlib.Path):
    state = tmp_path / "state.json"
    state.write_text('{"leader": "yes"}')
    result = run("check", str(webapp_dir), "--state", str(state), "--event", "start")
    assert result.returncode == 1
    assert "leader" in result.stderr
