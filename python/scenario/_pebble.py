# SPDX-License-Identifier: Apache-2.0
"""The in-process transport between ops' Pebble client and the engine's Pebble.

ops' own ``pebble.Client`` runs unchanged (request building, multipart encoding and
decoding, error mapping, ``ExecProcess``); only its transport is replaced:

- HTTP requests go through a ``urllib`` opener whose handler calls the container's
  engine handler and answers with a response object ``urllib`` and ops can read.
  The opener turns a status outside 2xx into ``HTTPError``, as ``urllib``'s own error
  processing does with a real socket.
- Exec websockets are objects with the ``websocket-client`` API ops uses (``send``,
  ``send_binary``, ``recv``, ``shutdown``, ...), backed by the engine's websockets.

The engine's handler is not thread-safe, and ops reads and writes exec streams from
threads: every call into a container's handler holds that container's lock, and a
``recv`` waiting for output sleeps on the lock's condition until another call (from
any thread) may have produced some.
"""

from __future__ import annotations

import http.client
import io
import pathlib
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import urllib.response
from collections import deque
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, NoReturn

import websocket
from ops import pebble

from . import _core, _ops_adapter
from ._state.containers import ExecArgs

if TYPE_CHECKING:
    from .state import State

__all__ = ["Pebbles"]

_POLL_SECONDS = 0.05
"""How long a waiting ``recv`` or change wait sleeps before looking again."""

_WAIT_LIMIT_SECONDS = 30.0
"""How long a websocket ``recv`` waits for output that never comes before failing."""


def _container_name(socket_path: str) -> str:
    """The container of a socket path ``/charm/containers/<name>/pebble.socket``."""
    return socket_path.rstrip("/").split("/")[-2]


class _ContainerPebble:
    """One container's engine handler, made on the first request, and its lock."""

    def __init__(
        self, session: _core.Session, name: str, root: Callable[[], pathlib.Path]
    ) -> None:
        self._session: _core.Session | None = session
        self._name = name
        self._root = root
        self._handler: _core.PebbleHandler | None = None
        self._closed = False
        self.condition = threading.Condition()
        self.websockets: list[_FakeWebSocket] = []
        self.failure: _core.ScenarioError | None = None
        """Why the container's filesystem could not be made ready, if it could not."""

    def handler(self) -> _core.PebbleHandler:
        """The engine handler; the container's filesystem starts empty in each run.

        Call with ``condition`` held.

        Raises:
            urllib.error.URLError: the run is over, or the container's filesystem could
                not be emptied (ops raises its ConnectionError; the run then fails with
                ``failure`` once the charm is done, whatever the charm made of it).
        """
        if self._closed:
            raise urllib.error.URLError(_run_is_over(self._name))
        if self._handler is None:
            assert self._session is not None, "a closed container has no session"
            root = self._root()
            # The State is the whole input of a run: no file survives from an earlier run.
            try:
                _core.empty_directory(str(root))
            except _core.ScenarioError as e:
                self.failure = self.failure or e
                raise urllib.error.URLError(
                    f"the filesystem of container {self._name!r} could not be prepared: {e}"
                ) from e
            self._handler = self._session.pebble(self._name, str(root))
        return self._handler

    def exec_history(self) -> list[ExecArgs]:
        """The commands run with exec so far in this run, oldest first."""
        with self.condition:
            if self._handler is None:
                return []
            return [_exec_args(request, stdin) for request, stdin in self._handler.exec_history()]

    def close(self) -> None:
        """Ends every websocket still open (a thread may wait on one) and drops the handler."""
        with self.condition:
            for ws in self.websockets:
                ws.end()
            self.websockets.clear()
            # ops' model keeps its Pebble clients, so this, after the run: the session
            # (and its copies of the State) must not live as long as they do.
            self._handler = None
            self._session = None
            self._closed = True
            self.condition.notify_all()


def _run_is_over(container_name: str) -> str:
    return (
        f"the run that used the Pebble of container {container_name!r} is over; its "
        "files are under Container.get_filesystem(ctx), its layers and services "
        "in the output State"
    )


def _exec_args(request: dict[str, Any], stdin: bytes) -> ExecArgs:
    return ExecArgs(
        command=list(request["command"]),
        environment=dict(request["environment"]),
        working_dir=request["working_dir"] or None,
        timeout=request["timeout"] or None,
        user_id=request["user_id"],
        user=request["user"] or None,
        group_id=request["group_id"],
        group=request["group"] or None,
        stdin=stdin,
        combine_stderr=request["combine_stderr"],
    )


def _request_body(data: Any) -> bytes:
    """A urllib request body as bytes: ops sends bytes, or a generator of chunks (push)."""
    if data is None:
        return b""
    if isinstance(data, (bytes, bytearray, memoryview)):
        return bytes(data)
    if hasattr(data, "read"):
        return data.read()
    chunks: Iterable[bytes] = data
    return b"".join(chunks)


