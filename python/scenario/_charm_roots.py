# SPDX-License-Identifier: Apache-2.0
"""Virtual charm roots: the directory a charm given its metadata as dicts runs in.

On a unit a charm finds its metadata as files in its root (``metadata.yaml``,
``config.yaml``, ``actions.yaml``), so such a charm gets a root holding them. Making
that directory and its files, and removing them again, was most of what a new Context
cost beyond its run, and a test suite makes a Context per test. So the Contexts of one
spec share one root for as long as nothing changes it.

A root remembers the Context that ran on it last, and how many runs on it are under
way. When another Context is about to run on it, the root is checked (a Context running
again and again pays nothing): its directory and files are made with a fixed
modification time, which any write (or an entry made, removed or renamed in the
directory) replaces; a change of inode, size, mode, owner, link count or change time
counts too, and the files' texts are compared (the kernel may stamp change times with a
clock that does not move between a file's making and a write right after it, so a
rewrite of the same size with its times put back could leave every stat field as it
was).

A root found changed goes to the Context that ran on it last, which keeps it for its
next runs; it is removed with that Context's files (at its cleanup or when it is
garbage-collected; at once if it is gone already). A root on which another Context's
run is under way (nested ``manager`` blocks) goes to that Context too, whether or not
it wrote yet. The Context about to run gets a fresh root, so no test sees what another
test's charm wrote in its root. A change made between runs (by the test's own code)
counts as the last run's.

The shared roots of a process live in one directory per scratch location (see
``_scratch``), removed when the process exits normally. A process that exits otherwise
(``os._exit``, a signal) leaves it: the next process that makes one in the same place
removes those whose process is gone. Each process holds a lock on a file in its own (for
its eight latest scratch locations: a test suite that points ``$SCENARIO_TMPDIR`` at a
new directory per test does not run out of file descriptors). A forked child starts
with no shared root of its parent's, and removes none of them.
"""

from __future__ import annotations

import atexit
import fcntl
import os
import pathlib
import tempfile
import weakref
from typing import Any

from ._scratch import (
    SCRATCH_VARIABLE,
    TEMPFILE_VARIABLES,
    make_scratch_directory,
    remove_scratch_directory,
    scratch_parent,
)

SpecFiles = tuple[tuple[str, bytes], ...]
"""A spec's files, by name: what a root holds when it is made."""

_PRISTINE_TIME_NS = 946_684_800 * 10**9  # 2000-01-01T00:00:00Z: not a time a run writes at
_HOLDER_PREFIX = "scenario-roots-"
_MAKING_PREFIX = ".scenario-roots-making-"  # not swept: a holder until its lock is held
_LOCK_NAME = ".lock"
_HELD_LOCKS = 8

# The shared roots, by scratch directory and files.
_SHARED: dict[tuple[str, SpecFiles], CharmRoot] = {}
# Each scratch directory's holder of this process's roots, and its lock while held
# (the latest ``_HELD_LOCKS``; -1 once let go, or where the filesystem has no locks).
_HOLDERS: dict[str, tuple[pathlib.Path, int]] = {}
# Where shared roots go, by what chooses it (chosen once per process for each: a root's
# few small files do not need /dev/shm's free space checked again).
_PARENT_VARIABLES = (SCRATCH_VARIABLE, *TEMPFILE_VARIABLES)
_PARENTS: dict[tuple[str | None, ...], str] = {}
# Bumped in a forked child: roots made before are its parent's.
_generation = 0


