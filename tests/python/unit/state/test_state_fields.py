# SPDX-License-Identifier: Apache-2.0
"""Every State dataclass has ops-scenario 5.8's fields, in its order, with its defaults.

The expected lists are written out here (not read from the 5.8 package): positional
arguments in existing tests depend on the order.
"""

from __future__ import annotations

import dataclasses

import ops
import pytest
import scenario
from scenario import state as st

_REQUIRED = object()
_FACTORY = object()  # a default_factory whose value is checked separately

EXPECTED_FIELDS = {
    st.Secret: [
        ("id", _REQUIRED),
        ("contents", _REQUIRED),
        ("owner", None),
        ("granted", False),
        ("revision", 0),
        ("remote_grants", _FACTORY),
        ("label", None),
        ("description", None),
        ("expire", None),
        ("rotate", ops.SecretRotate.NEVER),
    ],
    st.RelationBase: [
        ("endpoint", _REQUIRED),
        ("interface", None),
        ("relation_id", _FACTORY),
        ("local_app_data", _FACTORY),
        ("local_unit_data", _FACTORY),
    ],
    st.Relation: [
        ("endpoint", _REQUIRED),
        ("interface", None),
        ("relation_id", _FACTORY),
        ("local_app_data", _FACTORY),
        ("local_unit_data", _FACTORY),
        ("remote_app_name", "remote"),
        ("limit", 1),
        ("remote_app_data", _FACTORY),
        ("remote_units_data", _FACTORY),
    ],
    st.SubordinateRelation: [
        ("endpoint", _REQUIRED),
        ("interface", None),
        ("relation_id", _FACTORY),
        ("local_app_data", _FACTORY),
        ("local_unit_data", _FACTORY),
        ("remote_app_data", _FACTORY),
        ("remote_unit_data", _FACTORY),
        ("remote_app_name", "remote"),
        ("remote_unit_id", 0),
    ],
    st.PeerRelation: [
        ("endpoint", _REQUIRED),
        ("interface", None),
        ("relation_id", _FACTORY),
        ("local_app_data", _FACTORY),
        ("local_unit_data", _FACTORY),
        ("peers_data", _FACTORY),
    ],
    st.Model: [
        ("name", "test-model"),
        ("uuid", "00000000-0000-4000-8000-000000000000"),
        ("type", "kubernetes"),
    ],
    st.ExecOutput: [
        ("return_code", 0),
        ("stdout", ""),
        ("stderr", ""),
        ("_change_id", None),
    ],
    st.Mount: [("location", _REQUIRED), ("src", _REQUIRED)],
    st.Container: [
        ("name", _REQUIRED),
        ("can_connect", False),
        ("_base_plan", _FACTORY),
        ("layers", _FACTORY),
        ("service_status", _FACTORY),
        ("mounts", _FACTORY),
        ("exec_mock", _FACTORY),
        ("check_infos", frozenset()),
        ("notices", _FACTORY),
    ],
    st.Address: [
        ("hostname", _REQUIRED),
        ("value", _REQUIRED),
        ("cidr", _REQUIRED),
        ("address", ""),
    ],
    st.BindAddress: [
        ("interface_name", _REQUIRED),
        ("addresses", _REQUIRED),
        ("mac_address", None),
    ],
    st.Network: [
        ("name", _REQUIRED),
        ("bind_addresses", _REQUIRED),
        ("ingress_addresses", _REQUIRED),
        ("egress_subnets", _REQUIRED),
    ],
    st._EntityStatus: [("name", _REQUIRED), ("message", "")],
    st.StoredState: [
        ("owner_path", _REQUIRED),
        ("name", "_stored"),
        ("content", _FACTORY),
        ("data_type_name", "StoredStateData"),
    ],
    st.Port: [("protocol", _REQUIRED), ("port", None)],
    st.Storage: [("name", _REQUIRED), ("index", _FACTORY)],
    st.State: [
        ("config", _FACTORY),
        ("relations", _FACTORY),
        ("networks", _FACTORY),
        ("containers", _FACTORY),
        ("storage", _FACTORY),
        ("opened_ports", _FACTORY),
        ("leader", False),
        ("model", st.Model()),
        ("secrets", _FACTORY),
        ("resources", _FACTORY),
        ("planned_units", 1),
        ("unit_id", 0),
        ("deferred", _FACTORY),
        ("stored_state", _FACTORY),
        ("app_status", ops.UnknownStatus()),
        ("unit_status", ops.UnknownStatus()),
        ("workload_version", ""),
    ],
    st.DeferredEvent: [
        ("handle_path", _REQUIRED),
        ("owner", _REQUIRED),
        ("observer", _REQUIRED),
        ("snapshot_data", _FACTORY),
    ],
    st.Event: [
        ("path", _REQUIRED),
        ("args", ()),
        ("kwargs", _FACTORY),
        ("storage", None),
        ("relation", None),
        ("relation_remote_unit_id", None),
        ("secret", None),
        ("container", None),
        ("action", None),
        ("_owner_path", _FACTORY),
        ("notice", None),
        ("check_name", None),
    ],
    st.Action: [("name", _REQUIRED), ("params", _FACTORY)],
    st.InjectRelation: [("relation_name", _REQUIRED), ("relation_id", None)],
}


