# SPDX-License-Identifier: Apache-2.0
"""A ``charm_root`` the test gives, for a charm whose spec is not read from it.

The spec was given as dicts, or read from the charm's source tree elsewhere.

The charm finds its spec as files in its root, so each run puts the spec's files in
the given directory. That directory is the test's: a copy of the charm, or the
charm's own source tree. So what had the spec files' names (``metadata.yaml``,
``config.yaml``, ``actions.yaml``) is put back when the run ends, and what the run
wrote under those names is removed.

- What was there is renamed aside (``.metadata.yaml.scenario-saved``), not read into
  memory: the rename keeps the file's bytes, mode, owner and times, and a symbolic
  link stays a link. A name that was free gets an empty marker instead
  (``.metadata.yaml.scenario-absent``). The spec's files are written under another
  name, made new, and renamed into place, so nothing is written through a link.
- The directory shows exactly the run's spec: a name the spec has no file for is put
  aside too, so the charm never sees a stale one.
- Runs on one directory may nest (a ``manager`` block inside another, or two Contexts
  on it): the innermost shows its spec, and the last to end puts the originals back.
  Runs of other processes on it (``pytest -n``) wait their turn: a process holds a
  lock on the directory while its runs are under way (where the filesystem has no
  such locks, a warning says that runs of several processes are not kept apart).
- A process killed mid-run leaves the originals aside and the markers. The next run
  on the directory puts back an original whose name is free again and drops a marker
  whose name is; where the name is taken (by the killed run's file, or by one the test
  made since), it stops with an error saying which file is which, rather than guess.
"""

from __future__ import annotations

import fcntl
import logging
import os
import pathlib
import threading
import time

from ._charm_roots import SpecFiles, write_and_close
from .errors import ContextSetupError

logger = logging.getLogger(__name__)

SPEC_FILE_NAMES = ("metadata.yaml", "config.yaml", "actions.yaml")
"""The names a run may write in a given root."""

LOCK_WAIT_SECONDS = 60.0
"""How long a run waits for another process's runs on the same root to end."""

_POLL_SECONDS = 0.01

# The directories with runs of this process under way, resolved; guarded by _GUARD.
_UNDER_WAY: dict[pathlib.Path, GivenRootRuns] = {}
_GUARD = threading.Lock()
# Roots whose lock could not be taken, warned about once.
_UNLOCKED: set[pathlib.Path] = set()


def saved_path(root: pathlib.Path, name: str) -> pathlib.Path:
    """Where the original ``name`` of ``root`` waits while runs are under way."""
    return root / f".{name}.scenario-saved"


def absent_path(root: pathlib.Path, name: str) -> pathlib.Path:
    """The marker saying ``root`` had no ``name`` before the runs under way."""
    return root / f".{name}.scenario-absent"


def _new_path(root: pathlib.Path, name: str) -> pathlib.Path:
    return root / f".{name}.scenario-new"


class GivenRootRun:
    """One run on a given root; ``leave()`` when it ends."""

    __slots__ = ("_runs", "files")

    def __init__(self, runs: GivenRootRuns, files: SpecFiles) -> None:
        self._runs = runs
        self.files = files

    def leave(self) -> None:
        """The run ends."""
        self._runs.leave(self)


