# SPDX-License-Identifier: Apache-2.0
"""Whether a scenario (State, Event, charm spec) could happen on a real Juju.

The checks run in the engine. Today they cover the State's shape (every field, with
its path) and the event's references into the State (the relation, container,
storage or secret it is about); the full rule set (endpoints against metadata,
config types, action parameters, peer ids, ...) is being added to the engine.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, NamedTuple

from . import _core, _doc
from .errors import InconsistentScenarioError, StateValidationError

if TYPE_CHECKING:
    from ._charm_spec import CharmSpec
    from .state import Event, State

__all__ = ["Results", "check_consistency"]

SKIP_VARIABLE = "SCENARIO_SKIP_CONSISTENCY_CHECKS"
"""When set (to anything), ``check_consistency`` checks nothing."""


class Results(NamedTuple):
    """What a check found."""

    errors: list[str]
    warnings: list[str]


def check_consistency(
    state: State, event: Event, charm_spec: CharmSpec, juju_version: str
) -> Results:
    """Checks the scenario; raises if it could not happen.

    Raises:
        InconsistentScenarioError: listing every problem found.
    """
    if os.environ.get(SKIP_VARIABLE):
        return Results([], [])
    try:
        session = _core.Session(
            charm_spec.engine,
            _doc.state_to_doc(state),
            _doc.event_to_doc(event),
            app_name=charm_spec.app_name,
            juju_version=juju_version,
        )
        session.environment(str(charm_spec.root))
    except StateValidationError as e:
        raise InconsistentScenarioError(str(e)) from e
    return Results([], [])
