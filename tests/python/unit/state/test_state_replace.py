# SPDX-License-Identifier: Apache-2.0
"""``replace`` and ``copy`` return deep copies: the original never changes."""

from __future__ import annotations

import dataclasses

import ops
import pytest
from scenario.state import Container, Relation, State, StoredState


def test_replace_returns_a_new_object_with_the_new_value():
    relation = Relation("db", relation_id=1, remote_app_data={"a": "b"})
    other = relation.replace(local_app_data={"x": "y"})
    assert other is not relation
    assert other.local_app_data == {"x": "y"}
    assert relation.local_app_data == {}
    assert other.remote_app_data == {"a": "b"}
    assert other.relation_id == 1


def test_replace_deep_copies_the_other_fields():
    relation = Relation("db", relation_id=1, remote_units_data={0: {"a": "b"}})
    other = relation.replace(limit=2)
    assert other.remote_units_data == relation.remote_units_data
    assert other.remote_units_data is not relation.remote_units_data
    assert other.remote_units_data[0] is not relation.remote_units_data[0]
    other.remote_units_data[0]["c"] = "d"
    assert relation.remote_units_data == {0: {"a": "b"}}


def test_replace_uses_new_values_as_given():
    databag = {"a": "b"}
    relation = Relation("db", relation_id=1).replace(local_app_data=databag)
    assert relation.local_app_data is databag


def test_replace_keeps_the_relation_id():
    relation = Relation("db")
    assert relation.replace(limit=3).relation_id == relation.relation_id


def test_replace_rejects_unknown_fields():
    with pytest.raises(TypeError, match="no_such_field"):
        Relation("db").replace(no_such_field=1)


def test_replace_revalidates():
    with pytest.raises(Exception, match="string"):
        Relation("db").replace(local_app_data={"a": 1})


def test_copy_is_deep_and_equal():
    state = State(
        relations=[Relation("db", remote_app_data={"a": "b"})],
        containers=[Container("c", service_status={"svc": "active"})],
        stored_state=[StoredState("MyCharm", content={"n": [1, 2]})],
        unit_status=ops.ActiveStatus("up"),
    )
    copied = state.copy()
    assert copied == state
    assert copied is not state
    assert copied.relations[0] is not state.relations[0]
    assert copied.relations[0].remote_app_data is not state.relations[0].remote_app_data
    assert copied.stored_state[0].content["n"] is not state.stored_state[0].content["n"]
    assert isinstance(copied.unit_status, ops.ActiveStatus)


def test_state_replace_keeps_the_other_fields_independent():
    state = State(config={"a": "b"}, relations=[Relation("db")])
    other = state.replace(leader=True)
    assert other.leader is True and state.leader is False
    assert other.config == state.config and other.config is not state.config
    assert other.relations == state.relations
    assert other.relations[0] is not state.relations[0]


def test_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        State().leader = True  # type: ignore[misc]  # the point of the test
