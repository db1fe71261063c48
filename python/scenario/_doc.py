# SPDX-License-Identifier: Apache-2.0
"""Converting State and Event dataclasses to and from the engine's JSON-format documents.

A *document* is the plain-dict form of ``docs/state-format.md``: what ``json.loads``
gives for a State or Event document. These functions run on every ``Context.run``, so
they build dicts and objects directly, without ``copy.deepcopy`` or
``dataclasses.asdict``.

A State's document is for the engine, which reads it at once: its relations hold the
State's own databag dicts and unit maps (unit ids as ints), and nothing else of the
State. States made here share no mutable object with their base or the document;
immutable values (strings, frozen dataclasses holding only immutable values) are
shared freely.
"""

from __future__ import annotations

import copy
import datetime
import enum
import typing
from collections.abc import Iterable, Mapping

from ops import pebble
from ops.model import SecretRotate

from . import _core
from ._state.base import _DCBase
from ._state.containers import CheckInfo, Container, ExecOutput, Mount, Notice, _notice_ids
from ._state.events import Event, _implied_remote_unit
from ._state.network import BindAddress, Network
from ._state.relations import AnyRelation, PeerRelation, Relation, SubordinateRelation
from ._state.secrets import Secret
from ._state.state import State
from ._state.status import _entity_status
from ._state.storage import Port
from ._state.stored import DeferredEvent, StoredState

Doc = dict[str, typing.Any]
"""A State or Event document, or a part of one."""

_T = typing.TypeVar("_T", bound=_DCBase)

_IMMUTABLE_TYPES = frozenset({str, int, float, bool, type(None), bytes})

_OWNER_TO_DOC = {None: None, "unit": "unit", "application": "app", "app": "app"}
_GRANTED_TO_DOC = {False: False, None: False, "unit": "unit", "app": "app", "application": "app"}


# The notice types this ops knows; others stay strings.
_NOTICE_TYPES = frozenset(t.value for t in pebble.NoticeType)


def _copy_plain(value: typing.Any) -> typing.Any:
    """A deep copy of JSON-like data (dicts, lists, tuples, sets of plain values), fast.

    Anything else is handed to ``copy.deepcopy``.
    """
    kind = type(value)
    if kind in _IMMUTABLE_TYPES:
        return value
    if kind is dict:
        return {k: _copy_plain(v) for k, v in value.items()}
    if kind is list:
        return [_copy_plain(v) for v in value]
    if kind is tuple:
        return tuple(_copy_plain(v) for v in value)
    if kind is set:
        return {_copy_plain(v) for v in value}
    return copy.deepcopy(value)


def _unit_map(units: Mapping[typing.Any, Mapping[str, str]]) -> Doc:
    """A unit-id-keyed map of databags, with the string keys JSON needs."""
    if type(units) is dict:
        return _core.copy_unit_databags(units, as_text=True)
    return {str(unit_id): dict(databag) for unit_id, databag in units.items()}


def _int_keyed(doc: Mapping[typing.Any, Mapping[str, str]]) -> dict[int, dict[str, str]]:
    """A unit-id-keyed map of databags, with int keys (from a document's, or any)."""
    if type(doc) is dict:
        return _core.copy_unit_databags(doc, as_text=False)
    return {int(key): dict(value) for key, value in doc.items()}


# --- State -> document ------------------------------------------------------------------


def _relation_to_doc(relation: AnyRelation) -> Doc:
    """The relation's document, holding its own databag dicts, not copies.

    The engine reads it at once (unit maps keyed by int ids included); a document to
    keep must be copied, as ``_relation_from_doc`` does.
    """
    doc: Doc = {
        "endpoint": relation.endpoint,
        "interface": relation.interface or "",
        "relation_id": relation.relation_id,
        "local_app_data": relation.local_app_data,
        "local_unit_data": relation.local_unit_data,
    }
    if isinstance(relation, PeerRelation):
        doc["kind"] = "peer"
        doc["peers_data"] = relation.peers_data
    elif isinstance(relation, SubordinateRelation):
        doc["kind"] = "subordinate"
        doc["remote_app_name"] = relation.remote_app_name
        doc["remote_app_data"] = relation.remote_app_data
        doc["remote_unit_id"] = relation.remote_unit_id
        doc["remote_unit_data"] = relation.remote_unit_data
    else:
        doc["kind"] = "regular"
        doc["remote_app_name"] = relation.remote_app_name
        doc["limit"] = relation.limit
        doc["remote_app_data"] = relation.remote_app_data
        doc["remote_units_data"] = relation.remote_units_data
    return doc


