# SPDX-License-Identifier: Apache-2.0
"""Juju secrets as one unit sees them: contents per revision, ownership and grants."""

from __future__ import annotations

import dataclasses
import datetime
import typing

from ops.model import SecretRotate

from .base import _DCBase
from .events import Event

RawSecretRevisionContents = dict[str, str]
"""The content of one secret revision."""


@dataclasses.dataclass(frozen=True)
class Secret(_DCBase):
    """A secret this unit owns or was granted."""

    id: str
    """The secret id or URI. Secrets ops creates have a ``secret:`` prefix; yours need not."""
    contents: dict[int, RawSecretRevisionContents]
    """The content of each revision, by revision number."""
    owner: typing.Literal["unit", "application", "app", None] = None
    """Who owns the secret: this unit, this application, or (``None``) someone else."""
    granted: typing.Literal["unit", "app", False] = False
    """For a secret owned elsewhere: whether it was granted to this unit or application."""
    revision: int = 0
    """The revision this unit tracks (meaningful when it does not own the secret)."""
    remote_grants: dict[int, set[str]] = dataclasses.field(default_factory=dict)
    """For an owned secret: the apps or units it was granted to, by relation id."""
    label: str | None = None
    """The secret label."""
    description: str | None = None
    """The secret description."""
    expire: datetime.datetime | None = None
    """When the secret expires."""
    rotate: SecretRotate = SecretRotate.NEVER
    """The rotation policy."""

    def _owner_event(self, name: str) -> Event:
        if not self.owner:
            raise ValueError(
                f"this unit never receives {name} for secret {self.id!r}, which it does not "
                "own; set owner='unit' or owner='application'",
            )
        return Event(name, secret=self)

    @property
    def changed_event(self) -> Event:
        """The ``secret-changed`` event of this secret (only observers get it)."""
        if self.owner:
            raise ValueError(
                f"this unit never receives secret-changed for secret {self.id!r}, which it "
                "owns; set owner=None",
            )
        return Event("secret_changed", secret=self)

    @property
    def rotate_event(self) -> Event:
        """The ``secret-rotate`` event of this secret (only the owner gets it)."""
        return self._owner_event("secret_rotate")

    @property
    def expired_event(self) -> Event:
        """The ``secret-expired`` event of this secret (only the owner gets it)."""
        return self._owner_event("secret_expired")

    @property
    def remove_event(self) -> Event:
        """The ``secret-remove`` event of this secret (only the owner gets it)."""
        return self._owner_event("secret_remove")

    def _set_revision(self, revision: int) -> None:
        """Track ``revision`` (changes this frozen object in place)."""
        object.__setattr__(self, "revision", revision)

    def _update_metadata(
        self,
        content: RawSecretRevisionContents | None = None,
        label: str | None = None,
        description: str | None = None,
        expire: datetime.datetime | datetime.timedelta | None = None,
        rotate: SecretRotate | None = None,
    ) -> None:
        """Add a revision with ``content`` and set the given metadata, in place."""
        if content is not None:
            revision = max(self.contents, default=0) + 1
            object.__setattr__(self, "contents", {**self.contents, revision: content})
        if label:
            object.__setattr__(self, "label", label)
        if description:
            object.__setattr__(self, "description", description)
        if expire:
            if isinstance(expire, datetime.timedelta):
                expire = datetime.datetime.now() + expire
            object.__setattr__(self, "expire", expire)
        if rotate:
            object.__setattr__(self, "rotate", rotate)
