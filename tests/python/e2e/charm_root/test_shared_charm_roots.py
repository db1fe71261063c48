# SPDX-License-Identifier: Apache-2.0
"""Contexts of one spec share a virtual charm root until a run changes it; a change
stays with the Context whose run made it, and no other test sees it."""

from __future__ import annotations

import gc
import os
import pathlib
from collections.abc import Callable

import ops
import pytest
from scenario import Context, State, _charm_roots

META = {"name": "rooted"}


def _charm(action: Callable[[pathlib.Path], None] | None = None) -> type[ops.CharmBase]:
    class RootCharm(ops.CharmBase):
        def __init__(self, framework: ops.Framework):
            super().__init__(framework)
            framework.observe(self.on.start, self._on_start)

        def _on_start(self, _: ops.StartEvent):
            if action is not None:
                action(pathlib.Path(self.charm_dir))

    return RootCharm


def _root_of(ctx: Context) -> pathlib.Path:
    with ctx.manager("start", State()) as mgr:
        return pathlib.Path(mgr.charm.charm_dir)


@pytest.fixture(autouse=True)
def own_scratch(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch) -> pathlib.Path:
    """Shared roots under this test's own directory, so no other test's roots are seen."""
    monkeypatch.setenv("SCENARIO_TMPDIR", str(tmp_path))
    return tmp_path


def _overwrite_metadata(root: pathlib.Path) -> None:
    # Same size and right after the root was made: a change time alone could miss it.
    text = (root / "metadata.yaml").read_bytes()
    (root / "metadata.yaml").write_bytes(text.upper())


CHANGES = {
    "file added": lambda root: (root / "added.txt").write_text("x"),
    "file rewritten in place": _overwrite_metadata,
    "file removed": lambda root: (root / "metadata.yaml").unlink(missing_ok=True),
    "file made executable": lambda root: (root / "metadata.yaml").chmod(0o755),
    "directory made": lambda root: (root / "src").mkdir(exist_ok=True),
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_a_root_a_run_changed_is_not_shared_with_new_contexts(change):
    writer = Context(_charm(change), meta=META)
    changed = _root_of(writer)
    fresh = _root_of(Context(_charm(), meta=META))
    assert fresh != changed
    assert sorted(p.name for p in fresh.iterdir()) == ["metadata.yaml"]
    assert (fresh / "metadata.yaml").read_text() == "name: rooted\n"
    # The writer keeps what its run did, for its next runs.
    assert _root_of(writer) == changed


def test_a_context_sharing_a_root_another_run_changed_moves_to_a_fresh_one():
    reader = Context(_charm(), meta=META)
    shared = _root_of(reader)
    writer = Context(_charm(lambda root: (root / "mine.txt").write_text("x")), meta=META)
    assert _root_of(writer) == shared
    moved = _root_of(reader)
    assert moved != shared
    assert not (moved / "mine.txt").exists()
    assert (shared / "mine.txt").exists()


def test_an_unchanged_root_outlives_its_contexts_and_a_changed_one_goes_with_its_context():
    ctx = Context(_charm(), meta=META)
    shared = _root_of(ctx)
    ctx.cleanup()
    del ctx
    gc.collect()
    assert (shared / "metadata.yaml").is_file()
    assert _root_of(Context(_charm(), meta=META)) == shared  # made once, used again

    writer = Context(_charm(lambda root: (root / "mine.txt").write_text("x")), meta=META)
    changed = _root_of(writer)
    writer.cleanup()
    assert not changed.exists()
    # A Context dropped without cleanup: its change goes when the next Context finds it.
    dropped = Context(_charm(lambda root: (root / "mine.txt").write_text("x")), meta=META)
    changed = _root_of(dropped)
    del dropped
    gc.collect()
    assert _root_of(Context(_charm(), meta=META)) != changed
    assert not changed.exists()


def test_roots_follow_scenario_tmpdir(tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch):
    first = _root_of(Context(_charm(), meta=META))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.setenv("SCENARIO_TMPDIR", str(elsewhere))
    second = _root_of(Context(_charm(), meta=META))
    assert second.is_relative_to(elsewhere)
    assert not first.is_relative_to(elsewhere)


def test_shared_roots_are_removed_at_exit_by_their_own_process_only(tmp_path: pathlib.Path):
    holder = tmp_path / "holder"
    (holder / "charm-1").mkdir(parents=True)
    _charm_roots._remove_at_exit(os.getpid() + 1, str(holder))  # a forked child's exit
    assert holder.exists()
    _charm_roots._remove_at_exit(os.getpid(), str(holder))
    assert not holder.exists()
