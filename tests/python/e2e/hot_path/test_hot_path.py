# SPDX-License-Identifier: Apache-2.0
"""tests/python/e2e/hot_path/test_hot_path.py: what a run no longer does, and still gets right.

Each test pins one saving measured by benchmarks/run.py (see docs/performance.md),
together with the behaviour the saving must keep.
"""

from __future__ import annotations

import inspect
import pathlib

import ops
import pytest
import yaml
from scenario import Context, Relation, State


class _RelationCharm(ops.CharmBase):
    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.db_relation_changed, self._on_changed)

    def _on_changed(self, event: ops.RelationChangedEvent) -> None:
        assert event.unit is not None
        self.unit.status = ops.ActiveStatus(f"{event.relation.id} {event.unit.name}")


_META = {"name": "hot", "requires": {"db": {"interface": "db"}}}


class _ActionCharm(ops.CharmBase):
    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.act_action, self._on_act)

    def _on_act(self, event: ops.ActionEvent) -> None:
        event.set_results({"id": event.id})


_NEEDS_JUJU_CONTEXT = pytest.mark.skipif(
    "juju_context" not in inspect.signature(ops.model._ModelBackend.__init__).parameters,
    reason="ops before 2.16 has no JujuContext: nothing is read twice there",
)


@pytest.fixture
def built_juju_contexts(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, str]]:
    """The environments ops' JujuContext is built from from now on (none cached yet)."""
    from scenario import _ops_adapter

    real = _ops_adapter._JUJU_CONTEXT_FROM_DICT
    calls: list[dict[str, str]] = []

    def counting(env):
        calls.append(dict(env))
        return real(env)

    monkeypatch.setattr(_ops_adapter, "_JUJU_CONTEXT_FROM_DICT", counting)
    monkeypatch.setattr(_ops_adapter, "_JUJU_CONTEXTS", {})
    return calls


@_NEEDS_JUJU_CONTEXT
def test_runs_with_the_same_juju_environment_share_one_context(built_juju_contexts):
    calls = built_juju_contexts
    relation = Relation("db", remote_units_data={3: {}})
    state = State(relations=[relation])
    ctx = Context(_RelationCharm, meta=_META)
    for _ in range(3):
        out = ctx.run(relation.changed_event, state)
        # The event's arguments still come from that context: relation and remote unit.
        assert out.unit_status == ops.ActiveStatus(f"{relation.relation_id} remote/3")
    assert len(calls) == 1
    # Another remote unit is another environment, and gets its own context.
    other = relation.changed_event(remote_unit_id=4)
    state = State(relations=[relation.replace(remote_units_data={3: {}, 4: {}})])
    assert ctx.run(other, state).unit_status == ops.ActiveStatus(
        f"{relation.relation_id} remote/4"
    )
    assert len(calls) == 2


@_NEEDS_JUJU_CONTEXT
def test_new_contexts_share_a_context_and_their_charm_root(built_juju_contexts):
    calls = built_juju_contexts
    seen = []
    for _ in range(3):
        ctx = Context(_RelationCharm, meta=_META)
        for _ in range(2):
            with ctx.manager("start", State()) as mgr:
                juju_context = mgr.charm.framework.model._backend._juju_context
                seen.append((juju_context.charm_dir, mgr.charm.charm_dir))
    assert len(calls) == 1
    assert len({charm_dir for charm_dir, _ in seen}) == 1  # no run changed the root
    assert all(
        charm_dir == charm_dir.resolve() == seen_by_charm for charm_dir, seen_by_charm in seen
    )


def test_the_charm_dir_is_resolved_as_ops_resolves_it(tmp_path: pathlib.Path):
    real = tmp_path / "real"
    real.mkdir()
    (tmp_path / "link").symlink_to(real)
    ctx = Context(_RelationCharm, meta=_META, charm_root=tmp_path / "link" / ".." / "link")
    with ctx.manager("start", State()) as mgr:
        assert mgr.charm.charm_dir == real
        assert (mgr.charm.charm_dir / "metadata.yaml").is_file()


def test_a_scratch_directory_under_a_symlink_is_resolved(
    tmp_path: pathlib.Path, monkeypatch: pytest.MonkeyPatch
):
    real = tmp_path / "scratch"
    real.mkdir()
    (tmp_path / "link").symlink_to(real)
    monkeypatch.setenv("SCENARIO_TMPDIR", str(tmp_path / "link"))
    with Context(_RelationCharm, meta=_META).manager("start", State()) as mgr:
        assert mgr.charm.charm_dir.parent.parent == real


