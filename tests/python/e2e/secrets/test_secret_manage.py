# SPDX-License-Identifier: Apache-2.0
"""Managing secrets: add, set content and info, get info, remove, by owner kind."""

from __future__ import annotations

import datetime
import inspect
import unittest.mock

import ops
import pytest
from scenario import Context, Secret, State, _ops_adapter

UNIT_SECRET = Secret("unit-one", {1: {"key": "v1"}}, owner="unit", label="mine", revision=1)
APP_SECRET = Secret("app-one", {1: {"key": "v1"}}, owner="app", label="ours", revision=1)


def test_unit_add_secret_appears_in_the_output_state(ctx: Context):
    with ctx.manager("start", State()) as mgr:
        secret = mgr.charm.unit.add_secret(
            {"password": "hunter2"}, label="db", description="the db password"
        )
        secret_id = secret.id
        out = mgr.run()
    assert secret_id is not None
    [added] = out.secrets
    assert secret_id.endswith(added.id.split(":", 1)[1])
    assert added.id.startswith("secret:") and len(added.id) == len("secret:") + 20
    assert added.owner == "unit"
    assert added.contents == {1: {"password": "hunter2"}}
    assert added.label == "db"
    assert added.description == "the db password"


def test_new_secret_ids_do_not_depend_on_other_runs(ctx: Context):
    def add_one() -> str:
        with ctx.manager("start", State(leader=True)) as mgr:
            mgr.charm.app.add_secret({"key": "value"})
            return mgr.run().secrets[0].id

    assert add_one() == add_one()


def test_app_add_secret_needs_leadership(ctx: Context):
    with ctx.manager("start", State(leader=False)) as mgr:
        with pytest.raises(ops.ModelError) as info:
            mgr.charm.app.add_secret({"key": "value"})
        out = mgr.run()
    assert "this unit is not the leader" in str(info.value)
    assert out.secrets == []


def test_set_content_adds_one_revision_per_hook(ctx: Context):
    with ctx.manager("update-status", State(secrets=[UNIT_SECRET])) as mgr:
        secret = mgr.charm.model.get_secret(id="unit-one")
        secret.set_content({"key": "v2"})
        secret.set_content({"key": "v3"})
        out = mgr.run()
    assert out.secrets[0].contents == {1: {"key": "v1"}, 2: {"key": "v3"}}


def test_set_info_updates_the_metadata(ctx: Context):
    expire = datetime.datetime(2050, 12, 12, tzinfo=datetime.timezone.utc)
    with ctx.manager("update-status", State(leader=True, secrets=[APP_SECRET])) as mgr:
        mgr.charm.model.get_secret(label="ours").set_info(
            label="renamed", description="blue", expire=expire, rotate=ops.SecretRotate.DAILY
        )
        out = mgr.run()
    [secret] = out.secrets
    assert secret.label == "renamed"
    assert secret.description == "blue"
    assert secret.expire == expire
    assert secret.rotate == ops.SecretRotate.DAILY


def test_get_info_reports_the_owners_metadata(ctx: Context):
    secret = Secret(
        "unit-two",
        {1: {"a": "b"}, 2: {"a": "c"}},
        owner="unit",
        label="mine",
        rotate=ops.SecretRotate.HOURLY,
    )
    with ctx.manager("start", State(secrets=[secret])) as mgr:
        info = mgr.charm.model.get_secret(id="unit-two").get_info()
    assert info.label == "mine"
    assert info.revision == 2
    assert info.rotation == ops.SecretRotate.HOURLY
    assert info.id.endswith("unit-two")


@pytest.mark.parametrize(
    ("state", "secret_id"),
    [
        (State(leader=False, secrets=[APP_SECRET]), "app-one"),
        (State(secrets=[Secret("theirs", {1: {"a": "b"}}, granted="app", revision=1)]), "theirs"),
    ],
    ids=["app-secret-on-a-follower", "granted-secret"],
)
def test_non_managers_get_permission_errors(ctx: Context, state: State, secret_id: str):
    with ctx.manager("update-status", state) as mgr:
        secret = mgr.charm.model.get_secret(id=secret_id)
        with pytest.raises(ops.SecretNotFoundError):
            secret.get_info()
        with pytest.raises(ops.ModelError):
            secret.set_content({"key": "new"})
        with pytest.raises(ops.ModelError):
            secret.remove_all_revisions()
        out = mgr.run()
    assert out.secrets == state.secrets


def test_remove_revision_is_recorded(ctx: Context):
    secret = Secret("unit-three", {1: {"a": "1"}, 2: {"a": "2"}}, owner="unit", revision=2)
    with ctx.manager("update-status", State(secrets=[secret])) as mgr:
        mgr.charm.model.get_secret(id="unit-three").remove_revision(1)
        out = mgr.run()
    assert out.secrets[0].contents == {2: {"a": "2"}}
    assert ctx.removed_secret_revisions == [1]


def test_remove_all_revisions_removes_the_secret(ctx: Context):
    with ctx.manager("update-status", State(leader=True, secrets=[APP_SECRET])) as mgr:
        mgr.charm.model.get_secret(id="app-one").remove_all_revisions()
        out = mgr.run()
    assert out.secrets == []
    assert ctx.removed_secret_revisions == [1]


def test_secret_ids_lists_what_the_unit_manages(ctx: Context):
    hookcmds = pytest.importorskip("ops.hookcmds", reason="ops.hookcmds arrived in ops 3.4")
    theirs = Secret("theirs", {1: {"a": "b"}}, granted="app", revision=1)
    state = State(leader=False, secrets=[UNIT_SECRET, APP_SECRET, theirs])
    with ctx.manager("start", state):
        assert hookcmds.secret_ids() == ["unit-one"]
    with ctx.manager("start", state.replace(leader=True)):
        assert hookcmds.secret_ids() == ["app-one", "unit-one"]


def test_secret_content_reaches_the_engine_with_builtins_open_patched(ctx: Context):
    # A common fixture patches `builtins.open` for the charm's own files; ops writes
    # secret content to files for the tool (`key#file=PATH`) and still must reach it.
    with (
        unittest.mock.patch("builtins.open", unittest.mock.mock_open(read_data="x")),
        ctx.manager("start", State()) as mgr,
    ):
        secret = mgr.charm.unit.add_secret({"password": "hunter2"})
        secret.set_content({"password": "changed"})
        with open("/any/file") as f:  # the test's patch still serves the test
            assert f.read() == "x"
        out = mgr.run()
    assert out.secrets[0].contents == {1: {"password": "changed"}}
    import ops.model as model

    assert "open" not in vars(model)


def test_a_tests_own_patch_of_the_secret_file_writer_is_kept(ctx: Context):
    writer = _ops_adapter._SECRET_FILES_WRITER
    if "#file=" not in inspect.getsource(writer):
        pytest.skip("this ops passes secret content inline, opening no file")
    refused = unittest.mock.Mock(side_effect=OSError("the test's own open"))
    with (
        unittest.mock.patch.object(writer, "open", refused, create=True),
        ctx.manager("start", State()) as mgr,
        pytest.raises(OSError, match="the test's own open"),
    ):
        mgr.charm.unit.add_secret({"password": "hunter2"})
    assert "open" not in vars(writer)
