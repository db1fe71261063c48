// SPDX-License-Identifier: Apache-2.0
// bindings/bind_event.cc: Event, Action and event-name parsing.

#include <nanobind/nanobind.h>
#include <nanobind/operators.h>
#include <nanobind/stl/optional.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/string_view.h>
#include <nanobind/stl/vector.h>

#include "bindings.h"
#include "json_caster.h"
#include "scenario/state/event.h"

namespace nb = nanobind;

namespace scenario::bindings {

void bind_event(nb::module_& m) {
  nb::enum_<EventKind>(m, "EventKind")
      .value("builtin", EventKind::kBuiltin)
      .value("relation", EventKind::kRelation)
      .value("action", EventKind::kAction)
      .value("secret", EventKind::kSecret)
      .value("storage", EventKind::kStorage)
      .value("workload", EventKind::kWorkload)
      .value("framework", EventKind::kFramework)
      .value("custom", EventKind::kCustom);

  nb::class_<EventName>(m, "EventName", "An event path taken apart.")
      .def_ro("path", &EventName::path)
      .def_ro("name", &EventName::name)
      .def_ro("owner_path", &EventName::owner_path)
      .def_ro("prefix", &EventName::prefix)
      .def_ro("suffix", &EventName::suffix)
      .def_ro("kind", &EventName::kind)
      .def(nb::self == nb::self);
  m.def("parse_event_name", &parse_event_name, nb::arg("path"),
        "Splits an event path (e.g. 'my_lib.on.foo' or 'db-relation-changed') and classifies it.");

  nb::class_<Action>(m, "Action")
      .def(nb::init<>())
      .def_rw("name", &Action::name)
      .def_rw("params", &Action::params)
      .def_rw("id", &Action::id)
      .def(nb::self == nb::self);
  nb::class_<StorageRef>(m, "StorageRef")
      .def(nb::init<>())
      .def_rw("name", &StorageRef::name)
      .def_rw("index", &StorageRef::index)
      .def(nb::self == nb::self);
  nb::class_<Event>(m, "Event", "The event to fire; entities are referenced by identity.")
      .def(nb::init<>())
      .def_rw("path", &Event::path)
      .def_rw("relation_id", &Event::relation_id)
      .def_rw("remote_unit_id", &Event::remote_unit_id)
      .def_rw("remote_unit_implied", &Event::remote_unit_implied)
      .def_rw("departing_unit_id", &Event::departing_unit_id)
      .def_rw("container", &Event::container)
      .def_rw("storage", &Event::storage)
      .def_rw("secret_id", &Event::secret_id)
      .def_rw("secret_revision", &Event::secret_revision)
      .def_rw("action", &Event::action)
      .def("parsed_name", &Event::parsed_name)
      .def(nb::self == nb::self);
}

}  // namespace scenario::bindings
