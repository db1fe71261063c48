# SPDX-License-Identifier: Apache-2.0
"""README "Deferred events": the event queue in, and deferrals out."""

from __future__ import annotations

import dataclasses

import ops
import pytest
from ops.charm import StartEvent, UpdateStatusEvent
from scenario import Context, DeferredEvent, Event, Relation, State, deferred

META = {"name": "mycharm", "requires": {"foo": {"interface": "bar"}}}

SEEN: list = []
"""Events the charm handled, in order."""


class MyCharm(ops.CharmBase):
    defer_update_status = True
    defer_start = True
    defer_relation_changed = True

    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.update_status, self._on_update_status)
        framework.observe(self.on.start, self._on_start)
        framework.observe(self.on.install, self._on_install)
        framework.observe(self.on.foo_relation_changed, self._on_foo_relation_changed)

    def _on_update_status(self, e):
        SEEN.append(e)
        if self.defer_update_status:
            e.defer()

    def _on_start(self, e):
        SEEN.append(e)
        if self.defer_start:
            e.defer()

    def _on_install(self, e):
        SEEN.append(e)
        if self.defer_start:  # install is handled as start is, as in the README
            e.defer()

    def _on_foo_relation_changed(self, e):
        SEEN.append(
            {"relation_id": e.relation.id, "app": e.app.name, "unit": e.unit and e.unit.name}
        )
        if self.defer_relation_changed:
            e.defer()


@pytest.fixture(autouse=True)
def _reset():
    SEEN.clear()
    yield
    MyCharm.defer_update_status = True
    MyCharm.defer_start = True
    MyCharm.defer_relation_changed = True


def test_start_on_deferred_update_status():
    """Test charm execution if a 'start' is dispatched when in the previous run an
    update-status had been deferred."""
    MyCharm.defer_update_status = False  # this time it handles it
    state_in = State(deferred=[deferred("update_status", handler=MyCharm._on_update_status)])
    state_out = Context(MyCharm, meta=META).run("start", state_in)
    assert len(state_out.deferred) == 1
    assert state_out.deferred[0].name == "start"
    # the deferred event was re-emitted before the start event
    assert [type(e) for e in SEEN] == [UpdateStatusEvent, StartEvent]


def test_deferred_again_stays_deferred():
    state_in = State(deferred=[deferred("update_status", handler=MyCharm._on_update_status)])
    state_out = Context(MyCharm, meta=META).run("start", state_in)
    assert sorted(d.name for d in state_out.deferred) == ["start", "update_status"]


def test_event_deferred_builds_the_same_deferred_event():
    deferred_start = Event("start").deferred(MyCharm._on_start)
    deferred_install = Event("install").deferred(MyCharm._on_start)
    assert deferred_start == deferred("start", handler=MyCharm._on_start)
    assert deferred_start.name == "start"
    assert deferred_install.name == "install"
    assert deferred_start.observer == "_on_start"
    assert deferred_start.owner == "MyCharm"
    assert deferred_start.handle_path == "MyCharm/on/start[1]"


def test_defer():
    out = Context(MyCharm, meta=META).run("start", State())
    assert len(out.deferred) == 1
    assert out.deferred[0].name == "start"


def test_defer_then_reemit_on_the_next_run():
    ctx = Context(MyCharm, meta=META, capture_deferred_events=True)
    state_1 = ctx.run("update-status", State())
    MyCharm.defer_update_status = False
    MyCharm.defer_start = False
    state_2 = ctx.run("start", state_1)
    assert [type(e).__name__ for e in ctx.emitted_events] == [
        "UpdateStatusEvent",
        "UpdateStatusEvent",
        "StartEvent",
    ]
    assert len(state_1.deferred) == 1
    assert state_2.deferred == []


def test_output_deferred_is_ordered_by_handle_path():
    """ops-scenario lists deferred events by handle path, and tests index into that list.

    The re-emission order is ops' own: the order the input lists them, then the run's.
    """
    state_in = State(deferred=[deferred("update_status", handler=MyCharm._on_update_status)])
    out = Context(MyCharm, meta=META).run("start", state_in)
    assert [type(e) for e in SEEN] == [UpdateStatusEvent, StartEvent]
    assert [d.name for d in out.deferred] == ["start", "update_status"]
    assert [d.handle_path for d in out.deferred] == [
        "MyCharm/on/start[2]",
        "MyCharm/on/update_status[1]",
    ]


def test_deferred_events_are_reemitted_in_the_input_order():
    ctx = Context(MyCharm, meta=META)
    state_in = State(
        deferred=[
            deferred("update_status", handler=MyCharm._on_update_status),
            deferred("install", handler=MyCharm._on_install),
        ]
    )
    out = ctx.run("start", state_in)
    assert [type(e).__name__ for e in SEEN] == ["UpdateStatusEvent", "InstallEvent", "StartEvent"]
    assert [d.name for d in out.deferred] == ["install", "start", "update_status"]


def test_relation_changed_deferred_helper_and_shortcut_agree():
    foo_relation = Relation("foo")
    evt1 = foo_relation.changed_event.deferred(handler=MyCharm._on_foo_relation_changed)
    evt2 = deferred(
        "foo_relation_changed",
        handler=MyCharm._on_foo_relation_changed,
        relation=foo_relation,
    )
    assert dataclasses.asdict(evt1) == dataclasses.asdict(evt2)
    assert evt1.snapshot_data["relation_id"] == foo_relation.relation_id
    assert evt1.snapshot_data["relation_name"] == "foo"


