# SPDX-License-Identifier: Apache-2.0
"""Granting and revoking secrets over relations (``secret-grant``, ``secret-revoke``)."""

from __future__ import annotations

import typing

import ops
import pytest
from scenario import Context, Relation, Secret, State


def _state(
    owner: typing.Literal["unit", "app"] = "app", leader: bool = True
) -> tuple[State, Relation]:
    db = Relation("db", remote_app_name="postgresql", remote_units_data={0: {}, 1: {}})
    secret = Secret("creds", {1: {"pw": "x"}}, owner=owner, revision=1)
    return State(leader=leader, relations=[db], secrets=[secret]), db


@pytest.mark.parametrize("owner", ["unit", "app"])
def test_grant_to_the_remote_app_is_recorded_per_relation(
    ctx: Context, owner: typing.Literal["unit", "app"]
):
    state, db = _state(owner)
    with ctx.manager("update-status", state) as mgr:
        relation = mgr.charm.model.get_relation("db")
        assert relation is not None
        mgr.charm.model.get_secret(id="creds").grant(relation)
        out = mgr.run()
    assert out.secrets[0].remote_grants == {db.relation_id: {"postgresql"}}


def test_grant_to_one_unit(ctx: Context):
    state, db = _state()
    with ctx.manager("update-status", state) as mgr:
        relation = mgr.charm.model.get_relation("db")
        assert relation is not None
        unit = mgr.charm.model.get_unit("postgresql/1")
        mgr.charm.model.get_secret(id="creds").grant(relation, unit=unit)
        out = mgr.run()
    assert out.secrets[0].remote_grants == {db.relation_id: {"postgresql/1"}}


def test_revoke_removes_the_grant(ctx: Context):
    state, db = _state()
    granted = state.secrets[0].replace(remote_grants={db.relation_id: {"postgresql"}})
    with ctx.manager("update-status", state.replace(secrets=[granted])) as mgr:
        relation = mgr.charm.model.get_relation("db")
        assert relation is not None
        mgr.charm.model.get_secret(id="creds").revoke(relation)
        out = mgr.run()
    assert out.secrets[0].remote_grants == {}


def test_grant_on_a_secret_owned_elsewhere_is_not_found(ctx: Context):
    state, _ = _state()
    theirs = Secret("theirs", {1: {"a": "b"}}, granted="app", revision=1)
    with ctx.manager("update-status", state.replace(secrets=[theirs])) as mgr:
        relation = mgr.charm.model.get_relation("db")
        assert relation is not None
        with pytest.raises(ops.SecretNotFoundError):
            mgr.charm.model.get_secret(id="theirs").grant(relation)


def test_a_follower_cannot_grant_an_app_secret(ctx: Context):
    state, _ = _state("app", leader=False)
    with ctx.manager("update-status", state) as mgr:
        relation = mgr.charm.model.get_relation("db")
        assert relation is not None
        with pytest.raises(ops.ModelError):
            mgr.charm.model.get_secret(id="creds").grant(relation)
        out = mgr.run()
    assert out.secrets[0].remote_grants == {}
