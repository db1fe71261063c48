# SPDX-License-Identifier: Apache-2.0
"""The secret events, their ``JUJU_SECRET_*`` environment, and what handlers do with them."""

from __future__ import annotations

import typing

import ops
import pytest
from scenario import Context, Secret, State
from scenario.errors import InconsistentScenarioError

META = {"name": "vault-user"}


SEEN: dict[str, typing.Any] = {}
"""What the last secret event handled carried."""


class SecretEventsCharm(ops.CharmBase):
    """Records what each secret event carries, and acts as a typical charm would."""

    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.secret_changed, self._on_changed)
        framework.observe(self.on.secret_rotate, self._on_rotate)
        framework.observe(self.on.secret_remove, self._on_remove)
        framework.observe(self.on.secret_expired, self._on_expired)

    def _record(self, event: ops.SecretEvent) -> None:
        SEEN.clear()
        SEEN.update(type=type(event).__name__, id=event.secret.id, label=event.secret.label)
        SEEN["revision"] = getattr(event, "revision", None)

    def _on_changed(self, event: ops.SecretChangedEvent) -> None:
        self._record(event)
        SEEN["content"] = event.secret.get_content(refresh=True)

    def _on_rotate(self, event: ops.SecretRotateEvent) -> None:
        self._record(event)
        event.secret.set_content({"password": "rotated"})

    def _on_remove(self, event: ops.SecretRemoveEvent) -> None:
        self._record(event)
        event.secret.remove_revision(event.revision)

    def _on_expired(self, event: ops.SecretExpiredEvent) -> None:
        self._record(event)
        event.secret.remove_revision(event.revision)


@pytest.fixture
def ctx() -> Context:
    return Context(SecretEventsCharm, meta=META, juju_version="3.4.0")


def test_secret_changed_lets_an_observer_refresh(ctx: Context):
    secret = Secret(
        "secret:cjrmb3o4ck7cne2jt3kg",
        {1: {"password": "old"}, 2: {"password": "new"}},
        granted="app",
        revision=1,
        label="db",
    )
    out = ctx.run(secret.changed_event, State(secrets=[secret]))
    seen = SEEN
    assert seen["type"] == "SecretChangedEvent"
    assert seen["id"] == "secret:cjrmb3o4ck7cne2jt3kg"
    assert seen["label"] == "db"
    assert seen["content"] == {"password": "new"}
    assert out.secrets[0].revision == 2


@pytest.mark.parametrize("owner", ["unit", "app"])
def test_secret_rotate_lets_the_owner_add_a_revision(
    ctx: Context, owner: typing.Literal["unit", "app"]
):
    secret = Secret("rot", {1: {"password": "a"}}, owner=owner, revision=1)
    out = ctx.run(secret.rotate_event, State(leader=True, secrets=[secret]))
    assert SEEN["type"] == "SecretRotateEvent"
    assert out.secrets[0].contents == {1: {"password": "a"}, 2: {"password": "rotated"}}


@pytest.mark.parametrize("event_name", ["remove_event", "expired_event"])
def test_secret_remove_and_expired_carry_the_revision(ctx: Context, event_name: str):
    secret = Secret("old", {1: {"a": "1"}, 2: {"a": "2"}}, owner="unit", revision=1)
    out = ctx.run(getattr(secret, event_name), State(secrets=[secret]))
    assert SEEN["revision"] == 1
    assert out.secrets[0].contents == {2: {"a": "2"}}
    assert ctx.removed_secret_revisions == [1]


def test_owner_events_need_an_owned_secret():
    theirs = Secret("theirs", {1: {"a": "b"}}, granted="app", revision=1)
    with pytest.raises(ValueError):
        _ = theirs.rotate_event
    ctx = Context(SecretEventsCharm, meta=META, juju_version="3.4.0")
    with pytest.raises(InconsistentScenarioError):
        ctx.run("secret_rotate", State(secrets=[theirs]))


def test_secrets_need_juju_3():
    secret = Secret("s", {1: {"a": "b"}}, owner="unit", revision=1)
    ctx = Context(SecretEventsCharm, meta=META, juju_version="2.9.44")
    with pytest.raises(InconsistentScenarioError):
        ctx.run(secret.rotate_event, State(secrets=[secret]))
