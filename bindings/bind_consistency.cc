// SPDX-License-Identifier: Apache-2.0
// bindings/bind_consistency.cc: the consistency checker from Python.

#include <nanobind/nanobind.h>
#include <nanobind/operators.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/string_view.h>
#include <nanobind/stl/tuple.h>
#include <nanobind/stl/vector.h>

#include <string>
#include <tuple>
#include <vector>

#include "bindings.h"
#include "json_caster.h"
#include "scenario/consistency/check.h"
#include "scenario/errors.h"
#include "scenario/state/json.h"

namespace nb = nanobind;

namespace scenario::bindings {

void bind_consistency(nb::module_& m) {
  nb::enum_<Severity>(m, "Severity")
      .value("error", Severity::kError)
      .value("warning", Severity::kWarning);
  nb::class_<Finding>(m, "Finding", "One thing the consistency checker found.")
      .def_ro("severity", &Finding::severity)
      .def_ro("code", &Finding::code)
      .def_ro("path", &Finding::path)
      .def_ro("message", &Finding::message)
      .def("__str__", &Finding::to_string)
      .def("__repr__", [](const Finding& f) {
        return "Finding(" + std::string(to_string(f.severity)) + ", " + f.to_string() + ")";
      })
      .def(nb::self == nb::self);

  m.def(
      "check_consistency",
      [](const CharmSpec& spec, nb::handle state_doc, const Json& event_doc,
         std::string_view juju_version) {
        // The State document as a Session reads it (unit ids as ints or text).
        return check_consistency(spec, state_from_python_doc(state_doc),
                                 event_from_json_value(event_doc), juju_version);
      },
      nb::arg("spec"), nb::arg("state"), nb::arg("event"), nb::arg("juju_version"),
      "Every finding (errors and warnings) for a State and Event given as JSON-format "
      "documents (dicts); an empty list when the scenario is consistent.");
  m.def("raise_if_inconsistent", &throw_if_inconsistent, nb::arg("findings"),
        "Raises InconsistentScenarioError with every finding if any is an error; "
        "otherwise returns the warnings.");
  m.def(
      "consistency_rules",
      [] {
        std::vector<std::tuple<std::string, Severity, std::string, std::string>> rules;
        for (const RuleInfo& rule : consistency_rules()) {
          rules.emplace_back(rule.code, rule.severity, rule.area, rule.summary);
        }
        return rules;
      },
      "Every rule: (code, severity, area, summary), in the order they run.");
}

}  // namespace scenario::bindings
