# SPDX-License-Identifier: Apache-2.0
"""Workload containers: Pebble layers and services, mounts, and exec mocks."""

from __future__ import annotations

import dataclasses
import pathlib
import typing

import yaml
from ops import pebble

from .base import _DCBase, logger, normalize_name
from .events import Event

if typing.TYPE_CHECKING:
    from ..context import Context

_change_id_counter = 0


def _next_change_id() -> int:
    global _change_id_counter
    _change_id_counter += 1
    return _change_id_counter


@dataclasses.dataclass(frozen=True)
class ExecOutput(_DCBase):
    """What a mocked command run with ``container.exec`` returns."""

    return_code: int = 0
    """The exit code."""
    stdout: str = ""
    """What the command writes to standard output."""
    stderr: str = ""
    """What the command writes to standard error."""
    _change_id: int = dataclasses.field(default_factory=_next_change_id, compare=False)
    """An internal id for the Pebble change of the command; not part of equality."""

    def _run(self) -> int:
        return self._change_id


_ExecMock = dict[tuple[str, ...], ExecOutput]


@dataclasses.dataclass(frozen=True)
class Mount(_DCBase):
    """A host directory or file seen inside a container."""

    location: str | pathlib.PurePosixPath
    """The path inside the container."""
    src: str | pathlib.Path
    """The path on the host."""


@dataclasses.dataclass(frozen=True)
class Container(_DCBase):
    """A workload container and what its Pebble shows."""

    name: str
    """The container name in the metadata."""
    can_connect: bool = False
    """Whether Pebble answers."""
    _base_plan: dict[str, typing.Any] = dataclasses.field(default_factory=dict)
    """A Pebble plan (as a dict) that the layers are added onto."""
    layers: dict[str, pebble.Layer] = dataclasses.field(default_factory=dict)
    """Pebble layers by label, applied in label order."""
    service_status: dict[str, pebble.ServiceStatus] = dataclasses.field(default_factory=dict)
    """The current state of each service; a service not listed is inactive."""
    mounts: dict[str, Mount] = dataclasses.field(default_factory=dict)
    """Host paths made visible in the container, by name."""
    exec_mock: _ExecMock = dataclasses.field(default_factory=dict)
    """The result of each command (a tuple of words) the charm may run."""

    def _render_services(self) -> dict[str, pebble.Service]:
        """The services of the layers, a later label overriding an earlier one."""
        services: dict[str, pebble.Service] = {}
        for label in sorted(self.layers):
            services.update(self.layers[label].services)
        return services

    @property
    def plan(self) -> pebble.Plan:
        """The combined Pebble plan: the base plan with the layers' services on top.

        Assert on this rather than on ``layers``, which are input data.
        """
        plan = pebble.Plan(yaml.safe_dump(self._base_plan))
        services = self._render_services()
        for name in sorted(services):
            plan.services[name] = services[name]
        return plan

    @property
    def services(self) -> dict[str, pebble.ServiceInfo]:
        """The services of the plan, with their startup and current state."""
        infos: dict[str, pebble.ServiceInfo] = {}
        services = self._render_services()
        for name in sorted(services):
            startup = services[name].startup or pebble.ServiceStartup.DISABLED
            status = self.service_status.get(name, pebble.ServiceStatus.INACTIVE)
            infos[name] = pebble.ServiceInfo(
                name,
                startup=pebble.ServiceStartup(startup),
                current=pebble.ServiceStatus(status),
            )
        return infos

    def get_filesystem(self, ctx: Context) -> pathlib.Path:
        """The directory that holds this container's simulated filesystem in ``ctx``."""
        return ctx._get_container_root(self.name)

    @property
    def pebble_ready_event(self) -> Event:
        """The ``<name>-pebble-ready`` event of this container."""
        if not self.can_connect:
            logger.warning(
                "container %s cannot connect: a pebble-ready event for it is unusual",
                self.name,
            )
        return Event(path=normalize_name(self.name + "-pebble-ready"), container=self)
