# SPDX-License-Identifier: Apache-2.0
"""Converting State and Event dataclasses to and from engine documents (``scenario._doc``)."""

from __future__ import annotations

import copy
import dataclasses
import datetime
import enum
import json
import pathlib

import ops
import pytest
from ops import pebble
from scenario import _core, _doc
from scenario.errors import StateValidationError
from scenario.state import (
    Action,
    Container,
    DeferredEvent,
    Event,
    ExecOutput,
    Model,
    Mount,
    Network,
    PeerRelation,
    Port,
    Relation,
    Secret,
    State,
    Storage,
    StoredState,
    SubordinateRelation,
)

UTC = datetime.timezone.utc


def full_state() -> State:
    """A State using every feature the document format carries."""
    layer = pebble.Layer(
        {
            "summary": "web",
            "services": {
                "web": {
                    "override": "replace",
                    "command": "web --port 80",
                    "startup": "enabled",
                    "environment": {"PORT": "80"},
                    "after": ["db"],
                },
            },
            "checks": {
                "up": {"override": "replace", "level": "alive", "http": {"url": "http://x/"}},
            },
        }
    )
    return State(
        config={"s": "x", "i": 3, "f": 1.5, "b": True},
        relations=[
            Relation(
                "db",
                relation_id=1,
                remote_app_name="postgresql",
                limit=2,
                local_app_data={"la": "1"},
                local_unit_data={"lu": "2"},
                remote_app_data={"ra": "3"},
                remote_units_data={0: {"ru": "4"}, 5: {}},
            ),
            PeerRelation(
                "cluster", interface="cluster", relation_id=2, peers_data={1: {"p": "q"}}
            ),
            SubordinateRelation(
                "info",
                relation_id=3,
                remote_app_name="ubuntu",
                remote_unit_id=4,
                remote_unit_data={"k": "v"},
            ),
        ],
        networks=[Network.default("db", mac_address="aa:bb:cc:dd:ee:ff")],
        containers=[
            Container(
                "web",
                can_connect=True,
                layers={"base": layer},
                service_status={"web": pebble.ServiceStatus.ACTIVE},
                mounts={"cfg": Mount("/etc/web", pathlib.Path("/tmp/web-cfg"))},
                exec_mock={("ls", "-l"): ExecOutput(1, "out", "err")},
            ),
            Container("idle"),
        ],
        storage=[Storage("data", index=0), Storage("data", index=1)],
        opened_ports=[Port("tcp", 80), Port("udp", 53), Port("icmp")],
        leader=True,
        model=Model("my-model", "11111111-2222-4333-8444-555555555555", "lxd"),
        secrets=[
            Secret(
                "secret:abc",
                {1: {"password": "x"}, 2: {"password": "y"}},
                owner="application",
                revision=2,
                remote_grants={1: {"postgresql/0", "postgresql"}},
                label="pw",
                description="the password",
                expire=datetime.datetime(2030, 1, 2, 3, 4, 5, tzinfo=UTC),
                rotate=ops.SecretRotate.MONTHLY,
            ),
            Secret("theirs", {0: {"a": "b"}}, granted="unit"),
            Secret("naive", {0: {}}, owner="unit", expire=datetime.datetime(2031, 5, 6, 7, 8, 9)),
        ],
        resources={"image": pathlib.Path("/tmp/image.tar"), "cfg": "/tmp/cfg"},
        planned_units=3,
        unit_id=2,
        deferred=[DeferredEvent("MyCharm/on/start[1]", "MyCharm", "_on_start", {"x": [1]})],
        stored_state=[StoredState("MyCharm", content={"n": 1, "l": [1, 2]})],
        app_status=ops.ActiveStatus("ok"),
        unit_status=ops.BlockedStatus("need db"),
        workload_version="1.2.3",
    )


def engine_round_trip(doc: dict) -> dict:
    """What the engine writes back after reading ``doc``."""
    return json.loads(_core.state_to_json(_core.state_from_json(json.dumps(doc))))


