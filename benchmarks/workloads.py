# SPDX-License-Identifier: Apache-2.0
"""benchmarks/workloads.py: the workloads, each written in both scenario APIs.

Every workload is a charm plus a scenario. ``api_58`` builds it with the ops-scenario
5.8 API (``scenario.Context``, ``ctx.run(event, state)``), used both for ours and for
ops-scenario 5.8.1; ``api_newest`` builds it with the ``ops[testing]`` API of the
newest ops-scenario; ``floor`` (when given) describes the same dispatch for the ops
floor (benchmarks/floor.py), which has no simulation at all. Each builder returns a
zero-argument callable that performs one run; building it (Context, State) is not
timed, each call is.

A workload with ``params`` is a scaling curve: it is built once per parameter value.
"""

from __future__ import annotations

import atexit
import dataclasses
import datetime
import logging
import pathlib
import shutil
import tempfile
from collections.abc import Callable
from typing import Any

import ops

RunOnce = Callable[[], Any]

# A well-formed Juju secret id (20 characters of base32hex after the prefix).
SECRET_ID = "secret:cuqlt1hn7k9s1e9n5u6g"

logger = logging.getLogger(__name__)


# --- charms ------------------------------------------------------------------------


class NoObserversCharm(ops.CharmBase):
    """Observes nothing: what a run costs before the charm does anything."""


class StartCharm(ops.CharmBase):
    """Reacts to start: checks leadership, reads config, writes its app databag."""

    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.start, self._on_start)

    def _on_start(self, _: ops.StartEvent) -> None:
        if self.unit.is_leader():
            relation = self.model.get_relation("db")
            assert relation is not None
            relation.data[self.app]["name"] = str(self.config["name"])
        self.unit.status = ops.ActiveStatus("ready")


START_META = {"name": "bench", "requires": {"db": {"interface": "db"}}}
START_CONFIG = {"options": {"name": {"type": "string", "default": "x"}}}


class PebbleCharm(ops.CharmBase):
    """A k8s charm: on pebble-ready adds a layer, pushes a file and replans."""

    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.workload_pebble_ready, self._on_ready)

    def _on_ready(self, event: ops.PebbleReadyEvent) -> None:
        container = event.workload
        container.add_layer(
            "app",
            {
                "summary": "app",
                "services": {
                    "app": {"override": "replace", "command": "/bin/app", "startup": "enabled"}
                },
            },
            combine=True,
        )
        container.push("/etc/app.conf", "port=8080\n", make_dirs=True)
        container.replan()
        self.unit.status = ops.ActiveStatus()


PEBBLE_META = {"name": "bench", "containers": {"workload": {}}}


class SecretCharm(ops.CharmBase):
    """Reads a secret it was granted, on start."""

    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.start, self._on_start)

    def _on_start(self, _: ops.StartEvent) -> None:
        content = self.model.get_secret(id=SECRET_ID).get_content()
        self.unit.status = ops.ActiveStatus(content["user"])


class ActionCharm(ops.CharmBase):
    """An action with parameters that sets results."""

    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.backup_action, self._on_backup)

    def _on_backup(self, event: ops.ActionEvent) -> None:
        event.log("backing up")
        event.set_results({"target": event.params["target"], "size": 42})


ACTION_META = {"name": "bench"}
ACTIONS = {
    "backup": {
        "params": {"target": {"type": "string"}, "compress": {"type": "boolean"}},
    }
}


class DeferringCharm(ops.CharmBase):
    """Defers update-status until it is ready (it never is here)."""

    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.update_status, self._on_update_status)

    def _on_update_status(self, event: ops.UpdateStatusEvent) -> None:
        event.defer()


class RelationsCharm(ops.CharmBase):
    """Reads one remote unit's databag on update-status."""

    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.update_status, self._on_update_status)

    def _on_update_status(self, _: ops.UpdateStatusEvent) -> None:
        relation = self.model.relations["db"][0]
        unit = next(iter(relation.units))
        self.unit.status = ops.ActiveStatus(relation.data[unit].get("k0", ""))


