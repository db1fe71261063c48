# SPDX-License-Identifier: Apache-2.0
"""README "StoredState": stored state on the input and output side."""

from __future__ import annotations

from ops.charm import CharmBase
from ops.framework import Framework
from ops.framework import StoredState as Ops_StoredState
from scenario import Context, State, StoredState


class MyCharmType(CharmBase):
    my_stored_state = Ops_StoredState()

    def __init__(self, framework: Framework):
        super().__init__(framework)
        assert self.my_stored_state.foo == "bar"  # this will pass!
        framework.observe(self.on.update_status, self._on_update_status)

    def _on_update_status(self, _):
        self.my_stored_state.foo = "qux"
        self.my_stored_state.baz[43] = 43


def _state() -> State:
    return State(
        stored_state=[
            StoredState(
                owner_path="MyCharmType",
                name="my_stored_state",
                content={
                    "foo": "bar",
                    "baz": {42: 42},
                },
            )
        ]
    )


def test_stored_state_input_is_seen_by_the_charm():
    state = _state()
    out = Context(MyCharmType, meta={"name": "foo"}).run("start", state)
    # untouched: the output carries it as it came in
    assert out.stored_state == state.stored_state


def test_stored_state_output_reflects_changes():
    out = Context(MyCharmType, meta={"name": "foo"}).run("update-status", _state())
    assert out.stored_state == [
        StoredState(
            owner_path="MyCharmType",
            name="my_stored_state",
            content={"foo": "qux", "baz": {42: 42, 43: 43}},
        )
    ]


class DefaultsCharm(CharmBase):
    _stored = Ops_StoredState()

    def __init__(self, framework: Framework):
        super().__init__(framework)
        self._stored.set_default(count=0, names=[])
        framework.observe(self.on.start, self._on_start)

    def _on_start(self, _):
        self._stored.count += 1
        self._stored.names.append("x")


def test_stored_state_defaults_are_in_the_output():
    ctx = Context(DefaultsCharm, meta={"name": "foo"})
    out = ctx.run("start", State())
    assert out.stored_state == [
        StoredState("DefaultsCharm", name="_stored", content={"count": 1, "names": ["x"]})
    ]
    out2 = ctx.run("start", out)
    assert out2.stored_state[0].content == {"count": 2, "names": ["x", "x"]}
    # the first output is not changed by the second run
    assert out.stored_state[0].content == {"count": 1, "names": ["x"]}


class TwoStoresCharm(CharmBase):
    _stored = Ops_StoredState()
    _stored2 = Ops_StoredState()

    def __init__(self, framework: Framework):
        super().__init__(framework)
        self._stored.set_default(n=1)
        self._stored2.set_default(n=2)


def test_output_stored_state_is_ordered_by_handle_path():
    """As ops-scenario lists them (SQLite's index on the handle): tests index into it."""
    state = State(
        stored_state=[
            StoredState("TwoStoresCharm", name="_stored", content={"n": 5}),
            StoredState("Zed", name="_stored", content={"z": 1}),
            StoredState("Alpha", name="_stored", content={"a": 1}),
        ]
    )
    out = Context(TwoStoresCharm, meta={"name": "foo"}).run("start", state)
    # "_stored2]" sorts before "_stored]": '2' comes before ']'
    assert [s.handle_path for s in out.stored_state] == [
        "Alpha/StoredStateData[_stored]",
        "TwoStoresCharm/StoredStateData[_stored2]",
        "TwoStoresCharm/StoredStateData[_stored]",
        "Zed/StoredStateData[_stored]",
    ]
    assert [s.content for s in out.stored_state] == [{"a": 1}, {"n": 2}, {"n": 5}, {"z": 1}]
