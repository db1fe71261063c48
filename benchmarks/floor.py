# SPDX-License-Identifier: Apache-2.0
"""benchmarks/floor.py: the ops floor, what an in-process run cannot go below.

One dispatch done with ops alone, as ``ops.main`` does it, minus everything a
simulator adds: a dict for ops' store, a backend that answers from a dict (no hook
tools, no State, no checks, no output), a Pebble client that answers every call at
once (no files, no plan), the juju-log handler on the root logger, a fresh charm
subclass (ops defines per-metadata events on the class), framework setup, charm init,
re-emit, emit, collect-status, commit and close, with the two debug lines ``ops.main``
logs in every dispatch (they reach the backend's juju-log, which does nothing here).
The CharmMeta is built once, as a simulator builds it once per Context (or once per
run, for the new-Context workload).
Deferred events are in the store when the run starts: each run starts from a copy of a
store seeded with their notices.
"""

from __future__ import annotations

import copy
import inspect
import io
import logging
import types
import weakref
from collections.abc import Callable, Generator
from typing import Any

import ops
import ops.log
import ops.pebble
from workloads import FloorSpec

_ACTION_TAKES_ID = "id" in inspect.signature(ops.ActionEvent.__init__).parameters


class DictStorage:
    """ops' store (the SQLiteStorage interface) in a dict."""

    def __init__(self, seed: DictStorage | None = None) -> None:
        # A deep copy: ops changes a loaded snapshot in place (SQLite would unpickle anew).
        self._snapshots: dict[str, Any] = copy.deepcopy(seed._snapshots) if seed else {}
        self._notices: list[tuple[str, str, str]] = list(seed._notices) if seed else []

    def close(self) -> None:
        pass

    def commit(self) -> None:
        pass

    def save_snapshot(self, handle_path: str, snapshot_data: Any) -> None:
        self._snapshots[handle_path] = snapshot_data

    def load_snapshot(self, handle_path: str) -> Any:
        try:
            return self._snapshots[handle_path]
        except KeyError:
            raise ops.storage.NoSnapshotError(handle_path) from None

    def drop_snapshot(self, handle_path: str) -> None:
        self._snapshots.pop(handle_path, None)

    def list_snapshots(self) -> Generator[str, None, None]:
        yield from list(self._snapshots)

    def save_notice(self, event_path: str, observer_path: str, method_name: str) -> None:
        self._notices.append((event_path, observer_path, method_name))

    def drop_notice(self, event_path: str, observer_path: str, method_name: str) -> None:
        self._notices.remove((event_path, observer_path, method_name))

    def notices(
        self, event_path: str | None = None
    ) -> Generator[tuple[str, str, str], None, None]:
        for notice in list(self._notices):
            if event_path is None or notice[0] == event_path:
                yield notice


class AnsweringBackend:
    """Answers the model's questions from a dict; every other call does nothing."""

    def __init__(self, answers: dict[str, Any]) -> None:
        self.unit_name = "bench/0"
        self.app_name = "bench"
        self.model_name = "bench-model"
        self.model_uuid = "00000000-0000-4000-8000-000000000000"
        self._answers = answers
        self._hook_is_running = ""
        # ops 3.x containers read the Juju version from the backend's context.
        self._juju_context = types.SimpleNamespace(version=ops.JujuVersion("3.6.0"))

    def __getattr__(self, name: str) -> Callable[..., None]:
        return lambda *_, **__: None

    def is_leader(self) -> bool:
        return bool(self._answers.get("leader", False))

    def juju_log(self, level: str, message: str) -> None:
        pass  # what ops' juju-log handler sends: nowhere

    def config_get(self) -> dict[str, Any]:
        return dict(self._answers.get("config", {}))

    def relation_ids(self, endpoint: str, *_: Any, **__: Any) -> list[int]:
        return list(self._answers.get("relations", {}).get(endpoint, []))

    def relation_list(self, *_: Any, **__: Any) -> list[str]:
        return list(self._answers.get("relation_units", []))

    def relation_remote_app_name(self, *_: Any, **__: Any) -> str:
        return "remote"

    def relation_get(
        self, relation_id: int, member_name: str, is_app: bool, *_: Any, **__: Any
    ) -> dict[str, str]:
        return dict(self._answers.get("app_data" if is_app else "unit_data", {}))

    def get_pebble(self, socket_path: str) -> AnsweringPebble:
        return AnsweringPebble(self._answers)

    def action_get(self) -> dict[str, Any]:
        return dict(self._answers.get("action_params", {}))

    def secret_get(self, **_: Any) -> dict[str, str]:
        return dict(self._answers.get("secret", {}))

    def planned_units(self) -> int:
        return 1


