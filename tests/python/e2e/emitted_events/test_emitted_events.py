# SPDX-License-Identifier: Apache-2.0
"""README "Emitted events": ``Context.emitted_events`` and what it captures."""

from __future__ import annotations

import copy
import gc
import os
import subprocess
import warnings

import ops
import pytest
from ops.charm import CharmEvents, StartEvent, UpdateStatusEvent
from ops.framework import EventBase, EventSource
from scenario import Context, Event, State, _ops_adapter
from scenario.errors import ChangeAfterRunWarning, ConsistencyWarning


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
    secret = Secret(id="secret:cuqlt1hn7k9s1e9n5u6g", contents={0: {"a": "b"}}, granted="app")
    ctx.run(secret.changed_event, State(secrets=[secret]))
    relation = Relation("db", remote_units_data={0: {}, 1: {}})
    ctx.run(relation.departed_event(remote_unit_id=1), State(relations=[relation]))
    changed, departed = ctx.emitted_events
    assert changed.secret.id == secret.id
    assert departed.departing_unit is not None
    assert departed.departing_unit.name == "remote/1"


class _Reader(ops.CharmBase):
    """Reads one relation's remote unit databag, and nothing else of the model."""

    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.db_relation_changed, self._on_changed)

    def _on_changed(self, event: ops.RelationChangedEvent):
        assert event.unit is not None
        event.relation.data[event.unit].get("seen")


_READER_META = {
    "name": "reader",
    "requires": {"db": {"interface": "db"}},
    "options": {},
}


def _reader_run():
    from scenario import Relation

    ctx = Context(
        _Reader,
        meta=_READER_META,
        config={"options": {"port": {"type": "int", "default": 80}}},
    )
    db = Relation(
        "db",
        remote_app_data={"app-key": "app-value"},
        remote_units_data={0: {"seen": "yes"}, 1: {"other": "unit"}},
        local_unit_data={"mine": "1"},
    )
    other = Relation("db", remote_units_data={5: {"k": "v"}})
    out = ctx.run(db.changed_event(remote_unit_id=0), State(relations=[db, other], leader=True))
    return ctx, db, other, out


def test_an_emitted_events_model_answers_from_the_run_after_it():
    # What the charm did not read during the run, ops loads when the test reads it
    # afterwards; it gets the State as the run left it, as in ops-scenario.
    ctx, db, other, _ = _reader_run()
    (event,) = ctx.emitted_events
    relation = event.relation
    # Before ops 2.16 ops reads the Juju version from the environment, which only the
    # run sets: the call is given the run's.
    assert dict(relation.data[relation.app]) == {"app-key": "app-value"}
    assert "JUJU_VERSION" not in os.environ
    assert dict(relation.data[event.framework.model.unit]) == {"mine": "1"}
    model = event.framework.model
    assert [r.id for r in model.relations["db"]] == [db.relation_id, other.relation_id]
    reloaded = model.get_relation("db", other.relation_id)
    assert reloaded is not None
    assert {u.name for u in reloaded.units} == {"remote/5"}
    assert model.config["port"] == 80
    assert model.unit.is_leader()
    # Routed for each call only: ops spawns hook tools as it would outside a run again.
    if _ops_adapter._HOOKCMDS:
        import ops.hookcmds._utils as spawn_point
    else:
        import ops.model as spawn_point
    assert spawn_point.subprocess is subprocess


def test_a_change_after_the_run_is_its_models_only_and_warned():
    # The output State is already made: the change stays with the event's model, and
    # the test is told so (ops-scenario took it and lost it without a word).
    ctx, _, _, out = _reader_run()
    (event,) = ctx.emitted_events
    model = event.framework.model
    with pytest.warns(ChangeAfterRunWarning, match="relation-set ran after the run") as caught:
        event.relation.data[model.unit]["late"] = "write"
    assert caught[0].filename == __file__  # the test's own line, not ops' or ours
    with pytest.warns(ChangeAfterRunWarning, match="relation-set ran after the run"):
        event.relation.data[model.app]["late"] = "app write"
    with pytest.warns(ChangeAfterRunWarning, match="status-set ran after the run"):
        model.unit.status = ops.ActiveStatus("late")
    # The model reads back what it wrote.
    reloaded = model.get_relation("db", event.relation.id)
    assert reloaded is not None
    assert reloaded.data[model.unit]["late"] == "write"
    assert out.unit_status == ops.UnknownStatus()
    assert "late" not in out.relations[0].local_unit_data
    assert "late" not in out.relations[0].local_app_data
    assert ctx.unit_status_history == []


