# SPDX-License-Identifier: Apache-2.0
"""Relations of the three kinds, their databags, and relation-event sugar."""

from __future__ import annotations

import dataclasses
import typing

from .base import _DCBase, _invalid, normalize_name
from .events import Event

RawDataBagContents = dict[str, str]
"""A databag: Juju stores strings only."""
UnitID = int
"""A unit number (the ``0`` of ``app/0``)."""

_next_relation_id_counter = 1


def next_relation_id(update: bool = True) -> int:
    """Return the id the next Relation built without ``relation_id`` gets.

    Args:
        update: Whether to consume the id; pass ``False`` to only look at it.
    """
    global _next_relation_id_counter
    current = _next_relation_id_counter
    if update:
        _next_relation_id_counter += 1
    return current


def _validate_databag(databag: object, path: str) -> None:
    """Raise StateValidationError unless ``databag`` maps strings to strings."""
    if not isinstance(databag, dict):
        raise _invalid(
            path,
            f"a databag must be a dict of str to str, not {type(databag).__name__}",
        )
    for key, value in databag.items():
        if not isinstance(key, str):
            raise _invalid(
                f"{path}.{key!r}",
                f"databag keys must be strings (Juju stores nothing else), got "
                f"{type(key).__name__}",
            )
        if not isinstance(value, str):
            raise _invalid(
                f"{path}.{key}",
                f"databag values must be strings (Juju stores nothing else), got "
                f"{type(value).__name__}; convert it, e.g. with json.dumps",
            )


def _validate_unit_databags(units: object, path: str) -> None:
    """Raise StateValidationError unless ``units`` maps unit ids to databags."""
    if not isinstance(units, dict):
        raise _invalid(path, f"must be a dict of unit id to databag, not {type(units).__name__}")
    for unit_id, databag in units.items():
        _validate_databag(databag, f"{path}.{unit_id}")


@dataclasses.dataclass(frozen=True)
class RelationBase(_DCBase):
    """What relations of every kind have; use Relation, PeerRelation or SubordinateRelation."""

    endpoint: str
    """The endpoint name in the charm's metadata."""
    interface: str | None = None
    """The interface name; ``None`` takes it from the metadata."""
    relation_id: int = dataclasses.field(default_factory=next_relation_id)
    """Juju's relation id; by default the next one from ``next_relation_id()``."""
    local_app_data: RawDataBagContents = dataclasses.field(default_factory=dict)
    """This application's databag."""
    local_unit_data: RawDataBagContents = dataclasses.field(default_factory=dict)
    """This unit's databag."""

    def __post_init__(self) -> None:
        if type(self) is RelationBase:
            raise RuntimeError(
                "RelationBase cannot be instantiated; use Relation, PeerRelation or "
                "SubordinateRelation",
            )
        self._validate()

    def _validate(self) -> None:
        _validate_databag(self.local_app_data, "local_app_data")
        _validate_databag(self.local_unit_data, "local_unit_data")

    @property
    def _databags(self) -> typing.Iterator[RawDataBagContents]:
        """Every databag of this relation."""
        yield self.local_app_data
        yield self.local_unit_data

    @property
    def _remote_unit_ids(self) -> tuple[int, ...]:
        """The ids of the units on the other side."""
        raise NotImplementedError

    def _get_databag_for_remote(self, unit_id: int) -> RawDataBagContents:
        """The databag of the remote unit ``unit_id``."""
        raise NotImplementedError

    def _event(self, suffix: str) -> Event:
        return Event(path=normalize_name(self.endpoint + suffix), relation=self)

    @property
    def changed_event(self) -> Event:
        """The ``<endpoint>-relation-changed`` event of this relation."""
        return self._event("-relation-changed")

    @property
    def joined_event(self) -> Event:
        """The ``<endpoint>-relation-joined`` event of this relation."""
        return self._event("-relation-joined")

    @property
    def created_event(self) -> Event:
        """The ``<endpoint>-relation-created`` event of this relation."""
        return self._event("-relation-created")

    @property
    def departed_event(self) -> Event:
        """The ``<endpoint>-relation-departed`` event of this relation."""
        return self._event("-relation-departed")

    @property
    def broken_event(self) -> Event:
        """The ``<endpoint>-relation-broken`` event of this relation."""
        return self._event("-relation-broken")


