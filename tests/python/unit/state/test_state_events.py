# SPDX-License-Identifier: Apache-2.0
"""Events: parsing names, binding to State entities, actions, and deferred events."""

from __future__ import annotations

import ops
import pytest
from scenario import errors
from scenario.state import (
    Action,
    Container,
    DeferredEvent,
    Event,
    InjectRelation,
    PeerRelation,
    Relation,
    Secret,
    State,
    Storage,
    SubordinateRelation,
    _derive_args,
    _EventType,
    deferred,
)


class MyCharm(ops.CharmBase):
    def _on_event(self, event: ops.EventBase) -> None:
        pass


@pytest.mark.parametrize(
    ("path", "name", "owner_path", "kind"),
    [
        ("start", "start", ["on"], _EventType.builtin),
        ("update-status", "update_status", ["on"], _EventType.builtin),
        ("db-relation-changed", "db_relation_changed", ["on"], _EventType.relation),
        ("do_it_action", "do_it_action", ["on"], _EventType.action),
        ("secret_changed", "secret_changed", ["on"], _EventType.secret),
        ("data-storage-attached", "data_storage_attached", ["on"], _EventType.storage),
        ("web-pebble-ready", "web_pebble_ready", ["on"], _EventType.workload),
        ("collect_unit_status", "collect_unit_status", ["on"], _EventType.framework),
        ("foo", "foo", ["on"], _EventType.custom),
        ("my_lib.on.foo", "foo", ["my_lib", "on"], _EventType.custom),
        ("a.b.on.thing-happened", "thing_happened", ["a", "b", "on"], _EventType.custom),
    ],
)
def test_event_path_parsing(path, name, owner_path, kind):
    event = Event(path)
    assert event.name == name
    assert event.owner_path == owner_path
    assert event._path.type is kind
    assert event.path == path.replace("-", "_")
    assert isinstance(event.path, str)


def test_kind_predicates():
    assert Event("db_relation_broken")._is_relation_event
    assert Event("x_action")._is_action_event
    assert Event("secret_rotate")._is_secret_event
    assert Event("d_storage_detaching")._is_storage_event
    assert Event("c_pebble_ready")._is_workload_event
    assert not Event("start")._is_relation_event


def test_custom_owner_path_with_relation_like_name():
    event = Event("my_lib.on.foo_relation_changed")
    assert event.owner_path == ["my_lib", "on"]
    assert event.name == "foo_relation_changed"
    assert event._path.prefix == "foo"


def test_builtin_check_uses_the_charm_type():
    class Spec:
        charm_type = MyCharm

    assert Event("start")._is_builtin_event(Spec())
    assert not Event("foo")._is_builtin_event(Spec())


def test_event_copy_keeps_the_parsed_path():
    event = Event("db-relation-changed").replace(relation_remote_unit_id=3)
    assert event.name == "db_relation_changed"
    assert event._is_relation_event
    copied = event.copy()
    assert copied._path.type is _EventType.relation


def test_event_equality():
    assert Event("start") == Event("start")
    assert Event("update-status") == Event("update_status")


def test_action_event():
    action = Action("do-thing", params={"x": 1})
    event = action.event
    assert event.name == "do_thing_action"
    assert event.action is action
    assert event._is_action_event


# --- bind ---------------------------------------------------------------------------


def test_bind_relation():
    relation = Relation("foo-bar")
    bound = Event("foo-bar-relation-changed").bind(State(relations=[relation]))
    assert bound.relation == relation


def test_bind_container_storage_and_secret():
    container = Container("web")
    storage = Storage("data")
    secret = Secret("s", {0: {}})
    state = State(containers=[container], storage=[storage], secrets=[secret])
    assert Event("web-pebble-ready").bind(state).container == container
    assert Event("data-storage-attached").bind(state).storage == storage
    assert Event("secret-changed").bind(state).secret == secret


def test_bind_with_several_relations_warns_and_binds_the_first(caplog):
    first, second = Relation("db"), Relation("db")
    with caplog.at_level("WARNING", logger="scenario.state"):
        bound = Event("db-relation-changed").bind(State(relations=[first, second]))
    assert bound.relation == first
    assert caplog.messages == [
        f"too many relations on db to tell which one db_relation_changed is about: binding "
        f"the first (id {first.relation_id}); use that relation's event (e.g. "
        "relation.changed_event) to choose"
    ]


def test_bind_with_several_storages_warns_and_binds_the_first(caplog):
    first, second = Storage("data", index=0), Storage("data", index=1)
    with caplog.at_level("WARNING", logger="scenario.state"):
        bound = Event("data-storage-attached").bind(State(storage=[first, second]))
    assert bound.storage == first
    assert caplog.messages == [
        "too many storages named data to tell which one data_storage_attached is about: "
        "binding the first (index 0); pass storage= to the Event to choose"
    ]


