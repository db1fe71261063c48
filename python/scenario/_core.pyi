"""The Scenario engine: state model, JSON state format, charm specs."""

from collections.abc import Mapping, Sequence, Set
import enum
from typing import Any


class Problem:
    """One problem found in a document, with where it is."""

    def __init__(self) -> None: ...

    @property
    def path(self) -> str: ...

    @path.setter
    def path(self, arg: str, /) -> None: ...

    @property
    def message(self) -> str: ...

    @message.setter
    def message(self, arg: str, /) -> None: ...

    @property
    def file(self) -> str: ...

    @file.setter
    def file(self, arg: str, /) -> None: ...

    @property
    def line(self) -> int: ...

    @line.setter
    def line(self, arg: int, /) -> None: ...

    @property
    def column(self) -> int: ...

    @column.setter
    def column(self, arg: int, /) -> None: ...

    def __str__(self) -> str: ...

    def __repr__(self) -> str: ...

    def __eq__(self, arg: Problem, /) -> bool: ...

class Status:
    def __init__(self) -> None: ...

    @property
    def name(self) -> str: ...

    @name.setter
    def name(self, arg: str, /) -> None: ...

    @property
    def message(self) -> str: ...

    @message.setter
    def message(self, arg: str, /) -> None: ...

    def __repr__(self) -> str: ...

    def __eq__(self, arg: Status, /) -> bool: ...

class Storage:
    def __init__(self) -> None: ...

    @property
    def name(self) -> str: ...

    @name.setter
    def name(self, arg: str, /) -> None: ...

    @property
    def index(self) -> int: ...

    @index.setter
    def index(self, arg: int, /) -> None: ...

    def __eq__(self, arg: Storage, /) -> bool: ...

class Port:
    def __init__(self) -> None: ...

    @property
    def protocol(self) -> str: ...

    @protocol.setter
    def protocol(self, arg: str, /) -> None: ...

    @property
    def port(self) -> int | None: ...

    @port.setter
    def port(self, arg: int | None, /) -> None: ...

    def __eq__(self, arg: Port, /) -> bool: ...

class StoredState:
    def __init__(self) -> None: ...

    @property
    def owner_path(self) -> str | None: ...

    @owner_path.setter
    def owner_path(self, arg: str | None, /) -> None: ...

    @property
    def name(self) -> str: ...

    @name.setter
    def name(self, arg: str, /) -> None: ...

    @property
    def content(self) -> Any: ...

    @content.setter
    def content(self, arg: Any, /) -> None: ...

    @property
    def data_type_name(self) -> str: ...

    @data_type_name.setter
    def data_type_name(self, arg: str, /) -> None: ...

    @property
    def handle_path(self) -> str: ...

    def __eq__(self, arg: StoredState, /) -> bool: ...

class DeferredEvent:
    def __init__(self) -> None: ...

    @property
    def handle_path(self) -> str: ...

    @handle_path.setter
    def handle_path(self, arg: str, /) -> None: ...

    @property
    def owner(self) -> str: ...

    @owner.setter
    def owner(self, arg: str, /) -> None: ...

    @property
    def observer(self) -> str: ...

    @observer.setter
    def observer(self, arg: str, /) -> None: ...

    @property
    def snapshot_data(self) -> Any: ...

    @snapshot_data.setter
    def snapshot_data(self, arg: Any, /) -> None: ...

    @property
    def name(self) -> str: ...

    def __eq__(self, arg: DeferredEvent, /) -> bool: ...

class Model:
    def __init__(self) -> None: ...

    @property
    def name(self) -> str: ...

    @name.setter
    def name(self, arg: str, /) -> None: ...

    @property
    def uuid(self) -> str: ...

    @uuid.setter
    def uuid(self, arg: str, /) -> None: ...

    @property
    def type(self) -> str: ...

    @type.setter
    def type(self, arg: str, /) -> None: ...

    def __eq__(self, arg: Model, /) -> bool: ...

class RelationKind(enum.Enum):
    regular = 0

    peer = 1

    subordinate = 2

