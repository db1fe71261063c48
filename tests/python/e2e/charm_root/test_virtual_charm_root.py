# SPDX-License-Identifier: Apache-2.0
"""README "The virtual charm root": the directory the charm sees as its root."""

from __future__ import annotations

import importlib.util
import pathlib
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable

import ops
import pytest
import yaml
from ops.charm import CharmBase
from scenario import Context, State
from scenario.errors import ContextSetupError, UncaughtCharmError

HERE = pathlib.Path(__file__).resolve().parent


class MyCharmType(CharmBase):
    pass


def _charm_on_start(on_start: Callable[[CharmBase], None]) -> type[CharmBase]:
    """A charm that calls ``on_start(charm)`` on the start event."""

    class OnStart(CharmBase):
        def __init__(self, framework: ops.Framework):
            super().__init__(framework)
            framework.observe(self.on.start, self._on_start)

        def _on_start(self, _):
            on_start(self)

    return OnStart


def test_charm_defined_on_the_fly():
    ctx = Context(charm_type=MyCharmType, meta={"name": "my-charm-name"})
    with ctx.manager("start", State()) as mgr:
        assert mgr.charm.app.name == "my-charm-name"
        assert mgr.charm.meta.name == "my-charm-name"


def test_the_charm_root_holds_the_metadata():
    # README: "Scenario copies the charm's /src, any libs, the metadata, config, and
    # actions yamls to a temporary directory. The charm will see that tempdir as its root."
    ctx = Context(
        charm_type=MyCharmType,
        meta={"name": "my-charm-name"},
        config={"options": {"x": {"type": "string"}}},
        actions={"go": {}},
    )
    with ctx.manager("start", State()) as mgr:
        root = pathlib.Path(mgr.charm.charm_dir)
        assert yaml.safe_load((root / "metadata.yaml").read_text())["name"] == "my-charm-name"
        assert "x" in yaml.safe_load((root / "config.yaml").read_text())["options"]
        assert "go" in yaml.safe_load((root / "actions.yaml").read_text())


def test_writes_to_the_virtual_root_do_not_touch_the_source_tree():
    class Writer(CharmBase):
        def __init__(self, framework: ops.Framework):
            super().__init__(framework)
            framework.observe(self.on.install, self._on_install)

        def _on_install(self, _):
            (self.charm_dir / "written-by-charm.txt").write_text("x")

    before = {p for p in HERE.parent.rglob("written-by-charm.txt")}
    Context(Writer, meta={"name": "writer"}).run("install", State())
    after = {p for p in HERE.parent.rglob("written-by-charm.txt")}
    leaked = after - before
    for path in leaked:
        path.unlink()
    assert not leaked, f"the charm wrote into the source tree: {sorted(leaked)}"


def test_own_charm_root():
    td = tempfile.TemporaryDirectory()
    try:
        (pathlib.Path(td.name) / "prepared.txt").write_text("set up before the run")
        seen = {}

        class RootCharm(CharmBase):
            def __init__(self, framework: ops.Framework):
                super().__init__(framework)
                framework.observe(self.on.start, self._on_start)

            def _on_start(self, _):
                seen["root"] = pathlib.Path(self.charm_dir).resolve()
                seen["prepared"] = (self.charm_dir / "prepared.txt").read_text()
                (self.charm_dir / "result.txt").write_text("written by the charm")

        state = Context(
            charm_type=RootCharm,
            meta={"name": "my-charm-name"},
            charm_root=td.name,
        ).run("start", State())
        assert isinstance(state, State)
        assert seen["root"] == pathlib.Path(td.name).resolve()
        assert seen["prepared"] == "set up before the run"
        # verify its contents after the charm has run
        assert (pathlib.Path(td.name) / "result.txt").read_text() == "written by the charm"
    finally:
        td.cleanup()


def test_meta_argument_overrides_metadata_in_charm_root(tmp_path):
    (tmp_path / "metadata.yaml").write_text("name: from-file\n")
    ctx = Context(MyCharmType, meta={"name": "from-argument"}, charm_root=tmp_path)
    with ctx.manager("start", State()) as mgr:
        assert mgr.charm.meta.name == "from-argument"
        assert mgr.charm.app.name == "from-argument"


def test_metadata_read_from_charm_root_when_meta_is_omitted(tmp_path):
    (tmp_path / "metadata.yaml").write_text(
        "name: from-file\nrequires:\n  db:\n    interface: sql\n"
    )
    ctx = Context(MyCharmType, charm_root=tmp_path)
    with ctx.manager("start", State()) as mgr:
        assert mgr.charm.meta.name == "from-file"
        assert set(mgr.charm.meta.requires) == {"db"}
        assert hasattr(mgr.charm.on, "db_relation_changed")


