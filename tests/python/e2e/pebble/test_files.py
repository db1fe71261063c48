# SPDX-License-Identifier: Apache-2.0
"""Files through ops' Container API: push, pull, list, make_dir, remove, their errors as
ops' PathError kinds, and confinement of every path to the container's filesystem.
"""

from __future__ import annotations

import datetime
import os
import pathlib

import ops
import pytest
from ops import pebble
from scenario import Container, Context, Mount, State, _core
from scenario.errors import ScenarioRuntimeError, UncaughtCharmError

META = {"name": "app", "containers": {"web": {}}}


class Charm(ops.CharmBase):
    pass


def _ctx() -> Context:
    return Context(Charm, meta=META)


def _state(**kwargs) -> State:
    return State(containers=[Container("web", can_connect=True, **kwargs)])


def test_push_then_pull_text_and_bytes():
    ctx = _ctx()
    with ctx.manager("start", _state()) as mgr:
        web = mgr.charm.unit.get_container("web")
        web.push("/etc/web.conf", "port: 80\n", make_dirs=True)
        web.push("/bin/blob", b"\x00\xff\x10", make_dirs=True)
        with web.pull("/etc/web.conf") as f:
            assert f.read() == "port: 80\n"
        with web.pull("/bin/blob", encoding=None) as f:
            assert f.read() == b"\x00\xff\x10"
    root = Container("web").get_filesystem(ctx)
    assert (root / "etc" / "web.conf").read_text() == "port: 80\n"
    assert (root / "bin" / "blob").read_bytes() == b"\x00\xff\x10"


def test_paths_that_need_quoting_in_the_url_reach_the_file():
    ctx = _ctx()
    name = "/srv/a b?c=d&e%f#g+h"
    with ctx.manager("start", _state()) as mgr:
        web = mgr.charm.unit.get_container("web")
        web.push(name, "odd", make_dirs=True)
        with web.pull(name) as f:
            assert f.read() == "odd"
        assert [info.path for info in web.list_files("/srv", pattern="a b?c=*")] == [name]
        assert web.exists(name)
    root = Container("web").get_filesystem(ctx)
    assert (root / "srv" / "a b?c=d&e%f#g+h").read_text() == "odd"


def test_push_with_permissions_and_exists():
    ctx = _ctx()
    with ctx.manager("start", _state()) as mgr:
        web = mgr.charm.unit.get_container("web")
        web.push("/srv/run.sh", "#!/bin/sh\n", make_dirs=True, permissions=0o750)
        assert web.exists("/srv/run.sh")
        assert not web.exists("/srv/other")
        assert web.isdir("/srv")
        info = web.list_files("/srv/run.sh")[0]
        assert info.permissions == 0o750
        assert info.type == pebble.FileType.FILE
        assert info.size == len("#!/bin/sh\n")


def test_list_files_of_a_directory_and_pattern():
    with _ctx().manager("start", _state()) as mgr:
        web = mgr.charm.unit.get_container("web")
        for name in ("a.txt", "b.txt", "c.log"):
            web.push(f"/data/{name}", name, make_dirs=True)
        web.make_dir("/data/sub")
        names = sorted(f.name for f in web.list_files("/data"))
        assert names == ["a.txt", "b.txt", "c.log", "sub"]
        assert sorted(f.name for f in web.list_files("/data", pattern="*.txt")) == [
            "a.txt",
            "b.txt",
        ]
        sub = next(f for f in web.list_files("/data") if f.name == "sub")
        assert sub.type == pebble.FileType.DIRECTORY
        assert sub.path == "/data/sub"