class Relation:
    """A relation this unit takes part in (any kind)."""

    def __init__(self) -> None: ...

    @property
    def kind(self) -> RelationKind: ...

    @kind.setter
    def kind(self, arg: RelationKind, /) -> None: ...

    @property
    def endpoint(self) -> str: ...

    @endpoint.setter
    def endpoint(self, arg: str, /) -> None: ...

    @property
    def interface(self) -> str: ...

    @interface.setter
    def interface(self, arg: str, /) -> None: ...

    @property
    def relation_id(self) -> int: ...

    @relation_id.setter
    def relation_id(self, arg: int, /) -> None: ...

    @property
    def local_app_data(self) -> dict[str, str]: ...

    @local_app_data.setter
    def local_app_data(self, arg: Mapping[str, str], /) -> None: ...

    @property
    def local_unit_data(self) -> dict[str, str]: ...

    @local_unit_data.setter
    def local_unit_data(self, arg: Mapping[str, str], /) -> None: ...

    @property
    def remote_app_name(self) -> str: ...

    @remote_app_name.setter
    def remote_app_name(self, arg: str, /) -> None: ...

    @property
    def remote_app_data(self) -> dict[str, str]: ...

    @remote_app_data.setter
    def remote_app_data(self, arg: Mapping[str, str], /) -> None: ...

    @property
    def remote_units_data(self) -> dict[int, dict[str, str]]: ...

    @remote_units_data.setter
    def remote_units_data(self, arg: Mapping[int, Mapping[str, str]], /) -> None: ...

    @property
    def limit(self) -> int: ...

    @limit.setter
    def limit(self, arg: int, /) -> None: ...

    def remote_unit_ids(self) -> list[int]: ...

    def __eq__(self, arg: Relation, /) -> bool: ...

class Address:
    def __init__(self) -> None: ...

    @property
    def hostname(self) -> str: ...

    @hostname.setter
    def hostname(self, arg: str, /) -> None: ...

    @property
    def value(self) -> str: ...

    @value.setter
    def value(self, arg: str, /) -> None: ...

    @property
    def cidr(self) -> str: ...

    @cidr.setter
    def cidr(self, arg: str, /) -> None: ...

    @property
    def address(self) -> str: ...

    @address.setter
    def address(self, arg: str, /) -> None: ...

    def __eq__(self, arg: Address, /) -> bool: ...

class BindAddress:
    def __init__(self) -> None: ...

    @property
    def interface_name(self) -> str: ...

    @interface_name.setter
    def interface_name(self, arg: str, /) -> None: ...

    @property
    def addresses(self) -> list[Address]: ...

    @addresses.setter
    def addresses(self, arg: Sequence[Address], /) -> None: ...

    @property
    def mac_address(self) -> str | None: ...

    @mac_address.setter
    def mac_address(self, arg: str | None, /) -> None: ...

    def __eq__(self, arg: BindAddress, /) -> bool: ...

class Network:
    def __init__(self) -> None: ...

    @property
    def name(self) -> str: ...

    @name.setter
    def name(self, arg: str, /) -> None: ...

    @property
    def bind_addresses(self) -> list[BindAddress]: ...

    @bind_addresses.setter
    def bind_addresses(self, arg: Sequence[BindAddress], /) -> None: ...

    @property
    def ingress_addresses(self) -> list[str]: ...

    @ingress_addresses.setter
    def ingress_addresses(self, arg: Sequence[str], /) -> None: ...

    @property
    def egress_subnets(self) -> list[str]: ...

    @egress_subnets.setter
    def egress_subnets(self, arg: Sequence[str], /) -> None: ...

    def __eq__(self, arg: Network, /) -> bool: ...

def make_default_network(name: str) -> Network:
    """A minimal network for a binding, with the Python API's defaults."""

class Mount:
    def __init__(self) -> None: ...

    @property
    def location(self) -> str: ...

    @location.setter
    def location(self, arg: str, /) -> None: ...

    @property
    def src(self) -> str: ...

    @src.setter
    def src(self, arg: str, /) -> None: ...

    def __eq__(self, arg: Mount, /) -> bool: ...