RELATIONS_META = {"name": "bench", "requires": {"db": {"interface": "db"}}}


class LoggingCharm(ops.CharmBase):
    """Logs 200 lines on start."""

    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.start, self._on_start)

    def _on_start(self, _: ops.StartEvent) -> None:
        for i in range(200):
            logger.info("line %d of the start hook", i)


class FilesCharm(ops.CharmBase):
    """Lists the files of a container's mount and reads one, on pebble-ready."""

    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.workload_pebble_ready, self._on_ready)

    def _on_ready(self, event: ops.PebbleReadyEvent) -> None:
        files = event.workload.list_files("/data")
        with event.workload.pull("/data/f0") as f:
            first = f.read()
        self.unit.status = ops.ActiveStatus(f"{len(files)} {first}")


FILES_META = {"name": "bench", "containers": {"workload": {}}}


# --- helpers -------------------------------------------------------------------------


def _unit_data(units: int, keys: int) -> dict[int, dict[str, str]]:
    return {u: {f"k{k}": f"v{k}" for k in range(keys)} for u in range(units)}


_MOUNT_DIRS: dict[int, str] = {}


def mount_dir(files: int) -> str:
    """A directory of ``files`` small files, made once per process."""
    if files not in _MOUNT_DIRS:
        path = pathlib.Path(tempfile.mkdtemp(prefix=f"bench-mount-{files}-"))
        atexit.register(shutil.rmtree, str(path), ignore_errors=True)
        for i in range(files):
            (path / f"f{i}").write_text(f"file {i}\n")
        _MOUNT_DIRS[files] = str(path)
    return _MOUNT_DIRS[files]


# --- the workloads ---------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class FloorSpec:
    """One dispatch for the ops floor: the charm, its spec, the event and answers."""

    charm_type: type[ops.CharmBase]
    meta: dict[str, Any]
    event: str
    actions: dict[str, Any] | None = None
    config: dict[str, Any] | None = None
    answers: dict[str, Any] = dataclasses.field(default_factory=dict)
    """What the trivial backend answers (is_leader, config, action params, ...)."""
    workload: str | None = None
    """The container a workload event is about."""
    deferred: tuple[tuple[str, str, str], ...] = ()
    """Notices (event path, observer path, method) in the store when the run starts."""
    meta_per_run: bool = False
    """ops' CharmMeta built in every run (a new Context per run), not once."""


@dataclasses.dataclass(frozen=True)
class Workload:
    """A workload: its name, what it shows, and how each API expresses it."""

    name: str
    title: str
    api_58: Callable[[Any, Any], RunOnce]
    api_newest: Callable[[Any, Any], RunOnce]
    floor: Callable[[Any], FloorSpec] | None = None
    small: bool = False
    """Small workloads are held to the ops floor target."""
    params: tuple[int, ...] = ()
    """Parameter values of a scaling curve (empty: a single measurement)."""
    quick_params: tuple[int, ...] = ()
    axis: str = ""
    """What the parameter is, for the plot."""
    runs_in_a_row: int = 0
    """Non-zero: measured as that many consecutive runs (drift), not in rounds."""


# a bare start (no observers; 200 log lines)


def _bare_start(
    charm: type,
) -> tuple[Callable[..., RunOnce], Callable[..., RunOnce], Callable[..., FloorSpec]]:
    """A ``start`` of ``charm`` on an empty State, in each API and on the floor."""

    def in_58(scenario: Any, _: Any) -> RunOnce:
        ctx = scenario.Context(charm, meta={"name": "bench"})
        state = scenario.State()
        return lambda: ctx.run("start", state)

    def in_newest(testing: Any, _: Any) -> RunOnce:
        ctx = testing.Context(charm, meta={"name": "bench"})
        state = testing.State()
        return lambda: ctx.run(ctx.on.start(), state)

    def on_floor(_: Any) -> FloorSpec:
        return FloorSpec(charm, {"name": "bench"}, "start")

    return in_58, in_newest, on_floor


# start with leadership, config and a relation write