def test_a_charms_setters_after_manager_run():
    # A pattern of tests written for ops-scenario: run, then call the charm's (or a
    # library's) setters to see that they accept or refuse their input.
    from scenario import Relation

    class Publisher(ops.CharmBase):
        def publish(self, value: str) -> None:
            relation = self.model.get_relation("db")
            assert relation is not None
            relation.data[self.app]["value"] = value

    relation = Relation("db")
    ctx = Context(Publisher, meta=_READER_META)
    with ctx.manager("start", State(relations=[relation], leader=True)) as mgr:
        out = mgr.run()
        with pytest.warns(ChangeAfterRunWarning):
            mgr.charm.publish("x")
        assert mgr.charm.model.get_relation("db").data[mgr.charm.app]["value"] == "x"
    assert out.relations[0].local_app_data == {}
    # Not the leader: refused as in the run (Juju lets only the leader at the databag;
    # ops 2.10 writes without reading it first, and Juju refuses the write).
    with ctx.manager("start", State(relations=[relation])) as mgr:
        mgr.run()
        with (
            warnings.catch_warnings(),
            pytest.raises(ops.ModelError, match="permission denied|cannot write relation"),
        ):
            warnings.simplefilter("ignore", ChangeAfterRunWarning)  # ops 2.10's write
            mgr.charm.publish("x")


def test_a_secrets_content_answers_after_the_run_and_changes_nothing():
    from scenario import Secret

    secret = Secret(
        id="secret:cuqlt1hn7k9s1e9n5u6g",
        contents={0: {"a": "b"}, 1: {"a": "c"}},
        revision=0,
        granted="app",
    )
    ctx = Context(_Watcher, meta=_WATCHER_META)
    out = ctx.run(secret.changed_event, State(secrets=[secret]))
    (event,) = ctx.emitted_events
    assert event.secret.get_content() == {"a": "b"}
    # A refresh reads the newest revision; what it would track is not the output's.
    assert event.secret.get_content(refresh=True) == {"a": "c"}
    assert out.secrets[0].revision == 0


def test_a_refused_read_after_the_run_is_the_model_error_alone():
    # ops logs a refusal as a security event through the hook's juju-log; after the
    # run there is none (ops would warn, and the test's warnings filter raise that).
    from scenario import Secret

    secret = Secret(id="secret:cuqlt1hn7k9s1e9n5u6g", contents={0: {"a": "b"}})
    ctx = Context(_Watcher, meta=_WATCHER_META)
    with pytest.warns(ConsistencyWarning, match="secret-not-granted"):
        ctx.run(secret.changed_event, State(secrets=[secret]))
    (event,) = ctx.emitted_events
    with pytest.raises(ops.ModelError, match="permission denied"):
        event.secret.get_content()


def test_a_failed_runs_events_say_there_is_nothing_to_read():
    from scenario import Relation
    from scenario.errors import UncaughtCharmError

    class Fails(ops.CharmBase):
        def __init__(self, framework: ops.Framework):
            super().__init__(framework)
            framework.observe(self.on.db_relation_changed, self._on_changed)

        def _on_changed(self, _):
            raise RuntimeError("boom")

    ctx = Context(Fails, meta=_WATCHER_META)
    relation = Relation("db", remote_units_data={0: {"k": "v"}})
    with pytest.raises(UncaughtCharmError):
        ctx.run(relation.changed_event, State(relations=[relation]))
    (event,) = ctx.emitted_events
    with pytest.raises(ops.ModelError, match="the run ended with an exception, so there"):
        event.relation.data[event.unit].get("k")
    # So do those of a run whose manager block the test's own code left by raising.
    with (
        pytest.raises(KeyError),
        Context(_Watcher, meta=_WATCHER_META).manager(
            relation.changed_event, State(relations=[relation])
        ) as mgr,
    ):
        model = mgr.charm.model
        raise KeyError("the test's own")
    with pytest.raises(ops.ModelError, match="the run ended with an exception, so there"):
        model.unit.is_leader()


def test_tools_ops_calls_outside_its_block_are_refused_after_the_run_too():
    # ops 3.4+ calls juju-log and juju-reboot without the block every other tool is
    # called in; after the run they must not reach another run's session either.
    ctx, _, _, _ = _reader_run()
    (event,) = ctx.emitted_events
    model = event.framework.model
    other = Context(_Reader, meta=_READER_META)
    with other.manager("update-status", State()) as mgr:
        with pytest.raises(ops.ModelError, match="juju-reboot cannot run after the run"):
            model.unit.reboot()
        with pytest.raises(ops.ModelError, match="juju-log cannot run after the run"):
            model._backend.juju_log("INFO", "late")
        mgr.run()
    assert not [line for line in other.juju_log if line.message == "late"]
    with pytest.raises(ops.ModelError, match="juju-reboot cannot run after the run"):
        model.unit.reboot()


