# SPDX-License-Identifier: Apache-2.0
"""``Context.cleanup``: forgets the side-effect records and the simulated filesystems."""

from __future__ import annotations

import gc
import logging
import pathlib
import weakref

import ops
import pytest
from scenario import Container, Context, State, Storage, _core

logger = logging.getLogger(__name__)

META = {"name": "foo", "storage": {"data": {"type": "filesystem"}}}


class MyCharm(ops.CharmBase):
    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.start, self._on_start)

    def _on_start(self, _):
        logger.warning("starting")
        self.unit.status = ops.MaintenanceStatus("a")
        self.unit.status = ops.ActiveStatus("b")
        self.unit.set_workload_version("1")
        self.unit.set_workload_version("2")
        self.model.storages.request("data", 1)


def test_cleanup_clears_every_record():
    ctx = Context(MyCharm, meta=META)
    ctx.run("start", State())
    assert ctx.unit_status_history
    assert ctx.workload_version_history
    assert ctx.juju_log
    assert ctx.emitted_events
    assert ctx.requested_storages == {"data": 1}

    ctx.cleanup()
    assert ctx.unit_status_history == []
    assert ctx.app_status_history == []
    assert ctx.workload_version_history == []
    assert ctx.juju_log == []
    assert ctx.emitted_events == []
    assert ctx.requested_storages == {}


def test_cleanup_removes_simulated_filesystems():
    ctx = Context(MyCharm, meta=META)
    storage = Storage("data")
    root = storage.get_filesystem(ctx)
    (root / "file").write_text("x")
    ctx.run("update-status", State(storage=[storage]))
    assert (root / "file").exists()
    ctx.cleanup()
    assert not root.exists()


def test_cleanup_removes_read_only_directories_and_not_what_links_point_to(
    tmp_path: pathlib.Path,
):
    (tmp_path / "kept.txt").write_text("kept")
    ctx = Context(MyCharm, meta=META)
    root = Storage("data").get_filesystem(ctx)
    (root / "ro").mkdir()
    (root / "ro" / "f").write_text("x")
    (root / "ro").chmod(0o500)
    (root / "outside").symlink_to(tmp_path)
    ctx.cleanup()
    assert not root.exists()
    assert (tmp_path / "kept.txt").read_text() == "kept"


def test_files_that_cannot_be_removed_are_logged_not_raised(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
):
    ctx = Context(MyCharm, meta=META)
    Storage("data").get_filesystem(ctx)
    files = ctx._tmp
    assert files is not None

    def refuse(path: str) -> None:
        raise _core.ScenarioRuntimeError(f"cannot remove {path!r}: permission denied")

    monkeypatch.setattr(_core, "remove_tree", refuse)
    with caplog.at_level(logging.WARNING, logger="scenario._scratch"):
        ctx.cleanup()
    assert "were not all removed" in caplog.text
    assert "permission denied" in caplog.text
    monkeypatch.undo()
    _core.remove_tree(str(files))


def test_context_is_usable_after_cleanup():
    ctx = Context(MyCharm, meta=META)
    ctx.run("start", State())
    ctx.cleanup()
    out = ctx.run("start", State())
    assert out.unit_status == ops.ActiveStatus("b")
    assert ctx.unit_status_history == [ops.UnknownStatus(), ops.MaintenanceStatus("a")]
    assert ctx.workload_version_history == ["1"]
    assert ctx.requested_storages == {"data": 1}


class _PebbleCharm(ops.CharmBase):
    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.web_pebble_ready, self._on_ready)

    def _on_ready(self, event: ops.PebbleReadyEvent):
        event.workload.push("/etc/x", "x", make_dirs=True)


def test_a_dropped_context_goes_at_once_with_its_files():
    """Its runs' objects (ops' framework, in reference cycles) do not keep it alive."""
    gc.disable()
    try:
        ctx = Context(_PebbleCharm, meta={"name": "foo", "containers": {"web": {}}})
        container = Container("web", can_connect=True)
        ctx.run(container.pebble_ready_event, State(containers=[container]))
        root = container.get_filesystem(ctx)
        assert (root / "etc" / "x").exists()
        alive = weakref.ref(ctx)
        del ctx
        assert alive() is None
        assert not root.exists()
    finally:
        gc.enable()