class CharmRoot:
    """One virtual charm root, shared by Contexts until it is found changed."""

    __slots__ = (
        "path",
        "shared",
        "runner",
        "owner",
        "active",
        "_generation",
        "_key",
        "_paths",
        "_signature",
        "_remover",
    )

    def __init__(self, path: pathlib.Path, key: tuple[str, SpecFiles]) -> None:
        self.path = path
        """The directory, resolved (as ops resolves the charm directory)."""
        self.shared = True
        """False once found changed: it is then its ``owner``'s alone."""
        self.runner: weakref.ref[Any] | None = None
        """The Context that ran on it last."""
        self.owner: weakref.ref[Any] | None = None
        """The Context it went to when found changed."""
        self.active = 0
        """Runs on it under way."""
        self._generation = _generation
        self._key = key
        # The directory, then each file, in the order of the spec's files.
        self._paths = (str(path), *(os.path.join(path, name) for name, _ in key[1]))
        self._signature = _signature(self._paths)
        self._remover: weakref.finalize | None = None

    def owned_by(self, context: weakref.ref[Any]) -> bool:
        """Whether the root went to ``context`` (in this process)."""
        return self.owner is context and self._generation == _generation

    def usable(self) -> bool:
        """Whether the root is still shared (and this process's)."""
        return self.shared and self._generation == _generation

    def check_in(self, context: weakref.ref[Any], *, run: bool) -> bool:
        """Whether ``context`` may use this shared root.

        With ``run``, ``context`` is the root's runner, with one more run on it under way
        until ``leave()``. When another Context ran on it last and left it changed, or
        has a run on it under way, the root goes to that Context and the answer is False:
        ``context`` needs another.
        """
        runner = self.runner
        if runner is not context and runner is not None and (self.active or self._changed()):
            self._give_to(runner)
            return False
        if run:  # asking where the root is, outside a run, changes nothing
            self.runner = context
            self.active += 1
        return True

    def leave(self) -> None:
        """A run on the root is over."""
        self.active -= 1

    def release(self, context: weakref.ref[Any]) -> None:
        """At ``context``'s cleanup: removes the root if it is that Context's.

        It is when found changed after that Context ran on it last (checked now).
        """
        if self._generation != _generation:
            return  # the parent process's root
        if self.shared and self.runner is context and not self.active and self._changed():
            self._give_to(context)
        if self.owner is context and self._remover is not None:
            self._remover()

    def _changed(self) -> bool:
        if _signature(self._paths) != self._signature:
            return True
        # Where the kernel's change times are coarse, a rewrite of the same size with its
        # times put back leaves every stat field as it was: the texts say.
        try:
            for path, (_, content) in zip(self._paths[1:], self._key[1], strict=True):
                with open(path, "rb") as file:
                    if file.read(len(content) + 1) != content:
                        return True
        except OSError:
            return True
        return False

    def _give_to(self, owner: weakref.ref[Any]) -> None:
        self.shared = False
        if _SHARED.get(self._key) is self:
            del _SHARED[self._key]
        self.owner = owner
        context = owner()
        if context is None:
            remove_scratch_directory(str(self.path))
        else:
            self._remover = weakref.finalize(
                context, remove_scratch_directory, str(self.path), os.getpid()
            )


def shared_root(files: SpecFiles) -> CharmRoot:
    """The current shared root holding ``files``, made if there is none.

    Raises:
        ContextSetupError: no directory can be made where the shared roots go.
    """
    choice = (*map(os.environ.get, _PARENT_VARIABLES), tempfile.tempdir)
    parent = _PARENTS.get(choice)
    if parent is None:
        parent = scratch_parent()
        if not choice[0] or os.path.isabs(choice[0]):  # else it depends on the directory
            _PARENTS[choice] = parent
    key = (parent, files)
    root = _SHARED.get(key)
    if root is None:
        root = _SHARED[key] = _make_root(parent, key)
    return root


def write_spec_files(root: pathlib.Path, files: SpecFiles) -> None:
    """Writes ``files`` in the directory ``root``, replacing any of the same name."""
    for filename, content in files:
        # os-level: a new Context writes these, and a text file object costs twice as much.
        fd = os.open(root / filename, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o644)
        write_and_close(fd, content)


def write_and_close(fd: int, content: bytes) -> None:
    """Writes all of ``content`` to the open file ``fd``, then closes it."""
    try:
        rest = memoryview(content)
        while rest:
            rest = rest[os.write(fd, rest) :]
    finally:
        os.close(fd)