def test_list_files_gives_ops_every_field(tmp_path: pathlib.Path):
    (tmp_path / "sub").mkdir()
    os.utime(tmp_path / "sub", (1_700_000_000, 1_700_000_000))
    # Names JSON has to escape, and one that is not UTF-8: ops reads U+FFFD in its place,
    # as from a real Pebble, instead of failing to decode the answer.
    (tmp_path / 'q"<&>').write_bytes(b"")
    (tmp_path / os.fsdecode(b"raw\xff")).touch()
    state = _state(mounts={"data": Mount("/data", tmp_path)})
    with _ctx().manager("start", state) as mgr:
        web = mgr.charm.unit.get_container("web")
        web.push("/data/app.conf", "four", user="app", group_id=7)
        found = {info.name: info for info in web.list_files("/data")}
    assert sorted(found) == ["app.conf", 'q"<&>', "raw\ufffd", "sub"]
    conf = found["app.conf"]
    assert (conf.path, conf.type, conf.size, conf.permissions) == (
        "/data/app.conf",
        pebble.FileType.FILE,
        4,
        0o644,
    )
    assert (conf.user_id, conf.user, conf.group_id, conf.group) == (None, "app", 7, "")
    sub = found["sub"]
    assert sub.type == pebble.FileType.DIRECTORY
    assert sub.size is None
    assert sub.last_modified == datetime.datetime(
        2023, 11, 14, 22, 13, 20, tzinfo=datetime.timezone.utc
    )
    assert (sub.user_id, sub.user, sub.group_id, sub.group) == (0, "root", 0, "root")


def test_make_dir_and_remove():
    with _ctx().manager("start", _state()) as mgr:
        web = mgr.charm.unit.get_container("web")
        web.make_dir("/a/b/c", make_parents=True)
        assert web.isdir("/a/b/c")
        web.push("/a/b/c/f", "x")
        with pytest.raises(pebble.PathError) as info:
            web.remove_path("/a")
        assert info.value.kind == "generic-file-error"
        web.remove_path("/a", recursive=True)
        assert not web.exists("/a")


def test_pull_missing_file_is_not_found():
    with _ctx().manager("start", _state()) as mgr:
        web = mgr.charm.unit.get_container("web")
        with pytest.raises(pebble.PathError) as info:
            web.pull("/nope")
        assert info.value.kind == "not-found"


def test_push_without_make_dirs_into_missing_directory_is_not_found():
    with _ctx().manager("start", _state()) as mgr:
        web = mgr.charm.unit.get_container("web")
        with pytest.raises(pebble.PathError) as info:
            web.push("/missing/dir/file", "x")
        assert info.value.kind == "not-found"


def test_make_dir_without_parents_is_not_found_and_twice_is_an_error():
    with _ctx().manager("start", _state()) as mgr:
        web = mgr.charm.unit.get_container("web")
        with pytest.raises(pebble.PathError) as info:
            web.make_dir("/x/y")
        assert info.value.kind == "not-found"
        web.make_dir("/x")
        with pytest.raises(pebble.PathError) as info:
            web.make_dir("/x")
        assert info.value.kind == "generic-file-error"
        assert "/x" in info.value.message


def test_relative_path_is_refused():
    ctx = _ctx()
    with ctx.manager("start", _state()) as mgr:
        web = mgr.charm.unit.get_container("web")
        with pytest.raises(pebble.PathError) as info:
            web.push("../../etc/x", "escaped?", make_dirs=True)
        assert info.value.kind == "generic-file-error"
        assert "must be absolute" in info.value.message
    root = Container("web").get_filesystem(ctx)
    assert not (root.parent.parent / "etc" / "x").exists()


def test_dot_dot_above_the_root_stays_inside():
    ctx = _ctx()
    with ctx.manager("start", _state()) as mgr:
        web = mgr.charm.unit.get_container("web")
        web.push("/../../etc/x", "confined", make_dirs=True)
        with web.pull("/etc/x") as f:
            assert f.read() == "confined"
    root = Container("web").get_filesystem(ctx)
    assert (root / "etc" / "x").read_text() == "confined"
    assert not (root.parent / "etc").exists()
    assert not (root.parent.parent / "etc").exists()


def test_files_start_empty_in_each_run():
    ctx = _ctx()
    with ctx.manager("start", _state()) as mgr:
        mgr.charm.unit.get_container("web").push("/tmp/f", "1", make_dirs=True)
    with ctx.manager("update-status", _state()) as mgr:
        assert not mgr.charm.unit.get_container("web").exists("/tmp/f")


