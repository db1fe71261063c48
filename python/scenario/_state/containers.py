# SPDX-License-Identifier: Apache-2.0
"""Workload containers: Pebble layers and services, mounts, and exec mocks."""

from __future__ import annotations

import dataclasses
import datetime
import enum
import pathlib
import typing

import yaml
from ops import pebble

from .. import _core
from .base import _DCBase, logger, normalize_name
from .events import Event

if typing.TYPE_CHECKING:
    from ..context import Context

_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


@dataclasses.dataclass(frozen=True)
class ExecOutput(_DCBase):
    """What a mocked command run with ``container.exec`` returns."""

    return_code: int = 0
    """The exit code."""
    stdout: str = ""
    """What the command writes to standard output."""
    stderr: str = ""
    """What the command writes to standard error."""
    _change_id: int | None = dataclasses.field(default=None, compare=False)
    """Unused: a run's Pebble numbers its own changes (kept for ops-scenario 5.8's
    signature); not part of equality.
    """


_ExecMock = dict[tuple[str, ...], ExecOutput]


@dataclasses.dataclass(frozen=True)
class ExecArgs(_DCBase):
    """One command the charm ran with ``container.exec``, as it asked Pebble to run it.

    Found in ``Context.exec_history[container_name]`` after a run.
    """

    command: list[str]
    """The command and its arguments."""
    environment: dict[str, str] = dataclasses.field(default_factory=dict)
    """The environment variables the charm passed."""
    working_dir: str | None = None
    """The working directory, or None for Pebble's default."""
    timeout: str | None = None
    """The timeout as sent to Pebble (e.g. ``"4.000s"``), or None."""
    user_id: int | None = None
    """The user id to run as, if given."""
    user: str | None = None
    """The user name to run as, if given."""
    group_id: int | None = None
    """The group id to run as, if given."""
    group: str | None = None
    """The group name to run as, if given."""
    stdin: bytes = b""
    """Everything the charm wrote to the process's standard input."""
    combine_stderr: bool = False
    """Whether standard error was combined into standard output."""


@dataclasses.dataclass(frozen=True)
class Mount(_DCBase):
    """A host directory or file seen inside a container."""

    location: str | pathlib.PurePosixPath
    """The path inside the container."""
    src: str | pathlib.Path
    """The path on the host."""


@dataclasses.dataclass(frozen=True)
class CheckInfo(_DCBase):
    """The state of one Pebble health check, as ``Container.get_check`` reports it.

    The check itself (period, http, tcp or exec) is defined in the container's layers.
    """

    name: str
    """The check name, as in the layers."""
    level: pebble.CheckLevel | str | None = None
    """``alive``, ``ready`` or None; when a layer defines the check, Pebble reports the
    layer's level."""
    status: pebble.CheckStatus | str = pebble.CheckStatus.UP
    """``up``, or ``down`` once ``failures`` reached ``threshold``."""
    failures: int = 0
    """How many times in a row the check failed."""
    threshold: int = 3
    """How many failures in a row make the check ``down``."""


@dataclasses.dataclass(frozen=True)
class Notice(_DCBase):
    """A Pebble notice, as ``Container.get_notice`` reports it."""

    key: str
    """The notice key, e.g. ``example.com/db-ready``."""
    id: str | None = None
    """Unique within the container; None lets the run number it (after the largest
    numeric id of the container's notices)."""
    user_id: int | None = None
    """The user the notice is visible to; None means every user."""
    type: pebble.NoticeType | str = pebble.NoticeType.CUSTOM
    """``custom`` for notices charms and workloads record."""
    first_occurred: datetime.datetime = _EPOCH
    """When the notice first occurred."""
    last_occurred: datetime.datetime = _EPOCH
    """When it last occurred."""
    last_repeated: datetime.datetime = _EPOCH
    """When it last repeated (occurred again after ``repeat_after``)."""
    occurrences: int = 1
    """How many times it occurred."""
    last_data: dict[str, str] = dataclasses.field(default_factory=dict)
    """The data of its last occurrence."""
    repeat_after: datetime.timedelta | None = None
    """How long after the last repeat an occurrence counts as a repeat."""
    expire_after: datetime.timedelta | None = None
    """How long after its last occurrence the notice expires."""


