// SPDX-License-Identifier: Apache-2.0
// hooktools/yaml_reader.cc: go-yaml's reader checks, in its order, with its messages.

#include "yaml_reader.h"

#include <cstddef>

namespace scenario::detail {
namespace {

// YAML's printable characters: tab, line feed, carriage return, NEL, and the rest
// outside the C0 and C1 controls, the surrogates and U+FFFE/U+FFFF.
bool printable(char32_t value) {
  return value == 0x09 || value == 0x0a || value == 0x0d || (value >= 0x20 && value <= 0x7e) ||
         value == 0x85 || (value >= 0xa0 && value <= 0xd7ff) ||
         (value >= 0xe000 && value <= 0xfffd) || (value >= 0x10000 && value <= 0x10ffff);
}

std::optional<std::string_view> utf8_problem(std::string_view text) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char lead = byte(i);
    std::size_t width = 0;
    char32_t value = 0;
    if (lead < 0x80) {
      width = 1;
      value = lead;
    } else if ((lead & 0xe0) == 0xc0) {
      width = 2;
      value = lead & 0x1f;
    } else if ((lead & 0xf0) == 0xe0) {
      width = 3;
      value = lead & 0x0f;
    } else if ((lead & 0xf8) == 0xf0) {
      width = 4;
      value = lead & 0x07;
    } else {
      return "invalid leading UTF-8 octet";
    }
    if (width > text.size() - i) return "incomplete UTF-8 octet sequence";
    for (std::size_t k = 1; k < width; ++k) {
      if ((byte(i + k) & 0xc0) != 0x80) return "invalid trailing UTF-8 octet";
      value = (value << 6) | (byte(i + k) & 0x3f);
    }
    static constexpr char32_t kLeast[] = {0, 0, 0x80, 0x800, 0x10000};  // by width
    if (value < kLeast[width]) return "invalid length of a UTF-8 sequence";
    if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) {
      return "invalid Unicode character";
    }
    if (!printable(value)) return "control characters are not allowed";
    i += width;
  }
  return std::nullopt;
}

// After the byte order mark.
std::optional<std::string_view> utf16_problem(std::string_view text, bool little_endian) {
  const auto unit = [&](std::size_t i) {
    const auto first = static_cast<unsigned char>(text[i]);
    const auto second = static_cast<unsigned char>(text[i + 1]);
    return static_cast<char32_t>(little_endian ? first | (second << 8) : (first << 8) | second);
  };
  for (std::size_t i = 0; i < text.size();) {
    if (text.size() - i < 2) return "incomplete UTF-16 character";
    char32_t value = unit(i);
    std::size_t width = 2;
    if ((value & 0xfc00) == 0xdc00) return "unexpected low surrogate area";
    if ((value & 0xfc00) == 0xd800) {
      if (text.size() - i < 4) return "incomplete UTF-16 surrogate pair";
      const char32_t low = unit(i + 2);
      if ((low & 0xfc00) != 0xdc00) return "expected low surrogate area";
      value = 0x10000 + ((value & 0x3ff) << 10) + (low & 0x3ff);
      width = 4;
    }
    if (!printable(value)) return "control characters are not allowed";
    i += width;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string_view> go_yaml_reader_problem(std::string_view text) {
  // The encoding is the byte order mark's (yaml_parser_determine_encoding), else UTF-8.
  if (text.starts_with("\xff\xfe")) return utf16_problem(text.substr(2), true);
  if (text.starts_with("\xfe\xff")) return utf16_problem(text.substr(2), false);
  return utf8_problem(text);
}

}  // namespace scenario::detail