# A given charm_root is the test's directory (maybe the charm's own source tree): each
# run puts the spec's files there, and what was there comes back when the run ends.


def _spec_files(root: pathlib.Path) -> dict[str, str]:
    return {
        name: (root / name).read_text()
        for name in ("metadata.yaml", "config.yaml", "actions.yaml")
        if (root / name).exists()
    }


def test_a_given_root_gets_its_own_files_back_after_each_run(tmp_path):
    (tmp_path / "metadata.yaml").write_text("name: the-real-charm\n")
    (tmp_path / "metadata.yaml").chmod(0o600)
    (tmp_path / "real-config.yaml").write_text("options: {}\n")
    (tmp_path / "config.yaml").symlink_to("real-config.yaml")
    ctx = Context(
        MyCharmType,
        meta={"name": "from-argument"},
        config={"options": {"x": {"type": "string"}}},
        actions={"go": {}},
        charm_root=tmp_path,
    )
    for _ in range(2):
        with ctx.manager("start", State()) as mgr:
            root = pathlib.Path(mgr.charm.charm_dir)
            assert yaml.safe_load((root / "metadata.yaml").read_text()) == {
                "name": "from-argument"
            }
            assert "x" in yaml.safe_load((root / "config.yaml").read_text())["options"]
            assert not (root / "config.yaml").is_symlink()
            assert "go" in yaml.safe_load((root / "actions.yaml").read_text())
        assert (tmp_path / "metadata.yaml").read_text() == "name: the-real-charm\n"
        assert (tmp_path / "metadata.yaml").stat().st_mode & 0o777 == 0o600
        assert (tmp_path / "config.yaml").is_symlink()
        assert (tmp_path / "real-config.yaml").read_text() == "options: {}\n"  # not written
        assert not (tmp_path / "actions.yaml").exists()  # the run made it: removed
        assert sorted(p.name for p in tmp_path.iterdir()) == [
            "config.yaml",
            "metadata.yaml",
            "real-config.yaml",
        ]


def test_what_the_charm_writes_in_a_given_root_stays(tmp_path):
    def write(charm: CharmBase) -> None:
        (charm.charm_dir / "result.txt").write_text("written by the charm")

    Context(_charm_on_start(write), meta={"name": "writer"}, charm_root=tmp_path).run(
        "start", State()
    )
    assert (tmp_path / "result.txt").read_text() == "written by the charm"
    assert _spec_files(tmp_path) == {}


def test_a_given_root_is_put_back_when_the_charm_fails(tmp_path):
    def fail(_: CharmBase) -> None:
        raise RuntimeError("boom")

    (tmp_path / "metadata.yaml").write_text("name: original\n")
    ctx = Context(_charm_on_start(fail), meta={"name": "failing"}, charm_root=tmp_path)
    with pytest.raises(UncaughtCharmError):
        ctx.run("start", State())
    assert _spec_files(tmp_path) == {"metadata.yaml": "name: original\n"}


def test_a_given_root_is_put_back_when_the_tests_block_raises(tmp_path):
    (tmp_path / "metadata.yaml").write_text("name: original\n")
    ctx = Context(MyCharmType, meta={"name": "from-argument"}, charm_root=tmp_path)
    with pytest.raises(KeyError), ctx.manager("start", State()):
        raise KeyError("the test's own error")
    assert _spec_files(tmp_path) == {"metadata.yaml": "name: original\n"}


def test_a_given_root_shows_only_the_runs_spec(tmp_path):
    # A spec without config: the directory's config.yaml is hidden during the run.
    (tmp_path / "config.yaml").write_text("options: {real: {type: string}}\n")
    ctx = Context(MyCharmType, meta={"name": "meta-only"}, charm_root=tmp_path)
    with ctx.manager("start", State()):
        assert sorted(_spec_files(tmp_path)) == ["metadata.yaml"]
    assert _spec_files(tmp_path) == {"config.yaml": "options: {real: {type: string}}\n"}