def _notice_ids(notices: typing.Iterable[Notice]) -> list[str]:
    """Each notice's id, as the engine numbers them.

    A notice without an id gets the next number after the largest numeric id, in list
    order.
    """
    notices = list(notices)
    numeric = [
        int(n.id) for n in notices if n.id and n.id.isascii() and n.id.isdigit() and len(n.id) < 10
    ]
    next_id = max(numeric, default=0)
    ids = []
    for notice in notices:
        if notice.id:
            ids.append(notice.id)
        else:
            next_id += 1
            ids.append(str(next_id))
    return ids


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
    check_infos: frozenset[CheckInfo] = frozenset()
    """The state of health checks, by check; a check not listed is ``up``."""
    notices: list[Notice] = dataclasses.field(default_factory=list)
    """The container's Pebble notices, oldest first."""

    def get_notice(self, key: str, notice_type: pebble.NoticeType | str = "custom") -> Notice:
        """The notice with ``key`` (and type), e.g. to build its custom-notice event.

        Raises:
            KeyError: the container has no such notice.
        """
        wanted = notice_type.value if isinstance(notice_type, enum.Enum) else notice_type
        for notice in self.notices:
            kind = notice.type.value if isinstance(notice.type, enum.Enum) else notice.type
            if notice.key == key and kind == wanted:
                return notice
        raise KeyError(f"container {self.name!r} has no {wanted} notice with key {key!r}")

    def _notice_id(self, notice: Notice) -> str | None:
        """The id the run gives ``notice`` (its own, or the number it is assigned)."""
        for candidate, notice_id in zip(self.notices, _notice_ids(self.notices), strict=True):
            if candidate is notice or candidate == notice:
                return notice_id
        return notice.id

    def get_check_info(self, name: str) -> CheckInfo:
        """The state of the check ``name``.

        Raises:
            KeyError: ``check_infos`` has no such check.
        """
        for info in self.check_infos:
            if info.name == name:
                return info
        raise KeyError(f"container {self.name!r} has no check info named {name!r}")

    def custom_notice_event(self, notice: Notice) -> Event:
        """The ``<name>-pebble-custom-notice`` event for ``notice`` (one of ``notices``)."""
        return Event(
            path=normalize_name(self.name + "-pebble-custom-notice"),
            container=self,
            notice=notice,
        )

    def check_failed_event(self, check: CheckInfo | str) -> Event:
        """The ``<name>-pebble-check-failed`` event for ``check`` (ops 2.15 and later)."""
        name = check if isinstance(check, str) else check.name
        return Event(
            path=normalize_name(self.name + "-pebble-check-failed"),
            container=self,
            check_name=name,
        )

    def check_recovered_event(self, check: CheckInfo | str) -> Event:
        """The ``<name>-pebble-check-recovered`` event for ``check`` (ops 2.15 and later)."""
        name = check if isinstance(check, str) else check.name
        return Event(
            path=normalize_name(self.name + "-pebble-check-recovered"),
            container=self,
            check_name=name,
        )

    @property
    def plan(self) -> pebble.Plan:
        """The combined Pebble plan, over the base plan.

        The layers are merged in label order as Pebble merges them (``override: merge``
        or ``replace``). Assert on this rather than on ``layers``, which are input data.
        """
        layers = {
            label: (layer if isinstance(layer, pebble.Layer) else pebble.Layer(layer)).to_dict()
            for label, layer in self.layers.items()
        }
        plan = _core.container_plan({"name": self.name, "layers": layers})
        for section, entries in self._base_plan.items():
            if isinstance(entries, dict):
                merged = plan.setdefault(section, {})
                for name, entry in entries.items():
                    merged.setdefault(name, entry)
        return pebble.Plan(yaml.safe_dump(plan))

    @property
    def services(self) -> dict[str, pebble.ServiceInfo]:
        """The services of the plan, with their startup and current state."""
        infos: dict[str, pebble.ServiceInfo] = {}
        services = self.plan.services
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
