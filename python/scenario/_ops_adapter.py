# SPDX-License-Identifier: Apache-2.0
"""The only module that knows ops' private names.

Everything here exists because ops offers no public way to do it: redirect the
hook-tool transport, build the framework the way ``ops.main`` does, and run the parts
of a dispatch one by one. Each private name is listed with the ops versions it was
checked against; supported ops versions are 2.10 through the newest 3.x.

| private name | where | checked against |
|---|---|---|
| ``ops.model._ModelBackend`` | backend for the Model | 2.10, 3.3, 3.9 |
| ``_ModelBackend(juju_context=)``, ``._juju_context``, ``Model._backend`` | one context | 2.16+ |
| ``ops.model.subprocess`` / ``ops.model.shutil`` (module globals) | hook-tool spawn point | 2.10 - 3.3 |
| ``ops.hookcmds._utils.subprocess`` (module global) | hook-tool spawn point | 3.4 - 3.9 |
| ``ops.main._get_event_args`` / ``ops._main._get_event_args`` | event arguments | 2.10, 3.3, 3.9 |
| ``ops.jujucontext.JujuContext._from_dict`` / ``ops.jujucontext._JujuContext.from_dict`` | event-args context | 2.16+ |
| ``JujuContext.action_uuid``, ``.charm_dir`` (frozen dataclass fields) | reusing a context | 2.16+ |
| ``ops.charm._evaluate_status`` | collect-status | 2.10, 3.3, 3.9 |
| ``ops.framework.Framework._event_context`` | charm ``__init__`` context | 2.12+ (optional) |
| ``ops.framework.Framework._emit`` / ``reemit`` | event capture | 2.10, 3.3, 3.9 |
| ``Framework._storage`` / ``_forget`` | capturing deferred events | 2.10, 3.3, 3.9 |
| ``Framework._observer`` / ``_objects`` / ``_stored``, ``ObjectEvents._cache`` | releasing a run's objects | 2.10, 3.3, 3.9 |
| ``ops.pebble.Client._connect_websocket`` (method) | exec websocket transport | 2.10, 3.3, 3.9 |
| ``ops.log._get_juju_log_and_app_id`` (``functools.cache``) | security-event logging | 3.3, 3.7, 3.9 |
| ``_ModelBackend._run`` / ``._wrap_hookcmd`` (methods), ``._check_for_security_event``, ``RelationMapping._invalidate`` | answering after the run | 2.10 - 3.3 / 3.4 - 3.9, 3.3 - 3.9, 2.16 - 3.9 |
| ``ops._private.tracer``, the module global ``tracer`` of ``ops.model``, ``ops.pebble``, ``ops.framework`` | untraced spans | 3.3, 3.7, 3.9 |
"""

from __future__ import annotations

import builtins
import contextlib
import copy
import dataclasses
import importlib
import inspect
import io
import logging
import os
import pathlib
import shutil
import subprocess
import sys
import types
import urllib.request
import warnings
import weakref
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import ops
import ops.charm
import ops.framework
import ops.log
import ops.model
import ops.pebble

from ._warnings import warn_at_caller
from .errors import ChangeAfterRunWarning

_major, _minor = ops.__version__.split(".")[:2]
OPS_VERSION: tuple[int, int] = (int(_major), int(_minor))
"""The (major, minor) version of the installed ops."""

_HOOKCMDS = OPS_VERSION >= (3, 4)
"""ops 3.4 moved hook-tool calls from ``_ModelBackend._run`` into ``ops.hookcmds``."""

HookRunner = Callable[[Sequence[str], "str | None"], "tuple[int, str, str]"]
"""Runs one hook tool: (argv, stdin) -> (exit code, stdout, stderr)."""


# --- the hook-tool transport ------------------------------------------------------


class _SubprocessShim(types.ModuleType):
    """Stands in for the ``subprocess`` module where ops spawns hook tools.

    ``run`` hands argv and stdin to the engine and answers as ``subprocess.run`` would;
    every other attribute is the real module's.
    """

    def __init__(self, runner: HookRunner) -> None:
        super().__init__("subprocess")
        self._runner = runner

    def __getattr__(self, name: str) -> Any:
        return getattr(subprocess, name)

    def run(
        self, args: Sequence[str], *, input: str | None = None, check: bool = False, **_: Any
    ) -> subprocess.CompletedProcess[str]:
        """Runs a hook tool in the engine, answering as ``subprocess.run`` would."""
        tool = args[0]
        if "/" in tool:  # ops runs tools by name; a path is reduced to the name
            tool = tool.rpartition("/")[2]
        code, out, err = self._runner([tool, *args[1:]], input)
        if check and code != 0:
            raise subprocess.CalledProcessError(code, list(args), output=out, stderr=err)
        return subprocess.CompletedProcess(args, code, out, err)


class _ShutilShim(types.ModuleType):
    """Stands in for ``shutil`` in ``ops.model`` (ops <= 3.3): every tool "exists"."""

    def __init__(self) -> None:
        super().__init__("shutil")

    def __getattr__(self, name: str) -> Any:
        return getattr(shutil, name)

    @staticmethod
    def which(cmd: str, *_: Any, **__: Any) -> str:
        """Every hook tool is "on PATH": the engine answers them all."""
        return cmd