def mutable_ids(obj: object, seen: set[int] | None = None) -> set[int]:
    """The ids of every mutable object reachable from ``obj``."""
    seen = set() if seen is None else seen
    leaves = (str, bytes, int, float, bool, type(None), pathlib.PurePath, datetime.datetime)
    if isinstance(obj, (*leaves, enum.Enum, type)):
        return seen
    if id(obj) in seen:
        return seen
    if isinstance(obj, (dict, list, set)):
        seen.add(id(obj))
    children: list[object] = []
    if isinstance(obj, dict):
        children = [*obj.keys(), *obj.values()]
    elif isinstance(obj, (list, tuple, set, frozenset)):
        children = list(obj)
    elif dataclasses.is_dataclass(obj):
        seen.add(id(obj))
        children = [getattr(obj, f.name) for f in dataclasses.fields(obj)]
    elif hasattr(obj, "__dict__"):
        seen.add(id(obj))
        children = list(vars(obj).values())
    for child in children:
        mutable_ids(child, seen)
    return seen


def shared_mutables(a: object, b: object) -> set[int]:
    # Frozen dataclasses holding only immutable values may be shared; strip them.
    immutable = {id(x) for x in _immutable_dataclasses(a)}
    return (mutable_ids(a) & mutable_ids(b)) - immutable


def _immutable_dataclasses(obj: object) -> list[object]:
    found = []
    for value in _walk(obj):
        if isinstance(value, (Model, Storage, Port, Mount, ExecOutput)):
            found.append(value)
        if type(value).__name__.startswith("_Entity"):
            found.append(value)
        if type(value).__name__ == "Address":
            found.append(value)
    return found


def _walk(obj: object):
    yield obj
    if isinstance(obj, dict):
        for v in obj.values():
            yield from _walk(v)
    elif isinstance(obj, (list, tuple)):
        for v in obj:
            yield from _walk(v)
    elif dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        for f in dataclasses.fields(obj):
            yield from _walk(getattr(obj, f.name))


# --- state_to_doc -------------------------------------------------------------------------


def test_state_to_doc_is_accepted_by_the_engine():
    doc = _doc.state_to_doc(full_state())
    assert _core.validate_state_json(json.dumps(doc)) == []
    _core.state_from_json(json.dumps(doc))


def test_state_to_doc_default_state_matches_the_engine_defaults():
    doc = _doc.state_to_doc(State())
    written = engine_round_trip({})
    for key, value in doc.items():
        assert written[key] == value, key


def test_state_to_doc_is_what_the_engine_writes_back():
    # As JSON text: a unit id, an int in the State (and in the document), becomes text.
    doc = json.loads(json.dumps(_doc.state_to_doc(full_state())))
    written = engine_round_trip(doc)
    # The engine writes every layer key; ops' Layer.to_dict() leaves empty ones out.
    for container, written_container in zip(doc["containers"], written["containers"], strict=True):
        layers = container.pop("layers")
        written_layers = written_container.pop("layers")
        assert layers.keys() == written_layers.keys()
        for label, layer in layers.items():
            assert {**written_layers[label], **layer} == written_layers[label]
    for key, value in doc.items():
        assert written[key] == value, key


