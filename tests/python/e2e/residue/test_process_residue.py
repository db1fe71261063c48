# SPDX-License-Identifier: Apache-2.0
"""Many runs in one process leave nothing behind: environment, logging, hooks, classes.

Scenario runs charms in-process, patching ops and the process for the duration of
each run; every patch must be undone, even when the charm raises.
"""

from __future__ import annotations

import gc
import glob
import logging
import os
import subprocess
import sys
import tempfile
import warnings
import weakref

import ops
import ops.framework
import ops.model
import pytest
import scenario.runtime
from scenario import (
    Container,
    Context,
    ExecOutput,
    Relation,
    State,
    Storage,
    UncaughtCharmError,
    _charm_roots,
)

META = {
    "name": "residue",
    "requires": {"foo": {"interface": "bar"}},
    "peers": {"peers": {"interface": "p"}},
    "storage": {"data": {"type": "filesystem"}},
}
ACTIONS = {"act": {}}
CONFIG = {"options": {"n": {"type": "int", "default": 1}}}

RUNS = 1000


class MyCharm(ops.CharmBase):
    _stored = ops.StoredState()

    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        self._stored.set_default(n=0)
        framework.observe(self.on.start, self._on_start)
        framework.observe(self.on.foo_relation_changed, self._on_changed)
        framework.observe(self.on.update_status, self._on_update_status)
        framework.observe(self.on.act_action, self._on_act)

    def _on_start(self, _):
        logging.getLogger(__name__).info("start %s", self._stored.n)
        self._stored.n += 1
        self.unit.status = ops.ActiveStatus(str(self.config["n"]))

    def _on_changed(self, event: ops.RelationChangedEvent):
        event.relation.data[self.unit]["n"] = str(self._stored.n)
        (self.model.storages["data"][0].location / "n").write_text(str(self._stored.n))

    def _on_update_status(self, event):
        event.defer()
        raise RuntimeError("update-status always fails")

    def _on_act(self, event: ops.ActionEvent):
        event.set_results({"n": self._stored.n})


@pytest.fixture(autouse=True)
def private_tempdir(tmp_path, monkeypatch):
    """Scratch dirs go to a directory of this test only, so parallel workers do not mix in."""
    directory = tmp_path / "tmp"
    directory.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(directory))
    monkeypatch.setenv("SCENARIO_TMPDIR", str(directory))
    return directory


def _scenario_tempdirs() -> set[str]:
    """Scratch directories, less the one holding the shared charm roots (kept until exit,
    one root per spec: ``_shared_roots_are_bounded`` checks them)."""
    holders = {str(path) for path, _ in _charm_roots._HOLDERS.values()}
    return set(glob.glob(os.path.join(tempfile.gettempdir(), "scenario-*"))) - holders


def _shared_roots_are_bounded() -> None:
    # One spec in these runs, whose charm never writes in its root: one shared root,
    # however many Contexts ran.
    holder, _ = _charm_roots._HOLDERS[os.path.realpath(tempfile.gettempdir())]
    (root,) = (path for path in holder.iterdir() if path.is_dir())
    assert sorted(path.name for path in root.iterdir()) == [
        "actions.yaml",
        "config.yaml",
        "metadata.yaml",
    ]


def _class_dict(cls: type) -> dict:
    return dict(vars(cls))


def _snapshot():
    root = logging.getLogger()
    hook_spawn_points = {}
    for module_name in ("ops.model", "ops.hookcmds._utils"):
        module = sys.modules.get(module_name)
        if module is not None:
            for attr in ("subprocess", "shutil"):
                if attr in vars(module):
                    hook_spawn_points[(module_name, attr)] = vars(module)[attr]
    return {
        "environ": dict(os.environ),
        "root_handlers": list(root.handlers),
        "root_level": root.level,
        "excepthook": sys.excepthook,
        "showwarning": warnings.showwarning,
        "framework_emit": ops.Framework.__dict__["_emit"],
        "framework_reemit": ops.Framework.__dict__["reemit"],
        "framework_dict": _class_dict(ops.framework.Framework),
        "charmbase_dict": _class_dict(ops.CharmBase),
        "charm_events_dict": _class_dict(ops.CharmEvents),
        "backend_dict": _class_dict(ops.model._ModelBackend),
        "model_dict": _class_dict(ops.Model),
        "charm_dict": _class_dict(MyCharm),
        "charm_on_type": type(MyCharm.on),
        "charm_on_dict": _class_dict(type(MyCharm.on)),
        "hook_spawn_points": hook_spawn_points,
        "ops_tracers": {
            m.__name__: vars(m).get("tracer") for m in (ops.model, ops.pebble, ops.framework)
        },
        "tempdirs": _scenario_tempdirs(),
    }


