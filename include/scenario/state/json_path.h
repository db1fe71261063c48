// SPDX-License-Identifier: Apache-2.0
// scenario/state/json_path.h: paths into a State document, as messages write them.
//
// A key made only of letters, digits, `_` and `-` is written `.key` (no dot at the
// root); any other key is written `["key"]`, JSON-escaped; array elements are `[i]`.
// Examples: `relations[1].remote_units_data.0.foo`, `config["my key"]`.

#ifndef SCENARIO_STATE_JSON_PATH_H_
#define SCENARIO_STATE_JSON_PATH_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace scenario {

/// `parent.key` or `parent["key"]`.
std::string json_path_key(std::string_view parent, std::string_view key);
/// `parent[index]`.
std::string json_path_index(std::string_view parent, std::size_t index);

}  // namespace scenario

#endif  // SCENARIO_STATE_JSON_PATH_H_