class AnsweringPebble:
    """A Pebble client answering from a dict; every other call does nothing."""

    def __init__(self, answers: dict[str, Any]) -> None:
        self._answers = answers

    def __getattr__(self, name: str) -> Callable[..., None]:
        return lambda *_, **__: None

    def list_files(self, *_: Any, **__: Any) -> list[ops.pebble.FileInfo]:
        return list(self._answers.get("files", []))

    def pull(self, *_: Any, **__: Any) -> io.StringIO:
        return io.StringIO(self._answers.get("file_content", ""))


def make_run(spec: FloorSpec) -> Callable[[], None]:
    """One floor dispatch of ``spec`` per call."""
    shared_meta = None if spec.meta_per_run else _meta(spec)
    seed = DictStorage()
    for notice in spec.deferred:  # as a simulator seeds ops' store from the State
        seed.save_snapshot(notice[0], {})
        seed.save_notice(*notice)
    if spec.deferred:
        seed.save_snapshot("StoredStateData[_stored]", {"event_count": len(spec.deferred)})
    dispatch = _dispatcher(spec)

    def run() -> None:
        dispatch(_meta(spec) if shared_meta is None else shared_meta, DictStorage(seed))

    return run


def _meta(spec: FloorSpec) -> ops.CharmMeta:
    return ops.CharmMeta(dict(spec.meta), dict(spec.actions or {}))


def _dispatcher(spec: FloorSpec) -> Callable[[ops.CharmMeta, DictStorage], None]:
    charm_type = spec.charm_type
    event_name = spec.event
    answers = spec.answers
    root = logging.getLogger()
    events_type = type(charm_type.on)
    release = _releaser(charm_type)

    def dispatch(meta: ops.CharmMeta, store: DictStorage) -> None:
        backend: Any = AnsweringBackend(answers)
        handler = ops.log.JujuLogHandler(backend)
        saved_level = root.level
        root.addHandler(handler)
        root.setLevel(logging.DEBUG)
        try:
            root.debug("ops %s up and running.", ops.__version__)
            model = ops.Model(meta, backend)
            framework = ops.Framework(store, "/charm", meta, model, event_name=event_name)
            # A fresh class per run: ops defines per-metadata events on the class.
            fresh = type(
                charm_type.__name__,
                (charm_type,),
                {"on": type(events_type.__name__, (events_type,), {})()},
            )
            charm = fresh(framework)
            framework.reemit()
            bound = getattr(charm.on, event_name)
            root.debug("Emitting Juju event %s.", event_name)
            if spec.workload is not None:
                bound.emit(charm.unit.get_container(spec.workload))
            elif event_name.endswith("_action") and _ACTION_TAKES_ID:
                bound.emit(id="1")
            else:
                bound.emit()
            ops.charm._evaluate_status(charm)  # as ops.main: is-leader, then collect-status
            framework.commit()
            framework.close()
            release(framework, charm)
        finally:
            root.removeHandler(handler)
            root.setLevel(saved_level)

    return dispatch


def _releaser(charm_type: type[ops.CharmBase]) -> Callable[[ops.Framework, ops.CharmBase], None]:
    """What a process that dispatches again and again must undo after each dispatch.

    ``ops.main`` dispatches once and exits; in one process, each ``ObjectEvents``
    descriptor keeps its emitters in a cache that never lets them go (the cached value
    refers back to its key), and the framework and its stored state refer to each other.
    Left alone, every run's framework and model would stay (or wait for the collector):
    the floor would pay for garbage no careful simulator leaves.
    """
    framework_events = _descriptors(ops.Framework)
    charm_events = _descriptors(charm_type)

    def release(framework: ops.Framework, charm: ops.CharmBase) -> None:
        for descriptor in framework_events:
            descriptor._cache.pop(framework, None)
        for descriptor in (*charm_events, vars(type(charm))["on"]):
            descriptor._cache.pop(charm, None)
        stored = framework._stored
        stored.framework = weakref.proxy(framework)

    return release


def _descriptors(klass: type) -> list[ops.ObjectEvents]:
    return [
        value
        for base in klass.__mro__
        for value in vars(base).values()
        if isinstance(value, ops.ObjectEvents)
    ]