class ExecOutput:
    def __init__(self) -> None: ...

    @property
    def return_code(self) -> int: ...

    @return_code.setter
    def return_code(self, arg: int, /) -> None: ...

    @property
    def stdout(self) -> str: ...

    @stdout.setter
    def stdout(self, arg: str, /) -> None: ...

    @property
    def stderr(self) -> str: ...

    @stderr.setter
    def stderr(self, arg: str, /) -> None: ...

    def __eq__(self, arg: ExecOutput, /) -> bool: ...

class ExecMock:
    def __init__(self) -> None: ...

    @property
    def command(self) -> list[str]: ...

    @command.setter
    def command(self, arg: Sequence[str], /) -> None: ...

    @property
    def output(self) -> ExecOutput: ...

    @output.setter
    def output(self, arg: ExecOutput, /) -> None: ...

    def __eq__(self, arg: ExecMock, /) -> bool: ...

class Layer:
    def __init__(self) -> None: ...

    @property
    def summary(self) -> str: ...

    @summary.setter
    def summary(self, arg: str, /) -> None: ...

    @property
    def description(self) -> str: ...

    @description.setter
    def description(self, arg: str, /) -> None: ...

    @property
    def services(self) -> dict[str, Any]: ...

    @services.setter
    def services(self, arg: Mapping[str, Any], /) -> None: ...

    @property
    def checks(self) -> dict[str, Any]: ...

    @checks.setter
    def checks(self, arg: Mapping[str, Any], /) -> None: ...

    @property
    def log_targets(self) -> dict[str, Any]: ...

    @log_targets.setter
    def log_targets(self, arg: Mapping[str, Any], /) -> None: ...

    def __eq__(self, arg: Layer, /) -> bool: ...

class ServiceStatus(enum.Enum):
    active = 0

    inactive = 1

    error = 2

    backoff = 3

class Container:
    def __init__(self) -> None: ...

    @property
    def name(self) -> str: ...

    @name.setter
    def name(self, arg: str, /) -> None: ...

    @property
    def can_connect(self) -> bool: ...

    @can_connect.setter
    def can_connect(self, arg: bool, /) -> None: ...

    @property
    def layers(self) -> dict[str, Layer]: ...

    @layers.setter
    def layers(self, arg: Mapping[str, Layer], /) -> None: ...

    @property
    def service_status(self) -> dict[str, ServiceStatus]: ...

    @service_status.setter
    def service_status(self, arg: Mapping[str, ServiceStatus], /) -> None: ...

    @property
    def mounts(self) -> dict[str, Mount]: ...

    @mounts.setter
    def mounts(self, arg: Mapping[str, Mount], /) -> None: ...

    @property
    def exec_mock(self) -> list[ExecMock]: ...

    @exec_mock.setter
    def exec_mock(self, arg: Sequence[ExecMock], /) -> None: ...

    def __eq__(self, arg: Container, /) -> bool: ...

class SecretOwner(enum.Enum):
    none = 0

    unit = 1

    app = 2

class SecretGrant(enum.Enum):
    none = 0

    unit = 1

    app = 2

class SecretRotate(enum.Enum):
    never = 0

    hourly = 1

    daily = 2

    weekly = 3

    monthly = 4

    quarterly = 5

    yearly = 6

class Secret:
    def __init__(self) -> None: ...

    @property
    def id(self) -> str: ...

    @id.setter
    def id(self, arg: str, /) -> None: ...

    @property
    def contents(self) -> dict[int, dict[str, str]]: ...

    @contents.setter
    def contents(self, arg: Mapping[int, Mapping[str, str]], /) -> None: ...

    @property
    def owner(self) -> SecretOwner: ...

    @owner.setter
    def owner(self, arg: SecretOwner, /) -> None: ...

    @property
    def granted(self) -> SecretGrant: ...

    @granted.setter
    def granted(self, arg: SecretGrant, /) -> None: ...

    @property
    def revision(self) -> int: ...

    @revision.setter
    def revision(self, arg: int, /) -> None: ...

    @property
    def remote_grants(self) -> dict[int, set[str]]: ...

    @remote_grants.setter
    def remote_grants(self, arg: Mapping[int, Set[str]], /) -> None: ...

    @property
    def label(self) -> str | None: ...

    @label.setter
    def label(self, arg: str | None, /) -> None: ...

    @property
    def description(self) -> str | None: ...

    @description.setter
    def description(self, arg: str | None, /) -> None: ...

    @property
    def expire(self) -> str | None: ...

    @expire.setter
    def expire(self, arg: str | None, /) -> None: ...

    @property
    def rotate(self) -> SecretRotate: ...

    @rotate.setter
    def rotate(self, arg: SecretRotate, /) -> None: ...

    def __eq__(self, arg: Secret, /) -> bool: ...