def test_deferred_relation_event_is_reemitted_with_its_relation():
    MyCharm.defer_relation_changed = False
    foo_relation = Relation("foo", remote_units_data={1: {}})
    state_in = State(
        relations=[foo_relation],
        deferred=[
            deferred(
                "foo_relation_changed",
                handler=MyCharm._on_foo_relation_changed,
                relation=foo_relation,
            )
        ],
    )
    out = Context(MyCharm, meta=META).run("start", state_in)
    assert SEEN[0] == {
        "relation_id": foo_relation.relation_id,
        "app": "remote",
        "unit": "remote/1",
    }
    assert isinstance(SEEN[1], StartEvent)
    assert [d.name for d in out.deferred] == ["start"]


def test_deferred_relation_event_from_the_relation_event_shortcut():
    foo_relation = Relation("foo", remote_units_data={1: {}, 2: {}})
    state_in = State(
        relations=[foo_relation],
        deferred=[
            foo_relation.changed_event(remote_unit_id=2).deferred(
                handler=MyCharm._on_foo_relation_changed
            )
        ],
    )
    MyCharm.defer_start = False
    out = Context(MyCharm, meta=META).run("start", state_in)
    assert SEEN[0] == {
        "relation_id": foo_relation.relation_id,
        "app": "remote",
        "unit": "remote/2",
    }
    # deferred again, with the same snapshot
    assert len(out.deferred) == 1
    assert out.deferred[0].name == "foo_relation_changed"
    assert out.deferred[0].snapshot_data == {
        "relation_name": "foo",
        "relation_id": foo_relation.relation_id,
        "app_name": "remote",
        "unit_name": "remote/2",
    }


def test_relation_event_deferred_in_this_run():
    foo_relation = Relation("foo")
    out = Context(MyCharm, meta=META).run(
        foo_relation.changed_event, State(relations=[foo_relation])
    )
    assert [d.name for d in out.deferred] == ["foo_relation_changed"]
    assert out.deferred[0].snapshot_data["relation_id"] == foo_relation.relation_id
    assert out.deferred[0].observer == "_on_foo_relation_changed"


class DatabaseReadyEvent(ops.EventBase):
    pass


class MyCharmLibEvents(ops.ObjectEvents):
    database_ready = ops.EventSource(DatabaseReadyEvent)


class MyCharmLib(ops.Object):
    on = MyCharmLibEvents()

    def __init__(self, charm: ops.CharmBase):
        # No key: the handle path is "<charm>/MyCharmLib", as in the README's example.
        super().__init__(charm, None)
        self.handled = 0
        self.framework.observe(self.on.database_ready, self._on_database_ready)

    def _on_database_ready(self, _):
        self.handled += 1


LIB_SEEN: list = []


class LibCharm(ops.CharmBase):
    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        self.lib = MyCharmLib(self)
        framework.observe(self.lib.on.database_ready, self._on_database_ready)

    def _on_database_ready(self, event):
        LIB_SEEN.append(event.handle.path)


def test_fine_tuning_deferred_event_observed_by_the_charm():
    LIB_SEEN.clear()
    my_deferred_event = DeferredEvent(
        handle_path="LibCharm/MyCharmLib/on/database_ready[1]",
        owner="LibCharm",  # the object observing the event: here the charm itself.
        observer="_on_database_ready",
    )
    ctx = Context(LibCharm, meta={"name": "foo"})
    with ctx.manager("update-status", State(deferred=[my_deferred_event])) as mgr:
        out = mgr.run()
        # the library's own observer had no notice, so it did not run
        assert mgr.charm.lib.handled == 0
    assert LIB_SEEN == ["LibCharm/MyCharmLib/on/database_ready[1]"]
    assert out.deferred == []


def test_fine_tuning_deferred_event_observed_by_the_library():
    LIB_SEEN.clear()
    my_deferred_event = DeferredEvent(
        handle_path="LibCharm/MyCharmLib/on/database_ready[1]",
        owner="LibCharm/MyCharmLib",  # the library object's path
        observer="_on_database_ready",
    )
    ctx = Context(LibCharm, meta={"name": "foo"})
    with ctx.manager("update-status", State(deferred=[my_deferred_event])) as mgr:
        mgr.run()
        assert mgr.charm.lib.handled == 1
    assert LIB_SEEN == []


def test_new_events_do_not_collide_with_deferred_serials():
    # foo_relation_changed[1] is in the queue; this run's own relation-changed (about
    # another remote unit) must get a new handle path, not reuse the queued one's.
    foo_relation = Relation("foo", remote_units_data={1: {}, 2: {}})
    queued = foo_relation.changed_event(remote_unit_id=1).deferred(
        handler=MyCharm._on_foo_relation_changed, event_id=1
    )
    out = Context(MyCharm, meta=META).run(
        foo_relation.changed_event(remote_unit_id=2),
        State(relations=[foo_relation], deferred=[queued]),
    )
    assert [s["unit"] for s in SEEN] == ["remote/1", "remote/2"]
    paths = sorted(d.handle_path for d in out.deferred)
    assert len(paths) == 2
    assert paths[0] == "MyCharm/on/foo_relation_changed[1]"
    assert paths[1] != paths[0]
    units = {d.handle_path: d.snapshot_data["unit_name"] for d in out.deferred}
    assert units[paths[0]] == "remote/1"
    assert units[paths[1]] == "remote/2"