def _network_to_doc(network: Network) -> Doc:
    return {
        "name": network.name,
        "bind_addresses": [
            {
                "interface_name": bind.interface_name,
                "addresses": [
                    {
                        "hostname": a.hostname,
                        "value": a.value,
                        "cidr": a.cidr,
                        "address": a.address,
                    }
                    for a in bind.addresses
                ],
                "mac_address": bind.mac_address,
            }
            for bind in network.bind_addresses
        ],
        "ingress_addresses": list(network.ingress_addresses),
        "egress_subnets": list(network.egress_subnets),
    }


def _layer_to_doc(layer: pebble.Layer | Mapping[str, typing.Any] | str) -> Doc:
    if not isinstance(layer, pebble.Layer):
        layer = pebble.Layer(layer)  # type: ignore[arg-type]  # ops accepts dicts and YAML
    # to_dict() hands out the layer's own nested dicts and lists: copy them.
    return _copy_plain(layer.to_dict())


def _enum_value(value: typing.Any) -> typing.Any:
    return value.value if isinstance(value, enum.Enum) else value


def _rfc3339(value: datetime.datetime | str) -> str:
    if isinstance(value, str):
        return value
    if value.tzinfo is None:
        value = value.astimezone()
    return value.isoformat().replace("+00:00", "Z")


def _seconds(value: datetime.timedelta | float | None) -> float | None:
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    return value


def _notice_to_doc(notice: Notice, notice_id: str) -> Doc:
    return {
        "key": notice.key,
        "id": notice_id,
        "user_id": notice.user_id,
        "type": _enum_value(notice.type),
        "first_occurred": _rfc3339(notice.first_occurred),
        "last_occurred": _rfc3339(notice.last_occurred),
        "last_repeated": _rfc3339(notice.last_repeated),
        "occurrences": notice.occurrences,
        "last_data": dict(notice.last_data),
        "repeat_after": _seconds(notice.repeat_after),
        "expire_after": _seconds(notice.expire_after),
    }


def _check_info_to_doc(info: CheckInfo) -> Doc:
    return {
        "name": info.name,
        "level": _enum_value(info.level) or "",
        "status": _enum_value(info.status),
        "failures": info.failures,
        "threshold": info.threshold,
    }


def _container_to_doc(container: Container) -> Doc:
    return {
        "name": container.name,
        "can_connect": container.can_connect,
        "layers": {label: _layer_to_doc(layer) for label, layer in container.layers.items()},
        "service_status": {
            name: _enum_value(status) for name, status in container.service_status.items()
        },
        "mounts": {
            name: {"location": str(mount.location), "src": str(mount.src)}
            for name, mount in container.mounts.items()
        },
        "exec_mock": [
            {
                "command": [command] if isinstance(command, str) else list(command),
                "return_code": output.return_code,
                "stdout": output.stdout,
                "stderr": output.stderr,
            }
            for command, output in container.exec_mock.items()
        ],
        "check_infos": [
            _check_info_to_doc(info)
            for info in sorted(container.check_infos, key=lambda i: i.name)
        ],
        "notices": [
            _notice_to_doc(notice, notice_id)
            for notice, notice_id in zip(
                container.notices, _notice_ids(container.notices), strict=True
            )
        ],
    }


def _expire_to_doc(expire: datetime.datetime | str | None) -> str | None:
    """An expiry as RFC 3339 text; a naive datetime is taken as local time, as Python does."""
    if expire is None or isinstance(expire, str):
        return expire
    if expire.tzinfo is None:
        expire = expire.astimezone()
    return expire.isoformat()


