# SPDX-License-Identifier: Apache-2.0
"""README "Triggering Relation Events" and "Additional event parameters"."""

from __future__ import annotations

import ops
import pytest
from scenario import Context, Event, Relation, State

META = {"name": "local", "requires": {"foo": {"interface": "bar"}}}


SEEN: list = []
"""The relation events the charm saw."""


class RelCharm(ops.CharmBase):
    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        for kind in ("created", "joined", "changed", "departed", "broken"):
            framework.observe(getattr(self.on, f"foo_relation_{kind}"), self._record)

    def _record(self, event: ops.RelationEvent):
        unit = getattr(event, "unit", None)
        SEEN.append(
            {
                "type": type(event).__name__,
                "relation_id": event.relation.id,
                "app": event.app.name if event.app else None,
                "unit": unit.name if unit else None,
            }
        )


@pytest.fixture(autouse=True)
def _clear_seen():
    SEEN.clear()


def test_event_properties_are_sugar_for_event():
    relation = Relation(endpoint="foo", interface="bar")
    changed_event = relation.changed_event
    assert changed_event.name == "foo_relation_changed"
    assert changed_event.relation == relation

    sugar = Event("foo-relation-changed", relation=relation)
    assert sugar.name == changed_event.name
    assert sugar.relation == changed_event.relation
    assert relation.joined_event.name == "foo_relation_joined"
    assert relation.created_event.name == "foo_relation_created"
    assert relation.departed_event.name == "foo_relation_departed"
    assert relation.broken_event.name == "foo_relation_broken"


@pytest.mark.parametrize(
    "kind, event_type",
    [
        ("created", "RelationCreatedEvent"),
        ("joined", "RelationJoinedEvent"),
        ("changed", "RelationChangedEvent"),
        ("departed", "RelationDepartedEvent"),
        ("broken", "RelationBrokenEvent"),
    ],
)
def test_each_relation_event_reaches_the_charm(kind, event_type):
    relation = Relation(endpoint="foo", interface="bar")
    event = getattr(relation, f"{kind}_event")
    Context(RelCharm, meta=META).run(event, State(relations=[relation]))
    assert len(SEEN) == 1
    assert SEEN[0]["type"] == event_type
    assert SEEN[0]["relation_id"] == relation.relation_id
    assert SEEN[0]["app"] == "remote"


def test_event_by_name_binds_the_relation_in_the_state():
    relation = Relation(endpoint="foo", interface="bar")
    Context(RelCharm, meta=META).run("foo-relation-changed", State(relations=[relation]))
    assert SEEN[0]["relation_id"] == relation.relation_id


def test_remote_unit_id_on_joined():
    relation = Relation(endpoint="foo", interface="bar", remote_units_data={0: {}, 2: {}})
    remote_unit_2_is_joining_event = relation.joined_event(remote_unit_id=2)
    Context(RelCharm, meta=META).run(remote_unit_2_is_joining_event, State(relations=[relation]))
    assert SEEN == [
        {
            "type": "RelationJoinedEvent",
            "relation_id": relation.relation_id,
            "app": "remote",
            "unit": "remote/2",
        }
    ]


def test_remote_unit_id_given_to_event():
    relation = Relation(endpoint="foo", interface="bar", remote_units_data={0: {}, 2: {}})
    # which is syntactic sugar for:
    event = Event("foo-relation-changed", relation=relation, relation_remote_unit_id=2)
    assert (
        event.relation_remote_unit_id
        == relation.changed_event(remote_unit_id=2).relation_remote_unit_id
    )
    Context(RelCharm, meta=META).run(event, State(relations=[relation]))
    assert SEEN[0]["unit"] == "remote/2"
    assert SEEN[0]["type"] == "RelationChangedEvent"


def test_remote_unit_id_defaults_to_the_first_in_remote_units_data():
    # README: "The remote_unit_id will default to the first ID found in the relation's
    # remote_units_data".
    relation = Relation(endpoint="foo", interface="bar", remote_units_data={5: {}, 3: {}})
    Context(RelCharm, meta=META).run(relation.changed_event, State(relations=[relation]))
    assert SEEN[0]["unit"] == "remote/5"


def test_departed_event_knows_the_departing_unit():
    departing = {}

    class DepartCharm(ops.CharmBase):
        def __init__(self, framework: ops.Framework):
            super().__init__(framework)
            framework.observe(self.on.foo_relation_departed, self._on_departed)

        def _on_departed(self, event: ops.RelationDepartedEvent):
            departing["unit"] = event.unit.name
            departing["departing_unit"] = event.departing_unit.name

    relation = Relation(endpoint="foo", remote_units_data={1: {}})
    Context(DepartCharm, meta=META).run(
        relation.departed_event(remote_unit_id=1), State(relations=[relation])
    )
    assert departing == {"unit": "remote/1", "departing_unit": "remote/1"}


class UnitsCharm(ops.CharmBase):
    """Records, in relation-departed, who left and which units the relation lists."""

    seen: dict = {}

    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.foo_relation_departed, self._on_departed)

    def _on_departed(self, event: ops.RelationDepartedEvent):
        UnitsCharm.seen = {
            "unit": event.unit.name,
            "departing_unit": event.departing_unit.name,
            "units": sorted(unit.name for unit in event.relation.units),
        }


def test_departed_named_unit_is_not_listed():
    # Juju: in relation-departed the departing unit has left relation-list.
    relation = Relation(endpoint="foo", remote_units_data={0: {}, 1: {}})
    Context(UnitsCharm, meta=META).run(
        relation.departed_event(remote_unit_id=1), State(relations=[relation])
    )
    assert UnitsCharm.seen == {
        "unit": "remote/1",
        "departing_unit": "remote/1",
        "units": ["remote/0"],
    }


@pytest.mark.parametrize("named", ["none", "by_name"])
def test_departed_without_a_named_unit_lists_the_states_units(named):
    # A test written for ops-scenario drops the departed unit from the State and names
    # none: the event is about the first unit left, and the State's units are listed.
    relation = Relation(endpoint="foo", remote_units_data={3: {}, 0: {}})
    state = State(relations=[relation])
    event = relation.departed_event if named == "none" else "foo_relation_departed"
    Context(UnitsCharm, meta=META).run(event, state)
    assert UnitsCharm.seen == {
        "unit": "remote/3",
        "departing_unit": "remote/3",
        "units": ["remote/0", "remote/3"],
    }
