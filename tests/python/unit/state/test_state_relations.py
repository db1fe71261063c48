# SPDX-License-Identifier: Apache-2.0
"""Relations: ids, databag validation, and the relation-event sugar."""

from __future__ import annotations

import pytest
from scenario import errors
from scenario.state import (
    Event,
    PeerRelation,
    Relation,
    State,
    StateValidationError,
    SubordinateRelation,
    next_relation_id,
)


def test_next_relation_id_peeks_without_update():
    upcoming = next_relation_id(update=False)
    assert next_relation_id(update=False) == upcoming
    relation = Relation("db")
    assert relation.relation_id == upcoming
    assert next_relation_id(update=False) == upcoming + 1


def test_next_relation_id_consumes_with_update():
    first = next_relation_id()
    assert next_relation_id(update=False) == first + 1


def test_explicit_relation_id_does_not_consume_the_counter():
    upcoming = next_relation_id(update=False)
    Relation("db", relation_id=99)
    assert next_relation_id(update=False) == upcoming


@pytest.mark.parametrize(
    ("event_property", "name"),
    [
        ("changed_event", "foo_bar_relation_changed"),
        ("joined_event", "foo_bar_relation_joined"),
        ("created_event", "foo_bar_relation_created"),
        ("departed_event", "foo_bar_relation_departed"),
        ("broken_event", "foo_bar_relation_broken"),
    ],
)
@pytest.mark.parametrize("cls", [Relation, PeerRelation, SubordinateRelation])
def test_relation_event_sugar(cls, event_property, name):
    relation = cls("foo-bar")
    event = getattr(relation, event_property)
    assert isinstance(event, Event)
    assert event.path == name
    assert event.name == name
    assert event.relation is relation
    assert event._is_relation_event
    assert event.relation_remote_unit_id is None


def test_relation_event_with_a_remote_unit():
    relation = Relation("foo", remote_units_data={1: {}, 2: {}})
    event = relation.joined_event(remote_unit_id=2)
    assert event.relation_remote_unit_id == 2
    assert event.relation == relation
    assert relation.joined_event.relation_remote_unit_id is None


def test_remote_unit_id_positional_and_zero():
    event = Relation("foo").changed_event(0)
    assert event.relation_remote_unit_id == 0


def test_remote_unit_id_on_a_non_relation_event_fails():
    with pytest.raises(ValueError, match="relation"):
        Event("start")(remote_unit_id=1)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"local_app_data": {"a": 1}},
        {"local_app_data": {1: "a"}},
        {"remote_units_data": {0: {("a",): "b"}}},
        {"local_unit_data": {"a": None}},
        {"remote_app_data": {"a": ["b"]}},
        {"remote_units_data": {0: {"a": 1}}},
        {"remote_units_data": {0: "not a dict"}},
        {"remote_app_data": "not a dict"},
    ],
)
def test_databag_validation(kwargs):
    with pytest.raises(StateValidationError) as exc_info:
        Relation("db", **kwargs)
    assert isinstance(exc_info.value, errors.StateValidationError)
    assert len(exc_info.value.problems) == 1
    problem = exc_info.value.problems[0]
    assert problem.path.split(".")[0] in kwargs
    assert problem.message


def test_databag_validation_names_the_key():
    with pytest.raises(StateValidationError) as exc_info:
        Relation("db", remote_units_data={3: {"foo": 1}})
    assert exc_info.value.problems[0].path == "remote_units_data.3.foo"
    assert "remote_units_data.3.foo" in str(exc_info.value)


def test_databag_validation_names_a_key_that_is_not_text():
    with pytest.raises(StateValidationError) as exc_info:
        Relation("db", local_app_data={1: "x"})
    problem = exc_info.value.problems[0]
    assert problem.path == "local_app_data.1"
    assert "databag keys must be strings" in problem.message
    assert "got int" in problem.message


def test_peer_and_subordinate_databag_validation():
    with pytest.raises(StateValidationError):
        PeerRelation("p", peers_data={1: {"a": 2}})
    with pytest.raises(StateValidationError):
        SubordinateRelation("s", remote_unit_data={"a": 2})


def test_remote_unit_ids_and_databags():
    relation = Relation("db", remote_units_data={0: {"a": "b"}, 4: {}})
    assert relation._remote_unit_ids == (0, 4)
    assert relation._get_databag_for_remote(0) == {"a": "b"}
    assert len(list(relation._databags)) == 5

    peer = PeerRelation("p", peers_data={1: {"x": "y"}})
    assert peer._remote_unit_ids == (1,)
    assert peer._get_databag_for_remote(1) == {"x": "y"}

    sub = SubordinateRelation("s", remote_unit_id=3, remote_unit_data={"k": "v"})
    assert sub._remote_unit_ids == (3,)
    assert sub._get_databag_for_remote(3) == {"k": "v"}
    with pytest.raises(ValueError):
        sub._get_databag_for_remote(0)


def test_get_relations_normalises_dashes():
    a = Relation("foo-bar", relation_id=1)
    b = Relation("foo_bar", relation_id=2)
    c = Relation("baz", relation_id=3)
    state = State(relations=[a, b, c])
    assert state.get_relations("foo-bar") == (a, b)
    assert state.get_relations("foo_bar") == (a, b)
    assert state.get_relations("baz") == (c,)
    assert state.get_relations("nothing") == ()