@pytest.mark.parametrize("cls", list(EXPECTED_FIELDS), ids=lambda c: c.__name__)
def test_fields_order_and_defaults(cls):
    actual = []
    for field in dataclasses.fields(cls):
        if field.default is not dataclasses.MISSING:
            actual.append((field.name, field.default))
        elif field.default_factory is not dataclasses.MISSING:
            actual.append((field.name, _FACTORY))
        else:
            actual.append((field.name, _REQUIRED))
    assert actual == EXPECTED_FIELDS[cls]


@pytest.mark.parametrize("cls", list(EXPECTED_FIELDS), ids=lambda c: c.__name__)
def test_classes_are_frozen(cls):
    assert cls.__dataclass_params__.frozen


def test_factory_defaults():
    relation = st.Relation("db")
    assert relation.local_app_data == {} and relation.local_unit_data == {}
    assert relation.remote_app_data == {}
    assert relation.remote_units_data == {0: {}}
    assert st.PeerRelation("p").peers_data == {0: {}}
    sub = st.SubordinateRelation("s")
    assert sub.remote_app_data == {} and sub.remote_unit_data == {}
    container = st.Container("c")
    assert container._base_plan == {} and container.layers == {}
    assert container.service_status == {} and container.mounts == {} and container.exec_mock == {}
    state = st.State()
    assert state.config == {} and state.relations == [] and state.deferred == []
    assert st.Secret("s", {}).remote_grants == {}
    assert st.StoredState(None).content == {}
    assert st.Event("start").kwargs == {} and st.Event("start")._owner_path == []
    assert st.Action("a").params == {}


def test_factory_defaults_are_not_shared():
    a, b = st.Relation("db"), st.Relation("db")
    assert a.remote_units_data is not b.remote_units_data
    assert a.remote_units_data[0] is not b.remote_units_data[0]
    assert st.State().relations is not st.State().relations


def test_positional_arguments_follow_the_field_order():
    relation = st.Relation("db", "pgsql", 42, {"a": "1"}, {"b": "2"}, "pg", 3, {"c": "3"}, {1: {}})
    assert relation.endpoint == "db"
    assert relation.interface == "pgsql"
    assert relation.relation_id == 42
    assert relation.local_app_data == {"a": "1"}
    assert relation.local_unit_data == {"b": "2"}
    assert relation.remote_app_name == "pg"
    assert relation.limit == 3
    assert relation.remote_app_data == {"c": "3"}
    assert relation.remote_units_data == {1: {}}

    sub = st.SubordinateRelation("juju-info", None, 7, {}, {}, {"x": "y"}, {"u": "v"}, "ubuntu", 4)
    assert sub.remote_app_data == {"x": "y"} and sub.remote_unit_data == {"u": "v"}
    assert sub.remote_app_name == "ubuntu" and sub.remote_unit_id == 4
    assert sub.remote_unit_name == "ubuntu/4"

    container = st.Container("c", True, {"services": {}})
    assert container.can_connect is True and container._base_plan == {"services": {}}

    port = st.Port("udp", 53)
    assert (port.protocol, port.port) == ("udp", 53)

    secret = st.Secret("id", {0: {"a": "b"}}, "unit", False, 3)
    assert secret.owner == "unit" and secret.revision == 3

    state = st.State({"k": "v"}, [], [], [], [], [], True)
    assert state.config == {"k": "v"} and state.leader is True


def test_scenario_exports_the_5_8_names():
    for name in [
        "Action",
        "deferred",
        "StateValidationError",
        "Secret",
        "RelationBase",
        "Relation",
        "SubordinateRelation",
        "PeerRelation",
        "Model",
        "ExecOutput",
        "Mount",
        "Container",
        "Address",
        "BindAddress",
        "Network",
        "Port",
        "Storage",
        "StoredState",
        "State",
        "DeferredEvent",
        "Event",
        "InjectRelation",
    ]:
        assert hasattr(st, name), name


def test_errors_are_the_engine_classes():
    assert st.StateValidationError is scenario.errors.StateValidationError
    assert st.BindFailedError is scenario.errors.BindFailedError
    assert st.MetadataNotFoundError is scenario.errors.MetadataNotFoundError


def test_relation_base_cannot_be_instantiated():
    with pytest.raises(RuntimeError):
        st.RelationBase("db")


def test_juju_log_line():
    line = st.JujuLogLine("INFO", "hello")
    assert line.level == "INFO" and line.message == "hello"
    assert line == ("INFO", "hello")


def test_module_constants():
    assert st.ATTACH_ALL_STORAGES == "ATTACH_ALL_STORAGES"
    assert st.CREATE_ALL_RELATIONS == "CREATE_ALL_RELATIONS"
    assert st.BREAK_ALL_RELATIONS == "BREAK_ALL_RELATIONS"
    assert st.DETACH_ALL_STORAGES == "DETACH_ALL_STORAGES"
    assert st.META_EVENTS["CREATE_ALL_RELATIONS"] == "_relation_created"
    assert "update_status" in st.BUILTIN_EVENTS
    assert "collect_unit_status" in st.FRAMEWORK_EVENTS
    assert "_relation_changed" in st.RELATION_EVENTS_SUFFIX
    assert "_storage_attached" in st.STORAGE_EVENTS_SUFFIX
    assert "secret_changed" in st.SECRET_EVENTS
    assert st.ACTION_EVENT_SUFFIX == "_action"
    assert st.PEBBLE_READY_EVENT_SUFFIX == "_pebble_ready"
    assert st.normalize_name("foo-bar-baz") == "foo_bar_baz"
