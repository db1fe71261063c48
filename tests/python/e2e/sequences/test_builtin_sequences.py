# SPDX-License-Identifier: Apache-2.0
"""``scenario.sequences.check_builtin_sequences``: start-up and tear-down, leader or not."""

from __future__ import annotations

import ops
import pytest
from scenario import Relation, State, Storage, UncaughtCharmError
from scenario.sequences import check_builtin_sequences

META = {
    "name": "foo",
    "requires": {"db": {"interface": "sql"}},
    "storage": {"data": {"type": "filesystem"}},
}

SEEN: list = []


class RecordingCharm(ops.CharmBase):
    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        for name in (
            "install",
            "start",
            "stop",
            "remove",
            "config_changed",
            "leader_elected",
            "leader_settings_changed",
            "db_relation_created",
            "db_relation_broken",
            "data_storage_attached",
            "data_storage_detaching",
        ):
            framework.observe(getattr(self.on, name), self._record)

    def _record(self, event: ops.EventBase):
        relation = getattr(event, "relation", None)
        SEEN.append((event.handle.kind, self.unit.is_leader(), relation and relation.id))


@pytest.fixture(autouse=True)
def _clear():
    SEEN.clear()


def test_builtin_sequences_run_as_leader_and_not():
    relation = Relation("db")
    storage = Storage("data")
    out = check_builtin_sequences(
        RecordingCharm, meta=META, template_state=State(relations=[relation], storage=[storage])
    )
    startup = [
        "install",
        "data_storage_attached",
        "db_relation_created",
        None,  # leader_elected or leader_settings_changed
        "config_changed",
        "start",
    ]
    teardown = ["db_relation_broken", "data_storage_detaching", "stop", "remove"]
    kinds = [kind for kind, _, _ in SEEN]
    assert len(kinds) == 2 * (len(startup) + len(teardown))
    for i, leader in enumerate((True, False)):
        run = SEEN[i * 10 : (i + 1) * 10]
        expected = list(startup)
        expected[3] = "leader_elected" if leader else "leader_settings_changed"
        expected += teardown
        assert [kind for kind, _, _ in run] == expected
        assert all(is_leader is leader for _, is_leader, _ in run)
        relation_ids = {rid for kind, _, rid in run if kind.startswith("db_relation")}
        assert relation_ids == {relation.relation_id}
    assert len(out) == 20
    assert all(isinstance(state, State) for state in out)


def test_builtin_sequences_with_the_default_template():
    class Bare(ops.CharmBase):
        pass

    out = check_builtin_sequences(Bare, meta={"name": "bare"})
    # install, leadership, config-changed, start, stop, remove; twice
    assert len(out) == 12


def test_builtin_sequences_raise_what_the_charm_raises():
    class FailsOnStop(ops.CharmBase):
        def __init__(self, framework: ops.Framework):
            super().__init__(framework)
            framework.observe(self.on.stop, self._on_stop)

        def _on_stop(self, _):
            raise ValueError("cannot stop")

    with pytest.raises(UncaughtCharmError) as exc_info:
        check_builtin_sequences(FailsOnStop, meta={"name": "foo"})
    assert isinstance(exc_info.value.__cause__, ValueError)
    assert str(exc_info.value.__cause__) == "cannot stop"
