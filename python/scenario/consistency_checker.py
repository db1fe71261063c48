# SPDX-License-Identifier: Apache-2.0
"""Whether a scenario (State, Event, charm spec) could happen on a real Juju.

The rules live in the engine (``docs/consistency.md`` lists every one, with its code).
Errors are raised together as one ``InconsistentScenarioError`` (each also in its
``.errors``, as ``Finding`` objects); warnings are reported as ``ConsistencyWarning``.
``SCENARIO_SKIP_CONSISTENCY_CHECKS`` (or ``Context(skip_consistency_checks=True)``)
turns the checker off.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from . import _core, _doc
from ._warnings import warn_at_caller
from .errors import ConsistencyWarning, InconsistentScenarioError, StateValidationError

if TYPE_CHECKING:
    from ._charm_spec import CharmSpec
    from .state import Event, State

__all__ = [
    "InconsistentScenarioError",
    "Results",
    "check_config_consistency",
    "check_consistency",
    "check_containers_consistency",
    "check_event_consistency",
    "check_relation_consistency",
    "check_resource_consistency",
    "check_secrets_consistency",
    "check_storages_consistency",
]

SKIP_VARIABLE = "SCENARIO_SKIP_CONSISTENCY_CHECKS"
"""When set (to anything), ``check_consistency`` checks nothing."""


class Results(NamedTuple):
    """What a check found."""

    errors: list[str]
    warnings: list[str]


def check_consistency(
    state: State, event: Event, charm_spec: CharmSpec, juju_version: str
) -> Results:
    """Checks the scenario; raises if it could not happen on Juju.

    Returns:
        The warnings (also reported as ``ConsistencyWarning``); errors are never
        returned, they are raised.

    Raises:
        InconsistentScenarioError: listing every error found.
    """
    if os.environ.get(SKIP_VARIABLE):
        return Results([], [])
    try:
        findings = _core.check_consistency(
            charm_spec.engine, _doc.state_to_doc(state), _doc.event_to_doc(event), juju_version
        )
    except StateValidationError as e:
        raise InconsistentScenarioError(str(e)) from e
    found = report(findings)
    return Results([], [str(w) for w in found])


def report(findings: list[_core.Finding]) -> list[_core.Finding]:
    """Raises the errors among ``findings``; warns about (and returns) the warnings.

    Each warning points at the test's line that led to it (``ctx.run(...)``, a
    ``manager`` block, a ``check_consistency`` call).
    """
    found = _core.raise_if_inconsistent(findings)
    for finding in found:
        warn_at_caller(str(finding), ConsistencyWarning)
    return found


def _area_check(*areas: str) -> Callable[..., Results]:
    """A check of the rules of some areas only, as ops-scenario 5.8's per-area functions.

    Unlike ``check_consistency`` it does not raise: errors and warnings come back as
    text in the Results.
    """

    def check(
        *,
        state: State,
        event: Event,
        charm_spec: CharmSpec,
        juju_version: str = "3.4",
        **_: Any,
    ) -> Results:
        area_of = {code: area for code, _, area, _ in _core.consistency_rules()}
        findings = _core.check_consistency(
            charm_spec.engine, _doc.state_to_doc(state), _doc.event_to_doc(event), juju_version
        )
        errors: list[str] = []
        warns: list[str] = []
        for finding in findings:
            if area_of.get(finding.code) in areas:
                target = errors if finding.severity == _core.Severity.error else warns
                target.append(str(finding))
        return Results(errors, warns)

    check.__doc__ = f"The findings of the {', '.join(areas)} rules, as Results (no raise)."
    return check


check_event_consistency = _area_check("event", "action")
check_config_consistency = _area_check("config")
check_relation_consistency = _area_check("relations")
check_containers_consistency = _area_check("containers")
check_storages_consistency = _area_check("storage")
check_resource_consistency = _area_check("resources")
check_secrets_consistency = _area_check("secrets")
