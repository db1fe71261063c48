# SPDX-License-Identifier: Apache-2.0
"""README "SubordinateRelation": exactly one remote (principal) unit."""

from __future__ import annotations

import ops
from scenario import Context, State
from scenario.state import SubordinateRelation

META = {
    "name": "sub",
    "subordinate": True,
    "requires": {"host": {"interface": "juju-info", "scope": "container"}},
}


SEEN: dict = {}
"""What the charm saw."""


class SubCharm(ops.CharmBase):
    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.host_relation_changed, self._on_changed)

    def _on_changed(self, event: ops.RelationChangedEvent):
        rel = event.relation
        SEEN.clear()
        SEEN.update(
            unit=event.unit.name,
            app=event.app.name,
            units=sorted(u.name for u in rel.units),
            unit_data=dict(rel.data[event.unit]),
            app_data=dict(rel.data[event.app]),
        )
        rel.data[self.unit]["seen"] = event.unit.name


def test_readme_subordinate_relation():
    relation = SubordinateRelation(
        endpoint="peers",
        remote_unit_data={"foo": "bar"},
        remote_app_name="zookeeper",
        remote_unit_id=42,
    )
    assert relation.remote_unit_name == "zookeeper/42"


def test_subordinate_relation_run():
    relation = SubordinateRelation(
        endpoint="host",
        remote_unit_data={"foo": "bar"},
        remote_app_data={"app": "data"},
        remote_app_name="zookeeper",
        remote_unit_id=42,
    )
    out = Context(SubCharm, meta=META).run(relation.changed_event, State(relations=[relation]))
    assert SEEN == {
        "unit": "zookeeper/42",
        "app": "zookeeper",
        "units": ["zookeeper/42"],
        "unit_data": {"foo": "bar"},
        "app_data": {"app": "data"},
    }
    assert out.relations == [relation.replace(local_unit_data={"seen": "zookeeper/42"})]