def test_state_to_doc_spellings():
    doc = _doc.state_to_doc(full_state())
    regular, peer, sub = doc["relations"]
    assert (regular["kind"], peer["kind"], sub["kind"]) == ("regular", "peer", "subordinate")
    # Unit ids stay ints: the engine reads them as the text the state format spells.
    assert regular["remote_units_data"] == {0: {"ru": "4"}, 5: {}}
    assert peer["peers_data"] == {1: {"p": "q"}}
    assert sub["remote_unit_id"] == 4
    assert regular["interface"] == ""
    owned, theirs, naive = doc["secrets"]
    assert owned["owner"] == "app"
    assert owned["contents"] == {"1": {"password": "x"}, "2": {"password": "y"}}
    assert owned["remote_grants"] == {"1": ["postgresql", "postgresql/0"]}
    assert owned["expire"] == "2030-01-02T03:04:05+00:00"
    assert owned["rotate"] == "monthly"
    assert theirs["owner"] is None and theirs["granted"] == "unit"
    assert naive["granted"] is False
    assert datetime.datetime.fromisoformat(naive["expire"]).tzinfo is not None
    container = doc["containers"][0]
    assert container["service_status"] == {"web": "active"}
    assert container["mounts"] == {"cfg": {"location": "/etc/web", "src": "/tmp/web-cfg"}}
    assert container["exec_mock"] == [
        {"command": ["ls", "-l"], "return_code": 1, "stdout": "out", "stderr": "err"},
    ]
    assert container["layers"]["base"]["services"]["web"]["environment"] == {"PORT": "80"}
    assert doc["opened_ports"][2] == {"protocol": "icmp", "port": None}
    assert doc["resources"] == {"image": "/tmp/image.tar", "cfg": "/tmp/cfg"}
    assert doc["unit_status"] == {"name": "blocked", "message": "need db"}
    assert "stored_state" not in doc and "deferred" not in doc


def test_state_to_doc_does_not_mutate_and_shares_only_relation_databags():
    # The engine reads the document at once: a relation's dicts go in as they are.
    state = full_state()
    before = copy.deepcopy(state)
    doc = _doc.state_to_doc(state)
    assert state == before
    databags: set[int] = set()
    for relation in state.relations:
        databags |= mutable_ids(relation)
    assert mutable_ids(doc) & mutable_ids(state) <= databags
    assert mutable_ids(doc) & mutable_ids(state)  # shared, not copied


# --- state_from_doc -----------------------------------------------------------------------


def test_state_from_an_engine_doc_reproduces_the_base():
    state = full_state()
    out = _doc.state_from_doc(engine_round_trip(_doc.state_to_doc(state)), state)
    assert out == state
    assert [type(r) for r in out.relations] == [Relation, PeerRelation, SubordinateRelation]
    assert out.relations[0].interface is None
    assert out.secrets[0].owner == "application"
    assert out.secrets[2].expire == state.secrets[2].expire
    assert isinstance(out.unit_status, ops.BlockedStatus)


def test_state_from_doc_does_not_mutate_or_alias_base_or_doc():
    state = full_state()
    before = copy.deepcopy(state)
    doc = engine_round_trip(_doc.state_to_doc(state))
    doc_before = copy.deepcopy(doc)
    out = _doc.state_from_doc(doc, state)
    assert state == before
    assert doc == doc_before
    assert out is not state
    assert not shared_mutables(out, state)
    assert not (mutable_ids(out) & mutable_ids(doc))


def test_state_from_doc_takes_what_the_engine_changed():
    state = full_state()
    doc = engine_round_trip(_doc.state_to_doc(state))
    doc["relations"][0]["local_app_data"] = {"new": "value"}
    doc["relations"][1]["local_unit_data"] = {"peer": "x"}
    doc["unit_status"] = {"name": "active", "message": "done"}
    doc["app_status"] = {"name": "waiting", "message": "w"}
    doc["workload_version"] = "2.0"
    doc["opened_ports"] = [{"protocol": "tcp", "port": 8080}]
    doc["containers"][0]["layers"]["extra"] = {
        "services": {"more": {"override": "replace", "command": "more"}},
    }
    doc["containers"][0]["service_status"] = {"web": "inactive", "more": "active"}
    doc["secrets"][0]["contents"]["3"] = {"password": "z"}
    doc["secrets"].append({"id": "secret:new", "contents": {"1": {"a": "b"}}, "owner": "app"})

    out = _doc.state_from_doc(doc, state)

    assert out.relations[0].local_app_data == {"new": "value"}
    assert out.relations[0].remote_units_data == state.relations[0].remote_units_data
    assert isinstance(out.relations[1], PeerRelation)
    assert out.relations[1].local_unit_data == {"peer": "x"}
    assert out.unit_status == ops.ActiveStatus("done")
    assert isinstance(out.app_status, ops.WaitingStatus)
    assert out.workload_version == "2.0"
    assert out.opened_ports == [Port("tcp", 8080)]
    web = out.containers[0]
    assert sorted(web.layers) == ["base", "extra"]
    assert isinstance(web.layers["extra"], pebble.Layer)
    assert "more" in web.plan.services
    assert web.service_status == {
        "web": pebble.ServiceStatus.INACTIVE,
        "more": pebble.ServiceStatus.ACTIVE,
    }
    assert web.mounts == state.containers[0].mounts
    assert web.exec_mock == state.containers[0].exec_mock
    assert out.secrets[0].contents[3] == {"password": "z"}
    assert out.secrets[-1] == Secret("secret:new", {1: {"a": "b"}}, owner="application")
    # Untouched by the engine: carried over from the base.
    assert out.networks == state.networks
    assert out.deferred == state.deferred
    assert out.stored_state == state.stored_state
    assert out.model == state.model
    assert out.leader is True and out.unit_id == 2 and out.planned_units == 3
    # And the base is as it was.
    assert state.relations[0].local_app_data == {"la": "1"}
    assert state.unit_status == ops.BlockedStatus("need db")


