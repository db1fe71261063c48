# SPDX-License-Identifier: Apache-2.0
"""Containers, networks, ports, storage, secrets and stored state."""

from __future__ import annotations

import datetime
import logging
import pathlib

import ops
import pytest
from ops import pebble
from scenario import state as st
from scenario.state import (
    Address,
    BindAddress,
    Container,
    DeferredEvent,
    ExecOutput,
    Network,
    Port,
    Secret,
    State,
    StateValidationError,
    Storage,
    StoredState,
    next_storage_index,
)

# --- containers -------------------------------------------------------------------------

LAYER_A = pebble.Layer(
    {
        "summary": "a",
        "services": {
            "web": {"override": "replace", "command": "web --a", "startup": "enabled"},
            "side": {"override": "replace", "command": "side"},
        },
    }
)
LAYER_B = pebble.Layer(
    {"services": {"web": {"override": "replace", "command": "web --b", "startup": "disabled"}}},
)


def test_plan_combines_the_layers_in_label_order():
    container = Container("c", layers={"2-b": LAYER_B, "1-a": LAYER_A})
    plan = container.plan
    assert isinstance(plan, pebble.Plan)
    assert sorted(plan.services) == ["side", "web"]
    assert plan.services["web"].command == "web --b"


def test_plan_starts_from_the_base_plan():
    container = Container(
        "c",
        _base_plan={"services": {"base": {"override": "replace", "command": "base"}}},
        layers={"a": LAYER_A},
    )
    assert sorted(container.plan.services) == ["base", "side", "web"]
    assert Container("c").plan.services == {}


def test_services_report_startup_and_status():
    container = Container(
        "c",
        layers={"a": LAYER_A},
        service_status={"web": pebble.ServiceStatus.ACTIVE},
    )
    services = container.services
    assert sorted(services) == ["side", "web"]
    assert isinstance(services["web"], pebble.ServiceInfo)
    assert services["web"].current == pebble.ServiceStatus.ACTIVE
    assert services["web"].startup == pebble.ServiceStartup.ENABLED
    assert services["side"].current == pebble.ServiceStatus.INACTIVE
    assert services["side"].startup == pebble.ServiceStartup.DISABLED


def test_pebble_ready_event(caplog):
    container = Container("foo-bar", can_connect=True)
    event = container.pebble_ready_event
    assert event.name == "foo_bar_pebble_ready"
    assert event.container is container
    assert event._is_workload_event
    with caplog.at_level(logging.WARNING, logger="scenario"):
        Container("x").pebble_ready_event  # noqa: B018 (the property logs)
    assert "cannot connect" in caplog.text


class FakeContext:
    def _get_container_root(self, name: str) -> pathlib.Path:
        return pathlib.Path("/containers") / name

    def _get_storage_root(self, name: str, index: int) -> pathlib.Path:
        return pathlib.Path("/storage") / f"{name}-{index}"


def test_get_filesystem_asks_the_context():
    assert Container("web").get_filesystem(FakeContext()) == pathlib.Path("/containers/web")
    storage = Storage("data", index=3)
    assert storage.get_filesystem(FakeContext()) == pathlib.Path("/storage/data-3")


def test_exec_output_equality_ignores_the_change_id():
    assert ExecOutput(0, "out") == ExecOutput(0, "out", _change_id=7)
    assert ExecOutput(1) != ExecOutput(0)


def test_exec_outputs_draw_no_process_wide_change_id():
    # A run's Pebble numbers its changes; creating mocks must not advance any counter.
    assert ExecOutput(0, "out")._change_id is None
    assert ExecOutput(0, "out")._change_id is None


def test_with_can_connect():
    state = State(containers=[Container("a"), Container("b")])
    other = state.with_can_connect("b", True)
    assert [c.can_connect for c in other.containers] == [False, True]
    assert [c.can_connect for c in state.containers] == [False, False]
    assert isinstance(other.containers, list)


def test_get_container():
    container = Container("a")
    state = State(containers=[container])
    assert state.get_container("a") is container
    assert state.get_container(Container("a")) is container
    with pytest.raises(ValueError):
        state.get_container("b")


# --- networks ---------------------------------------------------------------------------


def test_network_default():
    network = Network.default("db")
    assert network == Network(
        name="db",
        bind_addresses=[
            BindAddress(
                interface_name="",
                addresses=[Address(hostname="", value="1.1.1.1", cidr="")],
                mac_address=None,
            )
        ],
        ingress_addresses=["1.1.1.2"],
        egress_subnets=["1.1.1.2/32"],
    )


def test_network_default_arguments():
    network = Network.default(
        "db",
        private_address="10.0.0.1",
        hostname="h",
        cidr="10.0.0.0/24",
        interface_name="eth0",
        mac_address="aa:bb",
        egress_subnets=("10.0.0.0/24",),
        ingress_addresses=("10.0.0.2",),
    )
    assert network.bind_addresses[0].interface_name == "eth0"
    assert network.bind_addresses[0].mac_address == "aa:bb"
    assert network.bind_addresses[0].addresses[0] == Address("h", "10.0.0.1", "10.0.0.0/24")
    assert network.egress_subnets == ["10.0.0.0/24"]
    assert network.ingress_addresses == ["10.0.0.2"]


