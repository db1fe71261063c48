# SPDX-License-Identifier: Apache-2.0
"""Where a Context keeps its files (charm root, container filesystems, storage)."""

from __future__ import annotations

import os
import pathlib
from types import SimpleNamespace

import ops
import pytest
from scenario import Container, Context, State, _scratch
from scenario.errors import ContextSetupError

META = {"name": "foo", "containers": {"web": {}}}


class PushingCharm(ops.CharmBase):
    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.web_pebble_ready, self._on_ready)

    def _on_ready(self, event: ops.PebbleReadyEvent):
        event.workload.push("/etc/app.conf", "x=1\n", make_dirs=True)


@pytest.fixture
def no_tempfile_variables(monkeypatch):
    for name in ("SCENARIO_TMPDIR", "TMPDIR", "TEMP", "TMP"):
        monkeypatch.delenv(name, raising=False)


def _run_and_get_filesystem() -> tuple[Context, pathlib.Path]:
    ctx = Context(PushingCharm, meta=META)
    container = Container("web", can_connect=True)
    ctx.run(container.pebble_ready_event, State(containers=[container]))
    return ctx, container.get_filesystem(ctx)


def test_scenario_tmpdir_holds_the_context_files(tmp_path, monkeypatch):
    monkeypatch.setenv("SCENARIO_TMPDIR", str(tmp_path))
    ctx, root = _run_and_get_filesystem()
    assert root.is_relative_to(tmp_path)
    assert (root / "etc" / "app.conf").read_text() == "x=1\n"
    charm_dir = ctx._charm_dir()
    assert charm_dir.is_relative_to(tmp_path)
    ctx.cleanup()
    assert not root.exists()
    # Left: the charm root the Contexts of this spec share, untouched, in this process's
    # directory of shared roots (removed at exit; ".lock" tells other processes it is
    # alive).
    assert (charm_dir / "metadata.yaml").is_file()
    assert {p.name for p in tmp_path.rglob("*") if not p.is_dir()} == {"metadata.yaml", ".lock"}


def test_an_unusable_scenario_tmpdir_is_a_clear_error(tmp_path, monkeypatch):
    missing = tmp_path / "missing"
    monkeypatch.setenv("SCENARIO_TMPDIR", str(missing))
    with pytest.raises(ContextSetupError, match=r"SCENARIO_TMPDIR.*missing.*writable"):
        _run_and_get_filesystem()


def test_tmpdir_chosen_by_the_user_is_respected(tmp_path, monkeypatch, no_tempfile_variables):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    assert _scratch._default_parent() is None


def test_ram_filesystem_is_used_when_large_enough(monkeypatch, no_tempfile_variables):
    monkeypatch.setattr(os, "statvfs", lambda _: SimpleNamespace(f_bavail=2 << 30, f_frsize=1))
    monkeypatch.setattr(os, "access", lambda *_: True)
    assert _scratch._default_parent() == "/dev/shm"


def test_small_or_missing_ram_filesystem_is_not_used(monkeypatch, no_tempfile_variables):
    monkeypatch.setattr(os, "access", lambda *_: True)
    monkeypatch.setattr(os, "statvfs", lambda _: SimpleNamespace(f_bavail=64 << 20, f_frsize=1))
    assert _scratch._default_parent() is None

    def missing(_: str):
        raise FileNotFoundError("/dev/shm")

    monkeypatch.setattr(os, "statvfs", missing)
    assert _scratch._default_parent() is None


def test_read_only_ram_filesystem_is_not_used(monkeypatch, no_tempfile_variables):
    monkeypatch.setattr(os, "statvfs", lambda _: SimpleNamespace(f_bavail=2 << 30, f_frsize=1))
    monkeypatch.setattr(os, "access", lambda *_: False)
    assert _scratch._default_parent() is None
