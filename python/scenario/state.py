# SPDX-License-Identifier: Apache-2.0
"""The State a charm runs against, the Event it handles, and their parts.

Every class is a frozen dataclass: change one with ``.replace(field=value)``, which
returns a deep copy. This module is the public home of these names, as in
ops-scenario 5.8; they are implemented in ``scenario._state``.
"""

from __future__ import annotations

from ._charm_spec import CharmSpec as _CharmSpec
from ._state.base import JujuLogLine, logger, normalize_name
from ._state.base import _DCBase as _DCBase
from ._state.containers import CheckInfo, Container, ExecArgs, ExecOutput, Mount, Notice
from ._state.containers import _ExecMock as _ExecMock
from ._state.event_names import (
    ACTION_EVENT_SUFFIX,
    ATTACH_ALL_STORAGES,
    BREAK_ALL_RELATIONS,
    BUILTIN_EVENTS,
    CREATE_ALL_RELATIONS,
    DETACH_ALL_STORAGES,
    FRAMEWORK_EVENTS,
    META_EVENTS,
    PEBBLE_CUSTOM_NOTICE_EVENT_SUFFIX,
    PEBBLE_READY_EVENT_SUFFIX,
    RELATION_EVENTS_SUFFIX,
    SECRET_EVENTS,
    STORAGE_EVENTS_SUFFIX,
)
from ._state.event_names import _EventPath as _EventPath
from ._state.event_names import _EventType as _EventType
from ._state.events import (
    Action,
    Event,
    Inject,
    InjectRelation,
    deferred,
)
from ._state.events import _derive_args as _derive_args
from ._state.network import Address, BindAddress, Network
from ._state.relations import (
    AnyRelation,
    PeerRelation,
    RawDataBagContents,
    Relation,
    RelationBase,
    SubordinateRelation,
    UnitID,
    next_relation_id,
)
from ._state.secrets import RawSecretRevisionContents, Secret
from ._state.state import Model, PathLike, State, sort_patch
from ._state.status import _EntityStatus as _EntityStatus
from ._state.status import _status_to_entitystatus as _status_to_entitystatus
from ._state.storage import Port, Storage, next_storage_index
from ._state.stored import DeferredEvent, StoredState
from .errors import BindFailedError, MetadataNotFoundError, StateValidationError

__all__ = [  # noqa: RUF022 - grouped: constants, then classes, then functions
    "_CharmSpec",
    "ACTION_EVENT_SUFFIX",
    "ATTACH_ALL_STORAGES",
    "BREAK_ALL_RELATIONS",
    "BUILTIN_EVENTS",
    "CREATE_ALL_RELATIONS",
    "DETACH_ALL_STORAGES",
    "FRAMEWORK_EVENTS",
    "META_EVENTS",
    "PEBBLE_CUSTOM_NOTICE_EVENT_SUFFIX",
    "PEBBLE_READY_EVENT_SUFFIX",
    "RELATION_EVENTS_SUFFIX",
    "SECRET_EVENTS",
    "STORAGE_EVENTS_SUFFIX",
    "Action",
    "Address",
    "AnyRelation",
    "BindAddress",
    "BindFailedError",
    "CheckInfo",
    "Container",
    "DeferredEvent",
    "Event",
    "ExecArgs",
    "ExecOutput",
    "Inject",
    "InjectRelation",
    "JujuLogLine",
    "MetadataNotFoundError",
    "Model",
    "Mount",
    "Network",
    "Notice",
    "PathLike",
    "PeerRelation",
    "Port",
    "RawDataBagContents",
    "RawSecretRevisionContents",
    "Relation",
    "RelationBase",
    "Secret",
    "State",
    "StateValidationError",
    "Storage",
    "StoredState",
    "SubordinateRelation",
    "UnitID",
    "deferred",
    "logger",
    "next_relation_id",
    "next_storage_index",
    "normalize_name",
    "sort_patch",
]
