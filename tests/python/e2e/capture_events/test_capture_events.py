# SPDX-License-Identifier: Apache-2.0
"""README "Low-level access: using directly capture_events"."""

from __future__ import annotations

import ops
import scenario
from ops.charm import (
    CollectStatusEvent,
    RelationChangedEvent,
    RelationEvent,
    StartEvent,
    UpdateStatusEvent,
)
from ops.framework import CommitEvent, EventBase, EventSource, Object, ObjectEvents, PreCommitEvent
from scenario import Context, Relation, State, deferred
from scenario.capture_events import capture_events


class MyFooEvent(EventBase):
    pass


class FooLibEvents(ObjectEvents):
    foo = EventSource(MyFooEvent)


class FooLib(Object):
    on = FooLibEvents()

    def __init__(self, charm: ops.CharmBase):
        super().__init__(charm, "foo_lib")


class MyCharm(ops.CharmBase):
    META = {"name": "foo", "requires": {"db": {"interface": "sql"}}}

    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        self.foo_lib = FooLib(self)
        framework.observe(self.on.start, self._on_start)
        framework.observe(self.on.update_status, self._on_update_status)
        framework.observe(self.on.db_relation_changed, self._on_db_changed)

    def _on_start(self, _):
        pass

    def _on_update_status(self, _):
        # the main juju event triggers a custom event in turn
        self.foo_lib.on.foo.emit()

    def _on_db_changed(self, _):
        pass


def test_capture_events_is_importable_from_scenario_as_the_readme_does():
    # README: `from scenario import State, Context, DeferredEvent, capture_events`, then
    # `with capture_events() as emitted:`; the name must be the context manager.
    from scenario import capture_events as readme_capture_events

    assert callable(readme_capture_events)
    ctx = Context(MyCharm, meta=MyCharm.META)
    with readme_capture_events() as emitted:
        ctx.run("start", State())
    assert [type(e) for e in emitted] == [StartEvent]


def test_capture_events_readme_example():
    with capture_events() as emitted:
        ctx = Context(MyCharm, meta=MyCharm.META)
        ctx.run(
            "update-status",
            State(deferred=[deferred("start", handler=MyCharm._on_start)]),
        )

    assert scenario.State is State
    # deferred events get reemitted first
    assert isinstance(emitted[0], StartEvent)
    # the main juju event gets emitted next
    assert isinstance(emitted[1], UpdateStatusEvent)
    # followed by a tail of all custom events that the main juju event triggered in turn
    assert isinstance(emitted[2], MyFooEvent)
    assert len(emitted) == 3


def test_capture_events_filters_by_type():
    relation = Relation("db")
    ctx = Context(MyCharm, meta=MyCharm.META)
    with capture_events(StartEvent, RelationEvent) as emitted:
        # capture all `start` and `*-relation-*` events.
        ctx.run("start", State(relations=[relation]))
        ctx.run("update-status", State(relations=[relation]))
        ctx.run(relation.changed_event, State(relations=[relation]))

    assert [type(e) for e in emitted] == [StartEvent, RelationChangedEvent]
    assert emitted[1].relation.id == relation.relation_id


def test_no_types_is_every_event_but_framework_ones():
    ctx = Context(MyCharm, meta=MyCharm.META)
    with capture_events() as emitted:
        ctx.run("start", State())
    assert [type(e) for e in emitted] == [StartEvent]

    with capture_events(EventBase) as emitted_base:
        ctx.run("start", State())
    assert [type(e) for e in emitted_base] == [StartEvent]


def test_include_framework():
    ctx = Context(MyCharm, meta=MyCharm.META)
    with capture_events(include_framework=True) as emitted:
        ctx.run("start", State())
    types = [type(e) for e in emitted]
    assert types[0] is StartEvent
    assert PreCommitEvent in types
    assert CommitEvent in types
    assert types.index(PreCommitEvent) < types.index(CommitEvent)
    assert all(t in (StartEvent, CollectStatusEvent, PreCommitEvent, CommitEvent) for t in types)


def test_exclude_deferred():
    state = State(deferred=[deferred("start", handler=MyCharm._on_start)])
    ctx = Context(MyCharm, meta=MyCharm.META)
    with capture_events(include_deferred=False) as emitted:
        ctx.run("update-status", state)
    assert [type(e) for e in emitted] == [UpdateStatusEvent, MyFooEvent]


def test_capture_stops_at_the_end_of_the_block():
    ctx = Context(MyCharm, meta=MyCharm.META)
    with capture_events() as emitted:
        pass
    ctx.run("start", State())
    assert emitted == []