def test_a_context_keeps_no_relation_a_run_loaded():
    # ops' model of each kept event would otherwise hold a Relation, its units and its
    # databags for every relation the charm listed, for as long as the Context lives.
    from scenario import Relation

    class ListsRelations(ops.CharmBase):
        def __init__(self, framework: ops.Framework):
            super().__init__(framework)
            framework.observe(self.on.update_status, self._on_update_status)

        def _on_update_status(self, _):
            for relation in self.model.relations["db"]:
                relation.data[relation.app].get("k")

    def relations_alive() -> int:
        gc.collect()
        return sum(type(o) is ops.Relation for o in gc.get_objects())

    ctx = Context(ListsRelations, meta=_WATCHER_META)
    state = State(
        relations=[Relation("db", remote_units_data={u: {} for u in range(3)}) for _ in range(20)]
    )
    before = relations_alive()  # other tests' charms may keep events of theirs
    for _ in range(3):
        ctx.run("update_status", state)
    assert len(ctx.emitted_events) == 3
    # Before ops 2.16 they stay: ops would read the Juju version again from the
    # environment, which only the run sets, and refuse the app databags it had read.
    kept = 0 if _ops_adapter._BACKEND_TAKES_CONTEXT else 3 * 20
    assert relations_alive() - before == kept
    model = ctx.emitted_events[0].framework.model
    assert len(model.relations["db"]) == 20  # ops loads them again when asked


def test_a_context_keeps_of_each_run_what_it_changed_not_the_state():
    # The model answers after the run from the State as the run left it, rebuilt when
    # first asked: until then a run that changed nothing costs its Context no copy.
    from scenario import Relation

    ctx = Context(_Watcher, meta=_WATCHER_META)
    app = "counted-remote"  # this test's relations only, whatever other tests left
    state = State(relations=[Relation("db", remote_app_name=app) for _ in range(20)])
    for _ in range(5):
        ctx.run("update_status", state)
    gc.collect()
    relations_alive = sum(
        isinstance(o, Relation) and o.remote_app_name == app for o in gc.get_objects()
    )
    # The input's, and the last output's (``Context._output_state``).
    assert relations_alive == 2 * 20
    model = ctx.emitted_events[0].framework.model
    assert len(model.relations["db"]) == 20


def test_an_emitted_event_deep_copies_wherever_ops_own_objects_do(monkeypatch):
    # What answers the model after the run must not stop a deep copy (ops 3.3-3.8
    # backends hold a ContextVar, and never copy).
    import copy

    def deep_copy(obj):
        try:
            return copy.deepcopy(obj)
        except TypeError:
            return None

    env = {"JUJU_UNIT_NAME": "reader/0", "JUJU_VERSION": "3.4.0", "JUJU_CHARM_DIR": "/"}
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    ops_copies = deep_copy(_ops_adapter.make_backend(env)) is not None
    monkeypatch.undo()
    ctx, _, _, _ = _reader_run()
    (event,) = ctx.emitted_events
    copied = deep_copy(event)
    assert (copied is not None) == ops_copies
    if copied is not None:
        assert dict(copied.relation.data[copied.framework.model.unit]) == {"mine": "1"}


def test_a_run_inside_another_keeps_its_events_to_itself():
    outer = Context(MyCharm, meta={"name": "outer"})
    inner = Context(MyCharm, meta={"name": "inner"})
    with outer.manager("start", State()) as mgr:
        inner.run("install", State())
        mgr.run()
    assert [e.handle.kind for e in outer.emitted_events] == ["start"]
    assert [e.handle.kind for e in inner.emitted_events] == ["install", "my_custom"]


def test_where_warnings_are_errors_a_change_after_the_run_is_not_made():
    ctx, _, _, _ = _reader_run()
    (event,) = ctx.emitted_events
    model = event.framework.model
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ChangeAfterRunWarning):
            event.relation.data[model.unit]["late"] = "write"
        with pytest.raises(ChangeAfterRunWarning):
            model.unit.status = ops.ActiveStatus("late")
    model.unit._status = None  # ops' cache: ask the session again
    assert model.unit.status == ops.UnknownStatus()
    assert model._backend.relation_get(event.relation.id, model.unit.name, False) == {"mine": "1"}


def _deep_copy_of_an_event():
    from scenario import Relation

    ctx = Context(_Reader, meta=_READER_META)
    relation = Relation("db", remote_units_data={0: {"seen": "yes"}})
    ctx.run(relation.changed_event, State(relations=[relation]))
    (event,) = ctx.emitted_events
    memo = {}
    # ops 3.3 to 3.8 give the backend a ContextVar, which cannot be copied: shared.
    recursive = getattr(event.framework.model._backend, "_is_recursive", None)
    if recursive is not None:
        memo[id(recursive)] = recursive
    return copy.deepcopy(event, memo)  # the Context and the original go


def test_a_deep_copy_of_an_event_answers_after_the_original_is_gone():
    # The methods set on the backend after the run must call the copied backend.
    event = _deep_copy_of_an_event()
    gc.collect()
    assert dict(event.relation.data[event.unit]) == {"seen": "yes"}
    with pytest.raises(ops.SecretNotFoundError):
        event.framework.model.get_secret(id="secret:cuqlt1hn7k9s1e9n5u6g")