@dataclasses.dataclass(frozen=True)
class Relation(RelationBase):
    """A regular relation with another application."""

    remote_app_name: str = "remote"
    """The application on the other side."""
    limit: int = 1
    """The endpoint's limit in the metadata."""
    remote_app_data: RawDataBagContents = dataclasses.field(default_factory=dict)
    """The remote application's databag."""
    remote_units_data: dict[UnitID, RawDataBagContents] = dataclasses.field(
        default_factory=lambda: {0: {}},
    )
    """Each remote unit's databag, by unit id; the ids are what ``relation-list`` shows."""

    def _validate(self) -> None:
        super()._validate()
        _validate_databag(self.remote_app_data, "remote_app_data")
        _validate_unit_databags(self.remote_units_data, "remote_units_data")

    @property
    def _remote_app_name(self) -> str:
        return self.remote_app_name

    @property
    def _remote_unit_ids(self) -> tuple[int, ...]:
        return tuple(self.remote_units_data)

    def _get_databag_for_remote(self, unit_id: int) -> RawDataBagContents:
        return self.remote_units_data[unit_id]

    @property
    def _databags(self) -> typing.Iterator[RawDataBagContents]:
        yield self.local_app_data
        yield self.local_unit_data
        yield self.remote_app_data
        yield from self.remote_units_data.values()


@dataclasses.dataclass(frozen=True)
class SubordinateRelation(RelationBase):
    """The relation between a subordinate unit and the one principal unit it is attached to."""

    remote_app_data: RawDataBagContents = dataclasses.field(default_factory=dict)
    """The principal application's databag."""
    remote_unit_data: RawDataBagContents = dataclasses.field(default_factory=dict)
    """The principal unit's databag."""
    remote_app_name: str = "remote"
    """The principal application."""
    remote_unit_id: int = 0
    """The principal unit's number."""

    def _validate(self) -> None:
        super()._validate()
        _validate_databag(self.remote_app_data, "remote_app_data")
        _validate_databag(self.remote_unit_data, "remote_unit_data")

    @property
    def _remote_unit_ids(self) -> tuple[int, ...]:
        return (self.remote_unit_id,)

    def _get_databag_for_remote(self, unit_id: int) -> RawDataBagContents:
        if unit_id != self.remote_unit_id:
            raise ValueError(
                f"invalid unit id ({unit_id}): a subordinate relation has one remote unit, "
                f"with id {self.remote_unit_id}",
            )
        return self.remote_unit_data

    @property
    def _databags(self) -> typing.Iterator[RawDataBagContents]:
        yield self.local_app_data
        yield self.local_unit_data
        yield self.remote_app_data
        yield self.remote_unit_data

    @property
    def remote_unit_name(self) -> str:
        """The principal unit's name, e.g. ``remote/0``."""
        return f"{self.remote_app_name}/{self.remote_unit_id}"


@dataclasses.dataclass(frozen=True)
class PeerRelation(RelationBase):
    """A relation between the units of this application."""

    peers_data: dict[UnitID, RawDataBagContents] = dataclasses.field(
        default_factory=lambda: {0: {}},
    )
    """Each other unit's databag, by unit id; this unit's id must not be among them."""

    def _validate(self) -> None:
        super()._validate()
        _validate_unit_databags(self.peers_data, "peers_data")

    @property
    def _databags(self) -> typing.Iterator[RawDataBagContents]:
        yield self.local_app_data
        yield self.local_unit_data
        yield from self.peers_data.values()

    @property
    def _remote_unit_ids(self) -> tuple[int, ...]:
        return tuple(self.peers_data)

    def _get_databag_for_remote(self, unit_id: int) -> RawDataBagContents:
        return self.peers_data[unit_id]


AnyRelation = Relation | PeerRelation | SubordinateRelation
"""A relation of any kind."""
