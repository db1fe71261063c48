# SPDX-License-Identifier: Apache-2.0
"""README "Storage" and "Storage-add": mocked filesystem storage and storage requests."""

from __future__ import annotations

import pathlib

import ops
import pytest
from scenario import Context, State, Storage

META = {"name": "foo", "storage": {"foo": {"type": "filesystem", "multiple": {"range": "1-3"}}}}

ATTACHED: list = []
"""(name, index, location) of each storage the charm was told was attached."""


class MyCharm(ops.CharmBase):
    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.install, self._on_foo)
        framework.observe(self.on.foo_storage_attached, self._on_attached)

    def _on_foo(self, _):
        # the charm requests two new "foo" storage instances to be provisioned
        self.model.storages.request("foo", 2)

    def _on_attached(self, event: ops.StorageAttachedEvent):
        ATTACHED.append(
            (
                event.storage.name,
                event.storage.index,
                [s.index for s in self.model.storages["foo"]],
            )
        )


@pytest.fixture(autouse=True)
def _clear():
    ATTACHED.clear()


def test_storage_filesystem_before_and_after():
    ctx = Context(MyCharm, meta=META)
    storage = Storage("foo")
    # setup storage with some content
    (storage.get_filesystem(ctx) / "myfile.txt").write_text("helloworld")

    with ctx.manager("update-status", State(storage=[storage])) as mgr:
        foo = mgr.charm.model.storages["foo"][0]
        loc = foo.location
        path = loc / "myfile.txt"
        assert path.exists()
        assert path.read_text() == "helloworld"

        myfile = loc / "path.py"
        myfile.write_text("helloworlds")

    # post-mortem: inspect fs contents.
    assert (storage.get_filesystem(ctx) / "path.py").read_text() == "helloworlds"


def test_storage_location_is_the_simulated_filesystem():
    ctx = Context(MyCharm, meta=META)
    storage = Storage("foo")
    with ctx.manager("update-status", State(storage=[storage])) as mgr:
        location = mgr.charm.model.storages["foo"][0].location
    assert pathlib.Path(location).resolve() == storage.get_filesystem(ctx).resolve()
    ctx.cleanup()


def test_only_attached_storages_are_visible():
    ctx = Context(MyCharm, meta=META)
    with ctx.manager("update-status", State()) as mgr:
        assert len(mgr.charm.model.storages["foo"]) == 0
    s1, s2 = Storage("foo"), Storage("foo")
    with ctx.manager("update-status", State(storage=[s1, s2])) as mgr:
        assert sorted(s.index for s in mgr.charm.model.storages["foo"]) == sorted(
            [s1.index, s2.index]
        )


def test_requested_storages():
    ctx = Context(MyCharm, meta=META)
    out = ctx.run("install", State())

    # the charm has requested two 'foo' storages to be provisioned
    assert ctx.requested_storages["foo"] == 2
    # Requesting storages has no other consequence in Scenario.
    assert out.storage == []


def test_storage_attached_follow_up():
    ctx = Context(MyCharm, meta=META)
    foo_0 = Storage("foo")
    # the charm is notified that one of the storages it has requested is ready
    ctx.run(foo_0.attached_event, State(storage=[foo_0]))

    foo_1 = Storage("foo")
    # the charm is notified that the other storage is also ready
    out = ctx.run(foo_1.attached_event, State(storage=[foo_0, foo_1]))

    assert foo_0.index != foo_1.index
    assert ATTACHED == [
        ("foo", foo_0.index, [foo_0.index]),
        ("foo", foo_1.index, sorted([foo_0.index, foo_1.index])),
    ]
    assert out.storage == [foo_0, foo_1]


def test_detaching_event():
    seen = []

    class Detacher(ops.CharmBase):
        def __init__(self, framework: ops.Framework):
            super().__init__(framework)
            framework.observe(self.on.foo_storage_detaching, self._on_detaching)

        def _on_detaching(self, event: ops.StorageDetachingEvent):
            seen.append((event.storage.name, event.storage.index))

    storage = Storage("foo", index=3)
    Context(Detacher, meta=META).run(storage.detaching_event, State(storage=[storage]))
    assert seen == [("foo", 3)]
