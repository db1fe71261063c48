# SPDX-License-Identifier: Apache-2.0
"""Contexts of one spec share a virtual charm root until a run changes it; a change
stays with the Context whose run made it, and no other test sees it."""

from __future__ import annotations

import gc
import os
import pathlib
import subprocess
import sys
import tempfile
from collections.abc import Callable

import ops
import pytest
from scenario import Context, State, _charm_roots, _core
from scenario.errors import ContextSetupError

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


def test_a_root_under_another_contexts_run_goes_to_that_context():
    """Nested runs: the outer run may write after the inner one started."""
    outer = Context(_charm(lambda root: (root / "outer.txt").write_text("x")), meta=META)
    inner = Context(_charm(), meta=META)
    _root_of(inner)  # both would share one root
    with outer.manager("start", State()) as mgr:
        outer_root = pathlib.Path(mgr.charm.charm_dir)
        inner_root = _root_of(inner)
        mgr.run()
    assert inner_root != outer_root
    assert not (inner_root / "outer.txt").exists()
    assert not (_root_of(inner) / "outer.txt").exists()
    assert (_root_of(outer) / "outer.txt").exists()  # the outer Context keeps its root


def test_a_change_between_runs_counts_as_the_last_runs():
    ctx = Context(_charm(), meta=META)
    root = _root_of(ctx)
    (root / "by-the-test.txt").write_text("x")
    assert _root_of(Context(_charm(), meta=META)) != root
    assert _root_of(ctx) == root


def test_an_edit_that_puts_the_times_back_is_found():
    def edit(root: pathlib.Path) -> None:
        before = (root / "metadata.yaml").stat()
        _overwrite_metadata(root)
        os.utime(root / "metadata.yaml", ns=(before.st_atime_ns, before.st_mtime_ns))

    ctx = Context(_charm(edit), meta=META)
    root = _root_of(ctx)
    fresh = _root_of(Context(_charm(), meta=META))
    assert fresh != root
    assert (fresh / "metadata.yaml").read_text() == "name: rooted\n"


def test_a_removed_scratch_directory_is_an_error_not_made_again(
    own_scratch: pathlib.Path, monkeypatch: pytest.MonkeyPatch
):
    scratch = own_scratch / "scratch"
    scratch.mkdir()
    monkeypatch.setenv("SCENARIO_TMPDIR", str(scratch))
    _root_of(Context(_charm(), meta=META))
    _core.remove_tree(str(scratch))
    with pytest.raises(ContextSetupError, match="SCENARIO_TMPDIR"):
        _root_of(Context(_charm(), meta=META))
    assert not scratch.exists()


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


_CHILD = """
import os, sys
import ops
from scenario import Context, State

class Charm(ops.CharmBase):
    pass

ctx = Context(Charm, meta={"name": "rooted"})
with ctx.manager("start", State()) as mgr:
    print(mgr.charm.charm_dir, flush=True)
if sys.argv[1] == "abandon":
    os._exit(0)
"""


def _root_of_child(how: str) -> pathlib.Path:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, how], capture_output=True, text=True, check=True
    )
    return pathlib.Path(done.stdout.strip())


def test_shared_roots_go_at_exit_or_with_the_next_process_after_an_abandoned_one(
    own_scratch: pathlib.Path,
):
    exited = _root_of_child("exit")
    assert exited.is_relative_to(own_scratch)
    assert not exited.parent.exists()  # removed at exit, with the process's holder
    abandoned = _root_of_child("abandon")
    assert (abandoned / "metadata.yaml").is_file()  # os._exit runs no exit hook
    # The next process making shared roots here removes the ones of a process gone.
    _root_of(Context(_charm(), meta={"name": "another"}))
    assert not abandoned.parent.exists()


def test_a_live_process_keeps_its_shared_roots(own_scratch: pathlib.Path):
    ours = _root_of(Context(_charm(), meta=META))
    holder, lock = _charm_roots._HOLDERS.pop(str(own_scratch))  # as if another process's
    try:
        other = _root_of(Context(_charm(), meta={"name": "other-spec"}))
        assert other.parent != holder
        assert (ours / "metadata.yaml").is_file()  # its lock is held: its process is alive
    finally:
        os.close(lock)
        _core.remove_tree(str(holder))


def test_a_forked_child_makes_its_own_roots_and_leaves_its_parents_alone():
    parent_root = _root_of(Context(_charm(), meta=META))
    # A root given to a Context of the parent (its run changed it), and one it shares.
    writer = Context(_charm(lambda root: (root / "w.txt").write_text("x")), meta=META)
    given = _root_of(writer)
    sharer = Context(_charm(), meta=META)
    shared = _root_of(sharer)
    assert shared != given
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report, and leave without running pytest's exit
        try:
            root = _root_of(
                Context(_charm(lambda r: (r / "child.txt").write_text("x")), meta=META)
            )
            writer.cleanup()  # the child's copies: they must not remove the parent's roots
            sharer.cleanup()
            os.write(write, str(root).encode())
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read) as reader:
        child_root = pathlib.Path(reader.read())
    os.waitpid(pid, 0)
    assert child_root.parent != parent_root.parent
    assert not (parent_root / "child.txt").exists()
    assert (given / "w.txt").exists()
    assert (shared / "metadata.yaml").exists()
    assert _root_of(writer) == given
    assert _root_of(Context(_charm(), meta=META)) == shared


def test_asking_where_the_root_is_changes_nothing():
    first = Context(_charm(), meta=META)
    root = _root_of(first)
    second = Context(_charm(), meta=META)
    assert second._charm_dir() == root  # outside a run: no check, and no runner
    (root / "by-the-first-test.txt").write_text("x")
    assert _root_of(first) == root  # still the first Context's last run's change
    assert not (_root_of(second) / "by-the-first-test.txt").exists()


def test_only_the_latest_scratch_locations_hold_a_lock(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
):
    for i in range(_charm_roots._HELD_LOCKS + 3):
        (tmp_path / str(i)).mkdir()
        monkeypatch.setenv("SCENARIO_TMPDIR", str(tmp_path / str(i)))
        _root_of(Context(_charm(), meta=META))
    held = [lock for _, lock in _charm_roots._HOLDERS.values() if lock >= 0]
    assert len(held) <= _charm_roots._HELD_LOCKS


def test_an_unusable_temporary_directory_is_a_clear_error(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
):
    missing = str(tmp_path / "missing")
    monkeypatch.delenv("SCENARIO_TMPDIR")
    monkeypatch.setenv("TMPDIR", missing)
    monkeypatch.setattr(tempfile, "tempdir", missing)
    with pytest.raises(ContextSetupError, match="temporary directory .*missing"):
        _root_of(Context(_charm(), meta={"name": "nowhere"}))
