# SPDX-License-Identifier: Apache-2.0
"""What ops keeps in its own storage between runs: stored state and deferred events."""

from __future__ import annotations

import dataclasses
import typing

from .base import _DCBase


@dataclasses.dataclass(frozen=True)
class StoredState(_DCBase):
    """The contents of one ``ops.StoredState`` attribute."""

    owner_path: str | None
    """``/``-separated names of the ops object owning the attribute (``MyCharm/MyLib``).

    ``None`` when the framework itself owns it.
    """
    name: str = "_stored"
    """The attribute name."""
    content: dict[str, typing.Any] = dataclasses.field(default_factory=dict)
    """The stored values."""
    data_type_name: str = "StoredStateData"
    """The ops class that holds the data."""

    @property
    def handle_path(self) -> str:
        """The ops handle path under which the contents are saved."""
        return f"{self.owner_path or ''}/{self.data_type_name}[{self.name}]"


@dataclasses.dataclass(frozen=True)
class DeferredEvent(_DCBase):
    """An event deferred by an earlier run, to be re-emitted before the next event.

    Build one from an Event with ``Event.deferred`` or the ``deferred`` function, which
    fill in the snapshot ops needs; build it by hand for events those cannot describe.
    """

    handle_path: str
    """The ops handle path of the event, e.g. ``MyCharm/on/update_status[1]``."""
    owner: str
    """The owner path of the observer, e.g. ``MyCharm``."""
    observer: str
    """The name of the observer method, e.g. ``_on_update_status``."""
    snapshot_data: dict[str, typing.Any] = dataclasses.field(default_factory=dict)
    """What the event's ``snapshot()`` would return (relation name and id, ...)."""

    @property
    def name(self) -> str:
        """The event name: the last segment of the handle path, without ``[n]``."""
        return self.handle_path.split("/")[-1].split("[")[0]