def _start_58(scenario: Any, _: Any) -> RunOnce:
    ctx = scenario.Context(StartCharm, meta=START_META, config=START_CONFIG)
    state = scenario.State(
        leader=True, config={"name": "db1"}, relations=[scenario.Relation("db")]
    )
    return lambda: ctx.run("start", state)


def _start_new(testing: Any, _: Any) -> RunOnce:
    ctx = testing.Context(StartCharm, meta=START_META, config=START_CONFIG)
    state = testing.State(leader=True, config={"name": "db1"}, relations={testing.Relation("db")})
    return lambda: ctx.run(ctx.on.start(), state)


def _start_floor(_: Any) -> FloorSpec:
    return FloorSpec(
        StartCharm,
        START_META,
        "start",
        config=START_CONFIG,
        answers={"leader": True, "config": {"name": "db1"}, "relations": {"db": [1]}},
    )


# pebble


def _pebble_58(scenario: Any, _: Any) -> RunOnce:
    ctx = scenario.Context(PebbleCharm, meta=PEBBLE_META)
    container = scenario.Container("workload", can_connect=True)
    state = scenario.State(containers=[container])
    return lambda: ctx.run(container.pebble_ready_event, state)


def _pebble_new(testing: Any, _: Any) -> RunOnce:
    ctx = testing.Context(PebbleCharm, meta=PEBBLE_META)
    container = testing.Container("workload", can_connect=True)
    state = testing.State(containers={container})
    return lambda: ctx.run(ctx.on.pebble_ready(container), state)


def _pebble_floor(_: Any) -> FloorSpec:
    return FloorSpec(PebbleCharm, PEBBLE_META, "workload_pebble_ready", workload="workload")


# secret


def _secret_58(scenario: Any, _: Any) -> RunOnce:
    ctx = scenario.Context(SecretCharm, meta={"name": "bench"})
    secret = scenario.Secret(id=SECRET_ID, contents={0: {"user": "admin"}}, granted="app")
    state = scenario.State(secrets=[secret])
    return lambda: ctx.run("start", state)


def _secret_new(testing: Any, _: Any) -> RunOnce:
    ctx = testing.Context(SecretCharm, meta={"name": "bench"})
    secret = testing.Secret(tracked_content={"user": "admin"}, id=SECRET_ID)
    state = testing.State(secrets={secret})
    return lambda: ctx.run(ctx.on.start(), state)


def _secret_floor(_: Any) -> FloorSpec:
    return FloorSpec(SecretCharm, {"name": "bench"}, "start", answers={"secret": {"user": "a"}})


# action


def _action_58(scenario: Any, _: Any) -> RunOnce:
    ctx = scenario.Context(ActionCharm, meta=ACTION_META, actions=ACTIONS)
    action = scenario.Action("backup", params={"target": "s3", "compress": True})
    state = scenario.State()
    return lambda: ctx.run_action(action, state)


def _action_new(testing: Any, _: Any) -> RunOnce:
    ctx = testing.Context(ActionCharm, meta=ACTION_META, actions=ACTIONS)
    state = testing.State()

    def run() -> Any:
        return ctx.run(ctx.on.action("backup", params={"target": "s3", "compress": True}), state)

    return run


def _action_floor(_: Any) -> FloorSpec:
    return FloorSpec(
        ActionCharm,
        ACTION_META,
        "backup_action",
        actions=ACTIONS,
        answers={"action_params": {"target": "s3", "compress": True}},
    )


# deferred chain

_DEFERRED = 5


def _deferred_58(scenario: Any, _: Any) -> RunOnce:
    ctx = scenario.Context(DeferringCharm, meta={"name": "bench"})
    state = scenario.State(
        deferred=[
            scenario.deferred(
                "update_status", handler=DeferringCharm._on_update_status, event_id=i
            )
            for i in range(1, _DEFERRED + 1)
        ]
    )
    return lambda: ctx.run("update_status", state)


