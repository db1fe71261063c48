# SPDX-License-Identifier: Apache-2.0
"""The Pebble socket server, driven by ops' real ``pebble.Client`` over a unix socket."""

from __future__ import annotations

import io
import json
import pathlib
import stat
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
import scenario
from ops import pebble
from scenario import _core

_METADATA = """
name: app
containers:
  workload:
    resource: image
resources:
  image:
    type: oci-image
"""


class RecordingHandler:
    """Forwards to a real handler and records what exec websockets receive."""

    def __init__(self, handler: Any):
        self.handler = handler
        self.received: list[tuple[str, bool, bytes]] = []
        self.headers: list[dict[str, str]] = []
        self.lock = threading.Lock()

    def handle(self, method, path, query, headers, body):
        self.headers.append(headers)
        return self.handler.handle(method, path, query, headers, body)

    def open_websocket(self, task_id, websocket_id):
        websocket = self.handler.open_websocket(task_id, websocket_id)
        if websocket is None:
            return None
        return _RecordingWebsocket(self, websocket_id, websocket)


class _RecordingWebsocket:
    def __init__(self, owner: RecordingHandler, name: str, websocket: Any):
        self.owner, self.name, self.websocket = owner, name, websocket

    def receive(self, is_text, data):
        with self.owner.lock:
            self.owner.received.append((self.name, is_text, data))
        self.websocket.receive(is_text, data)

    def take_outgoing(self):
        return self.websocket.take_outgoing()

    @property
    def finished(self):
        return self.websocket.finished


def _session(containers: list[dict[str, Any]]) -> _core.Session:
    spec = _core.load_charm_spec(_METADATA)
    return _core.Session(
        spec,
        {"containers": containers},
        {"path": "update_status"},
        app_name="app",
        juju_version="3.4.0",
    )


@pytest.fixture
def served(tmp_path: pathlib.Path) -> Iterator[tuple[pebble.Client, RecordingHandler]]:
    session = _session(
        [
            {
                "name": "workload",
                "can_connect": True,
                "exec_mock": [
                    {"command": ["cat"], "return_code": 0, "stdout": "from the mock\n"},
                    {
                        "command": ["false"],
                        "return_code": 3,
                        "stdout": "some out",
                        "stderr": "some err",
                    },
                ],
            }
        ]
    )
    handler = RecordingHandler(session.pebble("workload", str(tmp_path / "root")))
    socket_path = tmp_path / "run" / "pebble.socket"
    with _core.PebbleSocketServer(str(socket_path), handler) as server:
        assert server.running
        yield pebble.Client(socket_path=str(socket_path)), handler
    assert not server.running
    assert not socket_path.exists()


def test_system_info(served):
    client, _ = served
    assert client.get_system_info().version


def test_push_pull_and_list_files(served):
    client, handler = served
    client.push("/etc/app/config.yaml", "key: value\n", make_dirs=True, permissions=0o600)
    with client.pull("/etc/app/config.yaml") as pulled:
        assert pulled.read() == "key: value\n"
    # Binary content of every byte value, larger than one chunk of ops' streamed upload.
    blob = bytes(range(256)) * 4096
    client.push("/data/blob.bin", io.BytesIO(blob), make_dirs=True)
    with client.pull("/data/blob.bin", encoding=None) as pulled_bytes:
        assert pulled_bytes.read() == blob
    # ops streams pushes, so the server decoded a chunked body.
    assert any(h.get("transfer-encoding") == "chunked" for h in handler.headers)
    [info] = client.list_files("/etc/app/config.yaml")
    assert info.name == "config.yaml"
    assert info.permissions == 0o600
    assert {f.name for f in client.list_files("/data")} == {"blob.bin"}
    with pytest.raises(pebble.PathError) as excinfo:
        client.pull("/no/such/file")
    assert excinfo.value.kind == "not-found"


def test_add_layer_and_get_plan(served):
    client, _ = served
    layer = {
        "summary": "web",
        "services": {
            "web": {"override": "replace", "command": "/bin/web --port 80", "startup": "enabled"}
        },
    }
    client.add_layer("base", layer)
    plan = client.get_plan()
    assert plan.services["web"].command == "/bin/web --port 80"
    with pytest.raises(pebble.APIError) as excinfo:
        client.add_layer("base", layer)
    assert excinfo.value.code == 400


def test_start_and_stop_services(served):
    client, _ = served
    web = {"override": "replace", "command": "/bin/web", "startup": "enabled"}
    client.add_layer("base", {"services": {"web": web}})
    client.start_services(["web"])
    [service] = client.get_services(["web"])
    assert service.current == pebble.ServiceStatus.ACTIVE
    client.stop_services(["web"])
    assert client.get_services(["web"])[0].current == pebble.ServiceStatus.INACTIVE


