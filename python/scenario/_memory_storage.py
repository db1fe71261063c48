# SPDX-License-Identifier: Apache-2.0
"""An in-memory store for ops' framework: snapshots and deferred-event notices.

It offers the methods ``ops.Framework`` calls on ``ops.storage.SQLiteStorage`` and
behaves the same way (snapshots are pickled on save, so a loaded value is a copy),
without a database file or a SQLite connection per run.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from typing import Any

import ops.storage


class MemoryStorage:
    """Snapshots by handle path, and notices in the order they were saved."""

    def __init__(self) -> None:
        self._snapshots: dict[str, bytes] = {}
        self._notices: list[tuple[str, str, str]] = []

    def close(self) -> None:
        """Nothing to release."""

    def commit(self) -> None:
        """Saves are immediate; nothing to do."""

    def save_snapshot(self, handle_path: str, snapshot_data: Any) -> None:
        """Stores a copy of ``snapshot_data`` under ``handle_path``."""
        self._snapshots[handle_path] = pickle.dumps(snapshot_data, pickle.HIGHEST_PROTOCOL)

    def load_snapshot(self, handle_path: str) -> Any:
        """A copy of what was saved; raises ``NoSnapshotError`` when nothing was."""
        try:
            return pickle.loads(self._snapshots[handle_path])
        except KeyError:
            raise ops.storage.NoSnapshotError(handle_path) from None

    def drop_snapshot(self, handle_path: str) -> None:
        """Forgets a snapshot, if there is one."""
        self._snapshots.pop(handle_path, None)

    def list_snapshots(self) -> Iterator[str]:
        """Handle paths of every saved snapshot, in order, as SQLiteStorage lists them.

        Its handle column is the primary key, and SQLite reads it through that index,
        so handles come sorted by their UTF-8 bytes (the order of Python's ``str``).
        """
        yield from sorted(self._snapshots)

    def save_notice(self, event_path: str, observer_path: str, method_name: str) -> None:
        """Records that an observer deferred an event."""
        self._notices.append((event_path, observer_path, method_name))

    def drop_notice(self, event_path: str, observer_path: str, method_name: str) -> None:
        """Forgets a notice, if there is one."""
        notice = (event_path, observer_path, method_name)
        if notice in self._notices:
            self._notices.remove(notice)

    def notices(self, event_path: str | None = None) -> Iterator[tuple[str, str, str]]:
        """Notices in the order they were saved, optionally for one event only."""
        for notice in list(self._notices):
            if event_path is None or notice[0] == event_path:
                yield notice
