// SPDX-License-Identifier: Apache-2.0
// spec/yaml_value.h: what a YAML scalar means, and YAML trees as JSON.
//
// yaml-cpp leaves every scalar as text. Juju (go-yaml) and ops (PyYAML) resolve plain
// scalars with YAML 1.1 rules, so `yes` is a boolean and `0x1F` an integer; this file
// applies the same rules so a spec means here what it means to Juju and to the charm.

#ifndef SCENARIO_SPEC_YAML_VALUE_H_
#define SCENARIO_SPEC_YAML_VALUE_H_

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <string>

#include "scenario/state/types.h"

namespace scenario::detail {

/// The type a scalar (or null) node resolves to.
enum class ScalarKind { kNull, kBool, kInt, kFloat, kString };

/// A resolved scalar. Only the member matching `kind` is meaningful.
struct Scalar {
  ScalarKind kind = ScalarKind::kNull;
  bool boolean = false;
  std::int64_t integer = 0;
  double real = 0.0;
  /// The text as written (for every kind).
  std::string text;
  /// An integer literal too large for 64 bits; `real` then holds its approximate value.
  bool out_of_range = false;
};

/// Resolves a scalar or null node: plain scalars by YAML 1.1 (null, bool, int, float,
/// else string), quoted and block scalars as strings, `!!str`-style tags honoured.
/// Must not be called on mappings or sequences.
Scalar resolve_scalar(const YAML::Node& node);

/// A short description of a node for messages: `a mapping`, `a list`, `null`,
/// `the integer 3`, `the string 'abc'`.
std::string describe(const YAML::Node& node);

/// The node as JSON: mappings become objects (keys as written), sequences arrays,
/// scalars per resolve_scalar (out-of-range integers become doubles).
/// The tree must have passed SpecFile's checks (no cycles).
Json to_json(const YAML::Node& node);

}  // namespace scenario::detail

#endif  // SCENARIO_SPEC_YAML_VALUE_H_
