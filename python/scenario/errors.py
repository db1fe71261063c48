# SPDX-License-Identifier: Apache-2.0
"""The exceptions scenario raises.

They are defined once, in the engine (``include/scenario/errors.h``), and mapped to
Python in one place (``bindings/exceptions.cc``); this module only re-exports them.
``docs/design/errors.md`` has the table. All are ``RuntimeError`` subclasses, as in
ops-scenario.
"""

from __future__ import annotations

from ._core import (
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
    Problem,
    ProblemsError,
    ScenarioError,
    ScenarioRuntimeError,
    SpecError,
    StateValidationError,
    UncaughtCharmError,
)

__all__ = [
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
    "Problem",
    "ProblemsError",
    "ScenarioError",
    "ScenarioRuntimeError",
    "SpecError",
    "StateValidationError",
    "UncaughtCharmError",
]
