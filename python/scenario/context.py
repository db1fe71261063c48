# SPDX-License-Identifier: Apache-2.0
"""The Context: a charm, its spec, and what its runs left behind.

A Context is set up once per charm (its metadata is loaded then, not per run) and runs
one event at a time with ``run``, ``run_action`` or the ``manager`` context managers.
Side effects that are not part of the State (status history, juju-log lines, emitted
events, action output, requested storage) accumulate on it until ``cleanup``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import pathlib
import weakref
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import ops

from . import _charm_spec, _collector, _given_root, consistency_checker
from ._charm_roots import CharmRoot, shared_root
from ._scratch import make_scratch_directory, remove_scratch_directory
from ._state.events import Action, Event
from .errors import (
    AlreadyEmittedError,
    ContextSetupError,
    InvalidActionError,
    InvalidEventError,
    MetadataNotFoundError,
    ScenarioError,
)
from .runtime import Runtime, charm_errors
from .state import JujuLogLine

if TYPE_CHECKING:
    from ._state.containers import ExecArgs
    from ._state.status import _EntityStatus
    from .ops_main_mock import Ops
    from .state import State

__all__ = [
    "ActionOutput",
    "AlreadyEmittedError",
    "Context",
    "ContextSetupError",
    "InvalidActionError",
    "InvalidEventError",
    "MetadataNotFoundError",
]

RootHold = CharmRoot | _given_root.GivenRootRun
"""What a run holds on a charm root, and ``leave()``s when it ends."""

logger = logging.getLogger(__name__)


@dataclasses.dataclass(frozen=True)
class ActionOutput:
    """What running an action produced."""

    state: State
    """The State after the action; actions seldom change it."""
    logs: list[str]
    """Messages the charm logged with ``event.log``."""
    results: dict[str, Any] | None
    """What the charm passed to ``event.set_results``, or None."""
    failure: str | None = None
    """The message of ``event.fail``, when the action failed."""

    @property
    def success(self) -> bool:
        """Whether the action succeeded (did not call ``event.fail``)."""
        return self.failure is None


_Output = TypeVar("_Output")


_ALREADY_RAN = "this manager already ran its event; run() works once"
_ENDED_BY_ENCLOSING = (
    "this manager's run was ended, unrun, by the manager whose block it was started in, "
    "which ended first (its run() or the end of its block): runs end in the reverse of the "
    "order they started"
)


class _Manager(Generic[_Output]):
    """Holds a run open between charm setup and event emission."""

    def __init__(self, ctx: Context, arg: Any, state_in: State) -> None:
        self._ctx = ctx
        self._arg = arg
        self._state_in = state_in
        self._emitted = False
        self._ended_by = _ALREADY_RAN
        """What ``run()`` says once the run is over."""
        self._exec: contextlib.AbstractContextManager[Ops] | None = None
        self.ops: Ops | None = None
        self.output: _Output | None = None

    @property
    def charm(self) -> ops.CharmBase:
        """The charm instance, set up and not yet handling the event."""
        assert self.ops is not None and self.ops.charm is not None
        return self.ops.charm

    def _open(self) -> contextlib.AbstractContextManager[Ops]:
        raise NotImplementedError

    def _output(self) -> _Output:
        raise NotImplementedError

    def __enter__(self) -> _Manager[_Output]:
        self._exec = self._open()
        self.ops = self._exec.__enter__()
        if self.ops.open_run is not None:
            self.ops.open_run.manager = weakref.ref(self)
        return self

    def _managers_after(self) -> list[_Manager[Any]] | None:
        """The managers of the runs started after this one and still under way.

        Newest first; None if one of those runs is not held open by a manager's block
        (a charm under way, in a run started inside this one, called this).
        """
        run = self.ops.open_run if self.ops is not None else None
        managers: list[_Manager[Any]] = []
        for later in reversed(run.runs_after() if run is not None else []):
            manager = later.manager() if later.manager is not None else None
            if manager is None or manager._emitted:  # emitting: its charm is under way
                return None
            managers.append(manager)
        return managers

    def _close(self, exc_type: Any, exc: Any, tb: Any) -> None:
        """Ends the run without emitting its event, ``exc`` passing through it."""
        self._emitted = True
        assert self._exec is not None
        self._exec.__exit__(exc_type, exc, tb)

    def _end_unrun(self, later: list[_Manager[Any]], exc_type: Any, exc: Any, tb: Any) -> None:
        """Ends the runs of ``later`` (newest first), then this one, without their events.

        Each is ended whatever ending another raised; the first such error is raised
        once all are ended (``exc`` passing through them is not one).
        """
        for manager in later:
            manager._ended_by = _ENDED_BY_ENCLOSING
        failure: BaseException | None = None
        for manager in [*later, self]:
            try:
                manager._close(exc_type, exc, tb)
            except BaseException as e:  # noqa: BLE001  # raised below, once all are ended
                if e is not exc and failure is None:
                    failure = e
        if failure is not None:
            if failure.__context__ is None and exc is not None:
                failure.__context__ = exc
            raise failure

    def run(self) -> _Output:
        """Emits the event and finishes the run; returns its output. Only once."""
        if self._emitted:
            raise AlreadyEmittedError(self._ended_by)
        later = self._managers_after()
        if later != []:
            error = ScenarioError(
                "this manager cannot run its event while a run started inside its block is "
                "still under way: runs end in the reverse of the order they started, so "
                "end the inner manager block (or call its run()) first"
            )
            if later is not None:
                # Every run above is a manager's block: none is left open, each ends unrun.
                self._end_unrun(later, ScenarioError, error, None)
            raise error
        self._emitted = True
        assert self._exec is not None
        self._exec.__exit__(None, None, None)
        self.output = self._output()
        return self.output

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        if self._emitted:
            return
        if exc_type is not None:
            # The test body failed: close the run without emitting, and let its error out;
            # first any manager run started inside the block and left open, newest first.
            self._end_unrun(self._managers_after() or [], exc_type, exc, tb)
            return
        self.run()


class _EventManager(_Manager["State"]):
    def _open(self) -> contextlib.AbstractContextManager[Ops]:
        return self._ctx._run_event(self._arg, self._state_in)

    def _output(self) -> State:
        return self._ctx._take_output_state()


class _ActionManager(_Manager[ActionOutput]):
    def _open(self) -> contextlib.AbstractContextManager[Ops]:
        return self._ctx._run_action(self._arg, self._state_in)

    def _output(self) -> ActionOutput:
        return self._ctx._finalize_action(self._ctx._take_output_state())


def _around_emit(
    dispatch: Ops,
    pre_event: Callable[[ops.CharmBase], None] | None,
    post_event: Callable[[ops.CharmBase], None] | None,
) -> None:
    if pre_event is None and post_event is None:
        return
    logger.warning("the pre_event and post_event arguments are deprecated; use Context.manager")
    assert dispatch.charm is not None
    if pre_event is not None:
        pre_event(dispatch.charm)
    with charm_errors(dispatch.event_name):
        dispatch.emit()
    if post_event is not None:
        post_event(dispatch.charm)


def _autoload(
    charm_type: type[ops.CharmBase], charm_root: pathlib.Path | None
) -> _charm_spec.CharmSpec:
    """The spec in the charm's files: above its module, else in ``charm_root``.

    Above the module is where ops-scenario looks. A class with no file (defined by
    ``exec``, in a REPL) has none: then ``charm_root``, when given, not the current
    directory.

    Raises:
        ContextSetupError: neither has metadata.
    """
    source = _charm_spec.source_tree(charm_type)
    if source is None and charm_root is not None:
        return _autoload_from_charm_root(charm_type, charm_root, None)
    try:
        return _charm_spec.autoload(charm_type, source)
    except MetadataNotFoundError as e:
        if charm_root is None:
            raise ContextSetupError(
                f"cannot set up a Context for {charm_type.__name__}: {e}; pass `meta=` "
                "(and `config=`, `actions=`) to Context, or `charm_root=` pointing at a "
                "directory with the charm's metadata"
            ) from e
        return _autoload_from_charm_root(charm_type, charm_root, e)


def _autoload_from_charm_root(
    charm_type: type[ops.CharmBase],
    charm_root: pathlib.Path,
    source_error: MetadataNotFoundError | None,
) -> _charm_spec.CharmSpec:
    try:
        return _charm_spec.autoload(charm_type, charm_root)
    except MetadataNotFoundError as e:
        above = f"{source_error}; nor in charm_root: " if source_error else "in charm_root: "
        raise ContextSetupError(
            f"cannot set up a Context for {charm_type.__name__}: {above}{e}; pass `meta=` "
            "(and `config=`, `actions=`) to Context"
        ) from e


class Context:
    """A charm's test context: the charm type, its spec, and the records of its runs."""

    def __init__(
        self,
        charm_type: type[ops.CharmBase],
        meta: Mapping[str, Any] | None = None,
        actions: Mapping[str, Any] | None = None,
        config: Mapping[str, Any] | None = None,
        charm_root: str | pathlib.Path | None = None,
        juju_version: str = "3.0",
        capture_deferred_events: bool = False,
        capture_framework_events: bool = False,
        skip_consistency_checks: bool | None = None,
    ) -> None:
        """Loads the charm's spec.

        It comes from ``meta``/``actions``/``config`` when given, else from the charm's
        own files (charmcraft.yaml, or metadata.yaml and friends), found above the
        charm's module as ops-scenario finds them, else in ``charm_root``.

        ``charm_root`` is the directory the charm runs in; for each run the spec's files
        are put there unless the spec was read from it (``docs/how-a-run-works.md``).

        ``skip_consistency_checks`` turns the consistency checker off (or on) for this
        Context; when not given, the ``SCENARIO_SKIP_CONSISTENCY_CHECKS`` environment
        variable decides.

        Raises:
            ContextSetupError: no metadata was given or found.
            SpecError: the metadata is malformed (every problem, with where it is).
        """
        root = pathlib.Path(charm_root) if charm_root is not None else None
        if meta is None and actions is None and config is None:
            self.charm_spec = _autoload(charm_type, root)
        else:
            self.charm_spec = _charm_spec.from_dicts(charm_type, meta, actions, config, root)
        self.charm_root = charm_root
        self.juju_version = juju_version
        self.capture_deferred_events = capture_deferred_events
        self.capture_framework_events = capture_framework_events
        self.skip_consistency_checks = skip_consistency_checks
        self._runtime = Runtime(self.charm_spec, juju_version=juju_version)
        self._tmp: pathlib.Path | None = None
        self._remove_tmp: weakref.finalize | None = None
        # The charm's root: its own directory or charm_root, else a root shared with the
        # Contexts of the same spec, or given to this one when one of its runs changed it.
        self._virtual_root: pathlib.Path | None = None
        self._spec_in_root = False  # the spec was read from _virtual_root: no files to put
        self._root: CharmRoot | None = None
        self._ref = weakref.ref(self)
        self._action_counter = 0
        self._reset_records()

    def _reset_records(self) -> None:
        self.juju_log: list[JujuLogLine] = []
        self.app_status_history: list[_EntityStatus] = []
        self.unit_status_history: list[_EntityStatus] = []
        self.workload_version_history: list[str] = []
        self.emitted_events: list[ops.EventBase] = []
        self.requested_storages: dict[str, int] = {}
        self.exec_history: dict[str, list[ExecArgs]] = {}
        self.removed_secret_revisions: list[int] = []
        """Secret revisions the charm removed (``Secret.remove_revision`` and
        ``remove_all_revisions``), in the order removed."""
        self._output_state: State | None = None
        self._action_logs: list[str] = []
        self._action_results: dict[str, Any] | None = None
        self._action_failure: str | None = None

    # --- files the charm sees -----------------------------------------------------

    def _tmp_root(self) -> pathlib.Path:
        # Made on first use: runs that touch no files create no directory. Removed by
        # cleanup(), or when the Context is garbage-collected, or at interpreter exit.
        if self._tmp is None:
            self._tmp = make_scratch_directory()
            self._remove_tmp = weakref.finalize(
                self, remove_scratch_directory, str(self._tmp), os.getpid()
            )
        return self._tmp

    def _charm_dir(self) -> pathlib.Path:
        """The directory the charm sees as its root (``JUJU_CHARM_DIR``)."""
        return self._charm_root(run=False)[0]

    def _enter_charm_root(self) -> tuple[pathlib.Path, RootHold | None]:
        """The charm's root for a run starting now, and what to ``leave()`` after it.

        That is the shared root the run is on, or the given ``charm_root``'s runs (which
        put its files back), or None when the charm runs in its own directory.

        Raises:
            ContextSetupError: the spec's files cannot be put in ``charm_root``.
        """
        return self._charm_root(run=True)

    def _charm_root(self, *, run: bool) -> tuple[pathlib.Path, RootHold | None]:
        # A charm loaded from its own files runs in its own directory. A charm given its
        # metadata as dicts gets a root holding that metadata as files, as it would on a
        # unit. Either runs in ``charm_root`` when given (the files are put there for each
        # run, unless read from it, and what was there put back after it:
        # ``_given_root``); else a charm given dicts runs in a root shared by the
        # Contexts of the same spec until it is found changed (``_charm_roots``): then
        # the Context that ran on it last keeps it, and it is removed by that Context's
        # cleanup.
        spec = self.charm_spec
        if self._virtual_root is None:
            # Resolved, as ops resolves JUJU_CHARM_DIR (the shared roots are).
            if self.charm_root is not None:
                self._virtual_root = pathlib.Path(self.charm_root).resolve()
            elif spec.is_autoloaded:
                self._virtual_root = spec.root.resolve()
            # A spec read from the directory the charm runs in is there already.
            self._spec_in_root = spec.is_autoloaded and spec.root.resolve() == self._virtual_root
        if self._virtual_root is not None:
            if not run or self._spec_in_root:
                return self._virtual_root, None
            return self._virtual_root, self._enter_given_root(self._virtual_root)
        root = self._root
        if root is not None and root.owned_by(self._ref):
            return root.path, None
        if root is None or not root.usable():
            root = shared_root(spec.yaml_files)
        while not root.check_in(self._ref, run=run):  # another Context's, from now on
            root = shared_root(spec.yaml_files)
        self._root = root
        return root.path, (root if run else None)

    def _enter_given_root(self, root: pathlib.Path) -> RootHold:
        try:
            root.mkdir(parents=True, exist_ok=True)
            return _given_root.enter(root, self.charm_spec.yaml_files)
        except OSError as e:
            raise ContextSetupError(
                f"cannot put the charm's metadata files in charm_root {str(root)!r} for "
                f"the run: {e}; give a charm_root the test can write"
            ) from e

    def _get_container_root(self, container_name: str) -> pathlib.Path:
        """Where a container's simulated filesystem lives for this Context."""
        return self._tmp_root() / "containers" / container_name

    def _storages_root(self) -> pathlib.Path:
        """The directory storage instances live under.

        Instances are at ``<root>/<name>/<index>``, as ``storage-get`` reports them.
        """
        return self._tmp_root() / "storages"

    def _get_storage_root(self, name: str, index: int) -> pathlib.Path:
        """Where a storage instance's simulated filesystem lives for this Context."""
        root = self._storages_root() / name / str(index)
        root.mkdir(parents=True, exist_ok=True)
        return root

    # --- records ----------------------------------------------------------------

    def _skip_consistency_checks(self) -> bool:
        """The Context argument, or else the SCENARIO_SKIP_CONSISTENCY_CHECKS variable."""
        if self.skip_consistency_checks is not None:
            return self.skip_consistency_checks
        return bool(os.environ.get(consistency_checker.SKIP_VARIABLE))

    def _next_action_id(self) -> str:
        # Per Context, so ids do not depend on which tests ran before.
        self._action_counter += 1
        return str(self._action_counter)

    def _set_output_state(self, state: State) -> None:
        self._output_state = state

    def _take_output_state(self) -> State:
        state = self._output_state
        assert state is not None, "the run produced no output state"
        return state

    def cleanup(self) -> None:
        """Forgets every record and removes the simulated filesystems."""
        self._reset_records()
        if self._remove_tmp is not None:
            self._remove_tmp()
            self._tmp = self._remove_tmp = None
        if self._root is not None:
            self._root.release(self._ref)
        self._virtual_root = self._root = None

    def clear(self) -> None:
        """Deprecated alias of ``cleanup``."""
        logger.warning("Context.clear() is deprecated; use Context.cleanup()")
        self.cleanup()

    # --- running ----------------------------------------------------------------

    @staticmethod
    def _coalesce_event(event: Event | str) -> Event:
        if isinstance(event, str):
            event = Event(event)
        if not isinstance(event, Event):
            raise InvalidEventError(
                f"expected an Event or an event name, got {type(event).__name__}"
            )
        if event._is_action_event:
            raise InvalidEventError(
                f"{event.name!r} is an action: run it with Context.run_action, not run"
            )
        return event

    @staticmethod
    def _coalesce_action(action: Action | str) -> Action:
        if isinstance(action, str):
            return Action(action)
        if not isinstance(action, Action):
            raise InvalidActionError(
                f"expected an Action or an action name, got {type(action).__name__}"
            )
        return action

    @contextlib.contextmanager
    def _run_event(self, event: Event | str, state: State) -> Iterator[Ops]:
        with self._runtime.exec(state, self._coalesce_event(event), self) as dispatch:
            yield dispatch

    @contextlib.contextmanager
    def _run_action(self, action: Action | str, state: State) -> Iterator[Ops]:
        with self._runtime.exec(state, self._coalesce_action(action).event, self) as dispatch:
            yield dispatch

    def run(
        self,
        event: Event | str,
        state: State,
        pre_event: Callable[[ops.CharmBase], None] | None = None,
        post_event: Callable[[ops.CharmBase], None] | None = None,
    ) -> State:
        """Runs the charm on ``event`` with ``state``; returns the output State.

        ``pre_event`` and ``post_event`` (deprecated: use ``manager``) are called with the
        charm right before and right after the event is emitted.

        Raises:
            UncaughtCharmError: the charm raised; the original exception is its cause.
            InconsistentScenarioError: the scenario could not happen on a real Juju.
        """
        # Whatever of the run only ``dispatch`` still holds (the charm, and ops' framework
        # and model when no recorded event keeps them) goes with it; only then does the
        # collector's young threshold come back, so that the collection it may start does
        # not scan those objects alive and move them to an older generation.
        with _collector.FewerCollections():
            with self._run_event(event, state) as dispatch:
                _around_emit(dispatch, pre_event, post_event)
            del dispatch
        return self._take_output_state()

    def run_action(
        self,
        action: Action | str,
        state: State,
        pre_event: Callable[[ops.CharmBase], None] | None = None,
        post_event: Callable[[ops.CharmBase], None] | None = None,
    ) -> ActionOutput:
        """Runs an action; returns its output (results, logs, failure) and State."""
        with _collector.FewerCollections():  # as in run()
            with self._run_action(action, state) as dispatch:
                _around_emit(dispatch, pre_event, post_event)
            del dispatch
        return self._finalize_action(self._take_output_state())

    def _finalize_action(self, state: State) -> ActionOutput:
        output = ActionOutput(state, self._action_logs, self._action_results, self._action_failure)
        self._action_logs, self._action_results, self._action_failure = [], None, None
        return output

    def manager(self, event: Event | str, state: State) -> _EventManager:
        """A context manager holding the run open.

        Inside it the charm is set up and the event not yet emitted; ``manager.run()``
        emits it and returns the output State.
        """
        return _EventManager(self, event, state)

    def action_manager(self, action: Action | str, state: State) -> _ActionManager:
        """As ``manager``, for an action; ``run()`` returns an ActionOutput."""
        return _ActionManager(self, action, state)
