# SPDX-License-Identifier: Apache-2.0
"""The event to fire, actions, and building deferred events."""

from __future__ import annotations

import dataclasses
import functools
import typing

import ops

from .. import errors
from .base import _DCBase, logger
from .event_names import (
    ACTION_EVENT_SUFFIX,
    RELATION_EVENTS_SUFFIX,
    _EventPath,
    _EventType,
)
from .stored import DeferredEvent

if typing.TYPE_CHECKING:
    from .containers import Container, Notice
    from .relations import AnyRelation, Relation
    from .secrets import Secret
    from .state import State
    from .storage import Storage

    AnyJson = str | bool | dict[str, typing.Any] | int | float | list[typing.Any] | None

# Secret events whose snapshot (and hook environment) carry the secret revision.
_SECRET_EVENTS_WITH_REVISION = frozenset({"secret_expired", "secret_remove", "secret_removed"})
# Relation events that Juju runs with a remote unit (JUJU_REMOTE_UNIT).
_EVENTS_WITH_REMOTE_UNIT = ("_relation_joined", "_relation_changed", "_relation_departed")


@functools.lru_cache(maxsize=1024)
def _event_path(text: str) -> _EventPath:
    """The parsed path of ``text``, parsed once per distinct text.

    Tests run the same few events again and again, and a path never changes.
    """
    return _EventPath(text)


