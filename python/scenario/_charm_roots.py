# SPDX-License-Identifier: Apache-2.0
"""Virtual charm roots: the directory a charm given its metadata as dicts runs in.

On a unit a charm finds its metadata as files in its root (``metadata.yaml``,
``config.yaml``, ``actions.yaml``), so such a charm gets a root holding them. Making
that directory and its files, and removing them again, was most of what a new Context
cost beyond its run, and a test suite makes a Context per test. So the Contexts of one
spec share one root for as long as no run has changed it.

Whether a root was changed is read from its directory and files when another Context
than the one that ran last is about to run on it (so a Context running again and again
pays nothing): they are made with a fixed modification time, which any write (or an
entry made, removed or renamed in the directory) replaces with the current time; a
change of mode, owner, size or inode counts too. Modification times rather than change
times: the kernel stamps files with a clock that moves a few times per millisecond, so
a file written right after it was made can keep its change time, but never the fixed
one.

A changed root goes to the Context that ran on it last, and is removed with that
Context's files; the Context about to run gets a fresh root, so no test sees what
another test's charm wrote in its root. Shared roots are removed when the process
that made them exits.
"""

from __future__ import annotations

import atexit
import os
import pathlib
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

# The shared roots, by scratch directory and files, and the directory holding those of
# each scratch directory (``$SCENARIO_TMPDIR`` may change between tests).
_SHARED: dict[tuple[str, SpecFiles], CharmRoot] = {}
# Where shared roots go, by the variables that choose it (chosen once per process for
# each: a root's few small files do not need /dev/shm's free space checked again).
_PARENT_VARIABLES = (SCRATCH_VARIABLE, *TEMPFILE_VARIABLES)
_PARENTS: dict[tuple[str | None, ...], str] = {}
_HOLDERS: dict[str, pathlib.Path] = {}
_counter = 0


class CharmRoot:
    """One virtual charm root, shared by Contexts until a run changes it."""

    __slots__ = ("path", "shared", "runner", "owner", "_key", "_names", "_signature", "_remover")

    def __init__(self, path: pathlib.Path, key: tuple[str, SpecFiles]) -> None:
        self.path = path
        """The directory, resolved (as ops resolves the charm directory)."""
        self.shared = True
        """False once found changed: it is then its ``owner``'s alone."""
        self.runner: weakref.ref[Any] | None = None
        """The Context that ran on it last."""
        self.owner: weakref.ref[Any] | None = None
        """The Context it was given to when found changed."""
        self._key = key
        self._names = tuple(os.path.join(path, name) for name, _ in key[1])
        self._signature = _signature(str(path), self._names)
        self._remover: weakref.finalize | None = None

    def check_in(self, context: weakref.ref[Any]) -> bool:
        """Whether ``context`` may run on this root; it is then the root's runner.

        When another Context ran on it last and left it changed, the root goes to that
        Context (and is removed with its files, or at once if it is gone), and the answer
        is False: ``context`` needs a fresh root.
        """
        if self.runner is not context and self.runner is not None and self._changed():
            self._give_to(self.runner)
            return False
        self.runner = context
        return True

    def release(self, context: weakref.ref[Any]) -> None:
        """Removes the root, at ``context``'s cleanup, if it is that Context's own.

        It is when a run of that Context changed it.
        """
        if self.shared and self.runner is context and self._changed():
            self._give_to(context)
        if self.owner is context and self._remover is not None:
            self._remover()

    def _changed(self) -> bool:
        return _signature(str(self.path), self._names) != self._signature

    def _give_to(self, owner: weakref.ref[Any]) -> None:
        self.shared = False
        if _SHARED.get(self._key) is self:
            del _SHARED[self._key]
        self.owner = owner
        context = owner()
        if context is None:
            remove_scratch_directory(str(self.path))
        else:
            self._remover = weakref.finalize(context, remove_scratch_directory, str(self.path))


def shared_root(files: SpecFiles) -> CharmRoot:
    """The current shared root holding ``files``, made if there is none.

    Raises:
        ContextSetupError: ``$SCENARIO_TMPDIR`` names no usable directory.
    """
    choice = tuple(map(os.environ.get, _PARENT_VARIABLES))
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
    """Writes ``files`` in ``root`` (made if missing), replacing any of the same name."""
    root.mkdir(parents=True, exist_ok=True)
    for filename, content in files:
        # os-level: a new Context writes these, and a text file object costs twice as much.
        fd = os.open(root / filename, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o644)
        try:
            rest = memoryview(content)
            while rest:
                rest = rest[os.write(fd, rest) :]
        finally:
            os.close(fd)


def _make_root(parent: str, key: tuple[str, SpecFiles]) -> CharmRoot:
    global _counter
    holder = _HOLDERS.get(parent)
    if holder is None:
        holder = _HOLDERS[parent] = make_scratch_directory(parent)
        atexit.register(_remove_at_exit, os.getpid(), str(holder))
    _counter += 1
    path = holder / f"charm-{_counter}"
    write_spec_files(path, key[1])
    pristine = (_PRISTINE_TIME_NS, _PRISTINE_TIME_NS)
    for name, _ in key[1]:
        os.utime(path / name, ns=pristine)
    os.utime(path, ns=pristine)  # last: the files' own utime left it as it was
    return CharmRoot(path, key)


def _signature(root: str, files: tuple[str, ...]) -> tuple[tuple[int, ...], ...] | None:
    try:
        return tuple(_identity(os.stat(path)) for path in (root, *files))
    except OSError:  # a file removed, or the root itself
        return None


def _identity(st: os.stat_result) -> tuple[int, ...]:
    return (st.st_ino, st.st_mtime_ns, st.st_size, st.st_mode, st.st_uid, st.st_gid)


def _remove_at_exit(pid: int, holder: str) -> None:
    # A forked child exits through atexit too: the roots are its parent's.
    if os.getpid() == pid:
        remove_scratch_directory(holder)
