# SPDX-License-Identifier: Apache-2.0
"""Entities a run leaves as they were come out as copies: equal, and sharing nothing."""

from __future__ import annotations

import dataclasses

import ops
from scenario import Container, Context, PeerRelation, Relation, Secret, State

META = {
    "name": "keeper",
    "requires": {"db": {"interface": "sql"}},
    "peers": {"cluster": {"interface": "cluster"}},
    "containers": {"web": {}},
}


@dataclasses.dataclass(frozen=True)
class NotedRelation(Relation):
    """A test's own Relation class, with a mutable field of its own."""

    notes: list[str] = dataclasses.field(default_factory=list)


class OneChangeCharm(ops.CharmBase):
    """On update-status: writes to relation 2, adds a secret and removes 'gone'."""

    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.update_status, self._on_update_status)

    def _on_update_status(self, _: ops.UpdateStatusEvent) -> None:
        relation = self.model.get_relation("db", 2)
        assert relation is not None
        relation.data[self.unit]["written"] = "yes"
        self.app.add_secret({"new": "content"}, label="added")
        self.model.get_secret(id="gone").remove_all_revisions()


def _state() -> State:
    return State(
        leader=True,
        relations=[
            NotedRelation(
                "db",
                relation_id=1,
                local_app_data={"a": "1"},
                remote_units_data={0: {"u": "0"}, 1: {"u": "1"}},
                notes=["n"],
            ),
            Relation("db", relation_id=2),
            PeerRelation("cluster", relation_id=3, peers_data={1: {"p": "1"}}),
        ],
        containers=[Container("web", can_connect=True, service_status={})],
        secrets=[
            Secret("kept", {1: {"k": "v"}}, owner="app", revision=1),
            Secret("gone", {1: {"k": "v"}}, owner="app", revision=1),
        ],
    )


def test_unchanged_entities_are_equal_copies_in_their_places():
    state = _state()
    out = Context(OneChangeCharm, meta=META).run("update_status", state)
    assert [r.relation_id for r in out.relations] == [1, 2, 3]
    assert [type(r) for r in out.relations] == [NotedRelation, Relation, PeerRelation]
    assert out.relations[0] == state.relations[0]
    assert out.relations[2] == state.relations[2]
    assert out.relations[1].local_unit_data == {"written": "yes"}
    assert out.containers == state.containers
    assert [s.id for s in out.secrets[:1]] == ["kept"]
    assert out.secrets[0] == state.secrets[0]
    [added] = out.secrets[1:]
    assert (added.label, added.contents) == ("added", {1: {"new": "content"}})


def test_changing_unchanged_output_entities_leaves_the_input_alone():
    state = _state()
    out = Context(OneChangeCharm, meta=META).run("update_status", state)
    noted, _, peer = out.relations
    noted.local_app_data["x"] = "y"
    noted.remote_units_data[0]["x"] = "y"
    assert isinstance(noted, NotedRelation)
    noted.notes.append("more")
    assert isinstance(peer, PeerRelation)
    peer.peers_data[1]["x"] = "y"
    out.containers[0].service_status["svc"] = ops.pebble.ServiceStatus.ACTIVE
    out.secrets[0].contents[1]["x"] = "y"
    assert state == _state()
