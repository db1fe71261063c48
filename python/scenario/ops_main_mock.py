# SPDX-License-Identifier: Apache-2.0
"""One dispatch of one event on a charm, in the steps ``ops.main`` takes.

``Ops`` builds the framework and the charm (``setup``), re-emits deferred events,
emits the event and collects statuses (``emit``), then commits (``commit``). The steps
are separate so that ``Context.manager`` can hand the charm to the test in between.
"""

from __future__ import annotations

import contextlib
import logging
import re
import weakref
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import ops

from . import _ops_adapter
from ._memory_storage import MemoryStorage
from ._state.relations import PeerRelation
from .errors import BadOwnerPath, NoObserverError

if TYPE_CHECKING:
    from ._charm_spec import CharmSpec
    from .state import Event, State

__all__ = ["BadOwnerPath", "NoObserverError", "Ops"]

StorageLocation = Callable[[str, int], str]
"""(storage name, index) -> the storage's location on the unit."""

PebbleClientFactory = Callable[[str], "ops.pebble.Client"]
"""Pebble socket path -> the charm's client for that container's Pebble."""

_SERIAL = re.compile(r"\[(\d+)\]$")
_STORED_STATE = re.compile(r"^(?:(?P<owner>.*)/)?(?P<type>[^/\[]+)\[(?P<name>[^\]]+)\]$")

# Juju runs collect-metrics without the full set of hook tools, and ops neither
# re-emits deferred events nor evaluates status there.
_RESTRICTED_EVENTS = frozenset({"collect_metrics", "meter_status_changed"})


def _completed_snapshot(
    snapshot: Mapping[str, Any], state: State, app_name: str, storage_location: StorageLocation
) -> dict[str, Any]:
    """A deferred event's snapshot, with what only the run knows filled in.

    That is a storage event's location, and a peer relation event's app and unit (this
    application).
    """
    out = dict(snapshot)
    if "storage_name" in out and "storage_location" not in out:
        out["storage_location"] = storage_location(out["storage_name"], out["storage_index"])
    if "relation_id" in out and "app_name" not in out:
        relation = next((r for r in state.relations if r.relation_id == out["relation_id"]), None)
        if isinstance(relation, PeerRelation):
            out["app_name"] = app_name
    return out


def seed_storage(
    store: MemoryStorage, state: State, app_name: str, storage_location: StorageLocation
) -> None:
    """Puts the State's stored state and deferred events where ops will look for them."""
    serial = 0
    for deferred in state.deferred:
        snapshot = _completed_snapshot(deferred.snapshot_data, state, app_name, storage_location)
        store.save_snapshot(deferred.handle_path, snapshot)
        store.save_notice(deferred.handle_path, deferred.owner, deferred.observer)
        if match := _SERIAL.search(deferred.handle_path):
            serial = max(serial, int(match.group(1)))
    for stored in state.stored_state:
        store.save_snapshot(stored.handle_path.lstrip("/"), dict(stored.content))
    # New events must not reuse the serial number of a deferred one (reference §5.5).
    store.save_snapshot("StoredStateData[_stored]", {"event_count": serial})


