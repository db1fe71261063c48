# SPDX-License-Identifier: Apache-2.0
"""What every State dataclass shares: deep-copying ``replace`` and ``copy``, and errors."""

from __future__ import annotations

import collections
import copy
import dataclasses
import logging
import typing

from .. import _core, errors

if typing.TYPE_CHECKING:
    from typing_extensions import Self

logger = logging.getLogger("scenario.state")
"""The logger of the State classes (a child of ``scenario``, as in ops-scenario)."""

JujuLogLine = collections.namedtuple("JujuLogLine", ("level", "message"))
"""One ``juju-log`` call made by the charm: its level and its message."""


def normalize_name(s: str) -> str:
    """Return ``s`` with dashes turned into underscores, as scenario spells event names."""
    return s.replace("-", "_")


def _invalid(path: str, message: str) -> errors.StateValidationError:
    """Build a StateValidationError carrying one Problem, ready to raise.

    Args:
        path: Where the problem is, relative to the object being built (e.g.
            ``remote_units_data.0.foo``); empty when it is about the object as a whole.
        message: What is wrong and how to fix it.
    """
    problem = _core.Problem()
    problem.path = path
    problem.message = message
    error = errors.StateValidationError(f"{path}: {message}" if path else message)
    error.problems = [problem]
    return error


@dataclasses.dataclass(frozen=True)
class _DCBase:
    """Base of the frozen State dataclasses: they are changed by copying, never in place."""

    def replace(self, **changes: typing.Any) -> Self:
        """Return a deep copy of this object with some fields set to new values.

        The new values are used as given; every other field is deep-copied, so the result
        shares no mutable data with this object.

        Raises:
            TypeError: if a name in ``changes`` is not a field of this class.
        """
        memo: dict[int, typing.Any] = {}
        kwargs: dict[str, typing.Any] = {}
        for field in dataclasses.fields(self):
            if not field.init:
                continue
            if field.name in changes:
                kwargs[field.name] = changes.pop(field.name)
            else:
                kwargs[field.name] = copy.deepcopy(getattr(self, field.name), memo)
        if changes:
            unknown = ", ".join(sorted(changes))
            raise TypeError(f"{type(self).__name__} has no field(s) named {unknown}")
        return type(self)(**kwargs)

    def copy(self) -> Self:
        """Return a deep copy of this object."""
        return copy.deepcopy(self)