def _secret_to_doc(secret: Secret) -> Doc:
    return {
        "id": secret.id,
        "contents": _unit_map(secret.contents),
        "owner": _OWNER_TO_DOC.get(secret.owner, secret.owner),
        "granted": _GRANTED_TO_DOC.get(secret.granted, secret.granted),
        "revision": secret.revision,
        "remote_grants": {
            str(relation_id): sorted(grantees)
            for relation_id, grantees in secret.remote_grants.items()
        },
        "label": secret.label,
        "description": secret.description,
        "expire": _expire_to_doc(secret.expire),
        "rotate": _enum_value(secret.rotate),
    }


def _status_to_doc(status: typing.Any) -> Doc:
    return {"name": status.name, "message": status.message}


def state_to_doc(state: State) -> Doc:
    """The State document (``docs/state-format.md``) for ``state``, for the engine.

    ``stored_state`` and ``deferred`` are left out: the Python runtime seeds them itself.
    Relations hold the State's own dicts (``_relation_to_doc``).
    """
    return {
        "config": dict(state.config),
        "relations": [_relation_to_doc(r) for r in state.relations],
        "networks": [_network_to_doc(n) for n in state.networks],
        "containers": [_container_to_doc(c) for c in state.containers],
        "storage": [{"name": s.name, "index": s.index} for s in state.storage],
        "opened_ports": [
            {"protocol": p.protocol, "port": None if p.protocol == "icmp" else p.port}
            for p in state.opened_ports
        ],
        "leader": state.leader,
        "model": {"name": state.model.name, "uuid": state.model.uuid, "type": state.model.type},
        "secrets": [_secret_to_doc(s) for s in state.secrets],
        "resources": {name: str(path) for name, path in state.resources.items()},
        "planned_units": state.planned_units,
        "unit_id": state.unit_id,
        "app_status": _status_to_doc(state.app_status),
        "unit_status": _status_to_doc(state.unit_status),
        "workload_version": state.workload_version,
    }


# --- Event -> document ------------------------------------------------------------------


def _event_notice_id(event: Event) -> str | None:
    """The id of a custom-notice event's notice, as the engine numbers the container's."""
    notice = event.notice
    if notice is None:
        return None
    if event.container is None:
        return notice.id
    return event.container._notice_id(notice)


def event_to_doc(event: Event) -> Doc:
    """The Event document (``docs/state-format.md``) for ``event``.

    Entities are referred to by identity: relation id, container name, storage name and
    index, secret id.
    """
    relation, storage, action = event.relation, event.storage, event.action
    remote_unit_id = event.relation_remote_unit_id
    implied = False
    if remote_unit_id is None and relation is not None:
        remote_unit_id = _implied_remote_unit(relation, event.name)
        implied = remote_unit_id is not None
    return {
        "path": str(event.path),
        "relation_id": None if relation is None else relation.relation_id,
        "remote_unit_id": remote_unit_id,
        "remote_unit_implied": implied,
        "departing_unit_id": None,
        "container": None if event.container is None else event.container.name,
        "notice_id": _event_notice_id(event),
        "check_name": event.check_name,
        "storage": None if storage is None else {"name": storage.name, "index": storage.index},
        "secret_id": None if event.secret is None else event.secret.id,
        "secret_revision": None,
        "action": None
        if action is None
        else {"name": action.name, "params": _copy_plain(action.params), "id": ""},
    }


# --- document -> State ------------------------------------------------------------------

_RELATION_CLASSES: dict[str, type[AnyRelation]] = {
    "regular": Relation,
    "peer": PeerRelation,
    "subordinate": SubordinateRelation,
}


def _build(cls: type[_T], base: object, fields: dict[str, typing.Any]) -> _T:
    """A ``cls`` with ``fields``; of the base's class if that is a subclass of ``cls``.

    For a subclass, ``replace`` deep-copies whatever fields the subclass adds.
    """
    if base is not None and type(base) is not cls and isinstance(base, cls):
        return typing.cast(_T, base).replace(**fields)
    return cls(**fields)


