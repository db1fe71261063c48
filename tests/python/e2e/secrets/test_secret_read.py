# SPDX-License-Identifier: Apache-2.0
"""Reading secrets (``secret-get``) as an owner, as a grantee, and without a grant."""

from __future__ import annotations

import typing

import ops
import pytest
from scenario import Context, Secret, State
from scenario.errors import ConsistencyWarning

GRANTED = Secret(
    "secret:cjrmb3o4ck7cne2jt3kg",
    {1: {"user": "old"}, 2: {"user": "new"}},
    granted="app",
    revision=1,
)


def test_a_granted_observer_reads_the_revision_it_tracks(ctx: Context):
    with ctx.manager("update-status", State(secrets=[GRANTED])) as mgr:
        assert mgr.charm.model.get_secret(id=GRANTED.id).get_content() == {"user": "old"}
        out = mgr.run()
    assert out.secrets[0].revision == 1


def test_peek_reads_the_latest_revision_without_tracking_it(ctx: Context):
    with ctx.manager("update-status", State(secrets=[GRANTED])) as mgr:
        secret = mgr.charm.model.get_secret(id=GRANTED.id)
        assert secret.peek_content() == {"user": "new"}
        assert secret.get_content() == {"user": "old"}
        out = mgr.run()
    assert out.secrets[0].revision == 1


def test_refresh_tracks_the_latest_revision(ctx: Context):
    with ctx.manager("update-status", State(secrets=[GRANTED])) as mgr:
        secret = mgr.charm.model.get_secret(id=GRANTED.id)
        assert secret.get_content(refresh=True) == {"user": "new"}
        assert mgr.charm.model.get_secret(id=GRANTED.id).get_content() == {"user": "new"}
        out = mgr.run()
    assert out.secrets[0].revision == 2


@pytest.mark.parametrize("granted", ["unit", "app"])
def test_a_grant_to_the_unit_or_the_app_lets_it_read(
    ctx: Context, granted: typing.Literal["unit", "app"]
):
    secret = Secret("remote-one", {0: {"a": "b"}}, granted=granted)
    with ctx.manager("start", State(secrets=[secret])) as mgr:
        assert mgr.charm.model.get_secret(id="remote-one").get_content() == {"a": "b"}


def test_a_secret_not_granted_is_a_permission_error(ctx: Context):
    secret = Secret("remote-two", {0: {"a": "b"}})
    with (
        pytest.warns(ConsistencyWarning, match="secret-not-granted"),
        ctx.manager("start", State(secrets=[secret])) as mgr,
        pytest.raises(ops.ModelError) as info,
    ):
        mgr.charm.model.get_secret(id="remote-two")
    assert not isinstance(info.value, ops.SecretNotFoundError)
    assert "permission denied" in str(info.value)


def test_an_unknown_secret_is_secret_not_found(ctx: Context):
    with ctx.manager("start", State()) as mgr:
        with pytest.raises(ops.SecretNotFoundError):
            mgr.charm.model.get_secret(id="secret:cjrmb3o4ck7cne2jt3zz")
        with pytest.raises(ops.SecretNotFoundError):
            mgr.charm.model.get_secret(label="nothing-has-this")


@pytest.mark.parametrize("owner", ["unit", "app", "application"])
def test_owners_read_the_latest_revision(
    ctx: Context, owner: typing.Literal["unit", "app", "application"]
):
    secret = Secret("mine", {1: {"v": "1"}, 2: {"v": "2"}}, owner=owner)
    with ctx.manager("start", State(secrets=[secret])) as mgr:
        assert mgr.charm.model.get_secret(id="mine").get_content() == {"v": "2"}


def test_a_label_finds_the_owners_secret(ctx: Context):
    secret = Secret("mine", {1: {"v": "1"}}, owner="unit", label="tls")
    with ctx.manager("start", State(secrets=[secret])) as mgr:
        found = mgr.charm.model.get_secret(label="tls")
        assert found.get_content() == {"v": "1"}
        assert found.label == "tls"


def test_an_observer_labels_a_secret_and_finds_it_by_that_label(ctx: Context):
    with ctx.manager("update-status", State(secrets=[GRANTED])) as mgr:
        mgr.charm.model.get_secret(id=GRANTED.id, label="db-creds")
        assert mgr.charm.model.get_secret(label="db-creds").get_content() == {"user": "old"}
        out = mgr.run()
    assert out.secrets[0].label == "db-creds"


def test_the_input_state_is_left_unchanged(ctx: Context):
    state = State(secrets=[GRANTED])
    with ctx.manager("update-status", state) as mgr:
        mgr.charm.model.get_secret(id=GRANTED.id, label="x").get_content(refresh=True)
        out = mgr.run()
    assert state.secrets[0] == GRANTED
    assert out.secrets[0].revision == 2
