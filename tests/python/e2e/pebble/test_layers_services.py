# SPDX-License-Identifier: Apache-2.0
"""Layers, the plan and services through ops: the output container carries the layers
the charm added, the combined plan and the services' statuses.
"""

from __future__ import annotations

import ops
import pytest
from ops import pebble
from scenario import Container, Context, ExecOutput, State

META = {"name": "app", "containers": {"web": {}}}

WEB_LAYER = {
    "summary": "web",
    "services": {
        "web": {"override": "replace", "command": "/bin/web --port 80", "startup": "enabled"},
    },
}


class Charm(ops.CharmBase):
    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.web_pebble_ready, self._on_ready)

    def _on_ready(self, event: ops.WorkloadEvent) -> None:
        event.workload.add_layer("web", WEB_LAYER, combine=True)
        event.workload.replan()
        self.unit.status = ops.ActiveStatus()


def test_output_carries_the_added_layer_plan_and_running_service():
    container = Container("web", can_connect=True)
    out = Context(Charm, meta=META).run(
        container.pebble_ready_event, State(containers=[container])
    )
    web = out.get_container("web")
    assert list(web.layers) == ["web"]
    assert web.layers["web"].services["web"].command == "/bin/web --port 80"
    assert web.plan.services["web"].command == "/bin/web --port 80"
    assert web.services["web"].current == pebble.ServiceStatus.ACTIVE
    assert web.service_status["web"] == pebble.ServiceStatus.ACTIVE
    # The input is untouched.
    assert container.layers == {}


def test_plan_combines_layers_in_order():
    base = pebble.Layer(
        {"services": {"a": {"override": "replace", "command": "a", "environment": {"X": "1"}}}}
    )
    with Context(ops.CharmBase, meta=META).manager(
        "start", State(containers=[Container("web", can_connect=True, layers={"0-base": base})])
    ) as mgr:
        web = mgr.charm.unit.get_container("web")
        web.add_layer(
            "1-over",
            {"services": {"a": {"override": "merge", "environment": {"Y": "2"}}}},
        )
        plan = web.get_plan()
        assert plan.services["a"].command == "a"
        assert plan.services["a"].environment == {"X": "1", "Y": "2"}
    out = mgr.output
    assert out is not None
    assert sorted(out.get_container("web").layers) == ["0-base", "1-over"]


def test_start_stop_restart_and_statuses():
    layer = pebble.Layer(
        {
            "services": {
                "a": {"override": "replace", "command": "a"},
                "b": {"override": "replace", "command": "b", "startup": "enabled"},
            }
        }
    )
    state = State(containers=[Container("web", can_connect=True, layers={"l": layer})])
    with Context(ops.CharmBase, meta=META).manager("start", state) as mgr:
        web = mgr.charm.unit.get_container("web")
        assert web.get_service("a").current == pebble.ServiceStatus.INACTIVE
        web.start("a")
        assert web.get_service("a").is_running()
        web.stop("a")
        assert not web.get_service("a").is_running()
        web.restart("b")
        assert web.get_services("b")["b"].is_running()
    out = mgr.output
    assert out is not None
    statuses = out.get_container("web").service_status
    assert statuses.get("a", pebble.ServiceStatus.INACTIVE) == pebble.ServiceStatus.INACTIVE
    assert statuses["b"] == pebble.ServiceStatus.ACTIVE


def test_input_service_status_is_what_pebble_reports():
    layer = pebble.Layer({"services": {"a": {"override": "replace", "command": "a"}}})
    state = State(
        containers=[
            Container(
                "web",
                can_connect=True,
                layers={"l": layer},
                service_status={"a": pebble.ServiceStatus.ACTIVE},
            )
        ]
    )
    with Context(ops.CharmBase, meta=META).manager("start", state) as mgr:
        assert mgr.charm.unit.get_container("web").get_service("a").is_running()


def test_starting_an_unknown_service_is_an_api_error():
    with Context(ops.CharmBase, meta=META).manager(
        "start", State(containers=[Container("web", can_connect=True)])
    ) as mgr:
        with pytest.raises(pebble.APIError) as info:
            mgr.charm.unit.get_container("web").start("nope")
        assert info.value.code == 400
        assert "nope" in info.value.message


def test_replan_starts_enabled_services_only():
    layer = pebble.Layer(
        {
            "services": {
                "on": {"override": "replace", "command": "x", "startup": "enabled"},
                "off": {"override": "replace", "command": "y"},
            }
        }
    )
    state = State(containers=[Container("web", can_connect=True, layers={"l": layer})])
    with Context(ops.CharmBase, meta=META).manager("start", state) as mgr:
        mgr.charm.unit.get_container("web").replan()
    out = mgr.output
    assert out is not None
    services = out.get_container("web").services
    assert services["on"].current == pebble.ServiceStatus.ACTIVE
    assert services["off"].current == pebble.ServiceStatus.INACTIVE


def test_a_layer_with_an_existing_label_needs_combine():
    layer = pebble.Layer({"services": {"a": {"override": "replace", "command": "a"}}})
    state = State(containers=[Container("web", can_connect=True, layers={"l": layer})])
    with Context(ops.CharmBase, meta=META).manager("start", state) as mgr:
        with pytest.raises(pebble.APIError) as info:
            mgr.charm.unit.get_container("web").add_layer("l", layer)
        assert info.value.code == 400


def test_output_plan_merges_layers_as_pebble_does():
    base = pebble.Layer(
        {"services": {"a": {"override": "replace", "command": "a", "environment": {"X": "1"}}}}
    )
    state = State(containers=[Container("web", can_connect=True, layers={"0-base": base})])
    with Context(ops.CharmBase, meta=META).manager("start", state) as mgr:
        mgr.charm.unit.get_container("web").add_layer(
            "1-over",
            {
                "services": {"a": {"override": "merge", "environment": {"Y": "2"}}},
                "checks": {"up": {"override": "replace", "exec": {"command": "true"}}},
            },
        )
    assert mgr.output is not None
    plan = mgr.output.get_container("web").plan
    assert plan.services["a"].command == "a"
    assert plan.services["a"].environment == {"X": "1", "Y": "2"}
    assert list(plan.checks) == ["up"]


def test_a_service_whose_command_is_mocked_to_fail_raises_change_error():
    # Pebble fails a start when the service exits within its first second; a non-zero
    # exec mock of the service's command says that is what the command does.
    container = Container(
        "web",
        can_connect=True,
        exec_mock={("/bin/web", "--port", "80"): ExecOutput(return_code=1)},
    )
    with Context(ops.CharmBase, meta=META).manager("start", State(containers=[container])) as mgr:
        web = mgr.charm.unit.get_container("web")
        web.add_layer("web", WEB_LAYER)
        with pytest.raises(pebble.ChangeError) as excinfo:
            web.replan()
        assert "exited quickly with code 1" in excinfo.value.err
        assert web.get_service("web").current == pebble.ServiceStatus.ERROR
