# SPDX-License-Identifier: Apache-2.0
"""README "Containers": connectivity, mounts, push and pull, the filesystem post-mortem,
and exec mocks, through real ops charms.
"""

from __future__ import annotations

import pathlib
import tempfile

import ops
import pytest
from scenario import Container, Context, Event, ExecOutput, Mount, State
from scenario.errors import ConsistencyWarning

META = {"name": "foo", "containers": {"foo": {}, "bar": {}}}

SEEN: dict[str, object] = {}
"""What the charms below saw, by name; cleared before each test."""


@pytest.fixture(autouse=True)
def _clear_seen():
    SEEN.clear()


class ConnectCharm(ops.CharmBase):
    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.update_status, self._on_update_status)

    def _on_update_status(self, _: ops.UpdateStatusEvent) -> None:
        SEEN["foo"] = self.unit.get_container("foo").can_connect()
        SEEN["bar"] = self.unit.get_container("bar").can_connect()


def test_can_connect_per_container():
    state = State(
        containers=[
            Container(name="foo", can_connect=True),
            Container(name="bar", can_connect=False),
        ]
    )
    Context(ConnectCharm, meta=META).run("update-status", state)
    assert SEEN == {"foo": True, "bar": False}


def test_null_state_has_no_containers():
    class Charm(ops.CharmBase):
        def __init__(self, framework: ops.Framework):
            super().__init__(framework)
            framework.observe(self.on.start, self._on_start)

        def _on_start(self, _: ops.StartEvent) -> None:
            SEEN["containers"] = dict(self.unit.containers)

    Context(Charm, meta={"name": "foo"}).run("start", State())
    assert SEEN["containers"] == {}


class PullCharm(ops.CharmBase):
    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.start, self._on_start)

    def _on_start(self, _: ops.StartEvent) -> None:
        foo = self.unit.get_container("foo")
        with foo.pull("/local/share/config.yaml") as f:
            SEEN["content"] = f.read()


def test_pull_reads_a_mounted_file(tmp_path: pathlib.Path):
    local_file = tmp_path / "file.txt"
    local_file.write_text("config: from the host\n")
    container = Container(
        name="foo",
        can_connect=True,
        mounts={"local": Mount("/local/share/config.yaml", local_file)},
    )
    Context(PullCharm, meta=META).run("start", State(containers=[container]))
    assert SEEN["content"] == "config: from the host\n"


class PushCharm(ops.CharmBase):
    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.foo_pebble_ready, self._on_pebble_ready)
        framework.observe(self.on.start, self._on_pebble_ready)

    def _on_pebble_ready(self, _: ops.EventBase) -> None:
        foo = self.unit.get_container("foo")
        foo.push("/local/share/config.yaml", "TEST", make_dirs=True)


def test_pebble_push_to_a_mounted_file():
    with tempfile.NamedTemporaryFile() as local_file:
        container = Container(
            name="foo",
            can_connect=True,
            mounts={"local": Mount("/local/share/config.yaml", local_file.name)},
        )
        state_in = State(containers=[container])
        Context(PushCharm, meta={"name": "foo", "containers": {"foo": {}}}).run(
            container.pebble_ready_event(), state_in
        )
        # A mounted file is rewritten in place, as through a bind mount, so the handle
        # opened before the run reads the new content.
        assert local_file.read().decode() == "TEST"


def test_pebble_ready_event_is_the_event_with_the_container():
    container = Container(name="foo", can_connect=True)
    assert container.pebble_ready_event == Event("foo-pebble-ready", container=container)


def test_filesystem_post_mortem():
    container = Container(name="foo", can_connect=True)
    ctx = Context(PushCharm, meta={"name": "foo", "containers": {"foo": {}}})
    ctx.run("start", State(containers=[container]))
    # The root of the simulated container filesystem.
    container_root_fs = container.get_filesystem(ctx)
    cfg_file = container_root_fs / "local" / "share" / "config.yaml"
    assert cfg_file.read_text() == "TEST"


def test_container_roots_go_with_their_context():
    container = Container(name="foo", can_connect=True)
    ctx = Context(PushCharm, meta={"name": "foo", "containers": {"foo": {}}})
    other = Context(PushCharm, meta={"name": "foo", "containers": {"foo": {}}})
    ctx.run("start", State(containers=[container]))
    root = container.get_filesystem(ctx)
    assert root != container.get_filesystem(other)
    assert (root / "local" / "share" / "config.yaml").exists()
    ctx.cleanup()
    assert not root.exists()


LS_LL = """
.rw-rw-r--  228 ubuntu ubuntu 18 jan 12:05 -- charmcraft.yaml
.rw-rw-r--  497 ubuntu ubuntu 18 jan 12:05 -- config.yaml
.rw-rw-r--  900 ubuntu ubuntu 18 jan 12:05 -- CONTRIBUTING.md
drwxrwxr-x    - ubuntu ubuntu 18 jan 12:06 -- lib
"""


class ExecCharm(ops.CharmBase):
    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.foo_pebble_ready, self._on_start)

    def _on_start(self, _: ops.EventBase) -> None:
        foo = self.unit.get_container("foo")
        proc = foo.exec(["ls", "-ll"])
        stdout, _ = proc.wait_output()
        SEEN["stdout"] = stdout


def test_pebble_exec():
    container = Container(
        name="foo",
        can_connect=True,
        exec_mock={("ls", "-ll"): ExecOutput(return_code=0, stdout=LS_LL)},
    )
    state_in = State(containers=[container])
    Context(ExecCharm, meta={"name": "foo", "containers": {"foo": {}}}).run(
        container.pebble_ready_event, state_in
    )
    assert SEEN["stdout"] == LS_LL


class ReadmeExecCharm(ops.CharmBase):
    """The README's charm as written: ``_on_start`` observes nothing."""

    def _on_start(self, _: ops.EventBase) -> None:
        foo = self.unit.get_container("foo")
        proc = foo.exec(["ls", "-ll"])
        stdout, _ = proc.wait_output()
        assert stdout == LS_LL


def test_pebble_exec_as_the_readme_writes_it():
    container = Container(
        name="foo",
        exec_mock={("ls", "-ll"): ExecOutput(return_code=0, stdout=LS_LL)},
    )
    state_in = State(containers=[container])
    # The README's container cannot connect, which a pebble-ready event contradicts.
    with pytest.warns(ConsistencyWarning, match="can_connect=False"):
        state_out = Context(ReadmeExecCharm, meta={"name": "foo", "containers": {"foo": {}}}).run(
            container.pebble_ready_event, state_in
        )
    assert state_out.get_container("foo") == container
