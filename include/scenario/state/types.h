// SPDX-License-Identifier: Apache-2.0
// scenario/state/types.h: small vocabulary types shared by the state model.

#ifndef SCENARIO_STATE_TYPES_H_
#define SCENARIO_STATE_TYPES_H_

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <variant>

#include "scenario/state/databag.h"

namespace scenario {

/// Any JSON value; used where Juju or ops carry free-form data (action params, stored
/// state content, deferred-event snapshots, Pebble layer entries).
using Json = nlohmann::json;

/// The number after the slash in a unit name (`app/3` has unit id 3).
using UnitId = int;

/// A charm config value. Juju option types map to these alternatives:
/// boolean -> bool, int -> int64_t, float -> double, string and secret -> string.
using ConfigValue = std::variant<bool, std::int64_t, double, std::string>;

}  // namespace scenario

#endif  // SCENARIO_STATE_TYPES_H_
