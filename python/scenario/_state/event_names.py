# SPDX-License-Identifier: Apache-2.0
"""Event names: the constants ops-scenario exposes, and parsing an event path.

Classifying a name (relation event, action, ...) is done once, in the engine
(``_core.parse_event_name``); this module only wraps its answer the way ops-scenario's
``Event.path`` looked: a string that also knows its parts.
"""

from __future__ import annotations

import enum

from .. import _core

ATTACH_ALL_STORAGES = "ATTACH_ALL_STORAGES"
"""Placeholder event name: attach every storage of the charm."""
CREATE_ALL_RELATIONS = "CREATE_ALL_RELATIONS"
"""Placeholder event name: create every relation of the charm."""
BREAK_ALL_RELATIONS = "BREAK_ALL_RELATIONS"
"""Placeholder event name: break every relation of the charm."""
DETACH_ALL_STORAGES = "DETACH_ALL_STORAGES"
"""Placeholder event name: detach every storage of the charm."""

META_EVENTS = {
    CREATE_ALL_RELATIONS: "_relation_created",
    BREAK_ALL_RELATIONS: "_relation_broken",
    DETACH_ALL_STORAGES: "_storage_detaching",
    ATTACH_ALL_STORAGES: "_storage_attached",
}
"""Each placeholder event name and the event suffix it stands for."""

ACTION_EVENT_SUFFIX = "_action"
"""What the name of an action event ends with."""
PEBBLE_READY_EVENT_SUFFIX = "_pebble_ready"
"""What the name of a pebble-ready event ends with."""
PEBBLE_CUSTOM_NOTICE_EVENT_SUFFIX = "_pebble_custom_notice"
"""What the name of a Pebble custom-notice event ends with."""

BUILTIN_EVENTS = frozenset(
    {
        "start",
        "stop",
        "install",
        "remove",
        "update_status",
        "config_changed",
        "upgrade_charm",
        "pre_series_upgrade",
        "post_series_upgrade",
        "leader_elected",
        "leader_settings_changed",
        "collect_metrics",
    }
)
"""Juju's fixed hooks, other than the secret, relation, storage and workload ones."""

FRAMEWORK_EVENTS = frozenset(
    {"pre_commit", "commit", "collect_app_status", "collect_unit_status"},
)
"""Events ops emits by itself during every dispatch."""

RELATION_EVENTS_SUFFIX = frozenset(
    {
        "_relation_changed",
        "_relation_broken",
        "_relation_joined",
        "_relation_departed",
        "_relation_created",
    }
)
"""What the names of relation events end with."""

STORAGE_EVENTS_SUFFIX = frozenset({"_storage_detaching", "_storage_attached"})
"""What the names of storage events end with."""

SECRET_EVENTS = frozenset(
    {"secret_changed", "secret_removed", "secret_remove", "secret_rotate", "secret_expired"},
)
"""The names of secret events (``secret_removed`` is ops-scenario 5.8's spelling)."""


class _EventType(str, enum.Enum):
    """The kind of an event, as its name tells."""

    framework = "framework"
    builtin = "builtin"
    relation = "relation"
    action = "action"
    secret = "secret"
    storage = "storage"
    workload = "workload"
    custom = "custom"


_KIND_TO_TYPE = {
    _core.EventKind.framework: _EventType.framework,
    _core.EventKind.builtin: _EventType.builtin,
    _core.EventKind.relation: _EventType.relation,
    _core.EventKind.action: _EventType.action,
    _core.EventKind.secret: _EventType.secret,
    _core.EventKind.storage: _EventType.storage,
    _core.EventKind.workload: _EventType.workload,
    _core.EventKind.custom: _EventType.custom,
}


class _EventPath(str):
    """An event path (``start``, ``db_relation_changed``, ``my_lib.on.foo``) with its parts.

    The string itself is the path with dashes turned into underscores.
    """

    name: str
    """The last segment: the event name proper."""
    owner_path: tuple[str, ...]
    """The segments before the name (``('on',)`` for the charm's own events)."""
    prefix: str
    """The entity the event is about (endpoint, container, ...), or the whole name."""
    suffix: str
    """The kind-specific ending (``_relation_changed``), or ``''``."""
    type: _EventType
    """The kind of event."""
    is_custom: bool
    """Whether the name is not one Juju or ops defines."""

    def __new__(cls, string: str) -> _EventPath:
        """Parse ``string`` (with the engine's parser) into a new path."""
        parsed = _core.parse_event_name(string)
        instance = super().__new__(cls, parsed.path)
        instance.name = parsed.name
        instance.owner_path = tuple(parsed.owner_path)
        instance.prefix = parsed.prefix
        instance.suffix = parsed.suffix
        instance.type = _KIND_TO_TYPE[parsed.kind]
        instance.is_custom = instance.type is _EventType.custom
        return instance

    def __getnewargs__(self) -> tuple[str]:
        """Rebuild from the plain string when copied or pickled."""
        return (str(self),)
