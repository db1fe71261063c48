# SPDX-License-Identifier: Apache-2.0
"""README "Immutability": inputs are never mutated; ``replace`` makes changed copies."""

from __future__ import annotations

import copy
import dataclasses

import ops
import pytest
from scenario import (
    Context,
    Event,
    PeerRelation,
    Port,
    Relation,
    State,
    StateValidationError,
    Storage,
    StoredState,
    deferred,
)

META = {
    "name": "foo",
    "requires": {"foo": {"interface": "bar"}},
    "peers": {"peers": {"interface": "p"}},
    "storage": {"data": {"type": "filesystem"}},
}


class Mutator(ops.CharmBase):
    _stored = ops.StoredState()

    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        self._stored.set_default(items=[])
        framework.observe(self.on.foo_relation_changed, self._on_changed)
        framework.observe(self.on.update_status, self._on_update_status)

    def _on_update_status(self, event):
        pass

    def _on_changed(self, event: ops.RelationChangedEvent):
        event.relation.data[self.unit]["a"] = "changed"
        event.relation.data[self.app]["b"] = "changed"
        del event.relation.data[self.unit]["gone"]
        peers = self.model.get_relation("peers")
        peers.data[self.unit]["p"] = "changed"
        self._stored.items.append(1)
        self.unit.status = ops.ActiveStatus("changed")
        self.app.status = ops.BlockedStatus("changed")
        self.unit.open_port("tcp", 80)
        self.unit.close_port("tcp", 42)
        self.unit.set_workload_version("9")
        event.defer()


def _state_in() -> State:
    relation = Relation("foo", local_unit_data={"gone": "x"}, remote_app_data={"r": "1"})
    return State(
        leader=True,
        config={},
        relations=[relation, PeerRelation("peers", peers_data={1: {"q": "1"}})],
        opened_ports=[Port("tcp", 42)],
        storage=[Storage("data")],
        stored_state=[StoredState("Mutator", "_stored", {"items": [0]})],
        deferred=[deferred("update_status", handler=Mutator._on_update_status)],
        unit_status=ops.WaitingStatus("before"),
        workload_version="1",
    )


def test_input_state_is_not_mutated():
    state_in = _state_in()
    before = copy.deepcopy(state_in)
    before_dict = dataclasses.asdict(state_in)
    out = Context(Mutator, meta=META).run(state_in.relations[0].changed_event, state_in)

    assert state_in == before
    assert dataclasses.asdict(state_in) == before_dict
    # and the output is a different, changed State
    assert out is not state_in
    assert out != state_in
    assert out.relations[0] is not state_in.relations[0]
    assert out.relations[0].local_unit_data == {"a": "changed"}
    assert out.relations[0].local_app_data == {"b": "changed"}
    assert out.relations[1].local_unit_data == {"p": "changed"}
    assert out.stored_state[0].content == {"items": [0, 1]}
    assert out.opened_ports == [Port("tcp", 80)]
    assert out.unit_status == ops.ActiveStatus("changed")
    assert out.workload_version == "9"
    # update-status was re-emitted and handled; relation-changed was deferred
    assert [d.name for d in out.deferred] == ["foo_relation_changed"]


def test_output_shares_no_mutable_data_with_input():
    state_in = _state_in()
    out = Context(Mutator, meta=META).run("update-status", state_in)
    assert out.relations == state_in.relations
    assert out.relations[0].remote_app_data is not state_in.relations[0].remote_app_data
    out.relations[0].remote_app_data["r"] = "tampered"
    assert state_in.relations[0].remote_app_data == {"r": "1"}


def test_states_are_frozen():
    state = State()
    with pytest.raises(dataclasses.FrozenInstanceError):
        state.leader = True  # type: ignore[misc]
    relation = Relation("foo")
    with pytest.raises(dataclasses.FrozenInstanceError):
        relation.endpoint = "bar"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        Event("start").path = "stop"  # type: ignore[misc]


def test_replace():
    relation = Relation("foo", remote_app_data={"1": "2"})
    # make a copy of relation, but with remote_app_data set to {"3": "4"}. (The README
    # writes {"3", "4"}, a set, which is not a databag; see the next test.)
    relation2 = relation.replace(remote_app_data={"3": "4"})
    assert relation2.remote_app_data == {"3": "4"}
    assert relation.remote_app_data == {"1": "2"}
    assert relation2.relation_id == relation.relation_id
    assert relation2.endpoint == "foo"
    assert relation2 is not relation


def test_replace_with_a_set_databag_is_rejected():
    relation = Relation("foo", remote_app_data={"1": "2"})
    with pytest.raises(StateValidationError):
        relation.replace(remote_app_data={"3", "4"})


def test_replace_deep_copies_other_fields():
    relation = Relation("foo", remote_units_data={0: {"a": "b"}})
    relation2 = relation.replace(local_app_data={"x": "y"})
    assert relation2.remote_units_data == relation.remote_units_data
    assert relation2.remote_units_data is not relation.remote_units_data
    state = State(relations=[relation])
    state2 = state.replace(leader=True)
    assert state2.relations == state.relations
    assert state2.relations[0] is not state.relations[0]
