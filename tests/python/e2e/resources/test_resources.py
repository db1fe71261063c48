# SPDX-License-Identifier: Apache-2.0
"""README "Resources": ``State.resources`` and ``model.resources.fetch``."""

from __future__ import annotations

import pathlib

import ops
from scenario import Context, State


class MyCharm(ops.CharmBase):
    pass


def test_resource_fetch():
    ctx = Context(MyCharm, meta={"name": "juliette", "resources": {"foo": {"type": "oci-image"}}})
    with ctx.manager("start", State(resources={"foo": "/path/to/resource.tar"})) as mgr:
        # if the charm, at runtime, were to call self.model.resources.fetch("foo"), it would
        # get '/path/to/resource.tar' back. (ops returns it as a pathlib.Path.)
        path = mgr.charm.model.resources.fetch("foo")
        assert path == pathlib.Path("/path/to/resource.tar")
        assert str(path) == "/path/to/resource.tar"


def test_resource_fetch_with_a_path_object(tmp_path):
    resource = tmp_path / "image.json"
    resource.write_text("{}")
    seen = {}

    class Reader(ops.CharmBase):
        def __init__(self, framework: ops.Framework):
            super().__init__(framework)
            framework.observe(self.on.install, self._on_install)

        def _on_install(self, _):
            seen["content"] = self.model.resources.fetch("img").read_text()

    ctx = Context(
        Reader,
        meta={"name": "x", "resources": {"img": {"type": "file", "filename": "image.json"}}},
    )
    out = ctx.run("install", State(resources={"img": resource}))
    assert seen == {"content": "{}"}
    assert out.resources == {"img": resource}
