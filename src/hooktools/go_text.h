// SPDX-License-Identifier: Apache-2.0
// hooktools/go_text.h: Go's text conventions that Juju's messages are built with.
//
// Juju formats its errors with Go's fmt verbs; a charm (and ops) sees those texts, so
// the tools here quote and join the same way.

#ifndef SCENARIO_HOOKTOOLS_GO_TEXT_H_
#define SCENARIO_HOOKTOOLS_GO_TEXT_H_

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "scenario/common/go_text.h"  // go_quote

namespace scenario::detail {

/// Go's %q of a []string: `["a" "b"]`.
std::string go_quote_list(std::span<const std::string> items);

/// Go's strconv.Atoi: an optional sign and decimal digits that fit an int (32 bits is
/// enough for every number the tools take). nullopt when the text is not such a number.
std::optional<int> go_atoi(std::string_view text);

/// The text of strconv.Atoi's error for `text`: `strconv.Atoi: parsing "x": invalid
/// syntax` (or `value out of range`).
std::string go_atoi_error(std::string_view text);

}  // namespace scenario::detail

#endif  // SCENARIO_HOOKTOOLS_GO_TEXT_H_
