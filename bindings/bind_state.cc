// SPDX-License-Identifier: Apache-2.0
// bindings/bind_state.cc: the state model as Python classes.
//
// Each C++ value type becomes a class with a default constructor, read-write fields
// of the same names and value equality. Containers (lists, dicts) are converted on
// access, so `state.relations.append(r)` changes a copy: assign the whole field.

#include <nanobind/nanobind.h>
#include <nanobind/operators.h>
#include <nanobind/stl/map.h>
#include <nanobind/stl/optional.h>
#include <nanobind/stl/set.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/string_view.h>
#include <nanobind/stl/variant.h>
#include <nanobind/stl/vector.h>

#include "bindings.h"
#include "json_caster.h"
#include "scenario/errors.h"
#include "scenario/state/state.h"

namespace nb = nanobind;

namespace scenario::bindings {

namespace {

void bind_problem(nb::module_& m) {
  nb::class_<Problem>(m, "Problem", "One problem found in a document, with where it is.")
      .def(nb::init<>())
      .def_rw("path", &Problem::path)
      .def_rw("message", &Problem::message)
      .def_rw("file", &Problem::file)
      .def_rw("line", &Problem::line)
      .def_rw("column", &Problem::column)
      .def("__str__", &Problem::to_string)
      .def("__repr__", [](const Problem& p) { return "Problem(" + p.to_string() + ")"; })
      .def(nb::self == nb::self);
}

void bind_relation(nb::module_& m) {
  nb::enum_<RelationKind>(m, "RelationKind")
      .value("regular", RelationKind::kRegular)
      .value("peer", RelationKind::kPeer)
      .value("subordinate", RelationKind::kSubordinate);

  nb::class_<Relation>(m, "Relation", "A relation this unit takes part in (any kind).")
      .def(nb::init<>())
      .def_rw("kind", &Relation::kind)
      .def_rw("endpoint", &Relation::endpoint)
      .def_rw("interface", &Relation::interface)
      .def_rw("relation_id", &Relation::relation_id)
      .def_rw("local_app_data", &Relation::local_app_data)
      .def_rw("local_unit_data", &Relation::local_unit_data)
      .def_rw("remote_app_name", &Relation::remote_app_name)
      .def_rw("remote_app_data", &Relation::remote_app_data)
      .def_rw("remote_units_data", &Relation::remote_units_data)
      .def_rw("limit", &Relation::limit)
      .def("remote_unit_ids", &Relation::remote_unit_ids)
      .def(nb::self == nb::self);
}

void bind_network(nb::module_& m) {
  nb::class_<Address>(m, "Address")
      .def(nb::init<>())
      .def_rw("hostname", &Address::hostname)
      .def_rw("value", &Address::value)
      .def_rw("cidr", &Address::cidr)
      .def_rw("address", &Address::address)
      .def(nb::self == nb::self);
  nb::class_<BindAddress>(m, "BindAddress")
      .def(nb::init<>())
      .def_rw("interface_name", &BindAddress::interface_name)
      .def_rw("addresses", &BindAddress::addresses)
      .def_rw("mac_address", &BindAddress::mac_address)
      .def(nb::self == nb::self);
  nb::class_<Network>(m, "Network")
      .def(nb::init<>())
      .def_rw("name", &Network::name)
      .def_rw("bind_addresses", &Network::bind_addresses)
      .def_rw("ingress_addresses", &Network::ingress_addresses)
      .def_rw("egress_subnets", &Network::egress_subnets)
      .def(nb::self == nb::self);
  m.def("make_default_network", &make_default_network, nb::arg("name"),
        "A minimal network for a binding, with the Python API's defaults.");
}

void bind_container(nb::module_& m) {
  nb::class_<Mount>(m, "Mount")
      .def(nb::init<>())
      .def_rw("location", &Mount::location)
      .def_rw("src", &Mount::src)
      .def(nb::self == nb::self);
  nb::class_<ExecOutput>(m, "ExecOutput")
      .def(nb::init<>())
      .def_rw("return_code", &ExecOutput::return_code)
      // `stdout`/`stderr` are C macros, hence the C++ names; Python keeps the short ones.
      .def_rw("stdout", &ExecOutput::stdout_text)
      .def_rw("stderr", &ExecOutput::stderr_text)
      .def(nb::self == nb::self);
  nb::class_<ExecMock>(m, "ExecMock")
      .def(nb::init<>())
      .def_rw("command", &ExecMock::command)
      .def_rw("output", &ExecMock::output)
      .def(nb::self == nb::self);
  nb::class_<Layer>(m, "Layer")
      .def(nb::init<>())
      .def_rw("summary", &Layer::summary)
      .def_rw("description", &Layer::description)
      .def_rw("services", &Layer::services)
      .def_rw("checks", &Layer::checks)
      .def_rw("log_targets", &Layer::log_targets)
      .def(nb::self == nb::self);
  nb::enum_<ServiceStatus>(m, "ServiceStatus")
      .value("active", ServiceStatus::kActive)
      .value("inactive", ServiceStatus::kInactive)
      .value("error", ServiceStatus::kError)
      .value("backoff", ServiceStatus::kBackoff);
  nb::class_<Container>(m, "Container")
      .def(nb::init<>())
      .def_rw("name", &Container::name)
      .def_rw("can_connect", &Container::can_connect)
      .def_rw("layers", &Container::layers)
      .def_rw("service_status", &Container::service_status)
      .def_rw("mounts", &Container::mounts)
      .def_rw("exec_mock", &Container::exec_mock)
      .def(nb::self == nb::self);
}

void bind_secret(nb::module_& m) {
  nb::enum_<SecretOwner>(m, "SecretOwner")
      .value("none", SecretOwner::kNone)
      .value("unit", SecretOwner::kUnit)
      .value("app", SecretOwner::kApp);
  nb::enum_<SecretGrant>(m, "SecretGrant")
      .value("none", SecretGrant::kNone)
      .value("unit", SecretGrant::kUnit)
      .value("app", SecretGrant::kApp);
  nb::enum_<SecretRotate>(m, "SecretRotate")
      .value("never", SecretRotate::kNever)
      .value("hourly", SecretRotate::kHourly)
      .value("daily", SecretRotate::kDaily)
      .value("weekly", SecretRotate::kWeekly)
      .value("monthly", SecretRotate::kMonthly)
      .value("quarterly", SecretRotate::kQuarterly)
      .value("yearly", SecretRotate::kYearly);
  nb::class_<Secret>(m, "Secret")
      .def(nb::init<>())
      .def_rw("id", &Secret::id)
      .def_rw("contents", &Secret::contents)
      .def_rw("owner", &Secret::owner)
      .def_rw("granted", &Secret::granted)
      .def_rw("revision", &Secret::revision)
      .def_rw("remote_grants", &Secret::remote_grants)
      .def_rw("label", &Secret::label)
      .def_rw("description", &Secret::description)
      .def_rw("expire", &Secret::expire)
      .def_rw("rotate", &Secret::rotate)
      .def(nb::self == nb::self);
}

void bind_small_types(nb::module_& m) {
  nb::class_<Status>(m, "Status")
      .def(nb::init<>())
      .def_rw("name", &Status::name)
      .def_rw("message", &Status::message)
      .def("__repr__",
           [](const Status& s) { return "Status(" + s.name + ", '" + s.message + "')"; })
      .def(nb::self == nb::self);
  nb::class_<Storage>(m, "Storage")
      .def(nb::init<>())
      .def_rw("name", &Storage::name)
      .def_rw("index", &Storage::index)
      .def(nb::self == nb::self);
  nb::class_<Port>(m, "Port")
      .def(nb::init<>())
      .def_rw("protocol", &Port::protocol)
      .def_rw("port", &Port::port)
      .def(nb::self == nb::self);
  nb::class_<StoredState>(m, "StoredState")
      .def(nb::init<>())
      .def_rw("owner_path", &StoredState::owner_path)
      .def_rw("name", &StoredState::name)
      .def_rw("content", &StoredState::content)
      .def_rw("data_type_name", &StoredState::data_type_name)
      .def_prop_ro("handle_path", &StoredState::handle_path)
      .def(nb::self == nb::self);
  nb::class_<DeferredEvent>(m, "DeferredEvent")
      .def(nb::init<>())
      .def_rw("handle_path", &DeferredEvent::handle_path)
      .def_rw("owner", &DeferredEvent::owner)
      .def_rw("observer", &DeferredEvent::observer)
      .def_rw("snapshot_data", &DeferredEvent::snapshot_data)
      .def_prop_ro("name", &DeferredEvent::name)
      .def(nb::self == nb::self);
  nb::class_<Model>(m, "Model")
      .def(nb::init<>())
      .def_rw("name", &Model::name)
      .def_rw("uuid", &Model::uuid)
      .def_rw("type", &Model::type)
      .def(nb::self == nb::self);
}

void bind_state_class(nb::module_& m) {
  nb::class_<State>(m, "State", "Everything Juju shows one unit: the input and output of a run.")
      .def(nb::init<>())
      .def_rw("config", &State::config)
      .def_rw("relations", &State::relations)
      .def_rw("networks", &State::networks)
      .def_rw("containers", &State::containers)
      .def_rw("storage", &State::storage)
      .def_rw("opened_ports", &State::opened_ports)
      .def_rw("leader", &State::leader)
      .def_rw("model", &State::model)
      .def_rw("secrets", &State::secrets)
      .def_rw("resources", &State::resources)
      .def_rw("planned_units", &State::planned_units)
      .def_rw("unit_id", &State::unit_id)
      .def_rw("deferred", &State::deferred)
      .def_rw("stored_state", &State::stored_state)
      .def_rw("app_status", &State::app_status)
      .def_rw("unit_status", &State::unit_status)
      .def_rw("workload_version", &State::workload_version)
      .def("next_relation_id", &State::next_relation_id)
      .def("next_storage_index", &State::next_storage_index, nb::arg("name"))
      .def(nb::self == nb::self);
}

}  // namespace

void bind_state(nb::module_& m) {
  bind_problem(m);
  bind_small_types(m);
  bind_relation(m);
  bind_network(m);
  bind_container(m);
  bind_secret(m);
  bind_state_class(m);
}

}  // namespace scenario::bindings
