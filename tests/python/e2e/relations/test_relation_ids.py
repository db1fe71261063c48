# SPDX-License-Identifier: Apache-2.0
"""README "Working with relation IDs": unique ids and ``next_relation_id``."""

from __future__ import annotations

import ops
import pytest
from scenario import (
    Context,
    InconsistentScenarioError,
    PeerRelation,
    Relation,
    State,
    StateValidationError,
    SubordinateRelation,
)
from scenario.state import next_relation_id


def test_next_relation_id_is_the_id_of_the_next_relation():
    next_id = next_relation_id(update=False)
    rel = Relation("foo")
    assert rel.relation_id == next_id


def test_replace_with_next_relation_id():
    rel = Relation("foo")
    rel2 = rel.replace(local_app_data={"foo": "bar"}, relation_id=next_relation_id())
    assert rel2.relation_id == rel.relation_id + 1
    assert rel2.local_app_data == {"foo": "bar"}
    assert rel.local_app_data == {}


def test_every_relation_kind_gets_a_unique_id():
    relations = [Relation("a"), PeerRelation("b"), SubordinateRelation("c"), Relation("a")]
    ids = [r.relation_id for r in relations]
    assert len(set(ids)) == len(ids)
    assert ids == sorted(ids)


def test_update_false_does_not_consume_the_id():
    first = next_relation_id(update=False)
    assert next_relation_id(update=False) == first
    assert next_relation_id() == first
    assert next_relation_id(update=False) == first + 1


def test_the_charm_sees_the_relation_ids():
    seen = {}

    class IdCharm(ops.CharmBase):
        def __init__(self, framework: ops.Framework):
            super().__init__(framework)
            framework.observe(self.on.start, self._on_start)

        def _on_start(self, _):
            seen["ids"] = sorted(r.id for r in self.model.relations["foo"])

    rel = Relation("foo")
    rel2 = rel.replace(remote_app_name="other", relation_id=next_relation_id())
    Context(
        IdCharm, meta={"name": "x", "requires": {"foo": {"interface": "bar", "limit": 2}}}
    ).run("start", State(relations=[rel, rel2]))
    assert seen["ids"] == [rel.relation_id, rel2.relation_id]


def test_two_relations_with_one_id_are_an_inconsistent_scenario(monkeypatch):
    """As the README says: the run refuses them, as ops-scenario's checker did."""
    rel = Relation("foo")
    rel2 = rel.replace(local_app_data={"foo": "bar"})
    ctx = Context(ops.CharmBase, meta={"name": "x", "requires": {"foo": {"interface": "bar"}}})
    with pytest.raises(InconsistentScenarioError, match="duplicate relation id") as raised:
        ctx.run("start", State(relations=[rel, rel2]))
    assert isinstance(raised.value, StateValidationError)
    assert raised.value.problems[0].path == "relations[1].relation_id"
    # The engine cannot hold such a State: skipping the checks does not let it run.
    monkeypatch.setenv("SCENARIO_SKIP_CONSISTENCY_CHECKS", "1")
    with pytest.raises(InconsistentScenarioError, match="duplicate relation id"):
        ctx.run("start", State(relations=[rel, rel2]))