def test_nested_runs_on_a_given_root_each_show_their_spec(tmp_path):
    (tmp_path / "metadata.yaml").write_text("name: original\n")
    outer = Context(MyCharmType, meta={"name": "outer"}, charm_root=tmp_path)
    inner = Context(
        MyCharmType,
        meta={"name": "inner"},
        config={"options": {"x": {"type": "string"}}},
        charm_root=tmp_path,
    )
    with outer.manager("start", State()):
        assert yaml.safe_load((tmp_path / "metadata.yaml").read_text()) == {"name": "outer"}
        with inner.manager("start", State()):
            assert yaml.safe_load((tmp_path / "metadata.yaml").read_text()) == {"name": "inner"}
            assert (tmp_path / "config.yaml").exists()
        # The outer run's spec again, and only it.
        assert sorted(_spec_files(tmp_path)) == ["metadata.yaml"]
        assert yaml.safe_load((tmp_path / "metadata.yaml").read_text()) == {"name": "outer"}
    assert _spec_files(tmp_path) == {"metadata.yaml": "name: original\n"}


def test_an_original_left_aside_by_an_unfinished_run_comes_back(tmp_path):
    # As a process killed in the middle of a run leaves the directory, once the test
    # has removed that run's metadata.yaml.
    (tmp_path / ".metadata.yaml.scenario-saved").write_text("name: original\n")
    Context(MyCharmType, meta={"name": "from-argument"}, charm_root=tmp_path).run("start", State())
    assert _spec_files(tmp_path) == {"metadata.yaml": "name: original\n"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["metadata.yaml"]


def test_an_original_left_aside_whose_name_is_taken_stops_the_run(tmp_path):
    # Which of the two is the test's cannot be known: nothing is moved or written.
    (tmp_path / ".config.yaml.scenario-saved").write_text("options: {}\n")
    (tmp_path / "config.yaml").write_text("options: {edited: {type: string}}\n")
    (tmp_path / "metadata.yaml").write_text("name: original\n")
    ctx = Context(MyCharmType, meta={"name": "from-argument"}, charm_root=tmp_path)
    with pytest.raises(ContextSetupError, match=r"\.config\.yaml\.scenario-saved.*mv "):
        ctx.run("start", State())
    assert _spec_files(tmp_path) == {
        "metadata.yaml": "name: original\n",
        "config.yaml": "options: {edited: {type: string}}\n",
    }
    assert (tmp_path / ".config.yaml.scenario-saved").read_text() == "options: {}\n"


def test_an_original_that_cannot_be_put_back_is_kept_and_named(tmp_path, caplog):
    def replace_with_a_directory(charm: CharmBase) -> None:
        (charm.charm_dir / "metadata.yaml").unlink()
        (charm.charm_dir / "metadata.yaml").mkdir()

    (tmp_path / "metadata.yaml").write_text("name: original\n")
    ctx = Context(
        _charm_on_start(replace_with_a_directory), meta={"name": "replacer"}, charm_root=tmp_path
    )
    ctx.run("start", State())
    assert "the original is in" in caplog.text
    assert (tmp_path / ".metadata.yaml.scenario-saved").read_text() == "name: original\n"
    with pytest.raises(ContextSetupError, match="did not finish"):
        ctx.run("start", State())


def test_a_name_an_unfinished_run_found_free_and_wrote_stops_the_run(tmp_path):
    # A run killed mid-way left its config.yaml, and the marker saying there was none.
    (tmp_path / ".config.yaml.scenario-absent").touch()
    (tmp_path / "config.yaml").write_text("options: {left: {type: string}}\n")
    ctx = Context(MyCharmType, meta={"name": "x"}, charm_root=tmp_path)
    with pytest.raises(ContextSetupError, match=r"found no config\.yaml there"):
        ctx.run("start", State())
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".config.yaml.scenario-absent",
        "config.yaml",
    ]
    (tmp_path / "config.yaml").unlink()  # as the error says
    ctx.run("start", State())
    assert list(tmp_path.iterdir()) == []


def test_a_killed_run_leaves_what_the_next_one_needs_to_tell(tmp_path):
    (tmp_path / "metadata.yaml").write_text("name: original\n")
    script = (
        "import os, sys\n"
        "from ops.charm import CharmBase\n"
        "from scenario import Context, State\n"
        "ctx = Context(CharmBase, meta={'name': 'killed'}, "
        "config={'options': {}}, charm_root=sys.argv[1])\n"
        "with ctx.manager('start', State()):\n"
        "    os._exit(3)\n"
    )
    assert subprocess.run([sys.executable, "-c", script, str(tmp_path)]).returncode == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".actions.yaml.scenario-absent",
        ".config.yaml.scenario-absent",
        ".metadata.yaml.scenario-saved",
        "config.yaml",
        "metadata.yaml",
    ]
    ctx = Context(MyCharmType, meta={"name": "next"}, charm_root=tmp_path)
    with pytest.raises(ContextSetupError, match="did not finish"):
        ctx.run("start", State())
    assert (tmp_path / ".metadata.yaml.scenario-saved").read_text() == "name: original\n"