def test_network_hook_tool_output():
    out = Network.default("db", mac_address="aa:bb").hook_tool_output_fmt()
    assert out == {
        "bind-addresses": [
            {
                "interface-name": "",
                "addresses": [
                    {"hostname": "", "value": "1.1.1.1", "cidr": "", "address": ""},
                ],
                "mac-address": "aa:bb",
            }
        ],
        "egress-subnets": ["1.1.1.2/32"],
        "ingress-addresses": ["1.1.1.2"],
    }
    no_mac = Network.default("db").hook_tool_output_fmt()
    assert "mac-address" not in no_mac["bind-addresses"][0]


# --- ports --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "path"),
    [
        (("tcp",), "port"),
        (("udp", None), "port"),
        (("tcp", 0), "port"),
        (("tcp", 65536), "port"),
        (("udp", -1), "port"),
        (("icmp", 8), "port"),
        (("sctp", 80), "protocol"),
        (("tcp", "80"), "port"),
    ],
)
def test_port_validation(args, path):
    with pytest.raises(StateValidationError) as exc_info:
        Port(*args)
    assert [p.path for p in exc_info.value.problems] == [path]


@pytest.mark.parametrize("args", [("tcp", 1), ("udp", 65535), ("icmp",), ("icmp", None)])
def test_valid_ports(args):
    Port(*args)


def test_ports_compare_by_value():
    assert Port("tcp", 42) == Port("tcp", 42)
    assert Port("tcp", 42) != Port("udp", 42)


# --- storage ------------------------------------------------------------------------------


def test_storage_index_counter():
    upcoming = next_storage_index(update=False)
    assert Storage("foo").index == upcoming
    assert Storage("foo").index == upcoming + 1
    assert Storage("foo", index=0).index == 0
    assert next_storage_index(update=False) == upcoming + 2


def test_storage_events():
    storage = Storage("my-data", index=1)
    assert storage.attached_event.name == "my_data_storage_attached"
    assert storage.detaching_event.name == "my_data_storage_detaching"
    assert storage.attached_event.storage is storage


def test_get_storages():
    a, b, c = Storage("a", 0), Storage("a", 1), Storage("b", 0)
    assert State(storage=[a, b, c]).get_storages("a") == (a, b)


# --- secrets ------------------------------------------------------------------------------


def test_secret_events_for_an_observer():
    secret = Secret("s", {0: {"a": "b"}})
    assert secret.changed_event.name == "secret_changed"
    assert secret.changed_event.secret is secret
    for prop in ("rotate_event", "expired_event", "remove_event"):
        with pytest.raises(ValueError):
            getattr(secret, prop)


def test_secret_events_for_an_owner():
    secret = Secret("s", {0: {"a": "b"}}, owner="application")
    assert secret.rotate_event.name == "secret_rotate"
    assert secret.expired_event.name == "secret_expired"
    assert secret.remove_event.name == "secret_remove"
    assert secret.remove_event._is_secret_event
    with pytest.raises(ValueError):
        secret.changed_event  # noqa: B018 (the property raises)


def test_secret_update_metadata_adds_a_revision():
    secret = Secret("s", {1: {"a": "b"}}, owner="unit")
    secret._update_metadata(
        content={"a": "c"},
        label="l",
        description="d",
        expire=datetime.timedelta(hours=1),
        rotate=ops.SecretRotate.DAILY,
    )
    assert secret.contents == {1: {"a": "b"}, 2: {"a": "c"}}
    assert (secret.label, secret.description) == ("l", "d")
    assert isinstance(secret.expire, datetime.datetime)
    assert secret.rotate == ops.SecretRotate.DAILY
    secret._set_revision(2)
    assert secret.revision == 2


# --- stored state and deferred events ----------------------------------------------------


def test_stored_state_handle_path():
    assert StoredState("MyCharm").handle_path == "MyCharm/StoredStateData[_stored]"
    assert StoredState(None, name="x").handle_path == "/StoredStateData[x]"
    assert StoredState("MyCharm/MyLib", "_s", {}, "Data").handle_path == "MyCharm/MyLib/Data[_s]"


def test_deferred_event_name():
    event = DeferredEvent("MyCharm/on/update_status[3]", "MyCharm", "_on_update_status")
    assert event.name == "update_status"
    assert event.snapshot_data == {}


# --- jsonpatch_delta ----------------------------------------------------------------------


def test_jsonpatch_delta():
    before = State(leader=False, config={"a": "1"}, unit_status=ops.ActiveStatus("x"))
    after = before.replace(leader=True, config={"a": "2"}, unit_status=ops.BlockedStatus("y"))
    patch = after.jsonpatch_delta(before)
    assert patch == [
        {"op": "replace", "path": "/config/a", "value": "2"},
        {"op": "replace", "path": "/leader", "value": True},
        {"op": "replace", "path": "/unit_status/message", "value": "y"},
        {"op": "replace", "path": "/unit_status/name", "value": "blocked"},
    ]
    assert before.jsonpatch_delta(before) == []


def test_sort_patch():
    patch = [{"op": "remove", "path": "/b"}, {"op": "add", "path": "/a"}]
    assert st.sort_patch(patch) == [{"op": "add", "path": "/a"}, {"op": "remove", "path": "/b"}]