def test_state_from_doc_keeps_service_status_spelling():
    state = State(containers=[Container("c", service_status={"svc": "active"})])
    out = _doc.state_from_doc(engine_round_trip(_doc.state_to_doc(state)), state)
    assert out.containers[0].service_status == {"svc": "active"}


def test_state_from_doc_with_missing_keys_copies_the_base():
    state = full_state()
    out = _doc.state_from_doc({}, state)
    assert out == state
    assert not shared_mutables(out, state)


def test_state_from_doc_uses_given_deferred_and_stored_state():
    state = full_state()
    deferred = [DeferredEvent("MyCharm/on/install[2]", "MyCharm", "_on_install")]
    stored = [StoredState("MyCharm", content={"n": 2})]
    out = _doc.state_from_doc({}, state, deferred=deferred, stored_state=stored)
    assert out.deferred is deferred
    assert out.stored_state is stored


def test_state_from_doc_keeps_relation_subclasses():
    @dataclasses.dataclass(frozen=True)
    class MyRelation(Relation):
        note: list[str] = dataclasses.field(default_factory=list)

    relation = MyRelation("db", relation_id=1, note=["x"])
    state = State(relations=[relation])
    out = _doc.state_from_doc(engine_round_trip(_doc.state_to_doc(state)), state)
    assert type(out.relations[0]) is MyRelation
    assert out.relations[0] == relation
    assert out.relations[0].note is not relation.note


def _full_path_output(state: State) -> State:
    """The output State when every entity comes back as a document."""
    return _doc.state_from_doc(engine_round_trip(_doc.state_to_doc(state)), state)


def test_state_from_doc_copies_base_entities_named_by_identity():
    state = full_state()
    doc = {"relations": [1, 2, 3], "containers": ["web", "idle"], "secrets": ["secret:abc"]}
    out = _doc.state_from_doc(doc, state)
    full = _full_path_output(state)
    assert out.relations == full.relations == state.relations
    assert [type(r) for r in out.relations] == [Relation, PeerRelation, SubordinateRelation]
    assert out.relations[0].interface is None
    assert out.containers == full.containers
    assert [type(c.layers["base"]) for c in out.containers[:1]] == [pebble.Layer]
    # The two other secrets were removed by the run.
    assert out.secrets == full.secrets[:1]
    assert not shared_mutables(out, state)


def test_state_from_doc_without_entity_lists_copies_every_base_entity():
    state = full_state()
    out = _doc.state_from_doc({}, state)
    assert out.relations == _full_path_output(state).relations
    assert not shared_mutables(out, state)
    out.relations[0].local_app_data["new"] = "x"
    out.relations[0].remote_units_data[0]["new"] = "x"
    out.relations[1].peers_data[1]["new"] = "x"
    out.relations[2].remote_unit_data["new"] = "x"
    assert state == full_state()