def _response(
    url: str, status: int, headers: list[tuple[str, str]], body: bytes
) -> urllib.response.addinfourl:
    message = http.client.HTTPMessage()
    for name, value in headers:
        message[name] = value
    message["Content-Length"] = str(len(body))
    response = urllib.response.addinfourl(io.BytesIO(body), message, url, status)
    # urllib's error processing reads the reason from ``msg``, as http.client sets it.
    response.msg = http.client.responses.get(status, "")  # type: ignore[attr-defined]  # set as urllib does
    return response


class _EngineHTTPHandler(urllib.request.BaseHandler):
    """A urllib handler answering ``http://`` requests from one container's engine handler."""

    def __init__(self, pebble_: _ContainerPebble) -> None:
        self._pebble = pebble_

    def http_open(self, request: urllib.request.Request) -> urllib.response.addinfourl:
        """Answers one request from the engine, as a urllib response."""
        # The Request has split its URL already: the selector is the path and query (the
        # engine lower-cases header names itself).
        path, _, query_text = request.selector.partition("?")
        query = urllib.parse.parse_qsl(query_text, keep_blank_values=True) if query_text else []
        headers = dict(request.header_items())
        body = _request_body(request.data)
        with self._pebble.condition:
            status, out_headers, out_body = self._pebble.handler().handle(
                request.get_method(), path, query, headers, body
            )
            self._pebble.condition.notify_all()
        return _response(request.full_url, status, out_headers, out_body)


class _UnreachableHTTPHandler(urllib.request.BaseHandler):
    """A urllib handler for a container whose Pebble cannot be reached."""

    def __init__(self, reason: str) -> None:
        self._reason = reason

    def http_open(self, request: urllib.request.Request) -> NoReturn:
        """Fails as an unreachable socket does; ops raises its ``ConnectionError``."""
        raise urllib.error.URLError(self._reason)


class _Opener(urllib.request.OpenerDirector):
    """An opener whose every request goes to one handler's ``http_open``.

    It answers as an ``OpenerDirector`` holding that handler, ``HTTPDefaultErrorHandler``
    and ``HTTPErrorProcessor`` would (a status outside 2xx raises ``HTTPError`` carrying
    the response), without urllib's per-handler registration and dispatch: ops makes a
    client, so an opener, for every container in every run.
    """

    def __init__(self, handler: _EngineHTTPHandler | _UnreachableHTTPHandler) -> None:
        super().__init__()
        self._handler = handler

    def open(
        self,
        fullurl: str | urllib.request.Request,
        data: Any = None,
        timeout: float | None = None,
    ) -> urllib.response.addinfourl:
        """Answers one request; raises ``HTTPError`` for a status outside 2xx."""
        request = (
            fullurl
            if isinstance(fullurl, urllib.request.Request)
            else urllib.request.Request(fullurl, data)
        )
        if data is not None:
            request.data = data
        response = self._handler.http_open(request)
        if not 200 <= response.status < 300:
            raise urllib.error.HTTPError(
                request.full_url, response.status, response.msg, response.headers, response
            )
        return response


class _FakeWebSocket:
    """The client end of one exec websocket, with the ``websocket.WebSocket`` API ops uses.

    A text frame is received as ``str`` and a binary frame as ``bytes``, as
    ``websocket-client`` does. Output the server produced before the client shut the
    websocket down can still be received (ops-scenario 5.8 let charms read a process's
    output after ``wait()``); once the run is over, nothing can.
    """

    sock = None
    """No OS socket: ops shuts one down only if there is one."""

    def __init__(self, pebble_: _ContainerPebble, server: _core.PebbleWebsocket) -> None:
        self._pebble = pebble_
        self._server: _core.PebbleWebsocket | None = server
        self._incoming: deque[tuple[bool, bytes]] = deque()
        self.closed = False
        """The client shut the websocket down: nothing more can be sent."""
        self.ended = False
        """The run is over: nothing more can be sent or received."""

    @property
    def connected(self) -> bool:
        """Whether the websocket is still open."""
        return not self.closed

    def _check_open(self) -> _core.PebbleWebsocket:
        if self.closed or self._server is None:
            raise websocket.WebSocketConnectionClosedException("socket is already closed.")
        return self._server

    def end(self) -> None:
        """The run is over: nothing more can be sent or received.

        The server side is dropped: a process object the charm keeps (ops' ExecProcess
        holds its websockets) must not keep the run's session alive through it.
        Call with the container's condition held.
        """
        self.closed = self.ended = True
        self._server = None

    def send(self, payload: str | bytes, opcode: int = websocket.ABNF.OPCODE_TEXT) -> int:
        """Sends a frame: text unless ``opcode`` says binary."""
        data = payload.encode("utf-8") if isinstance(payload, str) else bytes(payload)
        with self._pebble.condition:
            self._check_open().receive(opcode == websocket.ABNF.OPCODE_TEXT, data)
            self._pebble.condition.notify_all()
        return len(data)

    def send_text(self, text_data: str) -> int:
        """Sends a text frame."""
        return self.send(text_data, websocket.ABNF.OPCODE_TEXT)

    def send_binary(self, payload: bytes) -> int:
        """Sends a binary frame."""
        return self.send(payload, websocket.ABNF.OPCODE_BINARY)

    def recv(self) -> str | bytes:
        """The next frame from the server, waiting for it to be produced.

        Raises:
            websocket.WebSocketConnectionClosedException: the websocket was closed, or the
                server has nothing more to send.
            websocket.WebSocketTimeoutException: nothing came for a long time.
        """
        deadline = time.monotonic() + _WAIT_LIMIT_SECONDS
        with self._pebble.condition:
            while True:
                server = self._server
                if self.ended or server is None:
                    raise websocket.WebSocketConnectionClosedException("socket is already closed.")
                if not self._incoming:
                    outgoing = server.take_outgoing()
                    if outgoing:
                        self._incoming.extend(outgoing)
                        self._pebble.condition.notify_all()
                if self._incoming:
                    is_text, data = self._incoming.popleft()
                    return data.decode("utf-8", errors="replace") if is_text else data
                if self.closed or server.finished:
                    raise websocket.WebSocketConnectionClosedException(
                        "Connection to remote host was lost."
                    )
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise websocket.WebSocketTimeoutException(
                        f"no message from Pebble in {_WAIT_LIMIT_SECONDS:.0f} seconds"
                    )
                self._pebble.condition.wait(min(_POLL_SECONDS, remaining))

    def close(self, status: int = 1000, reason: bytes = b"", timeout: float = 3) -> None:
        """Closes the websocket."""
        self.shutdown()

    def shutdown(self) -> None:
        """Closes the websocket without a closing handshake."""
        with self._pebble.condition:
            self.closed = True
            self._pebble.condition.notify_all()