def _relation_from_doc(doc: Doc, base: AnyRelation | None) -> AnyRelation:
    kind = doc.get("kind", "regular")
    cls = _RELATION_CLASSES[kind]
    interface = doc.get("interface") or None
    if interface is None and base is not None:
        interface = base.interface
    fields: dict[str, typing.Any] = {
        "endpoint": doc["endpoint"],
        "interface": interface,
        "relation_id": doc["relation_id"],
        "local_app_data": dict(doc.get("local_app_data", {})),
        "local_unit_data": dict(doc.get("local_unit_data", {})),
    }
    if cls is PeerRelation:
        fields["peers_data"] = _int_keyed(doc.get("peers_data", {"0": {}}))
    elif cls is SubordinateRelation:
        fields["remote_app_name"] = doc.get("remote_app_name", "remote")
        fields["remote_app_data"] = dict(doc.get("remote_app_data", {}))
        fields["remote_unit_id"] = doc.get("remote_unit_id", 0)
        fields["remote_unit_data"] = dict(doc.get("remote_unit_data", {}))
    else:
        fields["remote_app_name"] = doc.get("remote_app_name", "remote")
        fields["limit"] = doc.get("limit", 1)
        fields["remote_app_data"] = dict(doc.get("remote_app_data", {}))
        fields["remote_units_data"] = _int_keyed(doc.get("remote_units_data", {"0": {}}))
    return _build(cls, base, fields)


_copy_dict = dict.copy
"""A databag's copy (relations hold dicts only): always a plain dict."""


def _relation_copy(base: AnyRelation) -> AnyRelation:
    """What ``_relation_from_doc`` makes of ``base``'s own document, made without it.

    For a relation the run left as it was: fresh databag dicts, unit ids as ints, and
    no validation (``base`` was validated when it was made). A subclass, whose own
    fields only its ``replace`` knows how to copy, goes through its document.
    """
    cls = type(base)
    if cls is not Relation and cls is not PeerRelation and cls is not SubordinateRelation:
        return _relation_from_doc(_relation_to_doc(base), base)
    fields = base.__dict__.copy()  # the dataclass fields; the immutable ones are shared
    fields["local_app_data"] = _copy_dict(fields["local_app_data"])
    fields["local_unit_data"] = _copy_dict(fields["local_unit_data"])
    if cls is PeerRelation:
        fields["peers_data"] = _int_keyed(fields["peers_data"])
    else:
        fields["remote_app_data"] = _copy_dict(fields["remote_app_data"])
        if cls is Relation:
            fields["remote_units_data"] = _int_keyed(fields["remote_units_data"])
        else:
            fields["remote_unit_data"] = _copy_dict(fields["remote_unit_data"])
    copy_ = object.__new__(cls)
    object.__setattr__(copy_, "__dict__", fields)
    return copy_


def _service_status_from_doc(
    doc: Mapping[str, str],
    base: Mapping[str, typing.Any],
) -> dict[str, typing.Any]:
    statuses: dict[str, typing.Any] = {}
    for name, value in doc.items():
        previous = base.get(name)
        # Keep the base's spelling (an enum or a plain string) when the value is unchanged.
        if previous is not None and _enum_value(previous) == value:
            statuses[name] = previous
        else:
            statuses[name] = pebble.ServiceStatus(value)
    return statuses


def _time_from_doc(text: str) -> datetime.datetime:
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def _notices_from_doc(docs: list[Doc], base: list[Notice]) -> list[Notice]:
    """Notices from the engine; a notice the engine did not change is the base's object."""
    previous = dict(zip(_notice_ids(base), base, strict=True))
    notices = []
    for doc in docs:
        old = previous.get(doc["id"])
        if old is not None and _notice_to_doc(old, doc["id"]) == doc:
            notices.append(old)
            continue
        seconds = {
            key: None if doc.get(key) is None else datetime.timedelta(seconds=doc[key])
            for key in ("repeat_after", "expire_after")
        }
        notices.append(
            Notice(
                key=doc["key"],
                id=doc["id"],
                user_id=doc.get("user_id"),
                type=pebble.NoticeType(doc["type"])
                if doc["type"] in _NOTICE_TYPES
                else doc["type"],
                first_occurred=_time_from_doc(doc["first_occurred"]),
                last_occurred=_time_from_doc(doc["last_occurred"]),
                last_repeated=_time_from_doc(doc["last_repeated"]),
                occurrences=doc.get("occurrences", 1),
                last_data=dict(doc.get("last_data", {})),
                **seconds,
            )
        )
    return notices