def test_no_spec_file_is_written_through_a_link_at_its_temporary_name(tmp_path):
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("not yours\n")
    root = tmp_path / "root"
    root.mkdir()
    (root / ".metadata.yaml.scenario-new").symlink_to(elsewhere)
    Context(MyCharmType, meta={"name": "x"}, charm_root=root).run("start", State())
    assert elsewhere.read_text() == "not yours\n"
    assert list(root.iterdir()) == []


def test_a_forked_child_does_not_keep_the_roots_lock(tmp_path):
    import fcntl
    import os
    import signal

    ctx = Context(MyCharmType, meta={"name": "x"}, charm_root=tmp_path)
    with ctx.manager("start", State()):
        child = os.fork()
        if child == 0:  # keeps its copies of the parent's descriptors while it sleeps
            signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGTERM])
            time.sleep(30)
            os._exit(0)
    try:
        fd = os.open(tmp_path, os.O_RDONLY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # free once the run is over
        finally:
            os.close(fd)
    finally:
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)


def test_a_forked_child_may_finish_a_run_its_parent_started(tmp_path):
    import os

    (tmp_path / "metadata.yaml").write_text("name: original\n")
    ctx = Context(MyCharmType, meta={"name": "x"}, charm_root=tmp_path)
    with ctx.manager("start", State()) as mgr:
        child = os.fork()
        if child == 0:
            try:
                mgr.run()
            except BaseException:
                os._exit(1)
            os._exit(0)
        assert os.waitpid(child, 0)[1] == 0
        assert yaml.safe_load((tmp_path / "metadata.yaml").read_text()) == {"name": "x"}
    assert _spec_files(tmp_path) == {"metadata.yaml": "name: original\n"}