def test_state_from_doc_mixes_identities_and_documents_in_the_engine_order():
    state = full_state()
    written = engine_round_trip(_doc.state_to_doc(state))
    changed = written["relations"][0]
    changed["local_app_data"] = {"new": "value"}
    added = dict(written["secrets"][0], id="secret:new", label=None)
    doc = {"relations": [3, changed, 2], "secrets": ["naive", added]}
    out = _doc.state_from_doc(doc, state)
    assert [r.relation_id for r in out.relations] == [3, 1, 2]
    assert out.relations[1].local_app_data == {"new": "value"}
    assert out.relations[0] == state.relations[2]
    assert [s.id for s in out.secrets] == ["naive", "secret:new"]
    assert out.secrets[0] == state.secrets[2]


def test_state_from_doc_copies_a_relation_subclass_named_by_identity():
    @dataclasses.dataclass(frozen=True)
    class MyRelation(Relation):
        note: list[str] = dataclasses.field(default_factory=list)

    relation = MyRelation("db", relation_id=1, note=["x"])
    out = _doc.state_from_doc({"relations": [1]}, State(relations=[relation]))
    assert type(out.relations[0]) is MyRelation
    assert out.relations[0] == relation
    assert out.relations[0].note is not relation.note


def test_state_from_doc_keeps_the_unit_keys_the_engine_would_give():
    relation = Relation("db", relation_id=1, remote_units_data={"3": {"k": "v"}})  # type: ignore[dict-item]  # a str unit id, as a test may write it
    out = _doc.state_from_doc({}, State(relations=[relation]))
    assert out.relations[0].remote_units_data == {3: {"k": "v"}}


def test_copy_unit_databags_copies_each_databag_and_converts_the_unit_ids():
    class Bag(dict):
        pass

    units = {0: {"a": "b"}, "3": Bag(k="v")}
    as_int = _core.copy_unit_databags(units, as_text=False)
    assert as_int == {0: {"a": "b"}, 3: {"k": "v"}}
    assert [type(b) for b in as_int.values()] == [dict, dict]
    as_text = _core.copy_unit_databags(units, as_text=True)
    assert as_text == {"0": {"a": "b"}, "3": {"k": "v"}}
    assert not (mutable_ids(as_int) & mutable_ids(units))
    assert not (mutable_ids(as_text) & mutable_ids(units))
    with pytest.raises(ValueError):
        _core.copy_unit_databags({"x": {}}, as_text=False)
    with pytest.raises(TypeError):
        _core.copy_unit_databags([], as_text=True)  # type: ignore[arg-type]  # not a dict


# --- Session documents ----------------------------------------------------------------------

_SESSION_META = """
name: app
requires: {db: {interface: pgsql}, info: {interface: juju-info, scope: container}}
peers: {cluster: {interface: cluster}}
containers: {web: {}, idle: {}}
"""


def _session(doc: dict) -> _core.Session:
    return _core.Session(
        _core.load_charm_spec(_SESSION_META),
        doc,
        {"path": "update_status"},
        app_name="app",
        juju_version="3.4.0",
    )


def test_session_changed_only_doc_names_unchanged_entities_by_identity():
    state = full_state()
    session = _session(_doc.state_to_doc(state))
    entity_lists = {"relations", "containers", "secrets"}
    assert session.state_doc(changed_only=True) == {}  # nothing changed: nothing to say
    assert _doc.state_from_doc({}, state) == state
    assert session.run(["relation-set", "-r", "2", "k=v"])[0] == 0
    assert session.run(["status-set", "active", "fine"])[0] == 0
    changes = session.state_doc(changed_only=True)
    full = session.state_doc()
    assert changes == {
        **{key: value for key, value in full.items() if key not in entity_lists},
        "relations": [1, full["relations"][1], 3],
    }
    assert changes["unit_status"] == {"name": "active", "message": "fine"}
    out = _doc.state_from_doc(changes, state)
    assert out == _doc.state_from_doc(full, state)
    assert out.relations[1].local_unit_data == {"k": "v"}


