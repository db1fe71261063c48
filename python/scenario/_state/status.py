# SPDX-License-Identifier: Apache-2.0
"""Application and unit statuses in a State.

``State`` turns the ``ops.StatusBase`` it is given into an ``_EntityStatus``: a frozen,
JSON-friendly value that still behaves like the ops status it came from. It compares
equal to it, passes ``isinstance(status, ops.ActiveStatus)``, and prints as
``ActiveStatus('message')``. For the ``isinstance`` check, each status name has one
subclass mixing in the ops class (``_EntityStatus`` first, so its methods win); those
subclasses are kept out of ops' own name-to-class table.
"""

from __future__ import annotations

import dataclasses
import typing

from ops.model import StatusBase

from .base import _DCBase, logger

_StatusName = typing.Literal["waiting", "blocked", "active", "unknown", "error", "maintenance"]


@dataclasses.dataclass(frozen=True, eq=False)
class _EntityStatus(_DCBase):
    """A status name and message; use the ops status classes to build one."""

    name: _StatusName
    """``active``, ``blocked``, ``maintenance``, ``waiting``, ``unknown`` or ``error``."""
    message: str = ""
    """The status message."""

    def __init_subclass__(cls, **kwargs: typing.Any) -> None:
        # Deliberately not chaining to StatusBase.__init_subclass__, which would register
        # our subclasses as *the* ops classes for their names.
        pass

    def __eq__(self, other: object) -> bool:
        if isinstance(other, tuple):
            logger.warning(
                "comparing a status with a tuple is deprecated; compare with ops statuses",
            )
            return (self.name, self.message) == other
        if isinstance(other, (StatusBase, _EntityStatus)):
            return (self.name, self.message) == (other.name, other.message)
        return NotImplemented

    def __hash__(self) -> int:
        return hash((self.name, self.message))

    def __iter__(self) -> typing.Iterator[str]:
        return iter((self.name, self.message))

    def __repr__(self) -> str:
        class_name = self.name.title() + "Status"
        if self.name == "unknown":
            return f"{class_name}()"
        return f"{class_name}({self.message!r})"

    def __reduce__(self) -> tuple[typing.Any, ...]:
        return (_entity_status, (self.name, self.message))


def _make_typed_classes() -> dict[str, type[_EntityStatus]]:
    """One ``_EntityStatus`` subclass per ops status class, by status name."""
    classes: dict[str, type[_EntityStatus]] = {}
    for name in ("active", "blocked", "maintenance", "waiting", "unknown", "error"):
        try:
            ops_class = type(StatusBase.from_name(name, ""))
        except KeyError:  # an ops without this status class
            continue
        class_name = f"_Entity{ops_class.__name__}"
        classes[name] = typing.cast(
            "type[_EntityStatus]",
            type(class_name, (_EntityStatus, ops_class), {"__module__": __name__}),
        )
    return classes


_TYPED_CLASSES = _make_typed_classes()
_TYPED_CLASS_SET = frozenset(_TYPED_CLASSES.values())


def _entity_status(name: str, message: str = "") -> _EntityStatus:
    """The status value for ``name`` and ``message``, an instance of the ops class if any."""
    cls = _TYPED_CLASSES.get(name, _EntityStatus)
    return cls(typing.cast(_StatusName, name), message)


def _status_to_entitystatus(obj: StatusBase | _EntityStatus) -> _EntityStatus:
    """Convert an ops status (or a plain ``_EntityStatus``) to the State's status value."""
    if type(obj) in _TYPED_CLASS_SET:
        return typing.cast(_EntityStatus, obj)
    return _entity_status(obj.name, obj.message)
