# SPDX-License-Identifier: Apache-2.0
"""A real charm whose metadata, config and actions are autoloaded from charmcraft.yaml.

The charm is examples/charms/webapp, imported as its tests would: ``from charm import
WebappCharm`` with its src/ on sys.path.
"""

from __future__ import annotations

import ops
import pytest
from scenario import Action, Container, Context, ExecOutput, Port, Relation, State, StoredState


@pytest.fixture
def WebappCharm(webapp_charm_module):
    from charm import WebappCharm

    assert WebappCharm is webapp_charm_module.WebappCharm
    return WebappCharm


def test_config_defaults_from_charmcraft_yaml(WebappCharm):
    ctx = Context(WebappCharm)
    with ctx.manager("config-changed", State()) as mgr:
        assert dict(mgr.charm.config) == {"port": 8080, "greeting": "hello", "debug": False}
        out = mgr.run()
    assert out.opened_ports == [Port("tcp", 8080)]
    assert out.unit_status == ops.ActiveStatus()


def test_config_in_state_overrides_defaults(WebappCharm):
    ctx = Context(WebappCharm)
    with ctx.manager("config-changed", State(config={"port": 80})) as mgr:
        assert mgr.charm.config["port"] == 80
        assert mgr.charm.config["greeting"] == "hello"
        out = mgr.run()
    assert out.unit_status == ops.BlockedStatus("invalid port 80")
    assert out.opened_ports == []


def test_metadata_is_autoloaded(WebappCharm):
    ctx = Context(WebappCharm)
    with ctx.manager("update-status", State()) as mgr:
        meta = mgr.charm.meta
        assert meta.name == "webapp"
        assert mgr.charm.app.name == "webapp"
        assert set(meta.requires) == {"database"}
        assert set(meta.provides) == {"website"}
        assert set(meta.peers) == {"cluster"}
        assert set(meta.storages) == {"data"}
        assert set(meta.containers) == {"web"}
        assert set(meta.actions) == {"backup"}


def test_action_with_params(WebappCharm):
    ctx = Context(WebappCharm)
    out = ctx.run_action(Action("backup", params={"target": "/srv/backup"}), State())
    assert out.success
    assert out.logs == ["backing up to /srv/backup"]
    assert out.results == {"target": "/srv/backup", "compressed": True}

    out = ctx.run_action(
        Action("backup", params={"target": "/srv/b2", "compress": False}), State()
    )
    assert out.results == {"target": "/srv/b2", "compressed": False}


@pytest.mark.parametrize("leader, message", [(True, "leader"), (False, "follower")])
def test_start_counts_in_stored_state(WebappCharm, leader, message):
    ctx = Context(WebappCharm)
    out = ctx.run("start", State(leader=leader))
    assert out.unit_status == ops.ActiveStatus(message)
    assert out.stored_state == [StoredState("WebappCharm", "_stored", {"starts": 1})]
    out2 = ctx.run("start", out)
    assert out2.stored_state == [StoredState("WebappCharm", "_stored", {"starts": 2})]


def test_database_relation(WebappCharm):
    ctx = Context(WebappCharm)
    waiting = Relation("database", remote_app_name="postgresql")
    out = ctx.run(waiting.changed_event, State(relations=[waiting]))
    assert out.unit_status == ops.WaitingStatus("waiting for database credentials")
    assert out.relations[0].local_unit_data == {}

    ready = waiting.replace(remote_app_data={"password": "s3cret"})
    out = ctx.run(ready.changed_event, State(relations=[ready]))
    assert out.unit_status == ops.ActiveStatus()
    assert out.relations[0].local_unit_data == {"ready": "true"}
    assert ("INFO", "database credentials received") in [
        (line.level, line.message) for line in ctx.juju_log
    ]


def test_pebble_ready_configures_the_workload(WebappCharm):
    web = Container(
        "web",
        can_connect=True,
        exec_mock={("webapp", "--version"): ExecOutput(stdout="1.4.2\n")},
    )
    ctx = Context(WebappCharm)
    out = ctx.run(web.pebble_ready_event, State(config={"port": 9090}, containers=[web]))

    web_out = out.get_container("web")
    config = web_out.get_filesystem(ctx) / "etc" / "webapp" / "config.json"
    assert config.read_text() == '{"port": 9090}'
    service = web_out.plan.services["webapp"]
    assert service.command == "webapp --config /etc/webapp/config.json --port 9090"
    assert web_out.service_status == {"webapp": ops.pebble.ServiceStatus.ACTIVE}
    assert out.workload_version == "1.4.2"
    assert out.unit_status == ops.ActiveStatus("serving on port 9090")


def test_pebble_ready_without_the_version_mock_fails_naming_the_command(WebappCharm):
    web = Container("web", can_connect=True)
    ctx = Context(WebappCharm)
    with pytest.raises(Exception, match="webapp") as excinfo:
        ctx.run(web.pebble_ready_event, State(containers=[web]))
    assert "exec_mock" in str(excinfo.value)