class State:
    """Everything Juju shows one unit: the input and output of a run."""

    def __init__(self) -> None: ...

    @property
    def config(self) -> dict[str, bool | int | float | str]: ...

    @config.setter
    def config(self, arg: Mapping[str, bool | int | float | str], /) -> None: ...

    @property
    def relations(self) -> list[Relation]: ...

    @relations.setter
    def relations(self, arg: Sequence[Relation], /) -> None: ...

    @property
    def networks(self) -> list[Network]: ...

    @networks.setter
    def networks(self, arg: Sequence[Network], /) -> None: ...

    @property
    def containers(self) -> list[Container]: ...

    @containers.setter
    def containers(self, arg: Sequence[Container], /) -> None: ...

    @property
    def storage(self) -> list[Storage]: ...

    @storage.setter
    def storage(self, arg: Sequence[Storage], /) -> None: ...

    @property
    def opened_ports(self) -> list[Port]: ...

    @opened_ports.setter
    def opened_ports(self, arg: Sequence[Port], /) -> None: ...

    @property
    def leader(self) -> bool: ...

    @leader.setter
    def leader(self, arg: bool, /) -> None: ...

    @property
    def model(self) -> Model: ...

    @model.setter
    def model(self, arg: Model, /) -> None: ...

    @property
    def secrets(self) -> list[Secret]: ...

    @secrets.setter
    def secrets(self, arg: Sequence[Secret], /) -> None: ...

    @property
    def resources(self) -> dict[str, str]: ...

    @resources.setter
    def resources(self, arg: Mapping[str, str], /) -> None: ...

    @property
    def planned_units(self) -> int: ...

    @planned_units.setter
    def planned_units(self, arg: int, /) -> None: ...

    @property
    def unit_id(self) -> int: ...

    @unit_id.setter
    def unit_id(self, arg: int, /) -> None: ...

    @property
    def deferred(self) -> list[DeferredEvent]: ...

    @deferred.setter
    def deferred(self, arg: Sequence[DeferredEvent], /) -> None: ...

    @property
    def stored_state(self) -> list[StoredState]: ...

    @stored_state.setter
    def stored_state(self, arg: Sequence[StoredState], /) -> None: ...

    @property
    def app_status(self) -> Status: ...

    @app_status.setter
    def app_status(self, arg: Status, /) -> None: ...

    @property
    def unit_status(self) -> Status: ...

    @unit_status.setter
    def unit_status(self, arg: Status, /) -> None: ...

    @property
    def workload_version(self) -> str: ...

    @workload_version.setter
    def workload_version(self, arg: str, /) -> None: ...

    def next_relation_id(self) -> int: ...

    def next_storage_index(self, name: str) -> int: ...

    def __eq__(self, arg: State, /) -> bool: ...

class EventKind(enum.Enum):
    builtin = 0

    relation = 1

    action = 2

    secret = 3

    storage = 4

    workload = 5

    framework = 6

    custom = 7