def test_files_start_empty_after_read_only_directories_and_links(tmp_path: pathlib.Path):
    (tmp_path / "kept.txt").write_text("kept")
    ctx = _ctx()
    with ctx.manager("start", _state()) as mgr:
        mgr.charm.unit.get_container("web").push("/ro/f", "1", make_dirs=True)
        root = Container("web").get_filesystem(ctx)
        (root / "outside").symlink_to(tmp_path)
        (root / "ro").chmod(0o500)
    with ctx.manager("update-status", _state()) as mgr:
        assert mgr.charm.unit.get_container("web").list_files("/") == []
    # The link was removed, not followed.
    assert (tmp_path / "kept.txt").read_text() == "kept"


class _CarefulCharm(ops.CharmBase):
    """Treats any failure to reach Pebble as "not ready yet", as charms do."""

    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.web_pebble_ready, self._on_ready)

    def _on_ready(self, event: ops.PebbleReadyEvent):
        try:
            event.workload.push("/etc/app.conf", "x", make_dirs=True)
        except Exception:
            self.unit.status = ops.WaitingStatus("pebble not ready")


@pytest.mark.parametrize("charm", [Charm, _CarefulCharm])
def test_a_filesystem_that_cannot_be_emptied_fails_the_run_not_the_charm(
    charm: type[ops.CharmBase], monkeypatch: pytest.MonkeyPatch
):
    def refuse(path: str) -> None:
        raise _core.ScenarioRuntimeError(f"cannot empty {path!r}: permission denied")

    monkeypatch.setattr(_core, "empty_directory", refuse)
    ctx = Context(charm, meta=META)
    container = Container("web", can_connect=True)
    with pytest.raises(ScenarioRuntimeError) as info:
        if charm is Charm:
            with ctx.manager("start", State(containers=[container])) as mgr:
                mgr.charm.unit.get_container("web").push("/f", "x")
        else:
            ctx.run(container.pebble_ready_event, State(containers=[container]))
    assert not isinstance(info.value, UncaughtCharmError)
    assert "the filesystem of container 'web' could not be made empty" in str(info.value)
    assert "permission denied" in str(info.value)


def test_mounted_directory_is_shared_with_the_host(tmp_path: pathlib.Path):
    (tmp_path / "in.txt").write_text("hello")
    state = _state(mounts={"data": Mount("/var/data", tmp_path)})
    with _ctx().manager("start", state) as mgr:
        web = mgr.charm.unit.get_container("web")
        with web.pull("/var/data/in.txt") as f:
            assert f.read() == "hello"
        web.push("/var/data/out.txt", "bye")
    assert (tmp_path / "out.txt").read_text() == "bye"


def test_symlinks_resolve_inside_the_container():
    ctx = _ctx()
    with ctx.manager("start", _state()) as mgr:
        web = mgr.charm.unit.get_container("web")
        web.make_dir("/d")
        # A link a workload left, pointing at an absolute path: inside the container.
        (Container("web").get_filesystem(ctx) / "d" / "link").symlink_to("/etc")
        with pytest.raises(pebble.PathError) as info:
            web.pull("/d/link/hostname")
        assert info.value.kind == "not-found"
        web.push("/etc/hostname", "inside", make_dirs=True)
        with web.pull("/d/link/hostname") as f:
            assert f.read() == "inside"


def test_a_client_kept_after_the_run_cannot_reach_pebble():
    ctx = _ctx()
    with ctx.manager("start", _state()) as mgr:
        web = mgr.charm.unit.get_container("web")
        web.push("/f", "kept")
    with pytest.raises(pebble.ConnectionError) as info:
        web.pull("/f")
    assert "is over" in str(info.value)
    # The files stay for the post-mortem.
    assert (Container("web").get_filesystem(ctx) / "f").read_text() == "kept"


def test_a_client_made_after_the_run_cannot_reach_pebble():
    ctx = _ctx()
    with ctx.manager("start", _state()) as mgr:
        charm = mgr.charm
    # A Container object made afterwards (ops asks the backend for a new client).
    late = ops.Container("web", charm.framework.model._backend)
    with pytest.raises(pebble.ConnectionError) as info:
        late.pull("/f")
    assert "is over" in str(info.value)