def _deferred_new(testing: Any, _: Any) -> RunOnce:
    ctx = testing.Context(DeferringCharm, meta={"name": "bench"})
    state = testing.State(
        deferred=[
            ctx.on.update_status().deferred(DeferringCharm._on_update_status, event_id=i)
            for i in range(1, _DEFERRED + 1)
        ]
    )
    return lambda: ctx.run(ctx.on.update_status(), state)


def _deferred_floor(_: Any) -> FloorSpec:
    notices = tuple(
        (f"DeferringCharm/on/update_status[{i}]", "DeferringCharm", "_on_update_status")
        for i in range(1, _DEFERRED + 1)
    )
    return FloorSpec(DeferringCharm, {"name": "bench"}, "update_status", deferred=notices)


# relations: a big State, and its scaling curves


def _relations_58(relations: int, units: int, keys: int) -> Callable[[Any, Any], RunOnce]:
    def build(scenario: Any, _: Any) -> RunOnce:
        ctx = scenario.Context(RelationsCharm, meta=RELATIONS_META)
        state = scenario.State(
            relations=[
                scenario.Relation(
                    "db",
                    remote_app_data={f"a{k}": "v" for k in range(keys)},
                    remote_units_data=_unit_data(units, 1),
                )
                for _ in range(relations)
            ]
        )
        return lambda: ctx.run("update_status", state)

    return build


def _relations_new(relations: int, units: int, keys: int) -> Callable[[Any, Any], RunOnce]:
    def build(testing: Any, _: Any) -> RunOnce:
        ctx = testing.Context(RelationsCharm, meta=RELATIONS_META)
        state = testing.State(
            relations={
                testing.Relation(
                    "db",
                    remote_app_data={f"a{k}": "v" for k in range(keys)},
                    remote_units_data=_unit_data(units, 1),
                )
                for _ in range(relations)
            }
        )
        return lambda: ctx.run(ctx.on.update_status(), state)

    return build


def _relations_floor(relations: int, units: int, keys: int) -> Callable[[Any], FloorSpec]:
    def spec(_: Any) -> FloorSpec:
        return FloorSpec(
            RelationsCharm,
            RELATIONS_META,
            "update_status",
            answers={
                "relations": {"db": list(range(relations))},
                "relation_units": [f"remote/{u}" for u in range(units)],
                "unit_data": {"k0": "v0"},
                "app_data": {f"a{k}": "v" for k in range(keys)},
            },
        )

    return spec


_SHAPES = {"relations": (1, 0, 0), "units": (0, 1, 0), "databag": (0, 0, 1)}
"""Which of (relations, units, keys) a scaling curve varies; the others are 1."""


def _shape(kind: str, n: int) -> tuple[int, int, int]:
    relations, units, keys = (n if varies else 1 for varies in _SHAPES[kind])
    return relations, units, keys


def _scaled(
    kind: str, make: Callable[[int, int, int], Callable[[Any, Any], RunOnce]]
) -> Callable[[Any, Any], RunOnce]:
    def build(module: Any, n: Any) -> RunOnce:
        return make(*_shape(kind, n))(module, None)

    return build


def _scaled_floor(kind: str) -> Callable[[Any], FloorSpec]:
    return lambda n: _relations_floor(*_shape(kind, n))(None)


# a fresh Context per run, as a test suite has one per test


def _fresh_58(scenario: Any, _: Any) -> RunOnce:
    state = scenario.State(
        leader=True, config={"name": "db1"}, relations=[scenario.Relation("db")]
    )

    def run() -> Any:
        ctx = scenario.Context(StartCharm, meta=START_META, config=START_CONFIG)
        return ctx.run("start", state)

    return run


def _fresh_new(testing: Any, _: Any) -> RunOnce:
    state = testing.State(leader=True, config={"name": "db1"}, relations={testing.Relation("db")})

    def run() -> Any:
        ctx = testing.Context(StartCharm, meta=START_META, config=START_CONFIG)
        return ctx.run(ctx.on.start(), state)

    return run


def _fresh_floor(_: Any) -> FloorSpec:
    return dataclasses.replace(_start_floor(None), meta_per_run=True)


# files in a container


