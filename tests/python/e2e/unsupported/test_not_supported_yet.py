# SPDX-License-Identifier: Apache-2.0
"""Containers and secrets are carried through unchanged; touching them says so clearly."""

from __future__ import annotations

import ops
import pytest

from scenario import Container, Context, Secret, State
from scenario.errors import UncaughtCharmError

META = {"name": "k8s", "containers": {"web": {}}}


class PebbleCharm(ops.CharmBase):
    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.start, self._on_start)
        framework.observe(self.on.update_status, self._on_update_status)

    def _on_start(self, _: ops.StartEvent) -> None:
        self.unit.get_container("web").push("/etc/web.conf", "port: 80")

    def _on_update_status(self, _: ops.UpdateStatusEvent) -> None:
        self.unit.status = ops.ActiveStatus("idle")


def test_pebble_access_raises_a_clear_error():
    state = State(containers=[Container("web", can_connect=True)])
    with pytest.raises(UncaughtCharmError) as info:
        Context(PebbleCharm, meta=META).run("start", state)
    cause = info.value.__cause__
    assert isinstance(cause, NotImplementedError)
    assert "container 'web'" in str(cause)
    assert "not supported by scenario yet" in str(cause)


def test_containers_are_carried_through_unchanged():
    container = Container("web", can_connect=True)
    out = Context(PebbleCharm, meta=META).run("update-status", State(containers=[container]))
    assert out.containers == [container]
    assert out.unit_status == ops.ActiveStatus("idle")


class SecretCharm(ops.CharmBase):
    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.start, self._on_start)

    def _on_start(self, _: ops.StartEvent) -> None:
        self.model.get_secret(id="secret:abc").get_content()


def test_secret_access_raises_a_clear_error():
    state = State(secrets=[Secret("secret:abc", {0: {"a": "b"}}, owner="app")])
    with pytest.raises(UncaughtCharmError) as info:
        Context(SecretCharm, meta={"name": "s"}).run("start", state)
    assert "secret-get is not supported by scenario yet" in str(info.value.__cause__)


def test_secrets_are_carried_through_unchanged():
    secret = Secret("secret:abc", {0: {"a": "b"}}, owner="app", label="l")
    out = Context(PebbleCharm, meta=META).run(
        "update-status", State(secrets=[secret], containers=[Container("web")])
    )
    assert out.secrets == [secret]
