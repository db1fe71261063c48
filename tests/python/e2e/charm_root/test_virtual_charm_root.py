# SPDX-License-Identifier: Apache-2.0
"""README "The virtual charm root": the directory the charm sees as its root."""

from __future__ import annotations

import pathlib
import tempfile

import ops
import yaml
from ops.charm import CharmBase
from scenario import Context, State

HERE = pathlib.Path(__file__).resolve().parent


class MyCharmType(CharmBase):
    pass


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