@dataclasses.dataclass(frozen=True)
class Event(_DCBase):
    """An event to fire, and the State entities it is about.

    The ``path`` is the event name (``start``, ``db-relation-changed``), optionally
    preceded by the owner of a custom event (``my_lib.on.thing_happened``); dashes are
    read as underscores.
    """

    path: str
    """The event name, parsed into a string that knows its parts."""
    args: tuple[typing.Any, ...] = ()
    """Positional arguments for emitting a custom event."""
    kwargs: dict[str, typing.Any] = dataclasses.field(default_factory=dict)
    """Keyword arguments for emitting a custom event."""
    storage: Storage | None = None
    """The storage of a storage event."""
    relation: AnyRelation | None = None
    """The relation of a relation event."""
    relation_remote_unit_id: int | None = None
    """The remote unit a relation event is about (``JUJU_REMOTE_UNIT``)."""
    secret: Secret | None = None
    """The secret of a secret event."""
    container: Container | None = None
    """The container of a workload event."""
    action: Action | None = None
    """The action of an action event."""
    _owner_path: list[str] = dataclasses.field(default_factory=list)
    """Kept for compatibility with ops-scenario; the owner path comes from ``path``."""
    notice: Notice | None = None
    """The notice of a ``<container>-pebble-custom-notice`` event (one of the container's)."""
    check_name: str | None = None
    """The check of a ``<container>-pebble-check-failed`` or ``-recovered`` event."""

    def __post_init__(self) -> None:
        if not isinstance(self.path, _EventPath):
            object.__setattr__(self, "path", _event_path(self.path))

    def __call__(self, remote_unit_id: int | None = None) -> Event:
        """Return a copy of this event, about the remote unit ``remote_unit_id``.

        Raises:
            ValueError: if a remote unit is given for an event that is not a relation event.
        """
        if remote_unit_id is not None and not self._is_relation_event:
            raise ValueError(
                f"cannot pass remote_unit_id to {self.path!r}: only relation events are "
                "about a remote unit",
            )
        return self.replace(relation_remote_unit_id=remote_unit_id)

    @property
    def _path(self) -> _EventPath:
        return typing.cast(_EventPath, self.path)

    @property
    def name(self) -> str:
        """The event name without its owner path, e.g. ``foo_relation_changed``."""
        return self._path.name

    @property
    def owner_path(self) -> list[str]:
        """Path to the ``ObjectEvents`` owning this event; ``['on']`` for the charm's own."""
        return list(self._path.owner_path)  # a new list: paths are shared between Events

    @property
    def _is_relation_event(self) -> bool:
        return self._path.type is _EventType.relation

    @property
    def _is_action_event(self) -> bool:
        return self._path.type is _EventType.action

    @property
    def _is_secret_event(self) -> bool:
        return self._path.type is _EventType.secret

    @property
    def _is_storage_event(self) -> bool:
        return self._path.type is _EventType.storage

    @property
    def _is_workload_event(self) -> bool:
        return self._path.type is _EventType.workload

    def _is_builtin_event(self, charm_spec: typing.Any) -> bool:
        """Whether this is an event Juju or ops defines, rather than a custom one.

        Args:
            charm_spec: An object whose ``charm_type`` is the charm class.
        """
        on = charm_spec.charm_type.on
        if hasattr(on, self.name):
            return hasattr(ops.CharmEvents, self.name)
        return self._path.type is not _EventType.custom

    def bind(self, state: State) -> Event:
        """Return a copy of this event with the State entity it is about attached.

        A relation, workload, storage or secret event built from its name alone is looked
        up in ``state`` by the name it carries. When several relations or storages match,
        the first is used and a warning is logged.

        Raises:
            BindFailedError: if nothing in ``state`` matches, or the event cannot be bound.
        """
        entity_name = self._path.prefix

        if self._is_workload_event and not self.container:
            try:
                container = state.get_container(entity_name)
            except ValueError:
                raise errors.BindFailedError(
                    f"no container named {entity_name!r} in the state; add it to "
                    "State.containers or pass container= to the Event",
                ) from None
            return self.replace(container=container)

        if self._is_secret_event and not self.secret:
            if len(state.secrets) != 1:
                raise errors.BindFailedError(
                    f"cannot bind {self.path!r}: the state has {len(state.secrets)} secrets, "
                    "so pass secret= to the Event",
                )
            return self.replace(secret=state.secrets[0])

        if self._is_storage_event and not self.storage:
            storages = state.get_storages(entity_name)
            if not storages:
                raise errors.BindFailedError(
                    f"no storage named {entity_name!r} in the state; add it to State.storage",
                )
            if len(storages) > 1:
                logger.warning(
                    "too many storages named %s to tell which one %s is about: binding the "
                    "first (index %d); pass storage= to the Event to choose",
                    entity_name,
                    self.name,
                    storages[0].index,
                )
            return self.replace(storage=storages[0])

        if self._is_relation_event and not self.relation:
            relations = state.get_relations(entity_name)
            if not relations:
                raise errors.BindFailedError(
                    f"no relation on endpoint {entity_name!r} in the state; add it to "
                    "State.relations",
                )
            if len(relations) > 1:
                logger.warning(
                    "too many relations on %s to tell which one %s is about: binding the "
                    "first (id %d); use that relation's event (e.g. relation.changed_event) "
                    "to choose",
                    entity_name,
                    self.name,
                    relations[0].relation_id,
                )
            return self.replace(relation=relations[0])

        if self._is_action_event and not self.action:
            raise errors.BindFailedError(
                f"cannot bind {self.path!r}: action events are not bound automatically, "
                "because their parameters cannot be guessed; use Action(...).event",
            )

        raise errors.BindFailedError(
            f"cannot bind {self.path!r}: only relation, secret, storage and workload events "
            "without their entity can be bound",
        )

    def deferred(
        self, handler: typing.Callable[..., typing.Any], event_id: int = 1
    ) -> DeferredEvent:
        """Return the DeferredEvent ops would have stored had ``handler`` deferred this event.

        Args:
            handler: The observer method, e.g. ``MyCharm._on_start``.
            event_id: The serial number in the event's handle path.

        Raises:
            ValueError: if ``handler`` is not a method of a class, or the event lacks the
                entity its snapshot needs (pass ``relation=``, ``container=``, ...).
        """
        function = getattr(handler, "__func__", handler)
        qualname = getattr(function, "__qualname__", "")
        parts = qualname.split(".")
        if len(parts) < 2 or parts[-2] == "<locals>" or not callable(handler):
            raise ValueError(
                f"cannot build a DeferredEvent from {handler!r}: pass a method of the charm "
                "(e.g. MyCharm._on_start), or build the DeferredEvent by hand",
            )
        owner_name, handler_name = parts[-2], parts[-1]
        handle_path = f"{owner_name}/on/{self.name}[{event_id}]"
        return DeferredEvent(
            handle_path,
            owner_name,
            handler_name,
            snapshot_data=self._snapshot_data(),
        )

    def _snapshot_data(self) -> dict[str, typing.Any]:
        """What ops' ``snapshot()`` of this event would hold (see juju-hook-tools §5.4)."""
        kind = self._path.type
        charm_owned = self.owner_path == ["on"]

        def missing(what: str) -> ValueError:
            return ValueError(
                f"cannot snapshot {self.path!r}: it is a {kind.value} event but has no "
                f"{what}; pass {what}= to the Event (or to deferred())",
            )

        if kind is _EventType.workload:
            if self.container is None:
                if charm_owned:
                    raise missing("container")
                return {}
            snapshot: dict[str, typing.Any] = {"container_name": self.container.name}
            if self.notice is not None:
                snapshot["notice_id"] = self.container._notice_id(self.notice)
                notice_type = self.notice.type
                snapshot["notice_type"] = getattr(notice_type, "value", notice_type)
                snapshot["notice_key"] = self.notice.key
            if self.check_name is not None:
                snapshot["check_name"] = self.check_name
            return snapshot

        if kind is _EventType.relation:
            if self.relation is None:
                if charm_owned:
                    raise missing("relation")
                return {}
            return _relation_snapshot(self.relation, self.relation_remote_unit_id, self.name)

        if kind is _EventType.storage:
            if self.storage is None:
                if charm_owned:
                    raise missing("storage")
                return {}
            # 'storage_location' is only known to the Context running the charm; the runtime
            # adds it when it seeds the event.
            return {"storage_name": self.storage.name, "storage_index": self.storage.index}

        if kind is _EventType.secret:
            if self.secret is None:
                if charm_owned:
                    raise missing("secret")
                return {}
            snapshot: dict[str, typing.Any] = {"id": self.secret.id, "label": self.secret.label}
            if self.name in _SECRET_EVENTS_WITH_REVISION:
                snapshot["revision"] = self.secret.revision
            return snapshot

        return {}


