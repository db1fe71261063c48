# SPDX-License-Identifier: Apache-2.0
"""A ``charm_root`` the test gives, for a charm whose spec it gives as dicts.

The charm finds its spec as files in its root, so each run puts the spec's files
(``metadata.yaml``, ``config.yaml``, ``actions.yaml``) in the given directory. That
directory is the test's: it may be a copy of the charm, or the charm's own source
tree. So whatever had those names is put back when the run ends, and a file the run
made is removed.

What was there is renamed aside, not read into memory: the rename keeps the file's
bytes, mode, owner and times, and a symbolic link stays a link (its target is never
written through). The aside name is fixed (``.metadata.yaml.scenario-saved``), so a
process that ends in the middle of a run leaves the original next to the spec's file,
where the next run on the directory finds it and puts it back in the end.

Runs on one directory may nest (a ``manager`` block inside another, or two Contexts on
it): the originals are put aside by the first and put back when the last ends; each
run writes its own spec's files as it starts.
"""

from __future__ import annotations

import logging
import os
import pathlib

from ._charm_roots import SpecFiles, write_spec_files

logger = logging.getLogger(__name__)

SAVED_SUFFIX = ".scenario-saved"
"""Appended to a file's name (made hidden) while it is put aside for a run."""

# The directories with runs under way, resolved.
_UNDER_WAY: dict[pathlib.Path, GivenRootRuns] = {}


def saved_path(root: pathlib.Path, name: str) -> pathlib.Path:
    """Where the file ``name`` of ``root`` waits while runs are under way."""
    return root / f".{name}{SAVED_SUFFIX}"


class GivenRootRuns:
    """The runs under way on one given root, and what they put aside."""

    __slots__ = ("_root", "_runs", "_aside")

    def __init__(self, root: pathlib.Path) -> None:
        self._root = root
        self._runs = 0
        # Each spec file name written, and whether an original was put aside for it.
        self._aside: dict[str, bool] = {}

    def enter(self, files: SpecFiles) -> None:
        """A run starts: what has the spec's file names is put aside, the files written.

        Raises:
            OSError: the directory cannot be written (nothing is left half done: what
                was put aside is put back when no other run is under way).
        """
        self._runs += 1
        try:
            for name, _ in files:
                if name not in self._aside:
                    self._aside[name] = self._put_aside(name)
            write_spec_files(self._root, files)
        except BaseException:
            self.leave()
            raise

    def leave(self) -> None:
        """A run ends; the last one puts back what was put aside."""
        self._runs -= 1
        if self._runs > 0:
            return
        _UNDER_WAY.pop(self._root, None)
        for name, aside in self._aside.items():
            path = self._root / name
            try:
                if aside:
                    # Over the spec's file, in one step: the original is never missing.
                    os.replace(saved_path(self._root, name), path)
                else:
                    path.unlink(missing_ok=True)
            except OSError as e:
                where = saved_path(self._root, name) if aside else path
                logger.warning(
                    "could not put %s back as it was before the run (%s); %s",
                    path,
                    e,
                    f"the original is in {where}" if aside else "the spec's file stays",
                )
        self._aside.clear()

    def _put_aside(self, name: str) -> bool:
        path = self._root / name
        saved = saved_path(self._root, name)
        if os.path.lexists(saved):
            # Left by a run that never ended: the original, put back after this run.
            return True
        if not os.path.lexists(path):
            return False
        os.rename(path, saved)
        return True


def enter(root: pathlib.Path, files: SpecFiles) -> GivenRootRuns:
    """Starts a run on the given root ``root`` (resolved): its ``leave()`` ends it.

    Raises:
        OSError: the spec's files cannot be written there.
    """
    runs = _UNDER_WAY.get(root)
    if runs is None:
        runs = _UNDER_WAY[root] = GivenRootRuns(root)
    runs.enter(files)
    return runs
