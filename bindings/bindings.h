// SPDX-License-Identifier: Apache-2.0
// bindings/bindings.h: the parts of the scenario._core module, one per area.

#ifndef SCENARIO_BINDINGS_BINDINGS_H_
#define SCENARIO_BINDINGS_BINDINGS_H_

#include <nanobind/nanobind.h>

namespace scenario::bindings {

void bind_exceptions(nanobind::module_& m);
void bind_state(nanobind::module_& m);
void bind_event(nanobind::module_& m);
void bind_json(nanobind::module_& m);
void bind_spec(nanobind::module_& m);
void bind_runtime(nanobind::module_& m);
void bind_consistency(nanobind::module_& m);
void bind_pebble(nanobind::module_& m);
void bind_pebble_socket(nanobind::module_& m);
void bind_files(nanobind::module_& m);

}  // namespace scenario::bindings

#endif  // SCENARIO_BINDINGS_BINDINGS_H_