_SECRET_FILES_WRITER: types.ModuleType = importlib.import_module(
    "ops.hookcmds._secret" if _HOOKCMDS else "ops.model"
)
"""Where ops writes secret content to temporary files for ``secret-add``/``secret-set``
(``key#file=PATH``), with the builtin ``open``."""


def _open_writing_for_real(file: Any, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
    """``open`` for the module writing secret files: writes are real, reads the test's.

    Before ops 3.4 that module is ``ops.model``, which also reads a local file to push
    with ``open``: a test's patch of ``builtins.open`` still serves that read.
    """
    if "w" in mode:
        return io.open(file, mode, *args, **kwargs)  # noqa: UP020 - not the patched builtin
    return builtins.open(file, mode, *args, **kwargs)


class HookToolsRoutedTo:
    """Routes every hook-tool call ops makes to ``runner`` while entered.

    The module writing secret content to files for the tools gets an ``open`` that
    writes for real meanwhile: tests patch ``builtins.open`` (``mock_open``) for the
    charm's own files, and ops' files must still reach the engine, as they reached the
    hook tool. Not if that module has an ``open`` of its own (a test's patch of it).

    The context managers of this module are classes: they are entered on every run,
    where a generator-based one costs several times more.
    """

    def __init__(self, runner: HookRunner) -> None:
        self._shim = _SubprocessShim(runner)
        self._saved: tuple[Any, ...] = ()
        self._gave_open = False

    def __enter__(self) -> None:
        if _HOOKCMDS:
            utils = importlib.import_module("ops.hookcmds._utils")
            self._saved = (utils, utils.subprocess)
            utils.subprocess = self._shim
        else:
            # ops.model's module globals `subprocess` and `shutil` (ops <= 3.3).
            model = ops.model
            self._saved = (model, model.__dict__["subprocess"], model.__dict__["shutil"])
            model.subprocess = self._shim
            model.shutil = _ShutilShim()
        writer = _SECRET_FILES_WRITER.__dict__
        self._gave_open = "open" not in writer
        if self._gave_open:
            writer["open"] = _open_writing_for_real

    def __exit__(self, *_: object) -> None:
        if _HOOKCMDS:
            utils, utils.subprocess = self._saved
        else:
            model, model.subprocess, model.shutil = self._saved
        if self._gave_open:
            writer = _SECRET_FILES_WRITER.__dict__
            if writer.get("open") is _open_writing_for_real:
                del writer["open"]


# --- ops' tracing ---------------------------------------------------------------------


class _NoSpan:
    """A span context that records nothing and is made current nowhere."""

    __slots__ = ("_span",)

    def __init__(self, span: Any) -> None:
        self._span = span

    def __enter__(self) -> Any:
        return self._span

    def __exit__(self, *_: object) -> None:
        return None


class _UntracedTracer:
    """ops' tracer, minus the cost of its spans while nothing would record them.

    ops' tracer is OpenTelemetry's proxy tracer: until a tracer provider is set (none in
    tests unless the test sets one), it makes a non-recording span and makes it current
    in the context (about 3.5 µs), and ops opens one for every hook command, Pebble
    request and observer call. This one decides as the proxy does, at every span, from
    the same two things (the proxy's tracer from a provider, once it has one; the
    global provider) and hands the span to the proxy as soon as either is there. It
    never loads a provider itself (``get_tracer_provider`` would, from the environment).
    """

    __slots__ = ("_real", "_trace", "_no_span")

    def __init__(self, real: Any, trace: types.ModuleType) -> None:
        self._real = real
        self._trace = trace
        self._no_span = _NoSpan(trace.INVALID_SPAN)

    def start_as_current_span(self, *args: Any, **kwargs: Any) -> Any:
        """The proxy's span once a provider is there, else one that costs nothing."""
        if (
            getattr(self._real, "_real_tracer", None) is None
            and getattr(self._trace, "_TRACER_PROVIDER", True) is None
        ):
            return self._no_span
        return self._real.start_as_current_span(*args, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


_OPS_TRACER: Any = getattr(sys.modules.get("ops._private"), "tracer", None)
"""ops' own tracer (``ops._private.tracer``); None before ops traced (2.21)."""

_TRACED_MODULES: tuple[types.ModuleType, ...] = tuple(
    module
    for module in (ops.model, ops.pebble, ops.framework)
    if _OPS_TRACER is not None and module.__dict__.get("tracer") is _OPS_TRACER
)
"""The ops modules that open spans during a dispatch through ops' tracer."""

_UNTRACED = (
    _UntracedTracer(_OPS_TRACER, importlib.import_module("opentelemetry.trace"))
    if _OPS_TRACER is not None
    else None
)


class UntracedSpans:
    """Gives ops' modules ``_UntracedTracer`` while entered.

    Only a module that still has ops' own tracer: one a test put there is the test's.
    On exit, a module gets ops' tracer back unless something replaced ours meanwhile.
    """

    __slots__ = ("_swapped",)

    def __init__(self) -> None:
        self._swapped: list[tuple[types.ModuleType, Any]] = []

    def __enter__(self) -> None:
        for module in _TRACED_MODULES:
            tracer = module.__dict__.get("tracer")
            if tracer is _OPS_TRACER:
                self._swapped.append((module, tracer))
                module.tracer = _UNTRACED  # type: ignore[attr-defined]  # undone on exit

    def __exit__(self, *_: object) -> None:
        for module, tracer in self._swapped:
            if module.__dict__.get("tracer") is _UNTRACED:
                module.tracer = tracer  # type: ignore[attr-defined]
        self._swapped.clear()


# --- process-wide state a dispatch touches ----------------------------------------


class JujuEnvironment:
    """Sets exactly ``env``'s JUJU_* variables while entered, then restores ``os.environ``.

    JUJU_* variables already set outside (and ``OPERATOR_DISPATCH``, which makes ops
    exit early) are hidden for the duration, so a developer's shell cannot leak in.
    """

    def __init__(self, env: Mapping[str, str]) -> None:
        self._env = env
        self._saved: dict[str, str] = {}

    def __enter__(self) -> None:
        environ, env = os.environ, self._env
        # Every JUJU_* variable set is in ``saved``: a JUJU_* key of ``env`` missing from
        # it is not set, and needs no lookup (a missing key costs a KeyError in os.environ).
        saved = self._saved = {key: environ[key] for key in _juju_variables()}
        for key in env:
            if key not in saved and not key.startswith("JUJU_") and key in environ:
                saved[key] = environ[key]
        for key in saved:
            del environ[key]
        try:
            for key, value in env.items():
                environ[key] = value
        except BaseException:
            self.__exit__()
            raise

    def __exit__(self, *_: object) -> None:
        environ, saved = os.environ, self._saved
        for key in self._env:
            if key not in saved:
                with contextlib.suppress(KeyError):  # the charm may have unset it
                    del environ[key]
        for key, value in saved.items():
            environ[key] = value


def _juju_variables() -> list[str]:
    """The names of the JUJU_* variables (and OPERATOR_DISPATCH) set in ``os.environ``.

    On POSIX, CPython keeps the environment as bytes in ``os.environ._data``; scanning
    that decodes only the matches instead of every variable, several times cheaper.
    """
    data = getattr(os.environ, "_data", None)
    if os.name == "posix" and isinstance(data, dict):
        return [
            os.fsdecode(k) for k in data if k.startswith(b"JUJU_") or k == b"OPERATOR_DISPATCH"
        ]
    return [k for k in os.environ if k.startswith("JUJU_") or k == "OPERATOR_DISPATCH"]


class JujuLogging:
    """Installs ops' juju-log handler on the root logger while entered.

    ``setup_root_logging`` also replaces ``sys.excepthook`` and ``warnings.showwarning``;
    all are put back exactly on exit, so no handler or hook outlives the run.

    ops 3 logs security events through the backend of the first juju-log handler it
    finds, and remembers it for the process (ops dispatches once per process): that is
    forgotten on entry and on exit, so each run logs through its own backend (with its
    own unit in the event's ``appid``) and no run's backend outlives it that way. A run
    inside another's (in a ``manager`` block) sets the other's handler aside while it
    runs: its lines go to its own juju-log once, not also through the other's backend.
    """

    def __init__(self, backend: ops.model._ModelBackend, *, exc_stderr: bool) -> None:
        self._backend = backend
        self._exc_stderr = exc_stderr
        self._saved: tuple[Any, ...] = ()

    def __enter__(self) -> None:
        root = logging.getLogger()
        self._saved = (
            list(root.handlers),
            root.level,
            sys.excepthook,
            warnings.showwarning,
        )
        _forget_security_log()
        # A run inside another's (a manager block) logs only through its own handler.
        root.handlers[:] = [h for h in root.handlers if not isinstance(h, ops.log.JujuLogHandler)]
        ops.log.setup_root_logging(self._backend, exc_stderr=self._exc_stderr)

    def __exit__(self, *_: object) -> None:
        _forget_security_log()
        root = logging.getLogger()
        saved_handlers, saved_level, sys.excepthook, warnings.showwarning = self._saved
        for handler in root.handlers:
            if handler not in saved_handlers:
                handler.close()
        root.handlers[:] = saved_handlers
        if root.level != saved_level:  # setLevel empties every logger's level cache
            root.setLevel(saved_level)


def _noop() -> None:
    pass


_forget_security_log: Callable[[], None] = getattr(
    getattr(ops.log, "_get_juju_log_and_app_id", None), "cache_clear", _noop
)
"""Forgets the juju-log backend ops 3 remembers for security events (none before 3)."""


# --- building what ops.main builds ------------------------------------------------

_META_TAKES_CONFIG = "config_raw" in inspect.signature(ops.charm.CharmMeta.__init__).parameters
_MODEL_TAKES_REMOTE_UNIT = (
    "remote_unit_name" in inspect.signature(ops.model.Model.__init__).parameters
)


def make_charm_meta(
    meta: Mapping[str, Any], actions: Mapping[str, Any] | None, config: Mapping[str, Any] | None
) -> ops.CharmMeta:
    """A CharmMeta from raw metadata, actions and config dicts."""
    if _META_TAKES_CONFIG:
        return ops.CharmMeta(dict(meta), dict(actions or {}), dict(config or {}))
    return ops.CharmMeta(dict(meta), dict(actions or {}))


_BACKEND_TAKES_CONTEXT = (
    "juju_context" in inspect.signature(ops.model._ModelBackend.__init__).parameters
)


def make_backend(env: Mapping[str, str]) -> ops.model._ModelBackend:
    """The backend ``ops.main`` would build, for a run whose JUJU_* variables are ``env``.

    Where ops takes its view of JUJU_* as an argument (2.16+), it is built once per run
    from ``env`` (the very variables ``os.environ`` holds meanwhile) and shared with the
    event's arguments: reading ``os.environ`` decodes every variable, twice per run.
    """
    if _BACKEND_TAKES_CONTEXT:
        return ops.model._ModelBackend(juju_context=_juju_context(env))
    return ops.model._ModelBackend()


def make_pebble_client(
    socket_path: str,
    opener: urllib.request.OpenerDirector,
    connect_websocket: Callable[[str, str], Any] | None,
) -> ops.pebble.Client:
    """A real ``ops.pebble.Client``: ``opener`` for HTTP, ``connect_websocket`` for exec.

    ``connect_websocket(task_id, websocket_id)`` replaces the client's private websocket
    dialer (a method taking the same arguments); None leaves the real one, for a
    client whose every request fails before any websocket is dialled.
    """
    client = ops.pebble.Client(socket_path, opener=opener)
    if connect_websocket is not None:
        # Set on this instance only: other clients keep the real dialer.
        client._connect_websocket = connect_websocket  # type: ignore[method-assign]
    return client


def make_model(
    meta: ops.CharmMeta,
    backend: ops.model._ModelBackend,
    *,
    broken_relation_id: int | None,
    remote_unit_name: str | None,
) -> ops.Model:
    """The Model ``ops.main`` would build for this dispatch."""
    if _MODEL_TAKES_REMOTE_UNIT:
        return ops.Model(
            meta, backend, broken_relation_id=broken_relation_id, remote_unit_name=remote_unit_name
        )
    return ops.Model(meta, backend, broken_relation_id=broken_relation_id)


def wrap_charm_type(charm_type: type[ops.CharmBase]) -> type[ops.CharmBase]:
    """The charm's subclass for a run, with an event-holder class of its own.

    ``CharmBase.__init__`` defines per-metadata events (``db_relation_changed``) as class
    attributes of the charm's ``on`` type, and ops refuses to define one twice. So the
    charm's run gets a subclass of its ``on`` type to define them on, and that starts
    each run as it was made: what the run before defined on it is deleted when the next
    one starts (so the earlier run's charm keeps its events until then). The subclasses
    are made once per charm class (making a class costs as much as a small hook tool
    call, and left a reference cycle for the collector in every run). Names are kept,
    since ops builds handle paths (``MyCharm/StoredStateData[_stored]``) from them.
    """
    wrapped = _WRAPPERS.get(charm_type)
    if wrapped is not None and type(vars(wrapped)["on"]).__base__ is not type(charm_type.on):
        # The charm class's ``on`` was replaced since (a test patched it): start afresh.
        _PRISTINE.pop(_WRAPPERS.pop(charm_type), None)
        wrapped = None
    if wrapped is not None and wrapped in _IN_USE:
        # A run of this class is still open (a test running another Context inside a
        # manager, or a charm running one): that run keeps the subclasses, this one
        # gets its own.
        return _subclass(charm_type, _events_subclass(charm_type)())
    if wrapped is None:
        wrapped = _subclass(charm_type, _events_subclass(charm_type)())
        if len(_WRAPPERS) >= _WRAPPERS_LIMIT:
            _PRISTINE.pop(_WRAPPERS.pop(next(iter(_WRAPPERS))), None)
        _WRAPPERS[charm_type] = wrapped
        events = type(vars(wrapped)["on"])
        _PRISTINE[wrapped] = frozenset(vars(events))
    else:
        events = type(vars(wrapped)["on"])
        pristine = _PRISTINE[wrapped]
        for name in [name for name in vars(events) if name not in pristine]:
            delattr(events, name)
        wrapped.on = events()
    _IN_USE.add(wrapped)
    return wrapped


def unwrap_charm_type(wrapped: type[ops.CharmBase]) -> None:
    """Ends a run's use of the subclass ``wrap_charm_type`` gave it."""
    _IN_USE.discard(wrapped)


def _events_subclass(charm_type: type[ops.CharmBase]) -> type[ops.ObjectEvents]:
    events_type = type(charm_type.on)
    return type(events_type.__name__, (events_type,), {})


def _subclass(charm_type: type[ops.CharmBase], on: ops.ObjectEvents) -> type[ops.CharmBase]:
    wrapped = type(charm_type.__name__, (charm_type,), {"on": on})
    wrapped.__module__ = charm_type.__module__
    wrapped.__qualname__ = charm_type.__qualname__
    return wrapped


# The wrapper of each charm class, most recent last; a bounded number, since a test
# suite may make charm classes by the thousand (the wrapper keeps its charm class).
_WRAPPERS: dict[type[ops.CharmBase], type[ops.CharmBase]] = {}
# The names its event-holder class was made with, for each wrapper of _WRAPPERS.
_PRISTINE: dict[type[ops.CharmBase], frozenset[str]] = {}
# The cached subclasses a run that is still open has.
_IN_USE: set[type[ops.CharmBase]] = set()
_WRAPPERS_LIMIT = 64


def construct_charm(charm_type: type[ops.CharmBase], framework: ops.Framework) -> ops.CharmBase:
    """Instantiates the charm as ``ops.main`` does (inside ``__init__``'s event context)."""
    event_context = getattr(framework, "_event_context", None)
    if event_context is None:  # ops < 2.12
        return charm_type(framework)
    with event_context("__init__"):
        return charm_type(framework)


def _event_args_function() -> Callable[..., tuple[list[Any], dict[str, Any]]]:
    for module_name in ("ops._main", "ops.main"):
        try:
            module = importlib.import_module(module_name)
        except ImportError:
            continue
        function = getattr(module, "_get_event_args", None)
        if function is not None:
            return function
    raise ImportError(f"ops {ops.__version__} has no _get_event_args; it is not supported")


_GET_EVENT_ARGS = _event_args_function()
_EVENT_ARGS_TAKE_CONTEXT = len(inspect.signature(_GET_EVENT_ARGS).parameters) == 3


def _juju_context_from_dict() -> Callable[[Mapping[str, str]], Any] | None:
    try:
        module = importlib.import_module("ops.jujucontext")
    except ImportError:  # ops < 2.16 reads os.environ itself
        return None
    public = getattr(module, "JujuContext", None)
    if public is not None and hasattr(public, "_from_dict"):
        return public._from_dict
    return module._JujuContext.from_dict


_JUJU_CONTEXT_FROM_DICT = _juju_context_from_dict()

# Contexts already built, by their JUJU_* variables but the action id and the charm
# directory. Building one resolves the charm directory on disk and parses the Juju
# version: a large share of a small run. Runs of one Context have the same variables,
# and a test suite's Contexts differ mostly in their directory.
_JUJU_CONTEXTS: dict[tuple[tuple[str, str], ...], Any] = {}
_JUJU_CONTEXTS_LIMIT = 256
_ACTION_ID_VARIABLE = "JUJU_ACTION_UUID"
_CHARM_DIR_VARIABLE = "JUJU_CHARM_DIR"
_PER_RUN_VARIABLES = (_ACTION_ID_VARIABLE, _CHARM_DIR_VARIABLE)


def _juju_context(env: Mapping[str, str]) -> Any:
    """Ops' view of the JUJU_* environment, for ops versions that need one (2.16+).

    The object is immutable (a frozen dataclass), so runs with the same variables share
    one; a run with another action id or charm directory gets a copy with its own. The
    charm directory is taken as it is: the runtime gives a resolved one (see
    ``Context._charm_dir``), which is what ops would make of it.
    """
    assert _JUJU_CONTEXT_FROM_DICT is not None
    charm_dir = env.get(_CHARM_DIR_VARIABLE)
    if not charm_dir:  # ops falls back to a directory of its own: nothing to share
        return _JUJU_CONTEXT_FROM_DICT(env)
    key = tuple(item for item in env.items() if item[0] not in _PER_RUN_VARIABLES)
    context = _JUJU_CONTEXTS.get(key)
    if context is None:
        if len(_JUJU_CONTEXTS) >= _JUJU_CONTEXTS_LIMIT:
            _JUJU_CONTEXTS.clear()
        context = _JUJU_CONTEXT_FROM_DICT(env)
        _JUJU_CONTEXTS[key] = context
        return context
    changes: dict[str, Any] = {}
    if str(context.charm_dir) != charm_dir:
        changes["charm_dir"] = pathlib.Path(charm_dir)
    action_id = env.get(_ACTION_ID_VARIABLE) or None
    if context.action_uuid != action_id:
        changes["action_uuid"] = action_id
    if changes:
        context = dataclasses.replace(context, **changes)
        if "charm_dir" in changes:
            _JUJU_CONTEXTS[key] = context  # the Context that ran last runs again, mostly
    return context


def event_args(
    charm: ops.CharmBase, bound_event: ops.framework.BoundEvent
) -> tuple[list[Any], dict[str, Any]]:
    """The arguments ``ops.main`` passes when it emits ``bound_event``, from JUJU_*."""
    if _EVENT_ARGS_TAKE_CONTEXT:
        # The backend's, built by make_backend from the same variables.
        context = getattr(charm.framework.model._backend, "_juju_context", None)
        if context is None:
            # The run's own environment, set by the runtime: its JUJU_CHARM_DIR is resolved.
            context = _juju_context(os.environ)
        return _GET_EVENT_ARGS(charm, bound_event, context)
    return _GET_EVENT_ARGS(charm, bound_event)


def release_framework(framework: ops.Framework, charm: ops.CharmBase | None) -> None:
    """Drops the class-level references ops keeps to this run's objects.

    Each ``ObjectEvents`` descriptor (``Framework.on``, a library's ``on``) caches its
    bound instance per emitter in a weak-key dict whose value refers back to the
    emitter, so the entry never goes away: one framework, charm and model per run would
    stay alive for the whole test session. ops runs once per process and never needs
    to release them.
    """
    emitters: list[object] = [framework]
    if charm is not None:
        emitters.append(charm)
    emitters.extend(framework._observer.values())
    emitters.extend(framework._objects.values())
    for emitter in emitters:
        for descriptor in _event_descriptors(type(emitter)):
            descriptor._cache.pop(emitter, None)
    # The framework's own stored state (its event counter) refers back to it: a cycle
    # that would leave the whole run (model, backend, store) to the garbage collector.
    # A proxy answers as the framework does while anything still holds it.
    if framework._stored is not None:
        framework._stored.framework = weakref.proxy(framework)


_READING_TOOLS = frozenset(
    {
        "action-get",
        "config-get",
        "credential-get",
        "goal-state",
        "is-leader",
        "leader-get",
        "network-get",
        "opened-ports",
        "relation-get",
        "relation-ids",
        "relation-list",
        "relation-model-get",
        "resource-get",
        "secret-get",
        "secret-ids",
        "secret-info-get",
        "state-get",
        "status-get",
        "storage-get",
        "storage-list",
    }
)
"""The hook tools that answer questions. ``secret-get`` may also record a label or a
newer tracked revision; after the run that goes to a session of its own, and is lost
as a run's would be were its output already made."""

_REFUSED_AFTER_THE_RUN = {
    "juju-log": "the run's log lines are already in Context.juju_log",
    "juju-reboot": "there is no hook left to reboot after",
}
"""Tools with nothing to act on once the run is over, and why."""


class _AfterTheRunTools:
    """The hook runner of a model whose run is over.

    Questions are answered from the State as the run left it. A tool that changes the
    State changes only that session of its own, with a ``ChangeAfterRunWarning``: the
    run's output State is already made. ops-scenario took such a change and lost it
    without a word, and tests written for it do this (calling a charm's or a
    library's setters after ``manager.run()``, say), so it is not refused.
    """

    __slots__ = ("_runner",)

    def __init__(self, runner: HookRunner) -> None:
        self._runner = runner

    def __call__(self, argv: Sequence[str], stdin: str | None) -> tuple[int, str, str]:
        tool = argv[0] if argv else ""
        if tool in _REFUSED_AFTER_THE_RUN:
            return 1, "", _refusal(tool)
        if tool not in _READING_TOOLS:
            # Before the change: where warnings are errors, the change is not made.
            _warn_change_after_run(tool)
        return self._runner(argv, stdin)


def _warn_change_after_run(tool: str) -> None:
    warn_at_caller(
        f"{tool} ran after the run was over: its change is seen by this event's model "
        "only, and is not in the run's output State; make the change inside the run "
        "(before manager.run()), or give it to the State of the next run",
        ChangeAfterRunWarning,
    )


def _refusal(tool: str) -> str:
    return f"ERROR {tool} cannot run after the run is over: {_REFUSED_AFTER_THE_RUN[tool]}\n"


class _Refused:
    """A backend method that only writes, once its run is over: refused at once.

    ``juju_log`` and ``reboot``: ops 3 logs a reboot as a security event first,
    through whichever run's juju-log handler is set up, if any.
    """

    __slots__ = ("_tool",)

    def __init__(self, tool: str) -> None:
        self._tool = tool

    def __call__(self, *_: Any, **__: Any) -> None:
        raise ops.ModelError(_refusal(self._tool))


class _OnBackend:
    """One of a backend's own methods, wrapped and set on the backend instance in its place.

    Holds the backend weakly: a strong reference, set on the backend, would be a cycle.
    An emitted event can be deep-copied with its framework and model: the copy of the
    backend gets a wrapper that calls the copy, which may outlive the original.
    """

    __slots__ = ("_backend", "_method")

    def __init__(self, backend: Any, name: str) -> None:
        self._backend = weakref.ref(backend)
        self._method = getattr(type(backend), name)

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        copied = copy.copy(self)
        backend = self._backend()
        copied._backend = weakref.ref(memo.get(id(backend), backend))
        return copied

    def _call_method(self, *args: Any, **kwargs: Any) -> Any:
        return self._method(self._backend(), *args, **kwargs)


class _Routed(_OnBackend):
    """One of a backend's methods, ops' own, routed to ``runner`` (not the current run's).

    For a run inside which another is under way, and for a run that is over.
    ``block`` for ``_wrap_hookcmd`` (ops 3.4+), a context manager the tool is called in.
    """

    __slots__ = ("_block", "_own", "_runner")

    def __init__(
        self, backend: Any, name: str, runner: HookRunner, *, block: bool, own: Any = None
    ) -> None:
        super().__init__(backend, name)
        self._own = own  # what the instance itself held under the name (a test's patch)
        self._runner = runner
        self._block = block

    def _target(self, *args: Any, **kwargs: Any) -> Any:
        if self._own is not None:
            return self._own(*args, **kwargs)
        return self._call_method(*args, **kwargs)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if self._block:
            return self._routed_block(*args, **kwargs)
        with HookToolsRoutedTo(self._runner):
            return self._target(*args, **kwargs)

    @contextlib.contextmanager
    def _routed_block(self, *args: Any, **kwargs: Any) -> Iterator[None]:
        with HookToolsRoutedTo(self._runner), self._target(*args, **kwargs):
            yield


_ROUTED_NAMES = ("_wrap_hookcmd", "juju_log", "reboot") if _HOOKCMDS else ("_run",)
"""A backend's hook-tool entry points: in ops 3.4+ every tool but juju-log and
juju-reboot is called in the ``_wrap_hookcmd`` block; before, every tool in ``_run``."""


def _route_backend(
    backend: Any,
    runner: HookRunner,
    names: Sequence[str] = _ROUTED_NAMES,
    own: Mapping[str, Any] | None = None,
) -> None:
    """Sets ``backend``'s hook-tool entry points ``names`` (on the instance) to call ``runner``.

    ``own``: what the instance itself held under those names, called in their place.
    """
    for name in names:
        kept = own.get(name) if own else None
        routed = _Routed(backend, name, runner, block=name == "_wrap_hookcmd", own=kept)
        setattr(backend, name, routed)


class OpenRun:
    """A run under way: while another runs inside it, its model answers from its own.

    ops' hook-tool calls go through one route for the whole process, which the
    innermost run holds (``HookToolsRoutedTo``). A run entered while others are open
    sets the hook-tool entry points of each of their backends (``bind``) to their own
    session, until it ends: the outer charm's model, if the inner run's code reaches
    it, reads and writes the outer run's State. What the backend instance held under
    those names before is put back then. Runs end in the reverse of the order they
    started (``runs_after`` are those to end before this one), so the innermost run
    that pinned a backend is the one to let it go. ``manager``: a weak reference to
    the manager holding the run open, if one does.
    """

    _open: list[OpenRun] = []

    def __init__(self, runner: HookRunner) -> None:
        # Until the run ends: a finished run's dispatch (a manager keeps it) must not
        # keep its session, with its copies of the State.
        self._runner: HookRunner | None = runner
        self._backend: Any = None
        # While pinned: what was set on the backend under each name, and what the
        # instance itself held under those names before.
        self._pins: dict[str, Any] = {}
        self._previous: dict[str, Any] = {}
        self._pinned: list[OpenRun] = []
        self.manager: weakref.ref[Any] | None = None

    def bind(self, model: ops.Model) -> None:
        """The run's model, once it is made."""
        self._backend = model._backend

    def runs_after(self) -> list[OpenRun]:
        """The runs that started after this one and are still under way, oldest first."""
        runs = OpenRun._open
        return runs[runs.index(self) + 1 :] if self in runs else []

    def _pin(self) -> None:
        assert self._runner is not None, "only a run under way is pinned"
        own = vars(self._backend)
        self._previous = {name: own[name] for name in _ROUTED_NAMES if name in own}
        _route_backend(self._backend, self._runner, own=self._previous)
        self._pins = {name: own[name] for name in _ROUTED_NAMES}

    def _unpin(self) -> None:
        own = vars(self._backend)
        for name, routed in self._pins.items():
            if own.get(name) is not routed:
                continue  # set again since: left as it is
            if name in self._previous:
                own[name] = self._previous[name]
            else:
                del own[name]
        self._pins = {}
        self._previous = {}

    def __enter__(self) -> OpenRun:
        for outer in OpenRun._open:
            if outer._backend is not None and not outer._pins:
                outer._pin()
                self._pinned.append(outer)
        OpenRun._open.append(self)
        return self

    def __exit__(self, *_: object) -> None:
        OpenRun._open.remove(self)
        for outer in self._pinned:
            if outer._backend is not None:
                outer._unpin()
        self._pinned.clear()
        self._backend = None
        self._runner = None


def _no_security_event(*_: Any) -> None:
    """After the run there is no hook, and no juju-log handler, to log one to."""


def answer_after_the_run(model: ops.Model, runner: HookRunner, juju_version: str) -> None:
    """Leaves ``model`` answering from ``runner`` once its run is over.

    A Context keeps each run's events, and an event reads some of its attributes
    through its model when asked: a relation databag ops had not loaded yet, the
    model's relations, its config, a secret's content. ops-scenario answers those from
    the run's output State, and so does ``runner``; a test may also call the charm's
    code after ``manager.run()``. Only this model's hook-tool calls go there (its
    backend's entry points, set on the instance), each for the call only. A tool that
    changes the State changes ``runner``'s session only, with a warning
    (``_AfterTheRunTools``): the output State is already made.

    The relations ops loaded for the run are forgotten: ops loads them again, from
    the same answers, if they are asked for. Kept, they would be every run's
    ``Relation``, ``Unit`` and databag objects, alive as long as the Context's
    events, for the collector to walk again and again. Not before ops 2.16: it then
    reads the Juju version from the environment, which only the run sets, and would
    refuse application databags it had loaded. Its databag reads and writes are given
    the run's ``juju_version`` for the call instead (``_WithJujuVersion``).
    """
    runner = _AfterTheRunTools(runner)
    backend = model._backend
    # juju-log and juju-reboot (their own entry points in ops 3.4+) are refused below.
    _route_backend(backend, runner, names=_ROUTED_NAMES[:1])
    backend.juju_log = _Refused("juju-log")
    backend.reboot = _Refused("juju-reboot")
    if hasattr(backend, "_check_for_security_event"):  # ops 3.3+
        backend._check_for_security_event = _no_security_event
    if _BACKEND_TAKES_CONTEXT:
        relations = model.relations
        for name in relations:
            relations._invalidate(name)
    else:
        for name in ("relation_get", "relation_set"):
            setattr(backend, name, _WithJujuVersion(backend, name, juju_version))


class _WithJujuVersion(_OnBackend):
    """A backend method of ops before 2.16, called with ``JUJU_VERSION`` set.

    Those read the Juju version from the environment (for application databags), where
    only a run sets it: after the run the method gets the run's version for the call,
    unless a run under way has set one.
    """

    __slots__ = ("_version",)

    def __init__(self, backend: Any, name: str, version: str) -> None:
        super().__init__(backend, name)
        self._version = version

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if "JUJU_VERSION" in os.environ:
            return self._call_method(*args, **kwargs)
        os.environ["JUJU_VERSION"] = self._version
        try:
            return self._call_method(*args, **kwargs)
        finally:
            os.environ.pop("JUJU_VERSION", None)


# The ObjectEvents descriptors of each class and its bases, found once per class.
# Weak keys: a class a test makes for itself goes when nothing else holds it.
_EVENT_DESCRIPTORS: weakref.WeakKeyDictionary[type, tuple[ops.ObjectEvents, ...]] = (
    weakref.WeakKeyDictionary()
)


def _event_descriptors(klass: type) -> tuple[ops.ObjectEvents, ...]:
    base = klass.__base__
    if base is not None and _WRAPPERS.get(base) is klass:  # its ``on`` is the run's: never kept
        return (vars(klass)["on"], *_event_descriptors(base))
    found = _EVENT_DESCRIPTORS.get(klass)
    if found is None:
        # The class's own, then its bases' (found once each, for every subclass).
        own = [value for value in vars(klass).values() if isinstance(value, ops.ObjectEvents)]
        for base in klass.__bases__:
            own.extend(_event_descriptors(base))
        found = tuple(dict.fromkeys(own))
        _EVENT_DESCRIPTORS[klass] = found
    return found


def evaluate_status(charm: ops.CharmBase) -> None:
    """Emits collect-status and sets the collected statuses, as ``ops.main`` does."""
    ops.charm._evaluate_status(charm)


# --- watching what the framework emits ---------------------------------------------

_FRAMEWORK_EVENT_TYPES: tuple[type[ops.EventBase], ...] = (
    ops.PreCommitEvent,
    ops.CommitEvent,
    ops.CollectStatusEvent,
)


class EventsCaptured:
    """Appends to ``sink`` every event of ``types_`` the framework emits while entered.

    Deferred events are captured as ``reemit()`` is about to run them again. Entering
    patches ``ops.Framework`` (the patches nest), exiting puts back what was there.
    With ``only``, just the events of the frameworks it accepts: a run's own, not those
    of a run nested in it (in a ``manager`` block).
    """

    def __init__(
        self,
        sink: list[ops.EventBase],
        types_: tuple[type[ops.EventBase], ...],
        *,
        include_framework: bool,
        include_deferred: bool,
        only: Callable[[ops.Framework], bool] | None = None,
    ) -> None:
        self._sink = sink
        self._types = types_
        self._include_framework = include_framework
        self._include_deferred = include_deferred
        self._only = only
        self._saved: tuple[Any, Any] | None = None

    def _wanted(self, event: ops.EventBase) -> bool:
        if not self._include_framework and isinstance(event, _FRAMEWORK_EVENT_TYPES):
            return False
        return isinstance(event, self._types)

    def __enter__(self) -> list[ops.EventBase]:
        framework_type = ops.Framework
        real_emit = framework_type._emit
        real_reemit = framework_type.reemit
        wanted, sink, include_deferred = self._wanted, self._sink, self._include_deferred
        only = self._only

        def emit(framework: ops.Framework, event: ops.EventBase) -> None:
            if wanted(event) and (only is None or only(framework)):
                # Observers receive a copy restored from the snapshot; restoring this one
                # too gives it the same attributes (e.g. an action's params).
                event.restore(event.snapshot())
                sink.append(event)
            real_emit(framework, event)

        def reemit(framework: ops.Framework) -> None:
            if include_deferred and (only is None or only(framework)):
                for event_path, _, _ in framework._storage.notices():
                    try:
                        event = framework.load_snapshot(ops.Handle.from_path(event_path))
                    except ops.framework.NoTypeError:
                        continue
                    framework._forget(event)  # the re-emission loads it again
                    if wanted(event):
                        sink.append(event)
            real_reemit(framework)

        self._saved = (real_emit, real_reemit)
        framework_type._emit = emit  # type: ignore[method-assign]  # scoped, undone on exit
        framework_type.reemit = reemit  # type: ignore[method-assign]
        return sink

    def __exit__(self, *_: object) -> None:
        assert self._saved is not None
        ops.Framework._emit, ops.Framework.reemit = self._saved  # type: ignore[method-assign]
