// SPDX-License-Identifier: Apache-2.0
// scenario/common/text.h: text helpers for messages ("did you mean ...?").

#ifndef SCENARIO_COMMON_TEXT_H_
#define SCENARIO_COMMON_TEXT_H_

#include <cstddef>
#include <string_view>

namespace scenario::detail {

/// Optimal string alignment distance (Levenshtein plus adjacent transpositions), with
/// `-` and `_`, and upper and lower case, counted as equal: all are common slips in the
/// names of keys and events.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace scenario::detail

#endif  // SCENARIO_COMMON_TEXT_H_