def _run_many() -> None:
    relation = Relation("foo")
    state = State(relations=[relation], config={"n": 3}, storage=[Storage("data")])
    shared = Context(MyCharm, meta=META, actions=ACTIONS, config=CONFIG)
    for i in range(RUNS):
        ctx = shared if i % 2 else Context(MyCharm, meta=META, actions=ACTIONS, config=CONFIG)
        kind = i % 4
        if kind == 0:
            state = ctx.run("start", state)
        elif kind == 1:
            state = ctx.run(relation.changed_event, state)
            # the charm wrote into its storage: there is a simulated filesystem now
            assert _scenario_tempdirs()
        elif kind == 2:
            out = ctx.run_action("act", state)
            assert out.results is not None
        else:
            with pytest.raises(UncaughtCharmError):
                ctx.run("update-status", state)
        if ctx is not shared:
            ctx.cleanup()
        if i % 50 == 49:
            shared.cleanup()
    shared.cleanup()
    assert state.stored_state[0].content["n"] == RUNS // 4


def test_a_thousand_runs_leave_no_residue(private_tempdir):
    before = _snapshot()
    _run_many()
    after = _snapshot()

    assert after["environ"] == before["environ"]
    assert after["root_handlers"] == before["root_handlers"]
    assert after["root_level"] == before["root_level"]
    assert after["excepthook"] is before["excepthook"]
    assert after["showwarning"] is before["showwarning"]
    assert after["framework_emit"] is before["framework_emit"]
    assert after["framework_reemit"] is before["framework_reemit"]
    assert after["framework_dict"] == before["framework_dict"]
    assert after["charmbase_dict"] == before["charmbase_dict"]
    assert after["charm_events_dict"] == before["charm_events_dict"]
    assert after["backend_dict"] == before["backend_dict"]
    assert after["model_dict"] == before["model_dict"]
    assert after["hook_spawn_points"] == before["hook_spawn_points"]
    assert after["ops_tracers"] == before["ops_tracers"]
    for (module_name, attr), value in after["hook_spawn_points"].items():
        assert value is {"subprocess": subprocess, "shutil": __import__("shutil")}[attr], (
            module_name,
            attr,
        )
    # the charm class has gained no attributes, nor has its `on` type
    assert after["charm_dict"] == before["charm_dict"]
    assert after["charm_on_type"] is before["charm_on_type"]
    assert after["charm_on_dict"] == before["charm_on_dict"]
    for name in ("foo_relation_changed", "peers_relation_joined", "act_action"):
        assert name not in vars(type(MyCharm.on)), name
        assert not hasattr(type(MyCharm.on), name), name
        assert not hasattr(ops.CharmEvents, name), name
    # no simulated filesystems left behind
    assert after["tempdirs"] - before["tempdirs"] == set()
    _shared_roots_are_bounded()
    assert tempfile.gettempdir() == str(private_tempdir)


def test_no_juju_variables_leak_into_the_environment():
    Context(MyCharm, meta=META, actions=ACTIONS, config=CONFIG).run("start", State())
    assert not [k for k in os.environ if k.startswith("JUJU_")]


def test_outer_juju_variables_are_hidden_during_the_run_and_restored(monkeypatch):
    monkeypatch.setenv("JUJU_UNIT_NAME", "outer/7")
    seen = {}

    class Reader(ops.CharmBase):
        def __init__(self, framework: ops.Framework):
            super().__init__(framework)
            framework.observe(self.on.start, self._on_start)

        def _on_start(self, _):
            seen["unit"] = self.unit.name
            seen["env"] = os.environ.get("JUJU_UNIT_NAME")

    Context(Reader, meta={"name": "inner"}).run("start", State(unit_id=2))
    assert seen == {"unit": "inner/2", "env": "inner/2"}
    assert os.environ["JUJU_UNIT_NAME"] == "outer/7"