_RELATION_DOCS = [
    {"endpoint": "db", "relation_id": 1},
    {"endpoint": "db", "relation_id": 1, "kind": "regular", "interface": "x", "limit": 3},
    {
        "endpoint": "db",
        "relation_id": 4,
        "remote_app_name": "pg",
        "remote_app_data": {"a": "b"},
        "remote_units_data": {"10": {"k": "v"}, "2": {}},
        "local_app_data": {"z": "1", "a": "2"},
        "local_unit_data": {"u": ""},
    },
    {
        # Many keys in an order that is not the map's, some sharing prefixes, non-ASCII.
        "endpoint": "db",
        "relation_id": 5,
        "remote_app_data": {**{f"k{i}": str(i) for i in reversed(range(150))}, "é": "è"},
        "remote_units_data": {"0": {f"u{i % 7}{i}": "v" for i in range(60)}},
    },
    {"endpoint": "cluster", "relation_id": 2, "kind": "peer"},
    {"endpoint": "cluster", "relation_id": 2, "kind": "peer", "peers_data": {"1": {"p": "q"}}},
    {"endpoint": "info", "relation_id": 3, "kind": "subordinate"},
    {
        "endpoint": "info",
        "relation_id": 3,
        "kind": "subordinate",
        "remote_app_name": "ubuntu",
        "remote_unit_id": 7,
        "remote_unit_data": {"k": "v"},
        "remote_app_data": {"a": "b"},
    },
]


@pytest.mark.parametrize("relation", _RELATION_DOCS)
def test_session_reads_relations_as_the_json_reader_does(relation: dict):
    doc = {"relations": [relation], "leader": True}
    assert _session(doc).state_doc() == engine_round_trip(doc)


def _unit_ids_as_text(relation: dict) -> dict:
    """``relation`` as the state format spells it: each unit id as str(id)."""
    return {
        key: {str(unit): bag for unit, bag in value.items()}
        if key in ("remote_units_data", "peers_data")
        else value
        for key, value in relation.items()
    }


_INT_KEYED_RELATION_DOCS = [
    {"endpoint": "db", "relation_id": 4, "remote_units_data": {10: {"k": "v"}, 2: {}}},
    {"endpoint": "db", "relation_id": 4, "remote_units_data": {10: {"k": "v"}, "2": {}}},
    {"endpoint": "db", "relation_id": 4, "remote_units_data": {2**31 - 1: {}}},
    # The same unit twice, as 1 and "1": the last one wins, as when its id is text.
    {"endpoint": "db", "relation_id": 4, "remote_units_data": {1: {"a": "x"}, "1": {"b": "y"}}},
    {"endpoint": "cluster", "relation_id": 2, "kind": "peer", "peers_data": {1: {"p": "q"}}},
]


@pytest.mark.parametrize("relation", _INT_KEYED_RELATION_DOCS)
def test_session_reads_int_unit_ids_as_their_text(relation: dict):
    doc = {"relations": [relation]}
    assert _session(doc).state_doc() == engine_round_trip(
        {"relations": [_unit_ids_as_text(relation)]}
    )


@pytest.mark.parametrize(
    "units",
    [{-1: {}}, {True: {}}, {2**40: {}}, {3: []}, {3: {"k": 1}}],
    ids=["negative", "bool", "too-large", "not-a-databag", "not-text"],
)
def test_session_reports_bad_int_unit_ids_by_their_text(units: dict):
    relation = {"endpoint": "db", "relation_id": 1, "remote_units_data": units}
    text = {"relations": [_unit_ids_as_text(relation)]}
    with pytest.raises(StateValidationError) as from_text:
        _core.state_from_json(json.dumps(text))
    with pytest.raises(StateValidationError) as from_session:
        _session({"relations": [relation]})
    assert from_session.value.problems == from_text.value.problems


class _Emptying:
    """A unit id whose text, when asked for, empties a list or dict and fills memory.

    Whatever the emptied container held is freed, and its memory reused by new dicts:
    a reader still walking it would read those instead.
    """

    def __init__(self, emptied: list | dict, text: str) -> None:
        self.emptied = emptied
        self.text = text
        self.junk: list[dict] = []

    def __str__(self) -> str:
        self.emptied.clear()
        for i in range(100):
            self.junk.append({f"junk{i}_{j}": object() for j in range(6)})
        return self.text