def test_a_given_root_another_process_holds_is_waited_for(tmp_path, monkeypatch):
    import fcntl
    import os

    from scenario import _given_root

    monkeypatch.setattr(_given_root, "LOCK_WAIT_SECONDS", 0.2)
    (tmp_path / "metadata.yaml").write_text("name: original\n")
    holder = subprocess.Popen(  # holds the root as another process's run does
        [
            sys.executable,
            "-c",
            "import fcntl, os, sys; fd = os.open(sys.argv[1], os.O_RDONLY); "
            "fcntl.flock(fd, fcntl.LOCK_EX); print('held', flush=True); sys.stdin.read()",
            str(tmp_path),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline() == "held\n"
        ctx = Context(MyCharmType, meta={"name": "x"}, charm_root=tmp_path)
        with pytest.raises(ContextSetupError, match="in use by another process"):
            ctx.run("start", State())
        assert _spec_files(tmp_path) == {"metadata.yaml": "name: original\n"}
    finally:
        holder.communicate("")
    ctx.run("start", State())  # released: the run goes ahead
    assert _spec_files(tmp_path) == {"metadata.yaml": "name: original\n"}
    fd = os.open(tmp_path, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # nothing holds it after the run
    finally:
        os.close(fd)


_RUNS_IN_A_PROCESS = """
import sys
from ops.charm import CharmBase
from scenario import Context, State

class C(CharmBase):
    pass

for i in range(int(sys.argv[3])):
    Context(C, meta={"name": sys.argv[2]}, charm_root=sys.argv[1]).run("start", State())
"""


def test_processes_running_on_one_given_root_lose_nothing(tmp_path):
    (tmp_path / "metadata.yaml").write_text("name: original\n")
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", _RUNS_IN_A_PROCESS, str(tmp_path), f"worker-{i}", "40"]
        )
        for i in range(3)
    ]
    assert [w.wait(timeout=120) for w in workers] == [0, 0, 0]
    assert _spec_files(tmp_path) == {"metadata.yaml": "name: original\n"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["metadata.yaml"]


def test_a_given_root_that_cannot_be_made_is_a_setup_error(tmp_path):
    (tmp_path / "a-file").write_text("")
    ctx = Context(MyCharmType, meta={"name": "x"}, charm_root=tmp_path / "a-file" / "root")
    with pytest.raises(ContextSetupError, match="charm_root .*a-file/root"):
        ctx.run("start", State())


# A charm whose metadata is in its own source tree, run in another charm_root (a test's
# copy of its src/, say): the spec is read from the source tree, as ops-scenario reads
# it, and put in charm_root for each run.

_ROOT_SEEING_CHARM = """
import importlib.util
import pathlib
import ops

SEEN = {}


class RootSeeing(ops.CharmBase):
    def __init__(self, framework):
        super().__init__(framework)
        framework.observe(self.on.start, self._on_start)

    def _on_start(self, _):
        root = pathlib.Path(self.charm_dir)
        SEEN["root"] = root.resolve()
        SEEN["metadata"] = (root / "metadata.yaml").read_text()
"""


@pytest.fixture
def charm_with_source_tree(tmp_path, monkeypatch):
    """A charm imported from ``<tmp_path>/charm/src/charm.py``, its metadata above."""
    source = tmp_path / "charm"
    (source / "src").mkdir(parents=True)
    (source / "metadata.yaml").write_text("name: from-source\n")
    (source / "src" / "charm.py").write_text(_ROOT_SEEING_CHARM)
    module_name = f"root_seeing_charm_{tmp_path.name}"
    spec = importlib.util.spec_from_file_location(module_name, source / "src" / "charm.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, module_name, module)  # where inspect finds its file
    spec.loader.exec_module(module)
    return module.RootSeeing, module.SEEN


def test_metadata_of_the_source_tree_runs_in_a_given_charm_root(tmp_path, charm_with_source_tree):
    charm_type, seen = charm_with_source_tree
    vroot = tmp_path / "vroot"
    vroot.mkdir()
    (vroot / "src-copy.txt").write_text("the test's copy")
    ctx = Context(charm_type, charm_root=vroot)
    assert ctx.charm_spec.meta == {"name": "from-source"}
    ctx.run("start", State())
    assert seen["root"] == vroot.resolve()
    assert yaml.safe_load(seen["metadata"]) == {"name": "from-source"}
    # What the run put there is gone; the test's own files stay.
    assert _spec_files(vroot) == {}
    assert (vroot / "src-copy.txt").read_text() == "the test's copy"
    assert (tmp_path / "charm" / "metadata.yaml").read_text() == "name: from-source\n"


def test_metadata_of_the_source_tree_wins_over_charm_roots(tmp_path, charm_with_source_tree):
    # As in ops-scenario: charm_root is where the charm runs, not where its spec is read.
    charm_type, seen = charm_with_source_tree
    vroot = tmp_path / "vroot"
    vroot.mkdir()
    (vroot / "metadata.yaml").write_text("name: from-vroot\n")
    with Context(charm_type, charm_root=vroot).manager("start", State()) as mgr:
        assert mgr.charm.app.name == "from-source"
    assert yaml.safe_load(seen["metadata"]) == {"name": "from-source"}
    assert (vroot / "metadata.yaml").read_text() == "name: from-vroot\n"


def test_a_charm_root_that_is_the_source_tree_is_left_alone(tmp_path, charm_with_source_tree):
    charm_type, seen = charm_with_source_tree
    source = tmp_path / "charm"
    before = sorted(p.name for p in source.iterdir())
    Context(charm_type, charm_root=source).run("start", State())
    assert seen["root"] == source.resolve()
    assert sorted(p.name for p in source.iterdir()) == before


def test_no_metadata_anywhere_names_both_places(tmp_path):
    with pytest.raises(ContextSetupError, match="nor in charm_root") as caught:
        Context(MyCharmType, charm_root=tmp_path)
    assert str(tmp_path) in str(caught.value)


def test_a_class_with_no_file_reads_charm_root_not_the_current_directory(tmp_path, monkeypatch):
    # A charm class made by exec (or in a REPL) has no source tree: the metadata in
    # the current directory (often the charm repository pytest runs from) is not its.
    here = tmp_path / "cwd"
    here.mkdir()
    (here / "metadata.yaml").write_text("name: cwd-charm\n")
    monkeypatch.chdir(here)
    root = tmp_path / "root"
    root.mkdir()
    (root / "metadata.yaml").write_text("name: root-charm\n")
    namespace: dict = {}
    exec("import ops\nclass Made(ops.CharmBase):\n    pass\n", namespace)
    ctx = Context(namespace["Made"], charm_root=root)
    assert ctx.charm_spec.meta == {"name": "root-charm"}
    with pytest.raises(ContextSetupError, match="in charm_root: "):
        Context(namespace["Made"], charm_root=tmp_path / "empty")