def _check_infos_from_doc(docs: list[Doc], base: Iterable[CheckInfo]) -> frozenset[CheckInfo]:
    """Check infos from the engine; one the engine did not change is the base's object."""
    previous = {info.name: info for info in base}
    infos = set()
    for doc in docs:
        old = previous.get(doc["name"])
        if old is not None and _check_info_to_doc(old) == doc:
            infos.add(old)
            continue
        infos.add(
            CheckInfo(
                name=doc["name"],
                level=pebble.CheckLevel(doc["level"]) if doc.get("level") else None,
                status=pebble.CheckStatus(doc["status"]),
                failures=doc.get("failures", 0),
                threshold=doc.get("threshold", 3),
            )
        )
    return frozenset(infos)


def _container_from_doc(doc: Doc, base: Container | None) -> Container:
    fields: dict[str, typing.Any] = {
        "name": doc["name"],
        "can_connect": doc.get("can_connect", False),
        "layers": {label: pebble.Layer(layer) for label, layer in doc.get("layers", {}).items()},
        "service_status": _service_status_from_doc(
            doc.get("service_status", {}),
            base.service_status if base is not None else {},
        ),
        "check_infos": _check_infos_from_doc(
            doc.get("check_infos", []), base.check_infos if base is not None else ()
        ),
        "notices": _notices_from_doc(
            doc.get("notices", []), base.notices if base is not None else []
        ),
    }
    if base is not None:
        # Mounts and exec mocks are Python-side inputs: the base's objects are authoritative.
        fields["_base_plan"] = _copy_plain(base._base_plan)
        fields["mounts"] = dict(base.mounts)
        fields["exec_mock"] = dict(base.exec_mock)
        return _build(Container, base, fields)
    fields["mounts"] = {
        name: Mount(location=m["location"], src=m["src"])
        for name, m in doc.get("mounts", {}).items()
    }
    fields["exec_mock"] = {
        tuple(m["command"]): ExecOutput(
            return_code=m.get("return_code", 0),
            stdout=m.get("stdout", ""),
            stderr=m.get("stderr", ""),
        )
        for m in doc.get("exec_mock", ())
    }
    return Container(**fields)


def _expire_from_doc(text: str | None, base: Secret | None) -> datetime.datetime | None:
    if text is None:
        return None
    if base is not None and _expire_to_doc(base.expire) == text:
        return typing.cast(datetime.datetime, base.expire)
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    return datetime.datetime.fromisoformat(text)


def _secret_from_doc(doc: Doc, base: Secret | None) -> Secret:
    owner = doc.get("owner")
    if owner == "app":
        # ops-scenario spells it 'application'; keep the base's spelling if it had one.
        base_owner = base.owner if base is not None else None
        owner = base_owner if base_owner in ("app", "application") else "application"
    fields: dict[str, typing.Any] = {
        "id": doc["id"],
        "contents": _int_keyed(doc.get("contents", {})),
        "owner": owner,
        "granted": doc.get("granted") or False,
        "revision": doc.get("revision", 0),
        "remote_grants": {
            int(relation_id): set(grantees)
            for relation_id, grantees in doc.get("remote_grants", {}).items()
        },
        "label": doc.get("label"),
        "description": doc.get("description"),
        "expire": _expire_from_doc(doc.get("expire"), base),
        "rotate": SecretRotate(doc.get("rotate", "never")),
    }
    return _build(Secret, base, fields)


def _copy_network(network: Network) -> Network:
    if type(network) is not Network or any(
        type(bind) is not BindAddress for bind in network.bind_addresses
    ):
        return copy.deepcopy(network)
    return Network(
        network.name,
        [
            BindAddress(bind.interface_name, list(bind.addresses), bind.mac_address)
            for bind in network.bind_addresses
        ],
        list(network.ingress_addresses),
        list(network.egress_subnets),
    )


def _copy_deferred(events: Iterable[DeferredEvent]) -> list[DeferredEvent]:
    return [
        DeferredEvent(e.handle_path, e.owner, e.observer, _copy_plain(e.snapshot_data))
        if type(e) is DeferredEvent
        else copy.deepcopy(e)
        for e in events
    ]