def test_session_reads_a_unit_map_its_unit_id_empties_as_it_was():
    units: dict = {}
    units[_Emptying(units, "sneaky")] = {"k": "v"}
    relation = {"endpoint": "db", "relation_id": 1, "remote_units_data": units}
    with pytest.raises(StateValidationError) as raised:
        _session({"relations": [relation]})
    assert [p.path for p in raised.value.problems] == ["relations[0].remote_units_data.sneaky"]


def test_session_reads_relations_a_unit_id_empties_as_they_were():
    relations: list = []
    units = {_Emptying(relations, "1"): {"a": "b"}}
    relations.append(
        {
            "endpoint": "db",
            "relation_id": 1,
            "remote_units_data": units,
            "remote_app_name": "pg",
            "limit": 2,
        }
    )
    (relation,) = _session({"relations": relations}).state_doc()["relations"]
    assert relation["remote_app_name"] == "pg"
    assert relation["limit"] == 2
    assert relation["remote_units_data"] == {"1": {"a": "b"}}


def test_session_reads_int_unit_ids_when_another_relation_is_reported():
    # A bad relation sends the whole list through the JSON reader: good int ids read too.
    good = {"endpoint": "db", "relation_id": 1, "remote_units_data": {3: {"k": "v"}}}
    doc = {"relations": [good, {"relation_id": 2}]}
    text = {"relations": [_unit_ids_as_text(good), {"relation_id": 2}]}
    with pytest.raises(StateValidationError) as from_text:
        _core.state_from_json(json.dumps(text))
    with pytest.raises(StateValidationError) as from_session:
        _session(doc)
    assert from_session.value.problems == from_text.value.problems
    assert [p.path for p in from_session.value.problems] == ["relations[1]"]


def test_session_gives_relations_without_an_id_the_next_ones():
    doc = {"relations": [{"endpoint": "db"}, {"endpoint": "db", "relation_id": 9}]}
    assert _session(doc).state_doc() == engine_round_trip(doc)
    assert [r["relation_id"] for r in _session(doc).state_doc()["relations"]] == [10, 9]


_BAD_RELATION_DOCS = [
    {"relation_id": 1},
    {"endpoint": "db", "relation_id": -1},
    {"endpoint": "db", "relation_id": True},
    {"endpoint": "db", "relation_id": 1, "kind": "other"},
    {"endpoint": "db", "relation_id": 1, "peers_data": {}},
    {"endpoint": "db", "relation_id": 1, "kind": "peer", "limit": 2},
    {"endpoint": "db", "relation_id": 1, "limit": 0},
    {"endpoint": "db", "relation_id": 1, "interface": None},
    {"endpoint": "db", "relation_id": 1, "local_app_data": {"k": 1}},
    {"endpoint": "db", "relation_id": 1, "remote_units_data": {"01": {}}},
    {"endpoint": "db", "relation_id": 1, "remote_units_data": {"0": []}},
    {"endpoint": "db", "relation_id": 1, "remote_units_data": {"99999999999": {}}},
    {"endpoint": "db", "relation_id": 1, "typo": "x"},
]


@pytest.mark.parametrize("relation", _BAD_RELATION_DOCS)
def test_session_reports_bad_relations_as_the_json_reader_does(relation: dict):
    doc = {"relations": [{"endpoint": "db", "relation_id": 9}, relation]}
    with pytest.raises(StateValidationError) as from_text:
        _core.state_from_json(json.dumps(doc))
    with pytest.raises(StateValidationError) as from_session:
        _session(doc)
    assert str(from_session.value) == str(from_text.value)
    assert from_session.value.problems == from_text.value.problems


def test_session_reports_repeated_relation_ids_as_the_json_reader_does():
    doc = {"relations": [{"endpoint": "db", "relation_id": 1}] * 2}
    with pytest.raises(StateValidationError) as from_text:
        _core.state_from_json(json.dumps(doc))
    with pytest.raises(StateValidationError) as from_session:
        _session(doc)
    assert str(from_session.value) == str(from_text.value)


