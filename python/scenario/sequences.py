# SPDX-License-Identifier: Apache-2.0
"""The builtin event sequences every charm should survive: start-up and tear-down.

``check_builtin_sequences`` runs the charm through install, start, relation creation,
leader election, config-changed, then relation breaking, stop and remove, once as
leader and once not, and raises whatever the charm raises.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

import ops

from ._state.event_names import (
    ATTACH_ALL_STORAGES,
    BREAK_ALL_RELATIONS,
    CREATE_ALL_RELATIONS,
    DETACH_ALL_STORAGES,
    META_EVENTS,
)
from ._state.events import Event, InjectRelation
from .context import Context
from .state import State

__all__ = [
    "check_builtin_sequences",
    "decompose_meta_event",
    "generate_builtin_sequences",
    "generate_startup_sequence",
    "generate_teardown_sequence",
]


def decompose_meta_event(meta_event: Event, state: State) -> Iterator[tuple[Event, State]]:
    """The concrete events a meta event (e.g. CREATE_ALL_RELATIONS) stands for."""
    if meta_event.name in (ATTACH_ALL_STORAGES, DETACH_ALL_STORAGES):
        for storage in state.storage:
            suffix = META_EVENTS[meta_event.name]
            yield Event(storage.name + suffix, storage=storage), state.copy()
        return
    if meta_event.name in (CREATE_ALL_RELATIONS, BREAK_ALL_RELATIONS):
        suffix = META_EVENTS[meta_event.name]
        for relation in state.relations:
            event = Event(
                relation.endpoint + suffix,
                args=(InjectRelation(relation.endpoint, relation.relation_id),),
                relation=relation,
            )
            yield event, state.copy()
        return
    raise ValueError(
        f"unknown meta event {meta_event.name!r}; expected one of {sorted(META_EVENTS)}"
    )


def generate_startup_sequence(state_template: State) -> Iterator[tuple[Event, State]]:
    """Juju's start-up order: install, storage, relations, leadership, config, start."""
    yield Event("install"), state_template.copy()
    yield from decompose_meta_event(Event(ATTACH_ALL_STORAGES), state_template)
    yield from decompose_meta_event(Event(CREATE_ALL_RELATIONS), state_template)
    leadership = "leader_elected" if state_template.leader else "leader_settings_changed"
    yield Event(leadership), state_template.copy()
    yield Event("config_changed"), state_template.copy()
    yield Event("start"), state_template.copy()


def generate_teardown_sequence(state_template: State) -> Iterator[tuple[Event, State]]:
    """Juju's tear-down order: relations broken, storage detached, stop, remove."""
    yield from decompose_meta_event(Event(BREAK_ALL_RELATIONS), state_template)
    yield from decompose_meta_event(Event(DETACH_ALL_STORAGES), state_template)
    yield Event("stop"), state_template.copy()
    yield Event("remove"), state_template.copy()


def generate_builtin_sequences(
    template_states: Iterable[State],
) -> Iterator[tuple[Event, State]]:
    """Start-up then tear-down, for each template State."""
    for template in template_states:
        yield from generate_startup_sequence(template)
        yield from generate_teardown_sequence(template)


def check_builtin_sequences(
    charm_type: type[ops.CharmBase],
    meta: Mapping[str, Any] | None = None,
    actions: Mapping[str, Any] | None = None,
    config: Mapping[str, Any] | None = None,
    template_state: State | None = None,
    pre_event: Callable[[ops.CharmBase], None] | None = None,
    post_event: Callable[[ops.CharmBase], None] | None = None,
) -> list[State]:
    """Runs the builtin sequences as leader and as non-leader; returns every output State.

    Raises:
        UncaughtCharmError: the charm raised on one of the events.
    """
    template = template_state if template_state is not None else State()
    ctx = Context(charm_type, meta=meta, actions=actions, config=config)
    out = []
    for event, state in generate_builtin_sequences(
        (template.replace(leader=True), template.replace(leader=False))
    ):
        out.append(ctx.run(event, state, pre_event=pre_event, post_event=post_event))
        ctx.cleanup()
    return out