@pytest.mark.parametrize(
    "path",
    ["foo-relation-changed", "web-pebble-ready", "data-storage-attached", "secret-changed"],
)
def test_bind_failures(path):
    with pytest.raises(errors.BindFailedError):
        Event(path).bind(State())


def test_bind_action_and_plain_events_fail():
    with pytest.raises(errors.BindFailedError, match="action"):
        Event("foo_action").bind(State())
    with pytest.raises(errors.BindFailedError):
        Event("start").bind(State())


# --- deferred -------------------------------------------------------------------------


def test_deferred_plain_event():
    event = Event("update-status").deferred(MyCharm._on_event)
    assert event == DeferredEvent(
        "MyCharm/on/update_status[1]", "MyCharm", "_on_event", snapshot_data={}
    )
    assert event.name == "update_status"


def test_deferred_event_id():
    event = Event("start").deferred(MyCharm._on_event, event_id=7)
    assert event.handle_path == "MyCharm/on/start[7]"


def test_deferred_relation_event():
    relation = Relation("foo", relation_id=4, remote_app_name="remote-app")
    event = relation.changed_event(remote_unit_id=2).deferred(MyCharm._on_event)
    assert event.handle_path == "MyCharm/on/foo_relation_changed[1]"
    assert event.snapshot_data == {
        "relation_name": "foo",
        "relation_id": 4,
        "app_name": "remote-app",
        "unit_name": "remote-app/2",
    }


def test_deferred_relation_event_defaults_to_the_first_remote_unit():
    # As a run of the event picks its remote unit: the first, in the test's order.
    relation = Relation("foo", relation_id=4, remote_units_data={3: {}, 1: {}})
    assert relation.joined_event.deferred(MyCharm._on_event).snapshot_data["unit_name"] == (
        "remote/3"
    )
    broken = relation.broken_event.deferred(MyCharm._on_event).snapshot_data
    assert "unit_name" not in broken


def test_deferred_departed_event_names_the_departing_unit():
    relation = Relation("foo", relation_id=4)
    snapshot = relation.departed_event(remote_unit_id=0).deferred(MyCharm._on_event).snapshot_data
    assert snapshot["departing_unit"] == "remote/0"


def test_deferred_peer_and_subordinate_events():
    peer = PeerRelation("cluster", relation_id=5)
    snapshot = peer.changed_event.deferred(MyCharm._on_event).snapshot_data
    assert snapshot == {"relation_name": "cluster", "relation_id": 5}
    sub = SubordinateRelation("info", relation_id=6, remote_app_name="principal", remote_unit_id=2)
    snapshot = sub.changed_event.deferred(MyCharm._on_event).snapshot_data
    assert snapshot["unit_name"] == "principal/2"
    assert snapshot["app_name"] == "principal"


def test_deferred_workload_event():
    event = Container("web").pebble_ready_event.deferred(MyCharm._on_event)
    assert event.snapshot_data == {"container_name": "web"}
    assert event.handle_path == "MyCharm/on/web_pebble_ready[1]"


def test_deferred_storage_and_secret_events():
    storage = Storage("data", index=2)
    assert storage.attached_event.deferred(MyCharm._on_event).snapshot_data == {
        "storage_name": "data",
        "storage_index": 2,
    }
    secret = Secret("secret:123", {0: {}}, owner="unit", label="lbl", revision=4)
    assert secret.rotate_event.deferred(MyCharm._on_event).snapshot_data == {
        "id": "secret:123",
        "label": "lbl",
    }
    assert secret.remove_event.deferred(MyCharm._on_event).snapshot_data == {
        "id": "secret:123",
        "label": "lbl",
        "revision": 4,
    }


def test_deferred_function():
    relation = Relation("foo", relation_id=9)
    event = deferred("foo_relation_changed", MyCharm._on_event, relation=relation)
    assert event.snapshot_data["relation_id"] == 9
    event = deferred("web_pebble_ready", MyCharm._on_event, container=Container("web"))
    assert event.snapshot_data == {"container_name": "web"}
    event = deferred(Event("start"), MyCharm._on_event, event_id=3)
    assert event.handle_path == "MyCharm/on/start[3]"


def test_deferred_relation_event_without_relation_fails():
    with pytest.raises(ValueError, match="relation"):
        deferred("foo_relation_changed", MyCharm._on_event)


def test_deferred_needs_a_method():
    def not_a_method(event: object) -> None:
        pass

    with pytest.raises(ValueError):
        Event("start").deferred(print)
    with pytest.raises(ValueError, match="method"):
        Event("start").deferred(not_a_method)


def test_deferred_accepts_a_bound_method():
    class Holder:
        def handler(self) -> None:
            pass

    event = Event("start").deferred(Holder().handler)
    assert (event.owner, event.observer) == ("Holder", "handler")


def test_derive_args():
    assert _derive_args("foo_relation_changed") == (InjectRelation("foo"),)
    assert _derive_args("start") == ()