def test_exec_sends_stdin_and_reads_stdout_over_websockets(served):
    client, handler = served
    process = client.exec(["cat"], stdin="hello from the charm\n")
    stdout, stderr = process.wait_output()
    assert stdout == "from the mock\n"
    assert stderr == ""

    def stdio() -> list[tuple[bool, bytes]]:
        with handler.lock:
            return [(is_text, data) for name, is_text, data in handler.received if name == "stdio"]

    # ops ends stdin with a text message on the stdio websocket. The mocked command's
    # change is done at once, so ops can return before the server's connection thread
    # has handed that message on (the websocket stays open until it comes).
    deadline = time.monotonic() + 10
    while not any(is_text for is_text, _ in stdio()) and time.monotonic() < deadline:
        time.sleep(0.005)
    assert b"".join(data for is_text, data in stdio() if not is_text) == b"hello from the charm\n"
    assert [json.loads(data) for is_text, data in stdio() if is_text] == [{"command": "end"}]


def test_exec_failure_reports_exit_code_and_split_output(served):
    client, _ = served
    process = client.exec(["false"], combine_stderr=False)
    with pytest.raises(pebble.ExecError) as excinfo:
        process.wait_output()
    assert excinfo.value.exit_code == 3
    assert excinfo.value.stdout == "some out"
    assert excinfo.value.stderr == "some err"


def test_exec_of_an_unmocked_command_is_an_api_error(served):
    client, _ = served
    with pytest.raises(pebble.APIError) as excinfo:
        client.exec(["ls"])
    assert excinfo.value.code == 400


class _FailingHandler:
    def handle(self, method, path, query, headers, body):
        raise ValueError("handler blew up")

    def open_websocket(self, task_id, websocket_id):
        return None


def test_handler_exceptions_become_500_errors(tmp_path: pathlib.Path):
    socket_path = tmp_path / "pebble.socket"
    with _core.PebbleSocketServer(str(socket_path), _FailingHandler()):
        client = pebble.Client(socket_path=str(socket_path))
        with pytest.raises(pebble.APIError) as excinfo:
            client.get_system_info()
    assert excinfo.value.code == 500
    assert "handler blew up" in excinfo.value.message


class _EchoHandler:
    """Answers every request with its own parts, as JSON."""

    def __init__(self):
        self.requests: list[tuple[str, str, list[tuple[str, str]], dict[str, str], bytes]] = []

    def handle(self, method, path, query, headers, body):
        self.requests.append((method, path, query, headers, body))
        body = '{"type":"sync","status-code":200,"status":"OK","result":{"version":"1.0"}}'
        return 200, [("Content-Type", "application/json")], body

    def open_websocket(self, task_id, websocket_id):
        return None


def test_requests_reach_the_handler_parsed(tmp_path: pathlib.Path):
    socket_path = tmp_path / "pebble.socket"
    handler = _EchoHandler()
    with _core.PebbleSocketServer(str(socket_path), handler):
        client = pebble.Client(socket_path=str(socket_path))
        client._request("GET", "/v1/files", {"path": "/a b", "names": ["x", "y"]})
    [(method, path, query, headers, body)] = handler.requests
    assert (method, path, body) == ("GET", "/v1/files", b"")
    assert query == [("path", "/a b"), ("names", "x"), ("names", "y")]
    assert headers["accept"] == "application/json"


def test_bodies_over_the_limit_are_refused(tmp_path: pathlib.Path):
    socket_path = tmp_path / "pebble.socket"
    handler = _EchoHandler()
    with _core.PebbleSocketServer(str(socket_path), handler, max_body_bytes=1000):
        client = pebble.Client(socket_path=str(socket_path))
        with pytest.raises(pebble.APIError) as excinfo:
            client.push("/big", "x" * 5000)
        # The connection was closed; the next request gets a fresh one.
        assert client.get_system_info().version == "1.0"
    assert excinfo.value.code == 413
    assert "limit of 1000 bytes" in excinfo.value.message
    assert [path for _, path, *_ in handler.requests] == ["/v1/system-info"]


def test_socket_is_private(tmp_path: pathlib.Path):
    socket_path = tmp_path / "new" / "pebble.socket"
    with _core.PebbleSocketServer(str(socket_path), _EchoHandler()):
        assert stat.S_ISSOCK(socket_path.stat().st_mode)
        assert stat.S_IMODE(socket_path.stat().st_mode) == 0o600
        assert stat.S_IMODE(socket_path.parent.stat().st_mode) == 0o700


def test_a_file_in_the_way_is_a_scenario_error(tmp_path: pathlib.Path):
    socket_path = tmp_path / "pebble.socket"
    socket_path.write_text("not a socket")
    server = _core.PebbleSocketServer(str(socket_path), _EchoHandler())
    with pytest.raises(scenario.errors.ScenarioError, match="not a socket"):
        server.start()
    assert not server.running
    assert socket_path.read_text() == "not a socket"


def test_ops_container_can_connect_only_while_serving(tmp_path: pathlib.Path):
    socket_path = tmp_path / "pebble.socket"
    server = _core.PebbleSocketServer(str(socket_path), _EchoHandler())
    client = pebble.Client(socket_path=str(socket_path))
    with pytest.raises(pebble.ConnectionError):
        client.get_system_info()
    server.start()
    try:
        assert client.get_system_info().version == "1.0"
    finally:
        server.stop()
    with pytest.raises(pebble.ConnectionError):
        client.get_system_info()
