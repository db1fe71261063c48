# SPDX-License-Identifier: Apache-2.0
"""README "PeerRelation": peers are units of this application."""

from __future__ import annotations

import ops
import pytest
import scenario
from scenario import Context, State
from scenario.state import PeerRelation

META = {"name": "foo", "peers": {"peers": {"interface": "foo_peers"}}}


SEEN: dict = {}
"""What the charm saw (the charm type scenario runs is a subclass of PeerCharm)."""


class PeerCharm(ops.CharmBase):
    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.start, self._on_start)
        framework.observe(self.on.peers_relation_changed, self._on_changed)

    def _on_start(self, _):
        rel = self.model.get_relation("peers")
        SEEN.clear()
        SEEN.update(
            app=rel.app.name,
            units=sorted(u.name for u in rel.units),
            peer_42=dict(rel.data[self.model.get_unit("foo/42")]),
        )
        rel.data[self.unit]["me"] = self.unit.name

    def _on_changed(self, event: ops.RelationChangedEvent):
        SEEN.clear()
        SEEN.update(unit=event.unit.name, app=event.app.name)


def test_peer_relation_data():
    relation = PeerRelation(
        endpoint="peers",
        peers_data={1: {}, 2: {}, 42: {"foo": "bar"}},
    )
    out = Context(PeerCharm, meta=META).run("start", State(relations=[relation]))
    assert SEEN == {
        "app": "foo",
        "units": ["foo/1", "foo/2", "foo/42"],
        "peer_42": {"foo": "bar"},
    }
    assert out.relations == [relation.replace(local_unit_data={"me": "foo/0"})]


def test_peer_relation_event_about_a_peer():
    relation = PeerRelation(endpoint="peers", peers_data={1: {}, 42: {}})
    Context(PeerCharm, meta=META).run(
        relation.changed_event(remote_unit_id=42), State(relations=[relation])
    )
    assert SEEN == {"unit": "foo/42", "app": "foo"}


def test_peer_relation_has_no_remote_app():
    relation = PeerRelation(endpoint="peers")
    assert not hasattr(relation, "remote_app_name")
    assert not hasattr(relation, "remote_app_data")
    with pytest.raises(TypeError):
        PeerRelation(endpoint="peers", remote_app_name="other")  # type: ignore[call-arg]


def test_this_units_id_cannot_be_a_peer():
    state_in = State(
        relations=[
            scenario.PeerRelation(
                endpoint="peers",
                peers_data={1: {}, 2: {}, 42: {"foo": "bar"}},
            )
        ],
        unit_id=1,
    )
    with pytest.raises(scenario.InconsistentScenarioError) as info:
        Context(PeerCharm, meta=META).run("start", state_in)
    assert [f.code for f in info.value.errors] == ["relation-peer-self"]
    assert info.value.errors[0].path == "relations[0].peers_data.1"
    assert "this unit's own id" in str(info.value)