@_NEEDS_JUJU_CONTEXT
def test_action_runs_share_a_context_but_not_their_action_id(monkeypatch: pytest.MonkeyPatch):
    from scenario import Action, _ops_adapter

    monkeypatch.setattr(_ops_adapter, "_JUJU_CONTEXTS", {})
    ctx = Context(_ActionCharm, meta={"name": "hot"}, actions={"act": {}})
    ids = [ctx.run_action(Action("act"), State()).results["id"] for _ in range(3)]
    assert len(set(ids)) == 3
    assert len(_ops_adapter._JUJU_CONTEXTS) == 1


def test_contexts_of_one_spec_share_a_charm_root_and_other_specs_have_theirs():
    first = Context(_RelationCharm, meta=_META)
    second = Context(_RelationCharm, meta=dict(_META))
    other = Context(_RelationCharm, meta={**_META, "name": "other"})
    roots = []
    for ctx in (first, second, other):
        with ctx.manager("start", State()) as mgr:
            roots.append(pathlib.Path(mgr.charm.charm_dir))
    assert roots[0] == roots[1] != roots[2]
    assert yaml.safe_load((roots[0] / "metadata.yaml").read_text())["name"] == "hot"
    assert yaml.safe_load((roots[2] / "metadata.yaml").read_text())["name"] == "other"


def test_files_a_charm_writes_in_its_root_stay_with_its_context():
    first = Context(_RelationCharm, meta=_META)
    with first.manager("start", State()) as mgr:
        root = pathlib.Path(mgr.charm.charm_dir)
        (root / "left-behind").write_text("x")
        (root / "metadata.yaml").unlink()
    with Context(_RelationCharm, meta=_META).manager("start", State()) as mgr:
        other = pathlib.Path(mgr.charm.charm_dir)
        assert not (other / "left-behind").exists()
        assert yaml.safe_load((other / "metadata.yaml").read_text())["name"] == "hot"
    first.cleanup()
    assert not root.exists()


class _EventListingCharm(ops.CharmBase):
    seen: list[set[str]] = []

    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        names = {name for name in dir(type(self.on)) if name.endswith("_relation_changed")}
        _EventListingCharm.seen.append(names)


def test_one_charm_class_with_two_specs_keeps_each_runs_events_apart():
    """The charm's subclass is made once, but each run's events are its own."""
    _EventListingCharm.seen = []
    db = Context(_EventListingCharm, meta={"name": "a", "requires": {"db": {"interface": "x"}}})
    web = Context(_EventListingCharm, meta={"name": "b", "requires": {"web": {"interface": "y"}}})
    for ctx in (db, web, db, web):
        ctx.run("start", State())
    assert _EventListingCharm.seen == [
        {"db_relation_changed"},
        {"web_relation_changed"},
        {"db_relation_changed"},
        {"web_relation_changed"},
    ]
    assert not hasattr(type(_EventListingCharm.on), "db_relation_changed")


class _DefinesItsOwnEvents(ops.CharmBase):
    """Defines an event of a type made anew in every ``__init__``, as some libraries do."""

    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        made = type("MadeEvent", (ops.EventBase,), {})
        self.on.define_event("made", made)
        framework.observe(self.on.made, self._on_made)
        framework.observe(self.on.start, self._on_start)

    def _on_start(self, _: ops.StartEvent) -> None:
        self.on.made.emit()

    def _on_made(self, _: ops.EventBase) -> None:
        self.unit.status = ops.ActiveStatus("made")


def test_a_charm_defines_the_same_events_again_in_every_run():
    ctx = Context(_DefinesItsOwnEvents, meta={"name": "definer"})
    for _ in range(3):
        assert ctx.run("start", State()).unit_status == ops.ActiveStatus("made")
    assert [e.handle.kind for e in ctx.emitted_events] == ["start", "made"] * 3


def test_a_runs_charm_keeps_its_events_until_the_next_run_of_its_class():
    ctx = Context(_EventListingCharm, meta={"name": "a", "requires": {"db": {"interface": "x"}}})
    with ctx.manager("start", State()) as mgr:
        charm = mgr.charm
        mgr.run()
    assert isinstance(charm.on.db_relation_changed, ops.framework.BoundEvent)
    Context(_EventListingCharm, meta={"name": "b"}).run("start", State())
    assert not hasattr(charm.on, "db_relation_changed")


class _FooEvent(ops.EventBase):
    pass


class _EventsWithFoo(ops.CharmEvents):
    foo = ops.EventSource(_FooEvent)


