# SPDX-License-Identifier: Apache-2.0
"""tests/python/unit/test_collector.py: the garbage collector during a run: fewer
young collections while it is in progress, the threshold as it was once it ends."""

from __future__ import annotations

import gc
import types
import weakref
from collections.abc import Iterator

import ops
import pytest
from scenario import Context, UncaughtCharmError, _collector, _doc
from scenario.state import Container, Relation, State

META = {"name": "collector", "requires": {"db": {"interface": "db"}}}
RAISED = _collector.RUN_THRESHOLD


class _Charm(ops.CharmBase):
    seen: list[tuple[str, tuple[int, ...]]] = []
    set_during_run: tuple[int, int, int] | None = None

    def __init__(self, framework: ops.Framework) -> None:
        super().__init__(framework)
        framework.observe(self.on.update_status, self._on_update_status)

    def _on_update_status(self, _: ops.EventBase) -> None:
        _Charm.seen.append(("charm", gc.get_threshold()[:2]))
        if _Charm.set_during_run is not None:
            gc.set_threshold(*_Charm.set_during_run)
        relation = self.model.get_relation("db")
        assert relation is not None
        relation.data[self.unit]["seen"] = "yes"


@pytest.fixture(autouse=True)
def default_collector() -> Iterator[tuple[int, int, int]]:
    """The collector enabled with CPython's default thresholds; put back afterwards."""
    was_enabled, threshold = gc.isenabled(), gc.get_threshold()
    gc.enable()
    gc.set_threshold(700, 10, 10)
    _Charm.seen, _Charm.set_during_run = [], None
    yield (700, 10, 10)
    gc.set_threshold(*threshold)
    if not was_enabled:
        gc.disable()


def _state() -> State:
    return State(relations=[Relation("db", remote_app_data={"k": "v"})])


def _run() -> State:
    return Context(_Charm, meta=META).run("update-status", _state())


