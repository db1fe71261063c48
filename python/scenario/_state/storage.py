# SPDX-License-Identifier: Apache-2.0
"""Attached storage instances and opened ports: what the unit's host provides."""

from __future__ import annotations

import dataclasses
import pathlib
import typing

from .base import _DCBase, _invalid, normalize_name
from .events import Event

if typing.TYPE_CHECKING:
    from ..context import Context

_PROTOCOLS = ("tcp", "udp", "icmp")


@dataclasses.dataclass(frozen=True)
class Port(_DCBase):
    """A port opened on the unit's host."""

    protocol: typing.Literal["tcp", "udp", "icmp"]
    """The protocol."""
    port: int | None = None
    """The port number: required for TCP and UDP, not allowed for ICMP."""

    def __post_init__(self) -> None:
        if self.protocol not in _PROTOCOLS:
            raise _invalid(
                "protocol",
                f"expected 'tcp', 'udp' or 'icmp', got {self.protocol!r}",
            )
        if self.protocol == "icmp":
            if self.port:
                raise _invalid("port", "not allowed with protocol 'icmp'; drop it")
            return
        if not self.port:
            raise _invalid(
                "port",
                f"required with protocol {self.protocol!r}; give a port from 1 to 65535",
            )
        if not isinstance(self.port, int) or isinstance(self.port, bool):
            raise _invalid("port", f"must be an int, got {type(self.port).__name__}")
        if not 1 <= self.port <= 65535:
            raise _invalid("port", f"must be from 1 to 65535, got {self.port}")


_next_storage_index_counter = 0


def next_storage_index(update: bool = True) -> int:
    """Return the index the next Storage built without ``index`` gets.

    Args:
        update: Whether to consume the index; pass ``False`` to only look at it.
    """
    global _next_storage_index_counter
    current = _next_storage_index_counter
    if update:
        _next_storage_index_counter += 1
    return current


@dataclasses.dataclass(frozen=True)
class Storage(_DCBase):
    """An attached storage instance (leave detached ones out of the State)."""

    name: str
    """The storage name in the metadata."""
    index: int = dataclasses.field(default_factory=next_storage_index)
    """The instance number (``name/index``); by default the next from a counter."""

    def get_filesystem(self, ctx: Context) -> pathlib.Path:
        """The directory that holds this storage's simulated filesystem in ``ctx``."""
        return ctx._get_storage_root(self.name, self.index)

    @property
    def attached_event(self) -> Event:
        """The ``<name>-storage-attached`` event of this storage."""
        return Event(path=normalize_name(self.name + "-storage-attached"), storage=self)

    @property
    def detaching_event(self) -> Event:
        """The ``<name>-storage-detaching`` event of this storage."""
        return Event(path=normalize_name(self.name + "-storage-detaching"), storage=self)
