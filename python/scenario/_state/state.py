# SPDX-License-Identifier: Apache-2.0
"""The State: everything Juju shows one unit, before and after a run."""

from __future__ import annotations

import dataclasses
import datetime
import pathlib
import typing

from ops.model import StatusBase

from .base import _DCBase, logger, normalize_name
from .containers import Container
from .network import Network
from .relations import AnyRelation
from .secrets import Secret
from .status import _entity_status, _EntityStatus, _status_to_entitystatus
from .storage import Port, Storage
from .stored import DeferredEvent, StoredState

PathLike = str | pathlib.Path
"""A filesystem path."""


@dataclasses.dataclass(frozen=True)
class Model(_DCBase):
    """The Juju model the unit is in."""

    name: str = "test-model"
    """The model name."""
    uuid: str = "00000000-0000-4000-8000-000000000000"
    """The model UUID."""
    type: typing.Literal["kubernetes", "lxd"] = "kubernetes"
    """``kubernetes`` for a Kubernetes model, ``lxd`` for a machine model."""


def sort_patch(
    patch: list[dict[str, typing.Any]],
    key: typing.Callable[[dict[str, typing.Any]], typing.Any] = lambda op: op["path"] + op["op"],
) -> list[dict[str, typing.Any]]:
    """Return the JSON-patch operations of ``patch`` in a stable order (by path, then op)."""
    return sorted(patch, key=key)


@dataclasses.dataclass(frozen=True)
class State(_DCBase):
    """Everything Juju shows one unit: the input and the output of a run.

    Roughly, each field is what some hook tool or Pebble call reads: ``is-leader`` reads
    ``leader``, ``config-get`` reads ``config``, and so on. A State is never changed in
    place: a run returns a new one.
    """

    config: dict[str, str | int | float | bool] = dataclasses.field(default_factory=dict)
    """The charm's config values."""
    relations: list[AnyRelation] = dataclasses.field(default_factory=list)
    """The relations this unit takes part in."""
    networks: list[Network] = dataclasses.field(default_factory=list)
    """What ``network-get`` reports, per binding."""
    containers: list[Container] = dataclasses.field(default_factory=list)
    """The workload containers, whether Pebble answers in them or not."""
    storage: list[Storage] = dataclasses.field(default_factory=list)
    """The attached storage instances (leave detached ones out)."""
    opened_ports: list[Port] = dataclasses.field(default_factory=list)
    """The ports opened on the unit's host."""
    leader: bool = False
    """Whether this unit is the leader."""
    model: Model = Model()
    """The model the unit is in."""
    secrets: list[Secret] = dataclasses.field(default_factory=list)
    """The secrets this unit owns or was granted."""
    resources: dict[str, PathLike] = dataclasses.field(default_factory=dict)
    """The path of each resource file, by resource name."""
    planned_units: int = 1
    """How many units of this application ``goal-state`` counts as planned."""
    unit_id: int = 0
    """This unit's number (the ``0`` of ``app/0``)."""
    deferred: list[DeferredEvent] = dataclasses.field(default_factory=list)
    """Events deferred by an earlier run; they are re-emitted before the event."""
    stored_state: list[StoredState] = dataclasses.field(default_factory=list)
    """The contents of the charm's ``ops.StoredState`` attributes."""
    app_status: StatusBase | _EntityStatus = _entity_status("unknown")
    """The application status; an ops status, such as ``ops.ActiveStatus('ready')``."""
    unit_status: StatusBase | _EntityStatus = _entity_status("unknown")
    """The unit status; an ops status, such as ``ops.ActiveStatus('ready')``."""
    workload_version: str = ""
    """The workload version last set with ``application-version-set``."""

    def __post_init__(self) -> None:
        for name in ("app_status", "unit_status"):
            value = getattr(self, name)
            if not isinstance(value, (StatusBase, _EntityStatus)):
                raise TypeError(
                    f"State.{name} must be an ops status such as ops.ActiveStatus(), "
                    f"got {value!r}",
                )
            object.__setattr__(self, name, _status_to_entitystatus(value))

    def with_can_connect(self, container_name: str, can_connect: bool) -> State:
        """Return a copy in which the container ``container_name`` has ``can_connect``."""
        containers = [
            c.replace(can_connect=can_connect) if c.name == container_name else c
            for c in self.containers
        ]
        return self.replace(containers=containers)

    def with_leadership(self, leader: bool) -> State:
        """Return a copy in which this unit's leadership is ``leader``."""
        return self.replace(leader=leader)

    def with_unit_status(self, status: StatusBase) -> State:
        """Return a copy with the unit status ``status``."""
        return self.replace(unit_status=status)

    def get_container(self, container: str | Container) -> Container:
        """The container with the given name (or the name of the given container).

        Raises:
            ValueError: if there is no such container.
        """
        name = container.name if isinstance(container, Container) else container
        for candidate in self.containers:
            if candidate.name == name:
                return candidate
        raise ValueError(f"container: {name}")

    def get_relations(self, endpoint: str) -> tuple[AnyRelation, ...]:
        """The relations on ``endpoint``; dashes and underscores are the same here."""
        wanted = normalize_name(endpoint)
        return tuple(r for r in self.relations if normalize_name(r.endpoint) == wanted)

    def get_storages(self, name: str) -> tuple[Storage, ...]:
        """The storage instances named ``name``."""
        return tuple(s for s in self.storage if s.name == name)

    def jsonpatch_delta(self, other: State) -> list[dict[str, typing.Any]]:
        """The JSON patch that turns ``other`` into this State, sorted by path and op.

        Needs the ``jsonpatch`` package; without it, logs an error and returns
        ``NotImplemented``, as ops-scenario did.
        """
        try:
            import jsonpatch  # an optional dependency, needed only here
        except ModuleNotFoundError:
            logger.error("State.jsonpatch_delta needs jsonpatch: pip install jsonpatch")
            return NotImplemented
        patch = jsonpatch.make_patch(
            _patchable(dataclasses.asdict(other)), _patchable(dataclasses.asdict(self))
        ).patch
        return sort_patch(patch)


def _patchable(value: typing.Any) -> typing.Any:
    """``value`` with what JSON cannot hold made plain.

    Sets (a container's check infos) become sorted lists; times and durations (of
    notices) become text and seconds.
    """
    if isinstance(value, dict):
        return {k: _patchable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_patchable(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((_patchable(v) for v in value), key=repr)
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    return value