class Pebbles:
    """The Pebble of each container of one run, created as the charm first uses it."""

    def __init__(
        self,
        session: _core.Session,
        state: State,
        container_root: Callable[[str], pathlib.Path],
    ) -> None:
        self._session: _core.Session | None = session
        self._can_connect = {c.name: c.can_connect for c in state.containers}
        self._container_root = container_root
        self._containers: dict[str, _ContainerPebble] = {}

    def client(self, socket_path: str) -> pebble.Client:
        """A real ops Pebble client for ``socket_path`` whose transport is the engine.

        ops makes one for every container of the metadata as it builds the model; a
        container that is not in the State, or cannot connect, fails every call with
        ops' ``ConnectionError``, as an unreachable Pebble does.
        """
        name = _container_name(socket_path)
        session = self._session  # once: the run may end meanwhile, in another thread
        if session is None:  # closed: ops made this client after the run
            return _ops_adapter.make_pebble_client(
                socket_path, _Opener(_UnreachableHTTPHandler(_run_is_over(name))), None
            )
        can_connect = self._can_connect.get(name)
        if can_connect is None:
            reason = (
                f"container {name!r} is not in the State; add Container({name!r}) to "
                "State.containers for the charm to reach its Pebble"
            )
            return _ops_adapter.make_pebble_client(
                socket_path, _Opener(_UnreachableHTTPHandler(reason)), None
            )
        if not can_connect:
            reason = (
                f"cannot connect to the Pebble of container {name!r}: it has "
                "can_connect=False in the State; set Container(can_connect=True) to reach it"
            )
            return _ops_adapter.make_pebble_client(
                socket_path, _Opener(_UnreachableHTTPHandler(reason)), None
            )
        container = self._containers.get(name)
        if container is None:
            container = _ContainerPebble(session, name, lambda: self._container_root(name))
            self._containers[name] = container

        def connect_websocket(task_id: str, websocket_id: str) -> _FakeWebSocket:
            with container.condition:
                server = container.handler().open_websocket(task_id, websocket_id)
                if server is None:
                    raise websocket.WebSocketBadStatusException(
                        f"Handshake status 404 Not Found: task {task_id!r} has no "
                        f"websocket {websocket_id!r}",
                        404,
                    )
                ws = _FakeWebSocket(container, server)
                container.websockets.append(ws)
                container.condition.notify_all()
            return ws

        return _ops_adapter.make_pebble_client(
            socket_path, _Opener(_EngineHTTPHandler(container)), connect_websocket
        )

    def exec_history(self) -> dict[str, list[ExecArgs]]:
        """The commands the charm ran with exec, by container, oldest first."""
        out = {}
        for name, container in self._containers.items():
            history = container.exec_history()
            if history:
                out[name] = history
        return out

    def failure(self) -> _core.ScenarioRuntimeError | None:
        """Why a container's filesystem could not be made ready for the run, if so.

        The charm saw ops' ``ConnectionError`` (and may have carried on); the run is to
        fail with this once the charm is done.
        """
        for name, container in self._containers.items():
            if container.failure is not None:
                error = _core.ScenarioRuntimeError(
                    f"the filesystem of container {name!r} could not be made empty for "
                    f"the run: {container.failure}"
                )
                error.__cause__ = container.failure
                return error
        return None

    def close(self) -> None:
        """Ends the run's websockets and drops the session.

        ops' backend keeps ``client`` (this object) as long as the run's framework
        lives, which a Context's ``emitted_events`` make the Context's lifetime: holding
        the session would keep every run's copies of its State alive.
        """
        for container in self._containers.values():
            container.close()
        self._containers.clear()
        self._session = None
