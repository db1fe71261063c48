# SPDX-License-Identifier: Apache-2.0
"""Scenario: state-transition testing for Juju charms.

A charm is tested as a function: declare the ``State`` Juju would show one unit, fire
one event, run the charm once, and assert on the output ``State`` and the side effects.

The engine (state model, JSON state format, charm spec loading, hook tools) is the C++
extension ``scenario._core``; this package is its Python face, with the API of
ops-scenario 5.8.
"""

from __future__ import annotations

from . import _core
from .capture_events import capture_events
from .context import ActionOutput, Context
from .errors import (
    AlreadyEmittedError,
    BadOwnerPath,
    BindFailedError,
    ChangeAfterRunWarning,
    ConsistencyWarning,
    ContextSetupError,
    InconsistentScenarioError,
    InternalError,
    InvalidActionError,
    InvalidEventError,
    MetadataNotFoundError,
    NoObserverError,
    ProblemsError,
    ScenarioError,
    ScenarioRuntimeError,
    SpecError,
    StateValidationError,
    UncaughtCharmError,
)
from .state import (
    Action,
    Address,
    BindAddress,
    CheckInfo,
    Container,
    DeferredEvent,
    Event,
    ExecArgs,
    ExecOutput,
    InjectRelation,
    Model,
    Mount,
    Network,
    Notice,
    PeerRelation,
    Port,
    Relation,
    RelationBase,
    Secret,
    State,
    Storage,
    StoredState,
    SubordinateRelation,
    deferred,
)

__version__: str = _core.__version__

__all__ = [
    "Action",
    "ActionOutput",
    "Address",
    "BindAddress",
    "CheckInfo",
    "Container",
    "Context",
    "DeferredEvent",
    "Event",
    "ExecArgs",
    "ExecOutput",
    "InjectRelation",
    "Model",
    "Mount",
    "Network",
    "Notice",
    "PeerRelation",
    "Port",
    "Relation",
    "RelationBase",
    "Secret",
    "State",
    "Storage",
    "StoredState",
    "SubordinateRelation",
    "capture_events",
    "deferred",
    "AlreadyEmittedError",
    "BadOwnerPath",
    "BindFailedError",
    "ChangeAfterRunWarning",
    "ConsistencyWarning",
    "ContextSetupError",
    "InconsistentScenarioError",
    "InternalError",
    "InvalidActionError",
    "InvalidEventError",
    "MetadataNotFoundError",
    "NoObserverError",
    "ProblemsError",
    "ScenarioError",
    "ScenarioRuntimeError",
    "SpecError",
    "StateValidationError",
    "UncaughtCharmError",
    "__version__",
]