class GivenRootRuns:
    """This process's runs under way on one given root, innermost last."""

    __slots__ = ("_root", "_runs", "_aside", "_lock_fd")

    def __init__(self, root: pathlib.Path) -> None:
        self._root = root
        self._runs: list[GivenRootRun] = []
        # Each spec file name, and whether an original was put aside for it.
        self._aside: dict[str, bool] = {}
        self._lock_fd = -1

    def enter(self, files: SpecFiles) -> GivenRootRun:
        """A run starts: the first puts the originals aside; the spec's files are shown.

        Raises:
            ContextSetupError: another process's runs hold the root too long, or an
                unfinished run left the root in a state only the test can settle.
            OSError: the directory cannot be written (what was put aside is put back).
        """
        if not self._runs:
            try:
                self._lock()
                self._put_originals_aside()
            except BaseException:
                self._put_originals_back()
                raise
        run = GivenRootRun(self, files)
        self._runs.append(run)
        try:
            self._show(files)
        except BaseException:
            self.leave(run)
            raise
        return run

    def leave(self, run: GivenRootRun) -> None:
        """``run`` ends: the innermost run left shows its spec, or the originals return."""
        if run not in self._runs:
            return  # a forked child ending a run its parent started: the parent's to end
        self._runs.remove(run)
        if not self._runs:
            self._put_originals_back()
            return
        try:
            self._show(self._runs[-1].files)
        except OSError as e:
            logger.warning("could not show the spec's files in %s again: %s", self._root, e)

    def forget(self) -> None:
        """In a forked child: the parent's runs and lock are not this process's."""
        self._runs.clear()
        self._aside.clear()
        if self._lock_fd >= 0:
            os.close(self._lock_fd)  # the child's copy; the parent keeps the lock
            self._lock_fd = -1

    def _lock(self) -> None:
        try:
            fd = os.open(self._root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        except OSError as e:
            self._warn_unlocked(e)
            return
        try:
            deadline = time.monotonic() + LOCK_WAIT_SECONDS
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise ContextSetupError(
                            f"charm_root {str(self._root)!r} has been in use by another "
                            f"process's run for {LOCK_WAIT_SECONDS:.0f} seconds; give each "
                            "process (each pytest worker) a charm_root of its own"
                        ) from None
                    time.sleep(_POLL_SECONDS)
                except OSError as e:  # no such locks here (NFS, for one)
                    self._warn_unlocked(e)
                    os.close(fd)
                    return
        except BaseException:
            os.close(fd)
            raise
        self._lock_fd = fd

    def _warn_unlocked(self, error: OSError) -> None:
        if self._root not in _UNLOCKED:
            _UNLOCKED.add(self._root)
            logger.warning(
                "cannot lock charm_root %s (%s): runs of several processes on it at once "
                "could mix up its files",
                self._root,
                error,
            )

    def _put_originals_aside(self) -> None:
        root = self._root
        for name in SPEC_FILE_NAMES:
            _new_path(root, name).unlink(missing_ok=True)  # an unfinished write's
            path, saved, absent = root / name, saved_path(root, name), absent_path(root, name)
            if os.path.lexists(saved) or os.path.lexists(absent):
                _settle_leftover(root, name)
            if os.path.lexists(path):
                os.rename(path, saved)
                self._aside[name] = True
            else:
                os.close(os.open(absent, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC))
                self._aside[name] = False

    def _show(self, files: SpecFiles) -> None:
        """The directory holds ``files`` and no other spec file name."""
        written = dict(files)
        for name in SPEC_FILE_NAMES:
            path = self._root / name
            content = written.get(name)
            if content is None:
                path.unlink(missing_ok=True)
                continue
            new = _new_path(self._root, name)
            new.unlink(missing_ok=True)
            flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
            fd = os.open(new, flags, 0o644)
            try:
                write_and_close(fd, content)
                os.replace(new, path)
            except BaseException:
                new.unlink(missing_ok=True)
                raise

    def _put_originals_back(self) -> None:
        try:
            for name, aside in self._aside.items():
                path = self._root / name
                try:
                    if aside:
                        # Over the spec's file, in one step: the original is never missing.
                        os.replace(saved_path(self._root, name), path)
                    else:
                        path.unlink(missing_ok=True)
                        absent_path(self._root, name).unlink(missing_ok=True)
                except OSError as e:
                    logger.warning(
                        "could not put %s back as it was before the run (%s)%s",
                        path,
                        e,
                        f"; the original is in {saved_path(self._root, name)}" if aside else "",
                    )
            self._aside.clear()
        finally:
            with _GUARD:
                _UNDER_WAY.pop(self._root, None)
            if self._lock_fd >= 0:
                fd, self._lock_fd = self._lock_fd, -1
                try:
                    fcntl.flock(fd, fcntl.LOCK_UN)  # a forked child's copy would keep it
                finally:
                    os.close(fd)  # lets the next process's runs in


def _settle_leftover(root: pathlib.Path, name: str) -> None:
    """What an unfinished run left for ``name``, put right where that is safe.

    Raises:
        ContextSetupError: ``name`` is taken: whose it is cannot be known.
    """
    path, saved, absent = root / name, saved_path(root, name), absent_path(root, name)
    if os.path.lexists(path):
        if os.path.lexists(saved):
            what = (
                f"{saved.name}: the original {name}, put aside by a run that did not "
                f"finish, and {name} is there too (that run's, or one made since); keep "
                f"the one you want (`mv {saved.name} {name}` puts the original back) and "
                "remove the other"
            )
        else:
            what = (
                f"{absent.name}: a run that did not finish found no {name} there, and "
                f"{name} is there now (that run's, or one made since); remove {name} if it "
                f"is that run's, and {absent.name}"
            )
        raise ContextSetupError(f"charm_root {str(root)!r} holds {what}")
    if os.path.lexists(saved):
        os.rename(saved, path)  # its name is free: back where it was
    absent.unlink(missing_ok=True)


def enter(root: pathlib.Path, files: SpecFiles) -> GivenRootRun:
    """Starts a run on the given root ``root`` (resolved): its ``leave()`` ends it.

    Raises:
        ContextSetupError: as ``GivenRootRuns.enter``.
        OSError: the spec's files cannot be written there.
    """
    with _GUARD:
        runs = _UNDER_WAY.get(root)
        if runs is None:
            runs = _UNDER_WAY[root] = GivenRootRuns(root)
    return runs.enter(files)


def _forget_runs_in_child() -> None:
    global _GUARD
    _GUARD = threading.Lock()  # another thread may have held it at the fork
    for runs in list(_UNDER_WAY.values()):
        runs.forget()
    _UNDER_WAY.clear()


os.register_at_fork(after_in_child=_forget_runs_in_child)