class _ReportsFoo(ops.CharmBase):
    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.start, self._on_start)

    def _on_start(self, _: ops.StartEvent) -> None:
        self.unit.status = ops.ActiveStatus(f"foo: {hasattr(self.on, 'foo')}")


def test_a_charm_class_whose_on_a_test_replaces_runs_with_the_new_one(monkeypatch):
    ctx = Context(_ReportsFoo, meta={"name": "reports"})
    assert ctx.run("start", State()).unit_status == ops.ActiveStatus("foo: False")
    monkeypatch.setattr(_ReportsFoo, "on", _EventsWithFoo())
    assert ctx.run("start", State()).unit_status == ops.ActiveStatus("foo: True")
    monkeypatch.undo()
    assert ctx.run("start", State()).unit_status == ops.ActiveStatus("foo: False")


def test_contexts_with_one_spec_share_ops_charm_meta():
    metas = []
    for meta in (_META, dict(_META), {**_META, "name": "other"}):
        with Context(_RelationCharm, meta=meta).manager("start", State()) as mgr:
            metas.append(mgr.charm.meta)
    assert metas[0] is metas[1]
    assert metas[2] is not metas[0]
    assert [m.name for m in metas] == ["hot", "hot", "other"]
    assert "db" in metas[0].requires


class _NestingCharm(ops.CharmBase):
    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.update_status, self._on_update_status)
        framework.observe(self.on.config_changed, self._on_config_changed)

    def _on_update_status(self, _: ops.UpdateStatusEvent) -> None:
        self.unit.status = ops.ActiveStatus("outer")

    def _on_config_changed(self, _: ops.ConfigChangedEvent) -> None:
        self.unit.status = ops.ActiveStatus("inner")


def test_a_run_of_the_same_charm_class_inside_an_open_run():
    """The open run keeps its charm's subclass and events; the inner one gets its own."""
    meta = {"name": "nest"}
    with Context(_NestingCharm, meta=meta).manager("update_status", State()) as mgr:
        inner = Context(_NestingCharm, meta=meta).run("config_changed", State())
        assert inner.unit_status == ops.ActiveStatus("inner")
        assert isinstance(mgr.charm.on, ops.CharmEvents)
        out = mgr.run()
    assert out.unit_status == ops.ActiveStatus("outer")
    # and the next run reuses the class's subclass again
    again = Context(_NestingCharm, meta=meta).run("update_status", State())
    assert again.unit_status == ops.ActiveStatus("outer")


def test_charm_meta_without_a_name_is_not_mistaken_for_one_with_it():
    """ops sees the metadata as given, whichever Context of the two comes first."""
    requires = {"db": {"interface": "db"}}
    for order in ((False, True), (True, False)):

        class Named(ops.CharmBase):
            pass

        seen = {}
        for named in order:
            meta = {"requires": requires, **({"name": "Named"} if named else {})}
            with Context(Named, meta=meta).manager("start", State()) as mgr:
                seen[named] = mgr.charm.meta.name
        assert seen == {True: "Named", False: ""}


def test_an_events_owner_path_is_its_own():
    from scenario import Event

    Event("my_lib.on.foo").owner_path.append("x")
    assert Event("my_lib.on.foo").owner_path == ["my_lib", "on"]


def _metadata_file(ctx: Context) -> dict:
    with ctx.manager("start", State()) as mgr:
        return yaml.safe_load((mgr.charm.charm_dir / "metadata.yaml").read_text())


def test_charm_root_files_are_dumped_once_per_spec_as_given():
    """The YAML text is shared by Contexts with one spec; each file is the spec as given
    (a nameless one stays nameless; tuples are written as lists)."""
    requires = {"db": {"interface": "db", "scope": "global"}}

    class Nameless(ops.CharmBase):
        pass

    contexts = [
        Context(Nameless, meta={"requires": requires, "tags": ("a", "b")}),
        Context(Nameless, meta={"requires": requires, "tags": ("a", "b")}),
        Context(Nameless, meta={"name": "Nameless", "requires": requires, "tags": ["a", "b"]}),
    ]
    files = [ctx.charm_spec.yaml_files for ctx in contexts]
    assert files[0] is files[1]
    assert files[2] is not files[0]
    assert _metadata_file(contexts[0]) == {"requires": requires, "tags": ["a", "b"]}
    assert _metadata_file(contexts[2]) == {
        "name": "Nameless",
        "requires": requires,
        "tags": ["a", "b"],
    }