def _implied_remote_unit(relation: AnyRelation, event_name: str) -> int | None:
    """The remote unit of a relation event that names none (``JUJU_REMOTE_UNIT``).

    The relation's first, in the test's order, as ops-scenario documents; None for an
    event Juju gives no remote unit, or a relation without units.
    """
    if not event_name.endswith(_EVENTS_WITH_REMOTE_UNIT):
        return None
    ids = relation._remote_unit_ids
    return ids[0] if ids else None


def _relation_snapshot(
    relation: AnyRelation,
    remote_unit_id: int | None,
    event_name: str,
) -> dict[str, typing.Any]:
    """The snapshot of a relation event, as ops' ``RelationEvent.snapshot`` writes it."""
    snapshot: dict[str, typing.Any] = {
        "relation_name": relation.endpoint,
        "relation_id": relation.relation_id,
    }
    # A peer relation's remote application is this application, whose name only the
    # runtime knows; ops restores the event without it.
    app_name = getattr(relation, "remote_app_name", None)
    if app_name is None:
        return snapshot
    snapshot["app_name"] = app_name
    if remote_unit_id is None:
        remote_unit_id = _implied_remote_unit(relation, event_name)
    if remote_unit_id is not None:
        unit_name = f"{app_name}/{remote_unit_id}"
        snapshot["unit_name"] = unit_name
        if event_name.endswith("_relation_departed"):
            snapshot["departing_unit"] = unit_name
    return snapshot


@dataclasses.dataclass(frozen=True)
class Action(_DCBase):
    """An action to run, with its parameters."""

    name: str
    """The action name, as in the charm's actions."""
    params: dict[str, AnyJson] = dataclasses.field(default_factory=dict)
    """The parameters the action is run with."""

    @property
    def event(self) -> Event:
        """The ``<name>_action`` event that runs this action."""
        return Event(self.name + ACTION_EVENT_SUFFIX, action=self)


def deferred(
    event: str | Event,
    handler: typing.Callable[..., typing.Any],
    event_id: int = 1,
    relation: Relation | None = None,
    container: Container | None = None,
) -> DeferredEvent:
    """Build a DeferredEvent from an Event or an event name.

    Args:
        event: The event, or its name (then ``relation`` or ``container`` say what the
            event is about, if anything).
        handler: The observer method that deferred the event, e.g. ``MyCharm._on_start``.
        event_id: The serial number in the event's handle path.
        relation: The relation of a relation event given by name.
        container: The container of a workload event given by name.
    """
    if isinstance(event, str):
        event = Event(event, relation=relation, container=container)
    return event.deferred(handler=handler, event_id=event_id)


@dataclasses.dataclass(frozen=True)
class Inject(_DCBase):
    """A placeholder in custom event arguments, replaced by an ops object at run time."""


@dataclasses.dataclass(frozen=True)
class InjectRelation(Inject):
    """Stands for the ``ops.Relation`` on ``relation_name`` (with ``relation_id``, if given)."""

    relation_name: str
    """The endpoint of the relation."""
    relation_id: int | None = None
    """The relation id, when there may be several relations on the endpoint."""


def _derive_args(event_name: str) -> tuple[InjectRelation, ...]:
    """Placeholders for the arguments the event named ``event_name`` is emitted with."""
    args = []
    for suffix in RELATION_EVENTS_SUFFIX:
        if event_name.endswith(suffix):
            args.append(InjectRelation(relation_name=event_name[: -len(suffix)]))
    return tuple(args)
