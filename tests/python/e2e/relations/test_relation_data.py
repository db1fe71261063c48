# SPDX-License-Identifier: Apache-2.0
"""README "Relations": the shape of relation data before and after a run."""

from __future__ import annotations

import ops
from ops.charm import CharmBase
from scenario import Context, Relation, State


# This charm copies over remote app data to local unit data
class MyCharm(CharmBase):
    META = {"name": "foo", "requires": {"foo": {"interface": "bar"}}}

    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.start, self._on_event)
        framework.observe(self.on.foo_relation_changed, self._on_event)

    def _on_event(self, e):
        # The README's handler reads `e.relation`; a start event has none, so look the
        # relation up by its endpoint then.
        rel = getattr(e, "relation", None) or self.model.get_relation("foo")
        app = getattr(e, "app", None) or rel.app
        assert rel.app.name == "remote"
        assert rel.data[self.unit]["abc"] == "foo"
        rel.data[self.unit]["abc"] = rel.data[app]["cde"]


def _state_in() -> State:
    return State(
        relations=[
            Relation(
                endpoint="foo",
                interface="bar",
                remote_app_name="remote",
                local_unit_data={"abc": "foo"},
                remote_app_data={"cde": "baz!"},
            ),
        ]
    )


def test_relation_data():
    state_in = _state_in()
    ctx = Context(MyCharm, meta={"name": "foo", "requires": {"foo": {"interface": "bar"}}})

    state_out = ctx.run("start", state_in)

    assert state_out.relations[0].local_unit_data == {"abc": "baz!"}
    # you can do this to check that there are no other differences (the relation id is
    # the input's: a fresh Relation() would get the next id from the counter)
    assert state_out.relations == [
        Relation(
            endpoint="foo",
            interface="bar",
            remote_app_name="remote",
            local_unit_data={"abc": "baz!"},
            remote_app_data={"cde": "baz!"},
            relation_id=state_in.relations[0].relation_id,
        ),
    ]


def test_relation_data_on_relation_changed():
    state_in = _state_in()
    relation = state_in.relations[0]
    state_out = Context(MyCharm, meta=MyCharm.META).run(relation.changed_event, state_in)
    assert state_out.relations == [relation.replace(local_unit_data={"abc": "baz!"})]


def test_fully_defaulted_relation():
    seen = {}

    class Reader(CharmBase):
        def __init__(self, framework: ops.Framework):
            super().__init__(framework)
            framework.observe(self.on.start, self._on_start)

        def _on_start(self, _):
            rel = self.model.get_relation("foo")
            seen["app"] = rel.app.name
            seen["units"] = sorted(u.name for u in rel.units)
            seen["remote_app_data"] = dict(rel.data[rel.app])
            seen["remote_unit_data"] = {u.name: dict(rel.data[u]) for u in rel.units}
            seen["local_unit_data"] = dict(rel.data[self.unit])

    relation = Relation("foo")
    assert relation.interface is None
    Context(Reader, meta=MyCharm.META).run("start", State(relations=[relation]))
    assert seen == {
        "app": "remote",
        "units": ["remote/0"],
        "remote_app_data": {},
        "remote_unit_data": {"remote/0": {}},
        "local_unit_data": {},
    }


def test_leader_writes_local_app_data_and_reads_remote_units():
    class Writer(CharmBase):
        def __init__(self, framework: ops.Framework):
            super().__init__(framework)
            framework.observe(self.on.foo_relation_changed, self._on_changed)

        def _on_changed(self, event: ops.RelationChangedEvent):
            total = sum(int(event.relation.data[u]["n"]) for u in event.relation.units)
            event.relation.data[self.app]["total"] = str(total)

    relation = Relation("foo", remote_units_data={0: {"n": "1"}, 1: {"n": "2"}, 7: {"n": "4"}})
    out = Context(Writer, meta=MyCharm.META).run(
        relation.changed_event, State(leader=True, relations=[relation])
    )
    assert out.relations[0].local_app_data == {"total": "7"}
    assert out.relations[0].remote_units_data == relation.remote_units_data
