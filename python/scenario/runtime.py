# SPDX-License-Identifier: Apache-2.0
"""Running one event on a charm, in-process, against the engine.

``Runtime.exec`` opens an engine session on the input State, sets the charm's JUJU_*
environment, routes ops' hook-tool calls into the session, and lets ops dispatch.
When the charm is done, the session's working State becomes the output State and the
session's records go to the Context. Everything the run changed in the process
(environment, logging handlers, ops' spawn point, class patches) is put back, even
when the charm raises.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import pathlib
import weakref
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from . import _collector, _core, _doc, _ops_adapter, _pebble, consistency_checker
from ._state.base import JujuLogLine
from ._state.status import _entity_status
from ._state.stored import DeferredEvent, StoredState
from .errors import (
    BadOwnerPath,
    BindFailedError,
    InconsistentScenarioError,
    InvalidEventError,
    NoObserverError,
    ScenarioRuntimeError,
    UncaughtCharmError,
)
from .ops_main_mock import Ops

if TYPE_CHECKING:
    from ._charm_spec import CharmSpec
    from .context import Context, RootHold
    from .state import Event, State

__all__ = [
    "InconsistentScenarioError",
    "NoObserverError",
    "Runtime",
    "ScenarioRuntimeError",
    "UncaughtCharmError",
]

_BARE_CHARM_ERRORS_VARIABLE = "SCENARIO_BARE_CHARM_ERRORS"


class Runtime:
    """Runs events on one charm spec, for one Context."""

    def __init__(
        self,
        charm_spec: CharmSpec,
        charm_root: str | os.PathLike[str] | None = None,
        juju_version: str = "3.0",
    ) -> None:
        if charm_root is not None:
            charm_spec = dataclasses.replace(charm_spec, charm_root=pathlib.Path(charm_root))
        self._spec = charm_spec
        self._juju_version = juju_version
        # ops' view of the spec, shared by every run (and Context) of the same spec.
        self._charm_meta = charm_spec.ops_meta

    def _open_session(self, state: State, event: Event, storage_root: str) -> _core.Session:
        """An engine session on ``state`` and ``event``, as a run of this spec has it."""
        return _core.Session(
            self._spec.engine,
            _doc.state_to_doc(state),
            _doc.event_to_doc(event),
            app_name=self._spec.app_name,
            juju_version=self._juju_version,
            storage_root=storage_root,
        )

    @contextlib.contextmanager
    def exec(self, state: State, event: Event, context: Context) -> Iterator[Ops]:
        """Runs ``event`` on ``state``; yields the dispatch before the event is emitted.

        The caller may inspect ``ops.charm`` and call ``ops.emit()`` itself; whatever it
        did not do is done on exit. The output State goes to the Context.
        """
        # Inside the manager a test's own code runs too, with the same bounded threshold.
        with _collector.FewerCollections():
            _check_ops_supports(event)
            checks = not context._skip_consistency_checks()
            try:
                event = _bind(event, state)
            except BindFailedError as e:
                if checks:
                    raise InconsistentScenarioError(
                        f"cannot run {event.name!r}: {e}; on Juju this event comes with its entity"
                    ) from e
            # Storage filesystems exist only for charms that have storage, once per Context.
            for storage in state.storage:
                context._get_storage_root(storage.name, storage.index)
            storage_root = str(context._storages_root()) if state.storage else ""
            session = self._open_session(state, event, storage_root)
            if checks:
                consistency_checker.report(session.check_consistency(self._juju_version))
            after = _AfterTheRun(self, event, storage_root)
            with _RunOnRoot(context) as charm_dir:
                env = session.environment(
                    str(charm_dir), context._next_action_id(), require_entities=checks
                )
                pebbles = _pebble.Pebbles(session, state, _container_roots(context))
                dispatch = Ops(
                    spec=self._spec,
                    charm_meta=self._charm_meta,
                    state=state,
                    event=event,
                    env=env,
                    storage_location=lambda name, index: str(
                        context._get_storage_root(name, index)
                    ),
                    pebble_client=pebbles.client,
                )
                captured: list[Any] = []
                try:
                    with contextlib.ExitStack() as stack:
                        stack.enter_context(_ops_adapter.JujuEnvironment(env))
                        stack.enter_context(_ops_adapter.HookToolsRoutedTo(session.run))
                        open_run = stack.enter_context(_ops_adapter.OpenRun(session.run))
                        dispatch.open_run = open_run
                        stack.enter_context(_ops_adapter.UntracedSpans())
                        stack.enter_context(
                            _ops_adapter.EventsCaptured(
                                captured,
                                (_ops_adapter.ops.EventBase,),
                                include_framework=context.capture_framework_events,
                                include_deferred=context.capture_deferred_events,
                                only=lambda framework: framework is dispatch.framework,
                            )
                        )
                        stack.callback(dispatch.close)
                        with charm_errors(event.name):
                            dispatch.setup(stack)
                        if dispatch.framework is not None:
                            open_run.bind(dispatch.framework.model)
                        # An exception from the test's own code (inside a manager) passes as is.
                        yield dispatch
                        with charm_errors(event.name):
                            dispatch.finalize()
                finally:
                    try:
                        for name, history in pebbles.exec_history().items():
                            context.exec_history.setdefault(name, []).extend(history)
                    finally:
                        failure = pebbles.failure()
                        # Ends every exec stream, so no ops reader thread is left waiting.
                        pebbles.close()
                    if dispatch.framework is not None:
                        _ops_adapter.answer_after_the_run(
                            dispatch.framework.model, after, self._juju_version
                        )
                    context.emitted_events.extend(captured)
                    _record(context, session, dispatch)
                    if failure is not None:
                        # The simulator's failure, not the charm's: it wins over whatever the
                        # charm raised on seeing ConnectionError (kept as __context__).
                        raise failure
                changes = session.state_doc(changed_only=True)
                after.ran(state, changes)
                context._set_output_state(_output_state(state, changes, dispatch))


class _AfterTheRun:
    """Answers the hook tools an emitted event's model calls once the run is over.

    From the State as the run left it, as ops-scenario answers from the output State:
    an engine session is opened on it at the first such call (most runs never get
    one) and kept for the next. Until then only the input State and the document of
    the run's changes are kept (the test usually holds the one, the other is as small
    as the changes): what a Context keeps of a run grows with what the run changed,
    not with the State. A run that ended with an exception has none: its events'
    model is refused every tool, saying so. Holds neither the Context nor the run's
    own session.
    """

    __slots__ = ("_changes", "_event", "_input", "_runtime", "_session", "_storage_root")

    def __init__(self, runtime: Runtime, event: Event, storage_root: str) -> None:
        self._runtime = runtime
        self._event = event
        self._storage_root = storage_root
        self._input: State | None = None
        self._changes: Any = None
        self._session: _core.Session | None = None

    def ran(self, state: State, changes: Any) -> None:
        """The run is over: ``changes`` (``Session.state_doc(changed_only=True)``) made it."""
        self._input = state
        self._changes = changes

    def __call__(self, argv: Sequence[str], stdin: str | None) -> tuple[int, str, str]:
        if self._session is None:
            if self._input is None:
                return (
                    1,
                    "",
                    f"ERROR {argv[0] if argv else ''} cannot run: the run ended with an "
                    "exception, so there is no output State for its events' model to read\n",
                )
            output = _doc.state_from_doc(self._changes, self._input)
            self._session = self._runtime._open_session(output, self._event, self._storage_root)
            self._input = self._changes = None
        return self._session.run(argv, stdin)

    def __deepcopy__(self, memo: dict[int, Any]) -> _AfterTheRun:
        # A copy of an emitted event (its framework, model, backend) shares the answers
        # (and what a tool changed after the run): the engine's spec cannot be copied.
        return self


class _RunOnRoot:
    """The charm's root for a run; the run is on it until the block ends.

    That counts for a root shared with other Contexts (``_charm_roots``), and for a
    given ``charm_root``, whose own files are put back when the block ends
    (``_given_root``).
    """

    __slots__ = ("_context", "_hold")

    def __init__(self, context: Context) -> None:
        self._context = context
        self._hold: RootHold | None = None

    def __enter__(self) -> pathlib.Path:
        charm_dir, self._hold = self._context._enter_charm_root()
        return charm_dir

    def __exit__(self, *_: object) -> None:
        if self._hold is not None:
            self._hold.leave()


def _container_roots(context: Context) -> Callable[[str], pathlib.Path]:
    """The Context's container roots, without the run's objects keeping it alive.

    ops' framework, model and backend form reference cycles that only the garbage
    collector frees, and the Context's ``emitted_events`` refer to them; a strong
    reference back would make every Context wait for a collection (and keep its
    files until then) instead of going when the test drops it.
    """
    method = weakref.WeakMethod(context._get_container_root)

    def container_root(name: str) -> pathlib.Path:
        bound = method()
        assert bound is not None, "a run's Context outlives the run"
        return bound(name)

    return container_root


def _check_ops_supports(event: Event) -> None:
    """Refuses an event the installed ops cannot emit, saying which ops it needs."""
    name = event.name
    if name.endswith(("_pebble_check_failed", "_pebble_check_recovered")) and not hasattr(
        _ops_adapter.ops, "PebbleCheckFailedEvent"
    ):
        raise InvalidEventError(
            f"cannot run {name!r}: Pebble check events need ops 2.15 or later, and ops "
            f"{_ops_adapter.ops.__version__} is installed"
        )


@contextlib.contextmanager
def charm_errors(event_name: str) -> Iterator[None]:
    """Turns an exception from the charm (or ops) into UncaughtCharmError, its cause."""
    try:
        yield
    except (NoObserverError, BadOwnerPath, InconsistentScenarioError):
        raise
    except Exception as e:
        if os.environ.get(_BARE_CHARM_ERRORS_VARIABLE):
            raise
        raise UncaughtCharmError(
            f"the charm raised {type(e).__name__} while handling {event_name!r}: {e}"
        ) from e


def _bind(event: Event, state: State) -> Event:
    """Attaches the relation, container, storage or secret an event is about.

    This is for events the test named only (``ctx.run("db-relation-changed", state)``).
    A relation event that names no remote unit gets one in its document
    (``_doc.event_to_doc``).
    """
    if list(event.owner_path) != ["on"]:
        return event  # a library's own event: not about any entity of the State
    needs = (
        (event._is_relation_event and event.relation is None)
        or (event._is_workload_event and event.container is None)
        or (event._is_storage_event and event.storage is None)
        or (event._is_secret_event and event.secret is None)
    )
    if needs:
        event = event.bind(state)
    return event


def _record(context: Context, session: _core.Session, dispatch: Ops) -> None:
    records = session.records
    context.unit_status_history.extend(
        _entity_status(s.name, s.message) for s in records.unit_status_history
    )
    context.app_status_history.extend(
        _entity_status(s.name, s.message) for s in records.app_status_history
    )
    context.workload_version_history.extend(records.workload_version_history)
    context.juju_log.extend(JujuLogLine(line.level, line.message) for line in records.juju_log)
    context.removed_secret_revisions.extend(
        removed.revision for removed in records.removed_secret_revisions
    )
    for name, count in records.requested_storages.items():
        context.requested_storages[name] = context.requested_storages.get(name, 0) + count
    action = records.action
    context._action_logs.extend(action.logs)
    if action.failure is not None:
        context._action_failure = action.failure
    # The results as the charm gave them, Python types kept (the engine holds Juju's
    # flattened strings), as ops-scenario reports them.
    if dispatch.action_results is not None:
        context._action_results = dispatch.action_results


def _output_state(state: State, changes: Any, dispatch: Ops) -> State:
    deferred = [
        DeferredEvent(handle_path, owner, observer, snapshot)
        for handle_path, owner, observer, snapshot in dispatch.deferred_events()
    ]
    stored = [
        StoredState(owner, name, content, data_type)
        for owner, name, data_type, content in dispatch.stored_states()
    ]
    return _doc.state_from_doc(changes, state, deferred=deferred, stored_state=stored)