def _copy_stored_state(stored: Iterable[StoredState]) -> list[StoredState]:
    return [
        StoredState(s.owner_path, s.name, _copy_plain(s.content), s.data_type_name)
        if type(s) is StoredState
        else copy.deepcopy(s)
        for s in stored
    ]


def _status_from_doc(doc: Doc, base: typing.Any) -> typing.Any:
    name, message = doc.get("name", "unknown"), doc.get("message", "")
    if base.name == name and base.message == message:
        return base  # statuses are immutable
    return _entity_status(name, message)


def _match(
    docs: Iterable[Doc | int | str] | None,
    bases: Iterable[typing.Any],
    key: str,
    convert: typing.Callable[[Doc, typing.Any], typing.Any],
    copy_base: typing.Callable[[typing.Any], typing.Any],
) -> list[typing.Any]:
    """The output's entities of one kind, from the engine's list of changes.

    Each item of ``docs`` is an entity's document, converted with the base entity whose
    ``key`` is the same, or the ``key`` alone of a base entity the run left as it was,
    copied with ``copy_base``. ``None`` means every base entity was left as it was.
    """
    if docs is None:
        return [copy_base(b) for b in bases]
    by_key = {getattr(b, key): b for b in bases}
    return [
        convert(doc, by_key.get(doc[key])) if type(doc) is dict else copy_base(by_key[doc])
        for doc in docs
    ]


def _container_copy(base: Container) -> Container:
    return _container_from_doc(_container_to_doc(base), base)


def _secret_copy(base: Secret) -> Secret:
    return _secret_from_doc(_secret_to_doc(base), base)


def state_from_doc(
    doc: Mapping[str, typing.Any],
    base: State,
    *,
    deferred: list[DeferredEvent] | None = None,
    stored_state: list[StoredState] | None = None,
) -> State:
    """A new State: ``base`` updated with what the engine may have changed, from ``doc``.

    From ``doc`` come the config, relations (each matched to the base relation with the
    same id, whose class it keeps), containers' layers, service states and
    connectivity (mounts, exec mocks and base plan stay the base's), opened ports,
    secrets, statuses and workload version. A key missing from ``doc`` leaves that field
    as in ``base``; in the ``relations``, ``containers`` and ``secrets`` lists, an
    entity's identity (relation id, container name, secret id) in place of its document
    stands for the base entity with that identity, left as it was (what
    ``Session.state_doc(changed_only=True)`` writes). Every other field is a copy of
    ``base``'s. Neither ``base`` nor ``doc`` is changed, and the result shares no
    mutable object with either.

    Args:
        doc: A State document, as the engine writes it.
        base: The State the run started from.
        deferred: The output's deferred events, if the caller already has them (they
            are used as given); by default a copy of ``base``'s.
        stored_state: The output's stored state, likewise.
    """
    opened_ports = doc.get("opened_ports")
    app_status = doc.get("app_status")
    unit_status = doc.get("unit_status")
    return State(
        config=dict(doc.get("config", base.config)),
        relations=_match(
            doc.get("relations"),
            base.relations,
            "relation_id",
            _relation_from_doc,
            _relation_copy,
        ),
        networks=[_copy_network(n) for n in base.networks],
        containers=_match(
            doc.get("containers"), base.containers, "name", _container_from_doc, _container_copy
        ),
        storage=list(base.storage),
        opened_ports=list(base.opened_ports)
        if opened_ports is None
        else [Port(p.get("protocol", "tcp"), p.get("port")) for p in opened_ports],
        leader=base.leader,
        model=base.model,
        secrets=_match(doc.get("secrets"), base.secrets, "id", _secret_from_doc, _secret_copy),
        resources=dict(base.resources),
        planned_units=base.planned_units,
        unit_id=base.unit_id,
        deferred=_copy_deferred(base.deferred) if deferred is None else deferred,
        stored_state=(
            _copy_stored_state(base.stored_state) if stored_state is None else stored_state
        ),
        app_status=base.app_status
        if app_status is None
        else _status_from_doc(app_status, base.app_status),
        unit_status=base.unit_status
        if unit_status is None
        else _status_from_doc(unit_status, base.unit_status),
        workload_version=doc.get("workload_version", base.workload_version),
    )