class EventName:
    """An event path taken apart."""

    @property
    def path(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def owner_path(self) -> list[str]: ...

    @property
    def prefix(self) -> str: ...

    @property
    def suffix(self) -> str: ...

    @property
    def kind(self) -> EventKind: ...

    def __eq__(self, arg: EventName, /) -> bool: ...

def parse_event_name(path: str) -> EventName:
    """
    Splits an event path (e.g. 'my_lib.on.foo' or 'db-relation-changed') and classifies it.
    """

class Action:
    def __init__(self) -> None: ...

    @property
    def name(self) -> str: ...

    @name.setter
    def name(self, arg: str, /) -> None: ...

    @property
    def params(self) -> Any: ...

    @params.setter
    def params(self, arg: Any, /) -> None: ...

    @property
    def id(self) -> str: ...

    @id.setter
    def id(self, arg: str, /) -> None: ...

    def __eq__(self, arg: Action, /) -> bool: ...

class StorageRef:
    def __init__(self) -> None: ...

    @property
    def name(self) -> str: ...

    @name.setter
    def name(self, arg: str, /) -> None: ...

    @property
    def index(self) -> int: ...

    @index.setter
    def index(self, arg: int, /) -> None: ...

    def __eq__(self, arg: StorageRef, /) -> bool: ...

class Event:
    """The event to fire; entities are referenced by identity."""

    def __init__(self) -> None: ...

    @property
    def path(self) -> str: ...

    @path.setter
    def path(self, arg: str, /) -> None: ...

    @property
    def relation_id(self) -> int | None: ...

    @relation_id.setter
    def relation_id(self, arg: int | None, /) -> None: ...

    @property
    def remote_unit_id(self) -> int | None: ...

    @remote_unit_id.setter
    def remote_unit_id(self, arg: int | None, /) -> None: ...

    @property
    def remote_unit_implied(self) -> bool: ...

    @remote_unit_implied.setter
    def remote_unit_implied(self, arg: bool, /) -> None: ...

    @property
    def departing_unit_id(self) -> int | None: ...

    @departing_unit_id.setter
    def departing_unit_id(self, arg: int | None, /) -> None: ...

    @property
    def container(self) -> str | None: ...

    @container.setter
    def container(self, arg: str | None, /) -> None: ...

    @property
    def storage(self) -> StorageRef | None: ...

    @storage.setter
    def storage(self, arg: StorageRef | None, /) -> None: ...

    @property
    def secret_id(self) -> str | None: ...

    @secret_id.setter
    def secret_id(self, arg: str | None, /) -> None: ...

    @property
    def secret_revision(self) -> int | None: ...

    @secret_revision.setter
    def secret_revision(self, arg: int | None, /) -> None: ...

    @property
    def action(self) -> Action | None: ...

    @action.setter
    def action(self, arg: Action | None, /) -> None: ...

    def parsed_name(self) -> EventName: ...

    def __eq__(self, arg: Event, /) -> bool: ...

class ScenarioError(RuntimeError):
    """Root of every error scenario raises on purpose."""

class InternalError(ScenarioError):
    """A bug in scenario itself; please report it."""

class ContextSetupError(ScenarioError):
    """The test Context could not be set up."""

class MetadataNotFoundError(ScenarioError):
    """No charm metadata was found where it was looked for."""

class ProblemsError(ScenarioError):
    """A document has problems; each is in `.problems`."""

class SpecError(ProblemsError):
    """A charm spec file is malformed; see `.problems`."""

class BindFailedError(ScenarioError):
    """An Event could not be bound to the State it is about."""

class InvalidEventError(ScenarioError):
    """The event given to a run is not usable."""

class InvalidActionError(InvalidEventError):
    """The action given to run_action is not usable."""

class AlreadyEmittedError(ScenarioError):
    """A run manager's event was already emitted."""

class ScenarioRuntimeError(ScenarioError):
    """A failure while running a scenario."""

class InconsistentScenarioError(ScenarioRuntimeError):
    """The scenario could not happen on a real Juju."""

class StateValidationError(ProblemsError, InconsistentScenarioError):
    """A State or Event is malformed; see `.problems`."""

class UncaughtCharmError(ScenarioRuntimeError):
    """The charm raised while handling the event."""

class NoObserverError(ScenarioRuntimeError):
    """The event has no source on its owner; nothing could observe it."""

class BadOwnerPath(ScenarioRuntimeError):
    """A custom event path names an owner the charm does not have."""

class ConsistencyWarning(UserWarning):
    """
    A consistency finding of severity warning: plausible, but probably not meant.
    """

class ChangeAfterRunWarning(UserWarning):
    """
    A hook tool changed the State after its run was over: the change is not in the run's output State.
    """

STATE_FORMAT_VERSION: int = 1

def state_from_json(text: str) -> State:
    """
    Parses a State document; raises StateValidationError listing every problem.
    """

def state_to_json(state: State, indent: int = 2) -> str:
    """The State as a JSON document; indent < 0 writes one line."""

def validate_state_json(text: str) -> list[Problem]:
    """Every problem in a State document (an empty list when it is valid)."""

def event_from_json(text: str) -> Event:
    """
    Parses an Event document; raises StateValidationError listing every problem.
    """

def event_to_json(event: Event, indent: int = 2) -> str:
    """The Event as a JSON document."""

def validate_event_json(text: str) -> list[Problem]:
    """Every problem in an Event document."""

def copy_unit_databags(units: dict, as_text: bool) -> dict:
    """
    A copy of a map of unit ids to databags: each databag a new dict, each unit id
    made an int (or, with `as_text`, a str).
    """

class RelationRole(enum.Enum):
    provides = 0

    requires = 1

    peer = 2

class ConfigType(enum.Enum):
    string = 0

    int = 1

    float = 2

    boolean = 3

    secret = 4

class CharmKind(enum.Enum):
    machine = 0

    kubernetes = 1

class RelationSpec:
    @property
    def name(self) -> str: ...

    @property
    def role(self) -> RelationRole: ...

    @property
    def interface(self) -> str: ...

    @property
    def limit(self) -> int | None: ...

    @property
    def scope(self) -> str: ...

    @property
    def optional(self) -> bool: ...

    def __eq__(self, arg: RelationSpec, /) -> bool: ...

class ContainerMountSpec:
    @property
    def storage(self) -> str: ...

    @property
    def location(self) -> str: ...

    def __eq__(self, arg: ContainerMountSpec, /) -> bool: ...

class ContainerSpec:
    @property
    def name(self) -> str: ...

    @property
    def resource(self) -> str | None: ...

    @property
    def mounts(self) -> list[ContainerMountSpec]: ...

    def __eq__(self, arg: ContainerSpec, /) -> bool: ...

class StorageSpec:
    @property
    def name(self) -> str: ...

    @property
    def type(self) -> str: ...

    @property
    def description(self) -> str: ...

    @property
    def location(self) -> str | None: ...

    @property
    def shared(self) -> bool: ...

    @property
    def read_only(self) -> bool: ...

    @property
    def multiple_range(self) -> str | None: ...

    @property
    def minimum_size(self) -> str | None: ...

    def __eq__(self, arg: StorageSpec, /) -> bool: ...

class ResourceSpec:
    @property
    def name(self) -> str: ...

    @property
    def type(self) -> str: ...

    @property
    def filename(self) -> str | None: ...

    @property
    def description(self) -> str: ...

    def __eq__(self, arg: ResourceSpec, /) -> bool: ...

class ConfigOption:
    @property
    def name(self) -> str: ...

    @property
    def type(self) -> ConfigType: ...

    @property
    def default(self) -> bool | int | float | str | None: ...

    @property
    def description(self) -> str: ...

    def __eq__(self, arg: ConfigOption, /) -> bool: ...

class ActionSpec:
    @property
    def name(self) -> str: ...

    @property
    def description(self) -> str: ...

    @property
    def params(self) -> Any: ...

    @property
    def required(self) -> list[str]: ...

    @property
    def additional_properties(self) -> bool: ...

    @property
    def parallel(self) -> bool: ...

    @property
    def execution_group(self) -> str: ...

    def __eq__(self, arg: ActionSpec, /) -> bool: ...

class CharmSpec:
    """Everything a charm declares about itself."""

    @property
    def name(self) -> str: ...

    @property
    def summary(self) -> str: ...

    @property
    def description(self) -> str: ...

    @property
    def subordinate(self) -> bool: ...

    @property
    def relations(self) -> list[RelationSpec]: ...

    @property
    def containers(self) -> list[ContainerSpec]: ...

    @property
    def storage(self) -> list[StorageSpec]: ...

    @property
    def resources(self) -> list[ResourceSpec]: ...

    @property
    def extra_bindings(self) -> list[str]: ...

    @property
    def config(self) -> list[ConfigOption]: ...

    @property
    def actions(self) -> list[ActionSpec]: ...

    @property
    def kind(self) -> CharmKind: ...

    @property
    def sources(self) -> list[str]: ...

    def find_relation(self, name: str) -> RelationSpec: ...

    def find_container(self, name: str) -> ContainerSpec: ...

    def find_storage(self, name: str) -> StorageSpec: ...

    def find_resource(self, name: str) -> ResourceSpec: ...

    def find_config(self, name: str) -> ConfigOption: ...

    def find_action(self, name: str) -> ActionSpec: ...

    def to_json(self) -> Any:
        """The spec as JSON-shaped Python data."""

    def __eq__(self, arg: CharmSpec, /) -> bool: ...

def load_charm_spec(metadata: str, config: str | None = None, actions: str | None = None, *, unified: bool = False, metadata_file: str = 'metadata.yaml', config_file: str = 'config.yaml', actions_file: str = 'actions.yaml') -> CharmSpec:
    """
    Loads a spec from YAML (or JSON) texts; raises SpecError listing every problem.
    """

def load_charm_spec_dir(charm_dir: str) -> CharmSpec:
    """
    Loads the spec of the charm in a directory (charmcraft.yaml or metadata.yaml).
    """

class Severity(enum.Enum):
    error = 0

    warning = 1

class Finding:
    """One thing the consistency checker found."""

    @property
    def severity(self) -> Severity: ...

    @property
    def code(self) -> str: ...

    @property
    def path(self) -> str: ...

    @property
    def message(self) -> str: ...

    def __str__(self) -> str: ...

    def __repr__(self) -> str: ...

    def __eq__(self, arg: Finding, /) -> bool: ...

def check_consistency(spec: CharmSpec, state: object, event: Any, juju_version: str) -> list[Finding]:
    """
    Every finding (errors and warnings) for a State and Event given as JSON-format documents (dicts); an empty list when the scenario is consistent.
    """

def raise_if_inconsistent(findings: Sequence[Finding]) -> list[Finding]:
    """
    Raises InconsistentScenarioError with every finding if any is an error; otherwise returns the warnings.
    """

def consistency_rules() -> list[tuple[str, Severity, str, str]]:
    """Every rule: (code, severity, area, summary), in the order they run."""

class JujuLogLine:
    @property
    def level(self) -> str: ...

    @property
    def message(self) -> str: ...

class ActionRecord:
    @property
    def results(self) -> Any: ...

    @property
    def logs(self) -> list[str]: ...

    @property
    def failure(self) -> str | None: ...

class RemovedSecretRevision:
    @property
    def secret_id(self) -> str: ...

    @property
    def revision(self) -> int: ...

class SessionRecords:
    """Side effects of a run."""

    @property
    def unit_status_history(self) -> list[Status]: ...

    @property
    def app_status_history(self) -> list[Status]: ...

    @property
    def workload_version_history(self) -> list[str]: ...

    @property
    def juju_log(self) -> list[JujuLogLine]: ...

    @property
    def action(self) -> ActionRecord: ...

    @property
    def requested_storages(self) -> dict[str, int]: ...

    @property
    def reboot_requested(self) -> bool: ...

    @property
    def reboot_now(self) -> bool: ...

    @property
    def pod_spec(self) -> str | None: ...

    @property
    def k8s_resources(self) -> str | None: ...

    @property
    def removed_secret_revisions(self) -> list[RemovedSecretRevision]: ...

class Session:
    """One run's Juju: a working copy of the State answering hook tools."""

    def __init__(self, spec: CharmSpec, state: object, event: Any, *, app_name: str, juju_version: str, storage_root: str = '') -> None:
        """
        Opens a session on a State and Event given as JSON-format documents (dicts).
        """

    def run(self, argv: Sequence[str], stdin: str | None = None) -> tuple[int, str, str]:
        """Runs a hook tool: returns (exit code, stdout, stderr)."""

    def state_doc(self, *, changed_only: bool = False) -> Any:
        """
        The working State, as a JSON-format document; with `changed_only`, only what
        differs from the State the session was opened with (entities left as they
        were are given by their identity alone; an empty document if nothing does).
        """

    def environment(self, charm_dir: str, default_action_id: str = '1', require_entities: bool = True) -> dict[str, str]:
        """The JUJU_* environment Juju would give the charm for this event."""

    def check_consistency(self, juju_version: str) -> list[Finding]:
        """Every consistency finding for this session's State and Event."""

    @property
    def records(self) -> SessionRecords: ...

    @staticmethod
    def tool_names() -> list[str]:
        """Every hook tool the engine implements."""

    def pebble(self, container: str, root_dir: str) -> PebbleHandler:
        """
        A handler for a container's Pebble API, updating this session's working State; its files live under `root_dir` and the container's mounts.
        """

class PebbleWebsocket:
    """The server side of one exec websocket of a container's Pebble."""

    def receive(self, is_text: bool, data: bytes) -> None:
        """Hands the server a message the client sent (a text or a binary frame)."""

    def take_outgoing(self) -> list[tuple[bool, bytes]]:
        """
        Messages ready for the client, oldest first, as (is_text, payload) pairs.
        """

    @property
    def finished(self) -> bool:
        """Whether the server side has nothing more to send."""

class PebbleHandler:
    """One container's simulated Pebble API."""

    def handle(self, method: str, path: str, query: Sequence[tuple[str, str]], headers: Mapping[str, str], body: bytes) -> tuple[int, list[tuple[str, str]], bytes]:
        """
        Answers one request: returns (status, headers, body). Pebble API errors are responses with Pebble's JSON error body.
        """

    def open_websocket(self, task_id: str, websocket_id: str) -> PebbleWebsocket:
        """
        Opens an exec task's websocket; None when there is no such task or websocket.
        """

    def plan(self) -> Any:
        """The combined plan, as /v1/plan returns it."""

    def exec_history(self) -> list[tuple[Any, bytes]]:
        """
        Each command run with exec, in order: (request as a dict, stdin bytes).
        """

def container_plan(container: Any) -> Any:
    """
    The plan of a container document's layers (all combined in label order), as Pebble's /v1/plan returns it.
    """

class PebbleSocketServer:
    """
    Serves a Pebble handler over HTTP/1.1 and websockets on a unix socket, from background threads, so a real Pebble client (ops.pebble.Client) can talk to it.
    """

    def __init__(self, socket_path: str, handler: object, *, max_body_bytes: int = 268435456) -> None:
        """
        `handler` has `handle(method, path, query, headers, body)` returning `(status, headers, body)` and `open_websocket(task_id, websocket_id)` returning None or an object with `receive(is_text, data)`, `take_outgoing()` and `finished`, as PebbleHandler does. Request bodies over `max_body_bytes` are refused with 413. Call start() to serve.
        """

    def start(self) -> None:
        """
        Creates the socket (mode 0600, missing parent directories 0700; a stale socket is replaced) and starts serving. Raises ScenarioError if the path cannot be used.
        """

    def stop(self) -> None:
        """
        Closes every connection, waits for the server threads and removes the socket. Safe to call more than once.
        """

    @property
    def running(self) -> bool:
        """Whether the server is serving."""

    @property
    def socket_path(self) -> str:
        """Where the socket is."""

    def __enter__(self) -> PebbleSocketServer:
        """Starts the server."""

    def __exit__(self, exc_type: object | None, exc_value: object | None, traceback: object | None) -> None:
        """Stops the server."""

def empty_directory(path: str) -> None:
    """
    Makes `path` an empty directory: made (with its parents) when missing, emptied otherwise, replaced when it is a file or a link. Links inside are removed, never followed; read-only directories are emptied too. Raises ScenarioRuntimeError naming what could not be made or removed, ValueError for a path with a NUL byte.
    """

def remove_tree(path: str) -> None:
    """
    Removes `path` with everything under it (nothing when it does not exist); a link is removed, not what it points to. Raises ScenarioRuntimeError naming what could not be removed, ValueError for a path with a NUL byte.
    """
