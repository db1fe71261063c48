# SPDX-License-Identifier: Apache-2.0
"""A ``charm_root`` the test gives, for a charm whose spec it gives as dicts.

The charm finds its spec as files in its root, so each run puts the spec's files in
the given directory. That directory is the test's: a copy of the charm, or the
charm's own source tree. So what had the spec files' names (``metadata.yaml``,
``config.yaml``, ``actions.yaml``) is put back when the run ends, and a file the run
made is removed.

- What was there is renamed aside (``.metadata.yaml.scenario-saved``), not read into
  memory: the rename keeps the file's bytes, mode, owner and times, and a symbolic
  link stays a link. The spec's files are written under another name and renamed into
  place, so nothing is written through a link.
- The directory shows exactly the run's spec: a name the spec has no file for is put
  aside too, so the charm never sees a stale one.
- Runs on one directory may nest (a ``manager`` block inside another, or two Contexts
  on it): each shows its own spec while it is the innermost, and the last to end puts
  the originals back. Runs of other processes on it (``pytest -n``) wait their turn: a
  process holds a lock on the directory while its runs are under way.
- A process killed mid-run leaves the originals aside. The next run on the directory
  puts back one whose name is free again; where the name is taken (by the killed run's
  file, or by one the test made since), it stops with an error saying which file is
  which, rather than guess.
"""

from __future__ import annotations

import fcntl
import logging
import os
import pathlib
import threading
import time

from ._charm_roots import SpecFiles
from .errors import ContextSetupError

logger = logging.getLogger(__name__)

SPEC_FILE_NAMES = ("metadata.yaml", "config.yaml", "actions.yaml")
"""The names a run may write in a given root."""

SAVED_SUFFIX = ".scenario-saved"
"""Appended to a file's name (made hidden) while it is put aside for a run."""

_NEW_SUFFIX = ".scenario-new"
"""Appended to a spec file's name (made hidden) while it is written."""

LOCK_WAIT_SECONDS = 60.0
"""How long a run waits for another process's runs on the same root to end."""

_POLL_SECONDS = 0.01

# The directories with runs of this process under way, resolved; guarded by _GUARD.
_UNDER_WAY: dict[pathlib.Path, GivenRootRuns] = {}
_GUARD = threading.Lock()


def saved_path(root: pathlib.Path, name: str) -> pathlib.Path:
    """Where the file ``name`` of ``root`` waits while runs are under way."""
    return root / f".{name}{SAVED_SUFFIX}"


class GivenRootRuns:
    """This process's runs under way on one given root, innermost last."""

    __slots__ = ("_root", "_specs", "_aside", "_lock_fd")

    def __init__(self, root: pathlib.Path) -> None:
        self._root = root
        self._specs: list[SpecFiles] = []
        # Each spec file name, and whether an original was put aside for it.
        self._aside: dict[str, bool] = {}
        self._lock_fd = -1

    def enter(self, files: SpecFiles) -> None:
        """A run starts: the first puts the originals aside; the spec's files are shown.

        Raises:
            ContextSetupError: another process's runs hold the root too long, or an
                original left aside by an unfinished run has its name taken.
            OSError: the directory cannot be written (what was put aside is put back).
        """
        if not self._specs:
            try:
                self._lock()
                self._put_originals_aside()
            except BaseException:
                self._put_originals_back()
                raise
        self._specs.append(files)
        try:
            self._show(files)
        except BaseException:
            self.leave()
            raise

    def leave(self) -> None:
        """A run ends: the enclosing run's spec is shown, or the originals come back."""
        self._specs.pop()
        if self._specs:
            try:
                self._show(self._specs[-1])
            except OSError as e:
                logger.warning("could not show the spec's files in %s again: %s", self._root, e)
            return
        self._put_originals_back()

    def _lock(self) -> None:
        try:
            fd = os.open(self._root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        except OSError:
            return  # cannot be opened: writing the files will say why
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    os.close(fd)
                    raise ContextSetupError(
                        f"charm_root {str(self._root)!r} has been in use by another "
                        f"process's run for {LOCK_WAIT_SECONDS:.0f} seconds; give each "
                        "process (each pytest worker) a charm_root of its own"
                    ) from None
                time.sleep(_POLL_SECONDS)
            except OSError:  # a filesystem without locks: runs of one process only
                break
        self._lock_fd = fd

    def _put_originals_aside(self) -> None:
        root = self._root
        for name in SPEC_FILE_NAMES:
            path, saved = root / name, saved_path(root, name)
            if os.path.lexists(saved):
                if os.path.lexists(path):
                    raise ContextSetupError(
                        f"charm_root {str(root)!r} holds {saved.name}: the original "
                        f"{name}, put aside by a run that did not finish, and {name} is "
                        f"there too (that run's, or one made since); keep the one you "
                        f"want (`mv {saved.name} {name}` puts the original back) and "
                        "remove the other"
                    )
                os.rename(saved, path)  # its name is free: back where it was
            if os.path.lexists(path):
                os.rename(path, saved)
                self._aside[name] = True
            else:
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
            new = self._root / f".{name}{_NEW_SUFFIX}"
            fd = os.open(new, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, 0o644)
            try:
                rest = memoryview(content)
                while rest:
                    rest = rest[os.write(fd, rest) :]
            finally:
                os.close(fd)
            os.replace(new, path)

    def _put_originals_back(self) -> None:
        with _GUARD:
            _UNDER_WAY.pop(self._root, None)
        for name, aside in self._aside.items():
            path, saved = self._root / name, saved_path(self._root, name)
            try:
                if aside:
                    # Over the spec's file, in one step: the original is never missing.
                    os.replace(saved, path)
                else:
                    path.unlink(missing_ok=True)
            except OSError as e:
                logger.warning(
                    "could not put %s back as it was before the run (%s)%s",
                    path,
                    e,
                    f"; the original is in {saved}" if aside else "",
                )
        self._aside.clear()
        if self._lock_fd >= 0:
            os.close(self._lock_fd)  # lets the next process's runs in
            self._lock_fd = -1


def enter(root: pathlib.Path, files: SpecFiles) -> GivenRootRuns:
    """Starts a run on the given root ``root`` (resolved): its ``leave()`` ends it.

    Raises:
        ContextSetupError: as ``GivenRootRuns.enter``.
        OSError: the spec's files cannot be written there.
    """
    with _GUARD:
        runs = _UNDER_WAY.get(root)
        if runs is None:
            runs = _UNDER_WAY[root] = GivenRootRuns(root)
    runs.enter(files)
    return runs
