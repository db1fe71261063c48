// SPDX-License-Identifier: Apache-2.0
// bindings/bind_json.cc: the JSON state format from Python.

#include <nanobind/nanobind.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/string_view.h>
#include <nanobind/stl/vector.h>

#include "bindings.h"
#include "json_caster.h"
#include "scenario/state/json.h"

namespace nb = nanobind;

namespace scenario::bindings {

void bind_json(nb::module_& m) {
  m.attr("STATE_FORMAT_VERSION") = kStateFormatVersion;
  m.def("state_from_json", &state_from_json, nb::arg("text"),
        "Parses a State document; raises StateValidationError listing every problem.");
  m.def("state_to_json", &state_to_json, nb::arg("state"), nb::arg("indent") = 2,
        "The State as a JSON document; indent < 0 writes one line.");
  m.def("validate_state_json", &validate_state_json, nb::arg("text"),
        "Every problem in a State document (an empty list when it is valid).");
  m.def("event_from_json", &event_from_json, nb::arg("text"),
        "Parses an Event document; raises StateValidationError listing every problem.");
  m.def("event_to_json", &event_to_json, nb::arg("event"), nb::arg("indent") = 2,
        "The Event as a JSON document.");
  m.def("validate_event_json", &validate_event_json, nb::arg("text"),
        "Every problem in an Event document.");
  m.def("copy_unit_databags", &copy_unit_databags, nb::arg("units"), nb::arg("as_text"),
        "A copy of a map of unit ids to databags: each databag a new dict, each unit id\n"
        "made an int (or, with `as_text`, a str).");
}

}  // namespace scenario::bindings
