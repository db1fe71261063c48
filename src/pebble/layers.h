// SPDX-License-Identifier: Apache-2.0
// pebble/layers.h: Pebble layers: parsing and validating layer YAML, combining layers
// into the plan (Pebble's merge rules), the plan's YAML, and service start/stop order.

#ifndef SCENARIO_SRC_PEBBLE_LAYERS_H_
#define SCENARIO_SRC_PEBBLE_LAYERS_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "scenario/common/go_text.h"
#include "scenario/state/container.h"
#include "scenario/state/types.h"

namespace scenario::pebble::detail {

/// The combined entries of a plan, keyed by name, with Pebble's YAML field names.
struct Plan {
  std::map<std::string, Json> services;
  std::map<std::string, Json> checks;
  std::map<std::string, Json> log_targets;
};

/// Parses a layer as Pebble's plan.ParseLayer does; the error is Pebble's message
/// (without the "cannot parse layer YAML: " prefix the API adds).
std::variant<Layer, std::string> parse_layer(std::string_view label, std::string_view yaml);

/// parse_layer's answer, remembered for the texts parsed most recently in this process
/// (charms add the same layers run after run). Thread-safe.
std::variant<Layer, std::string> parse_layer_memoized(std::string_view label,
                                                      std::string_view yaml);

/// Checks every entry of `layer` has a valid `override`; Pebble's message otherwise.
std::optional<std::string> check_overrides(std::string_view label, const Layer& layer);

/// Combines `layers` in order with Pebble's rules. Entries without `override` (possible
/// in a State's layers) replace earlier ones.
Plan combine(const std::vector<const Layer*>& layers);
/// The combination of `base` and `layer` as a single layer (for `combine: true`).
Layer combine_into(const Layer& base, const Layer& layer);
/// Pebble's Plan.Validate; its message when the plan is invalid.
std::optional<std::string> validate_plan(const Plan& plan);

/// The plan as Pebble's /v1/plan shows it: defaults applied, durations normalized,
/// empty fields and sections left out.
Json plan_to_json(const Plan& plan);
/// The same as YAML text, fields in Pebble's order.
std::string plan_to_yaml(const Plan& plan);

/// Services to start (with what they require) or stop (with what requires them), in
/// order; Pebble's message when a service does not exist or the order has a cycle.
std::variant<std::vector<std::string>, std::string> start_order(
    const Plan& plan, const std::vector<std::string>& names);
std::variant<std::vector<std::string>, std::string> stop_order(
    const Plan& plan, const std::vector<std::string>& names);

// Go's durations (scenario/common/go_text.h), the syntax of layers and of the API.
using scenario::detail::go_duration_string;
using scenario::detail::parse_go_duration;

}  // namespace scenario::pebble::detail

#endif  // SCENARIO_SRC_PEBBLE_LAYERS_H_