class Ops:
    """The framework and charm of one dispatch."""

    def __init__(
        self,
        *,
        spec: CharmSpec,
        charm_meta: ops.CharmMeta,
        state: State,
        event: Event,
        env: Mapping[str, str],
        storage_location: StorageLocation,
        pebble_client: PebbleClientFactory,
    ) -> None:
        self._spec = spec
        self._charm_meta = charm_meta
        self._state = state
        self._event = event
        self._env = env
        self._storage_location = storage_location
        self._pebble_client = pebble_client
        self.event_name = event.name
        self.store = MemoryStorage()
        self.framework: ops.Framework | None = None
        self.charm: ops.CharmBase | None = None
        self._charm_type: type[ops.CharmBase] | None = None
        self._action_set_calls: list[dict[str, Any]] = []
        self._emitted = False
        self._committed = False
        self.open_run: _ops_adapter.OpenRun | None = None
        """The run as the runs under way know it; set by the runtime."""

    # --- setup -----------------------------------------------------------------

    def setup(self, stack: contextlib.ExitStack) -> None:
        """Builds the backend, model, framework and charm; logging is undone by ``stack``."""
        backend = _ops_adapter.make_backend(self._env)
        backend.get_pebble = self._pebble_client  # type: ignore[method-assign]  # per instance
        is_action = "JUJU_ACTION_NAME" in self._env
        if is_action:
            self._record_action_results(backend)
        stack.enter_context(_ops_adapter.JujuLogging(backend, exc_stderr=is_action))
        # ops.main's own first line, through the root logger as ops.main sends it.
        logging.getLogger().debug("ops %s up and running.", ops.__version__)

        name = self.event_name
        broken = name.endswith("_relation_broken") and self._event.relation is not None
        model = _ops_adapter.make_model(
            self._charm_meta,
            backend,
            broken_relation_id=self._event.relation.relation_id if broken else None,
            remote_unit_name=self._env.get("JUJU_REMOTE_UNIT")
            if name.endswith(("_relation_departed", "_relation_broken"))
            else None,
        )
        seed_storage(self.store, self._state, self._spec.app_name, self._storage_location)
        self.framework = ops.Framework(
            self.store,  # type: ignore[arg-type]  # duck-types SQLiteStorage
            self._env["JUJU_CHARM_DIR"],
            self._charm_meta,
            model,
            event_name=name,
        )
        self._charm_type = _ops_adapter.wrap_charm_type(self._spec.charm_type)
        self.charm = _ops_adapter.construct_charm(self._charm_type, self.framework)

    def _record_action_results(self, backend: Any) -> None:
        """Keeps the results the charm sets, with their Python types, as ops-scenario does.

        The engine still checks and records them as Juju would (flattened strings).
        """
        # The closure holds neither this object nor the backend it is set on: no reference
        # cycle, so the run's objects go as soon as the run does.
        real_action_set = type(backend).action_set
        backend_ref = weakref.ref(backend)
        calls = self._action_set_calls

        def action_set(results: dict[str, Any]) -> None:
            real_action_set(backend_ref(), results)
            calls.append(dict(results))

        backend.action_set = action_set

    # --- emit ------------------------------------------------------------------

    def emit(self) -> None:
        """Re-emits deferred events, emits the event, then collects statuses."""
        if self._emitted:
            return
        self._emitted = True
        assert self.framework is not None and self.charm is not None
        restricted = self.event_name in _RESTRICTED_EVENTS
        if not restricted:
            self.framework.reemit()
        bound_event, is_juju_event = self._find_event()
        if is_juju_event:
            args, kwargs = _ops_adapter.event_args(self.charm, bound_event)
            logging.getLogger().debug("Emitting Juju event %s.", self.event_name)
        else:
            args, kwargs = self._custom_event_args()
        bound_event.emit(*args, **kwargs)
        if not restricted:
            _ops_adapter.evaluate_status(self.charm)

    def _find_event(self) -> tuple[ops.framework.BoundEvent, bool]:
        """The event source on its owner, and whether Juju could dispatch it."""
        owner: Any = self.charm
        owner_path = list(self._event.owner_path)
        for i, attr in enumerate(owner_path):
            try:
                owner = getattr(owner, attr)
            except AttributeError:
                walked = ".".join(["charm", *owner_path[:i]])
                raise BadOwnerPath(
                    f"event {self._event.path!r}: {walked} has no attribute {attr!r}; the "
                    "path before the event name must lead from the charm to an object's "
                    "events, e.g. 'my_lib.on.my_event'"
                ) from None
        bound_event = getattr(owner, self.event_name, None)
        if not isinstance(bound_event, ops.framework.BoundEvent):
            where = ".".join(["charm", *owner_path])
            raise NoObserverError(
                f"cannot emit {self.event_name!r}: {where} has no such event source. For an "
                "event defined by a library, give the path to its owner, e.g. "
                f"'my_lib.on.{self.event_name}'; for a relation, storage, action or "
                "container event, check that the charm's metadata declares it"
            )
        # Juju's events take their arguments from JUJU_*; the charm's and libraries'
        # own events take the ones the test gave.
        is_juju_event = owner_path == ["on"] and not self._event._path.is_custom
        return bound_event, is_juju_event

    def _custom_event_args(self) -> tuple[list[Any], dict[str, Any]]:
        from .state import InjectRelation  # the state module imports nothing from here

        assert self.charm is not None
        model = self.charm.model

        def resolve(value: Any) -> Any:
            if isinstance(value, InjectRelation):
                return model.get_relation(value.relation_name, value.relation_id)
            return value

        return (
            [resolve(a) for a in self._event.args],
            {k: resolve(v) for k, v in self._event.kwargs.items()},
        )

    # --- commit ----------------------------------------------------------------

    def commit(self) -> None:
        """Commits the framework (saving stored state and deferrals) and closes it."""
        if self._committed:
            return
        self._committed = True
        assert self.framework is not None
        try:
            self.framework.commit()
        finally:
            self._release()

    def close(self) -> None:
        """Releases the framework if the run ended before committing."""
        if self.framework is not None and not self._committed:
            self._committed = True
            self._release()

    def _release(self) -> None:
        assert self.framework is not None
        try:
            self.framework.close()
            _ops_adapter.release_framework(self.framework, self.charm)
        finally:
            if self._charm_type is not None:
                _ops_adapter.unwrap_charm_type(self._charm_type)

    def finalize(self) -> None:
        """Emits (if the test did not) and commits."""
        self.emit()
        self.commit()

    # --- reading back ----------------------------------------------------------

    @property
    def action_results(self) -> dict[str, Any] | None:
        """What the charm passed to ``set_results`` (merged), or None if it never did."""
        if not self._action_set_calls:
            return None
        merged: dict[str, Any] = {}
        for results in self._action_set_calls:
            merged.update(results)
        return merged

    def deferred_events(self) -> list[tuple[str, str, str, dict[str, Any]]]:
        """(handle path, owner, observer, snapshot) of each event deferred at commit.

        In ops-scenario's order, which tests index into: by handle path (its events come
        from the store's snapshot listing), then as the observers deferred each event.
        """
        notices = sorted(self.store.notices(), key=lambda notice: notice[0])
        return [
            (event_path, owner, observer, self.store.load_snapshot(event_path))
            for event_path, owner, observer in notices
        ]

    def stored_states(self) -> list[tuple[str | None, str, str, dict[str, Any]]]:
        """(owner path, name, data type name, content) of each stored state at commit.

        By handle path, as the store lists snapshots (ops-scenario's order too).
        """
        out = []
        for handle_path in self.store.list_snapshots():
            match = _STORED_STATE.match(handle_path)
            if match is None or match.group("type") != "StoredStateData":
                continue
            owner, name = match.group("owner"), match.group("name")
            if owner is None and name == "_stored":
                continue  # the framework's own bookkeeping (event_count)
            out.append((owner, name, "StoredStateData", self.store.load_snapshot(handle_path)))
        return out
