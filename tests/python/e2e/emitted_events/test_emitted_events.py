# SPDX-License-Identifier: Apache-2.0
"""README "Emitted events": ``Context.emitted_events`` and what it captures."""

from __future__ import annotations

import ops
from ops.charm import CharmEvents, StartEvent, UpdateStatusEvent
from ops.framework import EventBase, EventSource
from scenario import Context, Event, State


class MyCustomEvent(EventBase):
    pass


class MyCharmEvents(CharmEvents):
    my_custom = EventSource(MyCustomEvent)


class MyCharm(ops.CharmBase):
    on = MyCharmEvents()

    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.start, self._on_start)
        framework.observe(self.on.update_status, self._foo)
        framework.observe(self.on.install, self._on_install)

    def _foo(self, _):
        pass

    def _on_start(self, _):
        pass

    def _on_install(self, _):
        self.on.my_custom.emit()


def test_foo():
    ctx = Context(MyCharm, meta={"name": "foo"})
    ctx.run("start", State())

    assert len(ctx.emitted_events) == 1
    assert isinstance(ctx.emitted_events[0], StartEvent)


def test_emitted_full():
    ctx = Context(
        MyCharm,
        meta={"name": "foo"},
        capture_deferred_events=True,
        capture_framework_events=True,
    )
    ctx.run("start", State(deferred=[Event("update-status").deferred(MyCharm._foo)]))

    assert len(ctx.emitted_events) == 5
    assert [e.handle.kind for e in ctx.emitted_events] == [
        "update_status",
        "start",
        "collect_unit_status",
        "pre_commit",
        "commit",
    ]


def test_emitted_full_as_leader_includes_app_status_collection():
    # ops collects the app status only on the leader.
    ctx = Context(MyCharm, meta={"name": "foo"}, capture_framework_events=True)
    ctx.run("start", State(leader=True))
    assert [e.handle.kind for e in ctx.emitted_events] == [
        "start",
        "collect_app_status",
        "collect_unit_status",
        "pre_commit",
        "commit",
    ]


def test_deferred_events_are_not_captured_by_default():
    ctx = Context(MyCharm, meta={"name": "foo"})
    ctx.run("start", State(deferred=[Event("update-status").deferred(MyCharm._foo)]))
    assert [type(e) for e in ctx.emitted_events] == [StartEvent]


def test_deferred_events_only():
    ctx = Context(MyCharm, meta={"name": "foo"}, capture_deferred_events=True)
    ctx.run("start", State(deferred=[Event("update-status").deferred(MyCharm._foo)]))
    assert [type(e) for e in ctx.emitted_events] == [UpdateStatusEvent, StartEvent]


def test_custom_events_emitted_by_the_charm_are_captured():
    ctx = Context(MyCharm, meta={"name": "foo"})
    ctx.run("install", State())
    assert [e.handle.kind for e in ctx.emitted_events] == ["install", "my_custom"]
    assert isinstance(ctx.emitted_events[1], MyCustomEvent)


def test_emitted_events_accumulate_until_cleanup():
    ctx = Context(MyCharm, meta={"name": "foo"})
    ctx.run("start", State())
    ctx.run("install", State())
    assert [e.handle.kind for e in ctx.emitted_events] == ["start", "install", "my_custom"]
    ctx.cleanup()
    assert ctx.emitted_events == []


class _Watcher(ops.CharmBase):
    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.secret_changed, self._ignore)
        framework.observe(self.on.db_relation_departed, self._ignore)

    def _ignore(self, _):
        pass


_WATCHER_META = {"name": "watcher", "requires": {"db": {"interface": "db"}}}


def test_emitted_events_answer_through_their_model_after_the_run():
    # ops resolves some event attributes through the event's framework when they are
    # read (a secret event's secret, a departed event's departing unit): they keep
    # working once the run is over, as in ops-scenario.
    from scenario import Relation, Secret

    ctx = Context(_Watcher, meta=_WATCHER_META)
    secret = Secret(id="secret:cuqlt1hn7k9s1e9n5u6g", contents={0: {"a": "b"}})
    ctx.run(secret.changed_event, State(secrets=[secret]))
    relation = Relation("db", remote_units_data={0: {}, 1: {}})
    ctx.run(relation.departed_event(remote_unit_id=1), State(relations=[relation]))
    changed, departed = ctx.emitted_events
    assert changed.secret.id == secret.id
    assert departed.departing_unit is not None
    assert departed.departing_unit.name == "remote/1"
