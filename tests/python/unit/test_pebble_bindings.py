# SPDX-License-Identifier: Apache-2.0
"""The Pebble bindings: ``Session.pebble`` handlers, their websockets, ``container_plan``."""

from __future__ import annotations

import gc
import json
import pathlib

import pytest
from scenario import _core
from scenario.errors import ScenarioRuntimeError

_METADATA = "name: app\ncontainers:\n  web: {}\n"


def _session() -> _core.Session:
    return _core.Session(
        _core.load_charm_spec(_METADATA),
        {
            "containers": [
                {
                    "name": "web",
                    "can_connect": True,
                    "exec_mock": [{"command": ["ls"], "stdout": "a b"}],
                }
            ]
        },
        {"path": "start"},
        app_name="app",
        juju_version="3.4.0",
    )


def test_a_handler_answers_and_updates_the_session_state(tmp_path: pathlib.Path):
    session = _session()
    handler = session.pebble("web", str(tmp_path))
    layer = "services:\n  a:\n    override: replace\n    command: a\n"
    body = json.dumps({"action": "add", "label": "l", "format": "yaml", "layer": layer})
    status, headers, out = handler.handle(
        "POST", "/v1/layers", [], {"Content-Type": "application/json"}, body.encode()
    )
    assert status == 200, out
    assert ("Content-Type", "application/json") in headers
    assert json.loads(out)["result"] is True
    assert "a" in handler.plan()["services"]
    assert list(session.state_doc()["containers"][0]["layers"]) == ["l"]


def test_an_api_error_is_a_response():
    handler = _session().pebble("web", "/nonexistent-root")
    status, _, out = handler.handle("GET", "/v1/nope", [], {}, b"")
    assert status == 404
    assert json.loads(out)["type"] == "error"


def test_an_unknown_container_is_a_clear_error(tmp_path: pathlib.Path):
    with pytest.raises(ScenarioRuntimeError, match="container nope is not in the State"):
        _session().pebble("nope", str(tmp_path))


def test_exec_websockets_and_history(tmp_path: pathlib.Path):
    handler = _session().pebble("web", str(tmp_path))
    body = json.dumps({"command": ["ls"], "split-stderr": True, "environment": {"A": "1"}})
    status, _, out = handler.handle("POST", "/v1/exec", [], {}, body.encode())
    assert status == 202, out
    task_id = json.loads(out)["result"]["task-id"]
    assert handler.open_websocket(task_id, "nope") is None
    assert handler.open_websocket("no-such-task", "stdio") is None
    stdio = handler.open_websocket(task_id, "stdio")
    assert stdio is not None
    stdio.receive(False, b"input")
    stdio.receive(True, b'{"command":"end"}')
    messages = stdio.take_outgoing()
    assert (False, b"a b") in messages
    assert messages[-1] == (True, b'{"command":"end"}')
    ((request, stdin),) = handler.exec_history()
    assert request["command"] == ["ls"]
    assert request["environment"] == {"A": "1"}
    assert stdin == b"input"


def test_a_handler_keeps_its_session_alive(tmp_path: pathlib.Path):
    handler = _session().pebble("web", str(tmp_path))  # no other reference to the session
    gc.collect()
    layer = "services:\n  b:\n    override: replace\n    command: b\n"
    body = json.dumps({"action": "add", "label": "l", "format": "yaml", "layer": layer})
    status, _, out = handler.handle("POST", "/v1/layers", [], {}, body.encode())
    assert status == 200, out
    assert handler.plan()["services"]["b"]["command"] == "b"


def test_container_plan_merges_layers_in_label_order():
    plan = _core.container_plan(
        {
            "name": "web",
            "layers": {
                "2": {"services": {"a": {"override": "merge", "environment": {"Y": "2"}}}},
                "1": {
                    "services": {
                        "a": {"override": "replace", "command": "a", "environment": {"X": "1"}}
                    }
                },
            },
        }
    )
    assert plan["services"]["a"]["command"] == "a"
    assert plan["services"]["a"]["environment"] == {"X": "1", "Y": "2"}