def _files_58(scenario: Any, n: Any) -> RunOnce:
    ctx = scenario.Context(FilesCharm, meta=FILES_META)
    container = scenario.Container(
        "workload",
        can_connect=True,
        mounts={"data": scenario.Mount("/data", mount_dir(n))},
    )
    state = scenario.State(containers=[container])
    return lambda: ctx.run(container.pebble_ready_event, state)


def _files_new(testing: Any, n: Any) -> RunOnce:
    ctx = testing.Context(FilesCharm, meta=FILES_META)
    container = testing.Container(
        "workload",
        can_connect=True,
        mounts={"data": testing.Mount(location="/data", source=mount_dir(n))},
    )
    state = testing.State(containers={container})
    return lambda: ctx.run(ctx.on.pebble_ready(container), state)


def _files_floor(n: Any) -> FloorSpec:
    """The listing a Pebble would give for ``n`` files, made once, handed out per run."""
    when = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc)
    files = [
        ops.pebble.FileInfo(
            f"/data/f{i}", f"f{i}", ops.pebble.FileType.FILE, 7, 0o644, when, 0, "root", 0, "root"
        )
        for i in range(n)
    ]
    return FloorSpec(
        FilesCharm,
        FILES_META,
        "workload_pebble_ready",
        workload="workload",
        answers={"files": files, "file_content": "file 0\n"},
    )


WORKLOADS: tuple[Workload, ...] = (
    Workload(
        "no_observers",
        "charm with no observers (start)",
        *_bare_start(NoObserversCharm),
        small=True,
    ),
    Workload(
        "start",
        "start: leader, config, relation write",
        _start_58,
        _start_new,
        _start_floor,
        small=True,
    ),
    Workload(
        "pebble",
        "k8s: add layer, push, replan",
        _pebble_58,
        _pebble_new,
        _pebble_floor,
    ),
    Workload("secret", "secret read", _secret_58, _secret_new, _secret_floor, small=True),
    Workload(
        "action",
        "action with params and results",
        _action_58,
        _action_new,
        _action_floor,
        small=True,
    ),
    Workload(
        "deferred",
        f"{_DEFERRED} deferred events re-emitted",
        _deferred_58,
        _deferred_new,
        _deferred_floor,
    ),
    Workload(
        "relations_100x10",
        "State with 100 relations of 10 units",
        _relations_58(100, 10, 1),
        _relations_new(100, 10, 1),
        _relations_floor(100, 10, 1),
    ),
    Workload("logs_200", "charm logs 200 lines", *_bare_start(LoggingCharm)),
    Workload(
        "fresh_context",
        "new Context + start run (one test)",
        _fresh_58,
        _fresh_new,
        _fresh_floor,
    ),
    Workload(
        "runs_1000",
        "1,000 start runs in a row",
        _start_58,
        _start_new,
        _start_floor,
        runs_in_a_row=1000,
    ),
    Workload(
        "scale_relations",
        "time vs relations",
        _scaled("relations", _relations_58),
        _scaled("relations", _relations_new),
        _scaled_floor("relations"),
        params=(1, 10, 50, 100, 200),
        quick_params=(1, 50, 200),
        axis="relations in the State",
    ),
    Workload(
        "scale_units",
        "time vs remote units of one relation",
        _scaled("units", _relations_58),
        _scaled("units", _relations_new),
        _scaled_floor("units"),
        params=(1, 10, 100, 500, 1000),
        quick_params=(1, 100, 1000),
        axis="remote units of the relation",
    ),
    Workload(
        "scale_databag",
        "time vs keys in the remote app databag",
        _scaled("databag", _relations_58),
        _scaled("databag", _relations_new),
        _scaled_floor("databag"),
        params=(1, 10, 100, 1000, 5000),
        quick_params=(1, 100, 5000),
        axis="keys in the remote app databag",
    ),
    Workload(
        "scale_files",
        "time vs files in a container mount",
        _files_58,
        _files_new,
        _files_floor,
        params=(1, 10, 100, 1000),
        quick_params=(1, 100, 1000),
        axis="files in the container's mount",
    ),
)

BY_NAME = {w.name: w for w in WORKLOADS}
