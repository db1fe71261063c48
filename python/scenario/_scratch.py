# SPDX-License-Identifier: Apache-2.0
"""Where a Context keeps its files: the charm root, container and storage filesystems.

Runs make and remove small files and directories all the time (a container's files
start empty in every run). On a disk-backed ``/tmp`` making and removing one directory
costs about 100 us; on a RAM-backed filesystem, a tenth of that. So, in this order:

1. ``$SCENARIO_TMPDIR`` when set (it must be an existing, writable directory);
2. the system's temporary directory when the user chose one (``TMPDIR``, ``TEMP`` or
   ``TMP`` set), as ``tempfile`` does;
3. ``/dev/shm`` when it is a writable directory with at least 1 GiB free (a container
   runtime's small default ``/dev/shm`` is not used);
4. the system's temporary directory.
"""

from __future__ import annotations

import functools
import logging
import os
import pathlib
import tempfile

from . import _core
from .errors import ContextSetupError

logger = logging.getLogger(__name__)

SCRATCH_VARIABLE = "SCENARIO_TMPDIR"
"""The environment variable naming the directory Contexts keep their files under."""

_RAM_DIRECTORY = "/dev/shm"
_RAM_MIN_FREE = 1 << 30
TEMPFILE_VARIABLES = ("TMPDIR", "TEMP", "TMP")
_PREFIX = "scenario-"


def scratch_parent() -> str:
    """The directory new scratch directories go under now, resolved (see above)."""
    chosen = os.environ.get(SCRATCH_VARIABLE)
    if chosen:
        return _resolved(chosen)
    return _resolved(_default_parent() or tempfile.gettempdir())


def make_scratch_directory(parent: str | None = None, prefix: str = _PREFIX) -> pathlib.Path:
    """A new private directory for files of Contexts, as a resolved path.

    Resolved (no symlink, no ``..``), as ops resolves the charm directory: the parent
    (``scratch_parent()`` unless given) is resolved once per process, and the new
    directory's own name (``prefix`` and a random part) is none of those.

    Raises:
        ContextSetupError: no directory can be made there (``$SCENARIO_TMPDIR`` or the
            temporary directory names no usable directory).
    """
    if parent is None:
        parent = scratch_parent()
    try:
        return pathlib.Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    except OSError as e:
        chosen = os.environ.get(SCRATCH_VARIABLE)
        if chosen:
            raise ContextSetupError(
                f"${SCRATCH_VARIABLE} is {chosen!r}, where no directory can be made "
                f"({e.strerror}); set it to an existing writable directory, or unset it"
            ) from e
        raise ContextSetupError(
            f"no directory for a Context's files can be made in the temporary directory "
            f"{parent!r} ({e.strerror}); set ${SCRATCH_VARIABLE} (or TMPDIR) to an "
            "existing writable directory"
        ) from e


def remove_scratch_directory(path: str, pid: int | None = None) -> None:
    """Removes a Context's directory with everything in it (links are not followed).

    Called when the Context is cleaned up or garbage-collected, or at interpreter exit:
    a failure (a file that cannot be removed) is logged, not raised. With ``pid``, only
    in that process: a forked child's copy of a Context must not remove its parent's
    files when the child cleans it up, collects it or exits.
    """
    if pid is not None and os.getpid() != pid:
        return
    try:
        _core.remove_tree(path)
    except _core.ScenarioError as e:
        logger.warning("a Context's files were not all removed: %s", e)


def _resolved(directory: str) -> str:
    if not os.path.isabs(directory):  # depends on the working directory: every time
        return os.path.realpath(directory)
    return _resolved_absolute(directory)


@functools.lru_cache(maxsize=16)
def _resolved_absolute(directory: str) -> str:
    return os.path.realpath(directory)


def _default_parent() -> str | None:
    """``/dev/shm`` if it may be used, else None (the system's temporary directory)."""
    if any(os.environ.get(name) for name in TEMPFILE_VARIABLES):
        return None
    try:
        stats = os.statvfs(_RAM_DIRECTORY)
    except OSError:
        return None
    if stats.f_bavail * stats.f_frsize < _RAM_MIN_FREE:
        return None
    if not os.access(_RAM_DIRECTORY, os.W_OK | os.X_OK):
        return None
    return _RAM_DIRECTORY