def _make_root(parent: str, key: tuple[str, SpecFiles]) -> CharmRoot:
    holder = _holder(parent)
    try:
        path = pathlib.Path(tempfile.mkdtemp(prefix="charm-", dir=holder))
    except FileNotFoundError:  # the holder was removed under us: make another
        _let_go(parent)
        path = pathlib.Path(tempfile.mkdtemp(prefix="charm-", dir=_holder(parent)))
    os.chmod(path, 0o755)  # as a charm's directory on a unit
    write_spec_files(path, key[1])
    pristine = (_PRISTINE_TIME_NS, _PRISTINE_TIME_NS)
    for name, _ in key[1]:
        os.utime(path / name, ns=pristine)
    os.utime(path, ns=pristine)  # last: the files' own utime left it as it was
    return CharmRoot(path, key)


def _holder(parent: str) -> pathlib.Path:
    """This process's directory of shared roots under ``parent``, made on first use.

    Made under a name the sweep of other processes passes by, then given its lock, then
    renamed: a holder that other processes see always has its lock held.
    """
    held = _HOLDERS.get(parent)
    if held is not None:
        return held[0]
    _remove_abandoned_holders(parent)
    making = make_scratch_directory(parent, prefix=_MAKING_PREFIX)
    lock = os.open(making / _LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)  # held until the process is gone, however it goes
    except OSError:  # no locks here: only the exit hook removes it
        os.close(lock)
        lock = -1
    holder = make_scratch_directory(parent, prefix=f"{_HOLDER_PREFIX}{os.getpid()}-")
    os.rename(making, holder)  # over the empty directory just made for its unique name
    _HOLDERS[parent] = (holder, lock)
    live = [p for p, (_, fd) in _HOLDERS.items() if fd >= 0]
    for old_parent in live[:-_HELD_LOCKS]:
        os.close(_HOLDERS[old_parent][1])
        _HOLDERS[old_parent] = (_HOLDERS[old_parent][0], -1)
    return holder


def _let_go(parent: str) -> None:
    _, lock = _HOLDERS.pop(parent, (None, -1))
    if lock >= 0:
        os.close(lock)


def _remove_abandoned_holders(parent: str) -> None:
    """Removes the holders under ``parent`` whose process is gone (its lock is free)."""
    try:
        entries = list(os.scandir(parent))
    except OSError:
        return  # making the holder reports it
    uid = os.getuid()
    for entry in entries:
        if not entry.name.startswith(_HOLDER_PREFIX):
            continue
        try:
            if entry.stat(follow_symlinks=False).st_uid != uid or not entry.is_dir(
                follow_symlinks=False
            ):
                continue
            lock = os.open(
                os.path.join(entry.path, _LOCK_NAME), os.O_RDWR | os.O_NOFOLLOW | os.O_CLOEXEC
            )
        except OSError:
            continue  # not ours, or being removed by another process
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(lock)
            continue  # its process is alive (or locks cannot tell: then left alone)
        try:
            remove_scratch_directory(entry.path)  # the lock held meanwhile: one remover
        finally:
            os.close(lock)


def _signature(paths: tuple[str, ...]) -> tuple[tuple[int, ...], ...] | None:
    try:
        return tuple(_identity(os.stat(path)) for path in paths)
    except OSError:  # a file removed, or the root itself
        return None


def _identity(st: os.stat_result) -> tuple[int, ...]:
    return (
        st.st_ino,
        st.st_mtime_ns,
        st.st_ctime_ns,
        st.st_size,
        st.st_mode,
        st.st_uid,
        st.st_gid,
        st.st_nlink,
    )


@atexit.register
def _remove_holders() -> None:
    # Only this process's: a forked child starts with none of its parent's.
    for holder, _ in _HOLDERS.values():
        remove_scratch_directory(str(holder))


def _forget_parents_roots() -> None:
    global _generation
    _generation += 1
    _SHARED.clear()
    for _, lock in _HOLDERS.values():
        if lock >= 0:
            os.close(lock)  # the parent's locks stay held, by the parent
    _HOLDERS.clear()


os.register_at_fork(after_in_child=_forget_parents_roots)