def test_conversions_and_the_charm_run_with_the_raised_threshold(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    to_doc, from_doc = _doc.state_to_doc, _doc.state_from_doc

    def spy_to_doc(state: State) -> _doc.Doc:
        _Charm.seen.append(("to", gc.get_threshold()[:2]))
        return to_doc(state)

    def spy_from_doc(*args: object, **kwargs: object) -> State:
        _Charm.seen.append(("from", gc.get_threshold()[:2]))
        return from_doc(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(_doc, "state_to_doc", spy_to_doc)
    monkeypatch.setattr(_doc, "state_from_doc", spy_from_doc)
    out = _run()

    raised = (RAISED, 10)
    assert _Charm.seen == [("to", raised), ("charm", raised), ("from", raised)]
    assert gc.get_threshold()[:2] == (700, 10)
    assert gc.isenabled()
    assert out.relations[0].local_unit_data == {"seen": "yes"}


class _Reader(ops.CharmBase):
    def __init__(self, framework: ops.Framework) -> None:
        super().__init__(framework)
        framework.observe(self.on.update_status, self._on_update_status)

    def _on_update_status(self, _: ops.EventBase) -> None:
        units = sum(len(relation.units) for relation in self.model.relations["db"])
        self.unit.status = ops.ActiveStatus(f"{units} units")


def test_a_run_of_usual_size_starts_no_young_collection() -> None:
    # 100 relations of 10 units: the charm's model holds thousands of live objects.
    state = State(
        relations=[
            Relation("db", remote_units_data={unit: {"k": "v"} for unit in range(10)})
            for _ in range(100)
        ]
    )
    ctx = Context(_Reader, meta=META)
    assert ctx.run("update-status", state).unit_status == ops.ActiveStatus("1000 units")
    collections: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collections.append(info["generation"])

    gc.callbacks.append(count)
    try:
        for _ in range(3):
            gc.collect()
            collections.clear()
            ctx.run("update-status", state)
            # At most one, young: at the first allocation after the run's threshold.
            assert collections in ([], [0])
    finally:
        gc.callbacks.remove(count)


def test_a_disabled_collector_stays_disabled() -> None:
    gc.disable()
    out = _run()
    assert _Charm.seen == [("charm", (700, 10))]  # nothing to defer: not raised
    assert not gc.isenabled()
    assert gc.get_threshold()[:2] == (700, 10)
    assert out.relations[0].local_unit_data == {"seen": "yes"}


@pytest.mark.parametrize("threshold", [(0, 10, 10), (RAISED * 2, 10, 10)])
def test_a_threshold_off_or_already_high_is_left_alone(threshold: tuple[int, int, int]) -> None:
    gc.set_threshold(*threshold)
    _run()
    assert _Charm.seen == [("charm", threshold[:2])]
    assert gc.get_threshold()[:2] == threshold[:2]


def test_a_threshold_the_charm_sets_is_kept() -> None:
    _Charm.set_during_run = (1234, 5, 6)
    _run()
    assert gc.get_threshold()[:2] == (1234, 5)


def test_older_generations_the_charm_tunes_keep_their_thresholds() -> None:
    _Charm.set_during_run = (RAISED, 20, 10)  # what get_threshold() read, tuned
    _run()
    assert gc.get_threshold()[:2] == (700, 20)


def test_the_threshold_is_restored_when_the_charm_raises() -> None:
    ctx = Context(_Charm, meta=META)
    with pytest.raises(UncaughtCharmError, match="AssertionError"):
        ctx.run("update-status", State())  # no relation: the charm's assert fails
    assert gc.get_threshold()[:2] == (700, 10)


def test_nested_managers_restore_once() -> None:
    with _collector.FewerCollections():
        with _collector.FewerCollections():
            assert gc.get_threshold()[:2] == (RAISED, 10)
        assert gc.get_threshold()[:2] == (RAISED, 10)
    assert gc.get_threshold()[:2] == (700, 10)


class _Remembers(ops.CharmBase):
    """Keeps weak references to each run's objects, to see when they go."""

    charms: list[weakref.ref[ops.CharmBase]] = []
    models: list[weakref.ref[ops.Model]] = []
    backends: list[weakref.ref[object]] = []

    def __init__(self, framework: ops.Framework) -> None:
        super().__init__(framework)
        _Remembers.charms.append(weakref.ref(self))
        _Remembers.models.append(weakref.ref(self.model))
        _Remembers.backends.append(weakref.ref(self.model._backend))
        framework.observe(self.on.go_action, self._on_go)
        framework.observe(self.on.db_relation_changed, self._on_changed)
        framework.observe(self.on.app_pebble_ready, self._on_ready)

    def _on_go(self, event: ops.ActionEvent) -> None:
        event.set_results({"done": True})

    def _on_changed(self, event: ops.RelationChangedEvent) -> None:
        event.relation.data[self.unit]["seen"] = str(len(event.relation.units))

    def _on_ready(self, event: ops.PebbleReadyEvent) -> None:
        event.workload.push("/etc/app.conf", "x", make_dirs=True)
        event.workload.replan()


_REMEMBERS_META = {
    "name": "remembers",
    "requires": {"db": {"interface": "db"}},
    "containers": {"app": {}},
}


def _remembering_context() -> Context:
    _Remembers.charms, _Remembers.models, _Remembers.backends = [], [], []
    return Context(_Remembers, meta=_REMEMBERS_META, actions={"go": {}})


def _run_remembers(ctx: Context, kind: str) -> None:
    relation = Relation("db", remote_units_data={0: {"k": "v"}})
    container = Container("app", can_connect=True)
    if kind == "action":
        assert ctx.run_action("go", State()).results == {"done": True}
    elif kind == "relation":
        ctx.run(relation.changed_event, State(relations=[relation]))
    elif kind == "pebble":
        ctx.run(container.pebble_ready_event, State(containers=[container]))
    else:
        ctx.run(kind, State())


@pytest.mark.parametrize("kind", ["start", "action", "relation", "pebble"])
def test_a_finished_run_is_freed_without_the_collector(kind: str) -> None:
    # Nothing of a run is in a reference cycle: what the Context's events do not keep
    # goes when the run ends.
    ctx = _remembering_context()
    gc.collect()
    gc.disable()
    try:
        _run_remembers(ctx, kind)
        assert _Remembers.charms[0]() is None
        # The events keep their framework, and so its model and backend, as in ops.
        assert _Remembers.models[0]() is not None
        ctx.emitted_events.clear()
        assert _Remembers.models[0]() is None
        assert _Remembers.backends[0]() is None
    finally:
        gc.enable()


@pytest.mark.parametrize("kind", ["start", "action"])
def test_no_collection_scans_a_finished_runs_objects(kind: str) -> None:
    # The young threshold comes back only once the run's own objects are gone: were it
    # back while Context.run still held them, the collection it starts would scan them
    # alive and move them to an older generation.
    ctx = _remembering_context()
    seen_alive: list[bool] = []

    def watch(phase: str, _: dict[str, int]) -> None:
        if phase == "start" and _Remembers.charms:
            seen_alive.append(_Remembers.charms[-1]() is not None)

    gc.collect()
    gc.set_threshold(50, 10, 10)  # a young collection right after the run
    gc.callbacks.append(watch)
    try:
        _run_remembers(ctx, kind)
        # A tracked object from no free list: a collection that is due starts here.
        due = types.SimpleNamespace()
    finally:
        gc.callbacks.remove(watch)
    assert due is not None and seen_alive and not any(seen_alive)


@pytest.mark.parametrize("kind", ["start", "action", "relation", "pebble"])
def test_a_run_leaves_no_garbage_for_the_collector(kind: str) -> None:
    # Once its subclasses are made (the first run of a charm class), a run makes no
    # reference cycle at all: not even its charm's class of events, made once.
    ctx = _remembering_context()
    _run_remembers(ctx, kind)
    gc.collect()
    gc.disable()
    try:
        for _ in range(3):
            _run_remembers(ctx, kind)
        ctx.emitted_events.clear()
        assert gc.collect() == 0
    finally:
        gc.enable()