def test_session_rejects_a_state_document_json_cannot_hold():
    with pytest.raises(TypeError, match="cannot convert set to JSON"):
        _session({"relations": [{"endpoint": "db", "relation_id": 1}], "config": {"x": {1}}})
    with pytest.raises(TypeError, match="keys must be str"):
        _session({1: "x"})


# --- event_to_doc -------------------------------------------------------------------------


def event_round_trip(doc: dict) -> dict:
    return json.loads(_core.event_to_json(_core.event_from_json(json.dumps(doc))))


@pytest.mark.parametrize(
    "event",
    [
        Event("start"),
        Event("my_lib.on.foo"),
        Relation("db", relation_id=7).changed_event(remote_unit_id=3),
        Container("web").pebble_ready_event,
        Storage("data", index=2).attached_event,
        Secret("secret:x", {0: {}}).changed_event,
        Action("do-it", {"n": 1, "deep": {"list": [1, 2]}}).event,
    ],
    ids=lambda e: e.name,
)
def test_event_to_doc_is_accepted_by_the_engine(event):
    doc = _doc.event_to_doc(event)
    assert _core.validate_event_json(json.dumps(doc)) == []
    written = event_round_trip(doc)
    for key, value in doc.items():
        assert written[key] == value, key


def test_event_to_doc_fields():
    doc = _doc.event_to_doc(Relation("db", relation_id=7).departed_event(remote_unit_id=3))
    assert doc["path"] == "db_relation_departed"
    assert doc["relation_id"] == 7
    assert doc["remote_unit_id"] == 3
    doc = _doc.event_to_doc(Storage("data", index=2).detaching_event)
    assert doc["storage"] == {"name": "data", "index": 2}
    doc = _doc.event_to_doc(Container("web").pebble_ready_event)
    assert doc["container"] == "web"
    doc = _doc.event_to_doc(Secret("secret:x", {0: {}}, owner="unit").remove_event)
    assert doc["secret_id"] == "secret:x"
    assert doc["path"] == "secret_remove"
    action = Action("do-it", {"deep": {"list": [1]}})
    doc = _doc.event_to_doc(action.event)
    assert doc["action"] == {"name": "do-it", "params": {"deep": {"list": [1]}}, "id": ""}
    assert doc["action"]["params"]["deep"] is not action.params["deep"]
    assert _doc.event_to_doc(Event("my_lib.on.foo"))["path"] == "my_lib.on.foo"


def test_copy_unit_databags_survives_keys_that_change_the_map():
    """str() of a key may run Python code; the copy holds what it reads meanwhile."""
    units: dict = {}

    class Clearing:
        def __str__(self) -> str:
            units.clear()
            return "3"

        def __int__(self) -> int:
            units.clear()
            return 3

    for as_text in (True, False):
        units.clear()
        units[Clearing()] = {"key": "value" * 20}
        copied = _core.copy_unit_databags(units, as_text=as_text)
        assert copied == {("3" if as_text else 3): {"key": "value" * 20}}


class _DistinctKey(str):
    """A str whose equal-text instances are distinct dict keys."""

    def __hash__(self) -> int:
        return id(self)

    def __eq__(self, other: object) -> bool:
        return self is other


@pytest.mark.parametrize("others", [0, 1, 13, 14, 15, 16, 40], ids=lambda n: f"{n}-others")
def test_session_keeps_the_last_of_keys_with_the_same_text_as_the_json_reader_does(others: int):
    # A few keys are sorted on the stack, more in a buffer: the same rule either way.
    filler = {f"k{i}": str(i) for i in reversed(range(others))}
    bag = {_DistinctKey("a"): "1", "b": "x", **filler, _DistinctKey("a"): "2"}
    doc = {"relations": [{"endpoint": "db", "relation_id": 1, "remote_app_data": bag}]}
    read = _session(doc).state_doc()["relations"][0]["remote_app_data"]
    assert read == {"a": "2", "b": "x", **filler}
    assert list(read) == sorted(read)