def test_dropped_contexts_leave_no_temp_dirs_and_no_live_frameworks():
    """A Context dropped without cleanup() (the usual pytest pattern) is freed, with its
    simulated filesystems, once collected; no run keeps its Framework or charm alive."""
    gc.collect()
    tempdirs_before = _scenario_tempdirs()
    frameworks_before = sum(type(o) is ops.Framework for o in gc.get_objects())
    relation = Relation("foo")
    for _ in range(20):
        ctx = Context(MyCharm, meta=META, actions=ACTIONS, config=CONFIG)
        ctx.run(relation.changed_event, State(relations=[relation], storage=[Storage("data")]))
        del ctx
    gc.collect()
    frameworks_after = sum(type(o) is ops.Framework for o in gc.get_objects())
    charms_alive = sum(
        isinstance(o, MyCharm) and type(o) is not weakref.ProxyType for o in gc.get_objects()
    )
    assert _scenario_tempdirs() - tempdirs_before == set()
    assert frameworks_after == frameworks_before
    assert charms_alive == 0


@pytest.fixture
def sessions(monkeypatch) -> list[weakref.ref]:
    """A weak reference to every engine session the runtime opens from now on."""
    opened: list[weakref.ref] = []
    real = scenario.runtime._core

    class RecordingCore:
        def __getattr__(self, name):
            return getattr(real, name)

        @staticmethod
        def Session(*args, **kwargs):
            session = real.Session(*args, **kwargs)
            opened.append(weakref.ref(session))
            return session

    monkeypatch.setattr(scenario.runtime, "_core", RecordingCore())
    return opened


@pytest.mark.parametrize(
    "containers", ["none", "push", "exec"], ids=["no-containers", "container", "kept-process"]
)
def test_a_finished_run_keeps_no_session(sessions, containers):
    """A run's engine session (with its copies of the State) goes when the run ends.

    The Context keeps each run's emitted events, whose framework keeps ops' backend,
    which keeps the Pebble client factory and what answers the model after the run:
    neither may hold the session.
    """
    meta = (
        {"name": "keeper", "containers": {"app": {}}}
        if containers != "none"
        else {"name": "keeper"}
    )
    container = Container("app", can_connect=True, exec_mock={("ls",): ExecOutput(stdout="x")})
    state = State(containers=[container] if containers != "none" else [])
    KeepsNothing.exec_too = containers == "exec"
    ctx = Context(KeepsNothing, meta=meta)
    for _ in range(3):
        ctx.run("update_status", state)
    gc.collect()
    assert len(ctx.emitted_events) == 3  # the runs' frameworks are alive
    assert len(sessions) == 3
    assert [ref() for ref in sessions] == [None, None, None]
    # Reading an event's model after the run opens one session on the output State,
    # kept for that model's next calls, and gone with the event.
    model = ctx.emitted_events[0].framework.model
    del ctx
    assert model.unit.is_leader() is False
    assert model.app.planned_units() == 1
    assert len(sessions) == 4
    gc.disable()
    try:
        del model
        assert sessions[3]() is None
    finally:
        gc.enable()


def test_a_finished_manager_keeps_no_session(sessions):
    # The manager keeps the run's dispatch, for the test to read after its block.
    ctx = Context(KeepsNothing, meta={"name": "keeper"})
    with ctx.manager("update_status", State()) as mgr:
        pass
    gc.collect()
    assert mgr.output is not None
    assert len(sessions) == 1
    assert sessions[0]() is None


class KeepsNothing(ops.CharmBase):
    exec_too = False
    kept: list[object] = []  # outlives the run, as a charm's module-level state can

    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.update_status, self._on_update_status)

    def _on_update_status(self, _: ops.UpdateStatusEvent):
        for container in self.unit.containers.values():
            container.push("/etc/x.conf", "x", make_dirs=True)
            if self.exec_too:
                process = container.exec(["ls"])
                process.wait_output()
                KeepsNothing.kept.append(process)


_HELD_TO_THE_END = """
import gc
import ops
import scenario


class Charm(ops.CharmBase):
    pass


ctx = scenario.Context(Charm, meta={"name": "late"})
ctx.run("start", scenario.State())


def on_collect(phase, info):  # holds this module's globals, ctx with them, to the end
    ctx


gc.callbacks.append(on_collect)
"""


def _held_to_the_end(**env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k != "SCENARIO_LEAK_WARNINGS"}
    return subprocess.run(
        [sys.executable, "-c", _HELD_TO_THE_END],
        capture_output=True,
        text=True,
        check=True,
        env={**environ, **env},
    )


def test_a_context_alive_at_interpreter_exit_prints_nothing():
    # Kept by a gc callback, the Context and its engine spec outlive the engine module.
    done = _held_to_the_end()
    assert (done.stdout, done.stderr) == ("", "")
    # What the bindings' own developers can ask for: nanobind's report of what is left.
    assert "nanobind: leaked" in _held_to_the_end(SCENARIO_LEAK_WARNINGS="1").stderr
