// SPDX-License-Identifier: Apache-2.0
// scenario/common/utf8.h: well-formed UTF-8, as Go and RFC 3629 define it.

#ifndef SCENARIO_COMMON_UTF8_H_
#define SCENARIO_COMMON_UTF8_H_

#include <cstddef>
#include <string_view>

namespace scenario::detail {

/// The length (1-4) of the well-formed UTF-8 sequence starting at `text[i]`, or 0 when
/// none starts there: no overlong form, no surrogate, nothing above U+10FFFF, no
/// sequence cut short (RFC 3629; what Go's utf8.DecodeRuneInString accepts).
/// `i` must be less than `text.size()`.
std::size_t utf8_sequence_length(std::string_view text, std::size_t i);

/// A code point and the bytes it takes.
struct Rune {
  char32_t value;
  std::size_t length;
};

/// The code point at `text[i]`, as Go's utf8.DecodeRuneInString reads it: U+FFFD of
/// length 1 where no well-formed sequence starts. `i` must be less than `text.size()`.
Rune decode_rune(std::string_view text, std::size_t i);

/// True when all of `text` is well-formed UTF-8 in the sense of utf8_sequence_length.
bool is_valid_utf8(std::string_view text);

}  // namespace scenario::detail

#endif  // SCENARIO_COMMON_UTF8_H_
