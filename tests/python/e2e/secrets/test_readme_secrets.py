# SPDX-License-Identifier: Apache-2.0
"""The README's "Secrets" section, run: its three States, and what a charm sees in each."""

from __future__ import annotations

import typing

import ops
import pytest
from scenario import Context, Secret, State
from scenario.errors import ConsistencyWarning


def test_a_secret_neither_owned_nor_granted_is_a_permission_error(ctx: Context):
    state = State(
        secrets=[
            Secret(
                id="foo",
                contents={0: {"key": "public"}},
            )
        ]
    )
    # Plausible, but probably not meant: the checker says so, and the run goes on.
    with pytest.warns(ConsistencyWarning, match="secret-not-granted"):
        with ctx.manager("start", state) as mgr:
            with pytest.raises(ops.ModelError, match="permission denied"):
                mgr.charm.model.get_secret(id="foo").get_content()


def test_a_secret_owned_by_this_unit_with_a_remote_grant(ctx: Context):
    state = State(
        secrets=[
            Secret(
                id="foo",
                contents={0: {"key": "public"}},
                owner="unit",  # or 'app'
                remote_grants={0: {"remote"}},
                # the secret owner has granted access to the "remote" app over some relation
                # with ID 0
            )
        ]
    )
    # The State has no relation 0: the checker warns, since Juju drops a grant with
    # its relation.
    with pytest.warns(ConsistencyWarning, match="relation id 0"):
        with ctx.manager("start", state) as mgr:
            assert mgr.charm.model.get_secret(id="foo").get_content() == {"key": "public"}
            out = mgr.run()
    assert out.secrets == state.secrets


@pytest.mark.parametrize("granted", ["unit", "app"])
def test_a_secret_owned_elsewhere_and_granted(
    ctx: Context, granted: typing.Literal["unit", "app"]
):
    state = State(
        secrets=[
            Secret(
                id="foo",
                contents={0: {"key": "public"}},
                # owner=None, which is the default
                granted=granted,  # "unit" or "app",
                revision=0,  # the revision that this unit (or app) is currently tracking
            )
        ]
    )
    with ctx.manager("start", state) as mgr:
        assert mgr.charm.model.get_secret(id="foo").get_content() == {"key": "public"}
        with pytest.raises(ops.SecretNotFoundError):
            mgr.charm.model.get_secret(id="foo").get_info()


def test_secrets_a_run_does_not_touch_are_carried_through(ctx: Context):
    secret = Secret("secret:abc", {0: {"a": "b"}}, owner="app", label="l")
    out = ctx.run("update-status", State(secrets=[secret]))
    assert out.secrets == [secret]
