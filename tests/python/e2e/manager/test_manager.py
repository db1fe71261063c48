# SPDX-License-Identifier: Apache-2.0
"""README "Live charm introspection": ``Context.manager`` and ``action_manager``."""

from __future__ import annotations

import ops
import pytest
from ops import CharmBase, StoredState
from scenario import Context, State
from scenario.errors import AlreadyEmittedError


class CharmLib(ops.Object):
    def __init__(self, charm: CharmBase):
        super().__init__(charm, "charm_lib")
        self.foo = "foo"


class MyCharm(CharmBase):
    META = {"name": "mycharm"}
    _stored = StoredState()

    def __init__(self, framework):
        super().__init__(framework)
        self._stored.set_default(a="a")
        self.my_charm_lib = CharmLib(self)
        framework.observe(self.on.start, self._on_start)

    def _on_start(self, event):
        self._stored.a = "b"
        self.my_charm_lib.foo = "bar"
        self.unit.status = ops.ActiveStatus("started")


@pytest.fixture
def mycharm():
    return MyCharm


def test_live_charm_introspection(mycharm):
    ctx = Context(mycharm, meta=mycharm.META)
    # If you want to do this with actions, you can use `Context.action_manager` instead.
    with ctx.manager("start", State()) as manager:
        # this is your charm instance, after ops has set it up
        charm: MyCharm = manager.charm
        assert isinstance(charm, MyCharm)

        # we can check attributes on nested Objects or the charm itself
        assert charm.my_charm_lib.foo == "foo"
        # such as stored state
        assert charm._stored.a == "a"

        # this will tell ops.main to proceed with normal execution and emit the "start"
        # event on the charm
        state_out = manager.run()

        # after that is done, we are handed back control, and we can again do some
        # introspection
        assert charm.my_charm_lib.foo == "bar"
        # and check that the charm's internal state is as we expect
        assert charm._stored.a == "b"

    # state_out is, as in regular scenario tests, a State object you can assert on:
    assert state_out.unit_status == ops.ActiveStatus("started")
    assert state_out.stored_state[0].content == {"a": "b"}


def test_run_twice_raises(mycharm):
    ctx = Context(mycharm, meta=mycharm.META)
    with ctx.manager("start", State()) as manager:
        manager.run()
        with pytest.raises(AlreadyEmittedError):
            manager.run()


def test_exiting_without_run_runs_the_event(mycharm):
    ctx = Context(mycharm, meta=mycharm.META)
    with ctx.manager("start", State()) as manager:
        assert manager.charm._stored.a == "a"
    assert manager.charm._stored.a == "b"
    assert manager.output.unit_status == ops.ActiveStatus("started")


def test_nothing_is_emitted_before_run(mycharm):
    ctx = Context(mycharm, meta=mycharm.META)
    with ctx.manager("start", State()) as manager:
        assert ctx.emitted_events == []
        assert ctx.unit_status_history == []
        manager.run()
    assert [e.handle.kind for e in ctx.emitted_events] == ["start"]


def test_an_error_in_the_with_block_propagates(mycharm):
    ctx = Context(mycharm, meta=mycharm.META)
    with pytest.raises(KeyError, match="from the test"):
        with ctx.manager("start", State()) as manager:
            raise KeyError("from the test")
    assert manager.charm._stored.a == "a"  # the event was never emitted


def test_action_manager(mycharm):
    class ActionCharm(CharmBase):
        def __init__(self, framework):
            super().__init__(framework)
            self.seen = None
            framework.observe(self.on.greet_action, self._on_greet)

        def _on_greet(self, event: ops.ActionEvent):
            self.seen = event.params["name"]
            event.set_results({"greeting": f"hi {self.seen}"})

    ctx = Context(
        ActionCharm,
        meta={"name": "foo"},
        actions={"greet": {"params": {"name": {"type": "string"}}}},
    )
    from scenario import Action

    with ctx.action_manager(Action("greet", params={"name": "bob"}), State()) as manager:
        assert manager.charm.seen is None
        out = manager.run()
        assert manager.charm.seen == "bob"
        with pytest.raises(AlreadyEmittedError):
            manager.run()
    assert out.results == {"greeting": "hi bob"}
