// SPDX-License-Identifier: Apache-2.0
// hooktools/go_text.h: Go's text conventions (quoting, splitting, strconv's numbers)
// that Juju's messages and argument parsing are built with.
//
// Juju formats its errors with Go's fmt verbs; a charm (and ops) sees those texts, so
// the tools here quote and join the same way.

#ifndef SCENARIO_HOOKTOOLS_GO_TEXT_H_
#define SCENARIO_HOOKTOOLS_GO_TEXT_H_

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/common/go_text.h"  // go_quote

namespace scenario::detail {

/// Go's %q of a []string: `["a" "b"]`.
std::string go_quote_list(std::span<const std::string> items);

/// Go's strings.Split on one separator: the parts between separators, always one more
/// than there are separators (`""` gives one empty part).
std::vector<std::string> go_split(std::string_view text, char separator);

/// Go's strconv.Atoi: an optional sign and decimal digits that fit an int (32 bits is
/// enough for every number the tools take). nullopt when the text is not such a number.
std::optional<int> go_atoi(std::string_view text);

/// Go's strconv.Atoi on a 64-bit platform, for numbers whose range Juju checks after
/// parsing (ports, relation ids).
std::optional<std::int64_t> go_atoi64(std::string_view text);

/// The ASCII character classes of Juju's name patterns (`[0-9]`, `[a-z]`, `[a-zA-Z]`).
constexpr bool ascii_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool ascii_lower(char c) { return c >= 'a' && c <= 'z'; }
constexpr bool ascii_letter(char c) { return ascii_lower(c) || (c >= 'A' && c <= 'Z'); }

/// strconv's lower: ASCII letters to lower case, anything else unchanged.
constexpr char go_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }

/// strconv's underscoreOK: every `_` in `text` (after an optional sign and base prefix)
/// stands between digits, as Go's number literals allow.
bool go_underscores_ok(std::string_view text);

/// Why strconv refuses a number (NumError's Err).
enum class GoNumError { kNone, kSyntax, kRange };

/// strconv.ParseUint(text, base, 64). Base 0 takes the base from a `0x`, `0o`, `0b` or
/// `0` prefix and lets `_` separate digits; bases 2 to 36 read bare digits. Stores the
/// number in `value` (when given) on success.
GoNumError go_parse_uint(std::string_view text, int base, std::uint64_t* value = nullptr);

/// strconv.ParseInt(text, base, 64): an optional sign, then as go_parse_uint. gnuflag's
/// int flags use base 0.
GoNumError go_parse_int(std::string_view text, int base, std::int64_t* value = nullptr);

/// ParseInt's error text: `strconv.ParseInt: parsing "x": invalid syntax` (or `value out
/// of range`).
std::string go_parse_int_error(std::string_view text, GoNumError error);

/// The text of strconv.Atoi's error for `text`: `strconv.Atoi: parsing "x": invalid
/// syntax` (or `value out of range`).
std::string go_atoi_error(std::string_view text);

}  // namespace scenario::detail

#endif  // SCENARIO_HOOKTOOLS_GO_TEXT_H_
