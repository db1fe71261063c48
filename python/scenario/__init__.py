# SPDX-License-Identifier: Apache-2.0
"""Scenario: state-transition testing for Juju charms.

A charm is tested as a function: declare the ``State`` Juju would show one unit, fire
one event, run the charm once, and assert on the output ``State`` and the side effects.

The engine (state model, JSON state format, charm spec loading) is the C++ extension
``scenario._core``; this package is its Python face.
"""

from __future__ import annotations

from . import _core
from .errors import (
    AlreadyEmittedError,
    BadOwnerPath,
    BindFailedError,
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

__version__: str = _core.__version__

__all__ = [
    "AlreadyEmittedError",
    "BadOwnerPath",
    "BindFailedError",
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
