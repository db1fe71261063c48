// SPDX-License-Identifier: Apache-2.0
// bindings/module.cc: the scenario._core extension module.

#include <nanobind/nanobind.h>

#include <cstdlib>
#include <string_view>

#include "bindings.h"

namespace nb = nanobind;

NB_MODULE(_core, m) {
  m.doc() = "The Scenario engine: state model, JSON state format, charm specs.";
  m.attr("__version__") = SCENARIO_VERSION;
  // nanobind reports every object of this module still alive when the interpreter
  // finalizes it as a reference-counting bug. Here that is a test's own choice: a
  // Context held by a gc callback or another late-finalized object keeps its spec
  // alive to the end. The message would only alarm a charm author; whoever works on
  // the bindings can have it back with SCENARIO_LEAK_WARNINGS=1.
  const char* leak_warnings = std::getenv("SCENARIO_LEAK_WARNINGS");
  if (leak_warnings == nullptr || std::string_view(leak_warnings) != "1") {
    nb::set_leak_warnings(false);
  }
  // Problem must exist before the exception translator can build `.problems`; the
  // state types before the functions that take them.
  scenario::bindings::bind_state(m);
  scenario::bindings::bind_event(m);
  scenario::bindings::bind_exceptions(m);
  scenario::bindings::bind_json(m);
  scenario::bindings::bind_spec(m);
  scenario::bindings::bind_consistency(m);
  scenario::bindings::bind_runtime(m);
  scenario::bindings::bind_pebble(m);  // adds Session.pebble: after bind_runtime
  scenario::bindings::bind_pebble_socket(m);
  scenario::bindings::bind_files(m);
}
