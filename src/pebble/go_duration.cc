// SPDX-License-Identifier: Apache-2.0
// pebble/go_duration.cc: Go's time.ParseDuration and time.Duration.String, the duration
// syntax of Pebble layers and of its API.

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "layers.h"

namespace scenario::pebble::detail {

std::optional<std::int64_t> parse_go_duration(std::string_view text) {
  std::string_view s = text;
  bool negative = false;
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  if (s == "0") return 0;
  if (s.empty()) return std::nullopt;
  long double total = 0;
  while (!s.empty()) {
    std::size_t i = 0;
    long double value = 0;
    bool digits = false;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
      value = value * 10 + (s[i++] - '0');
      digits = true;
    }
    if (i < s.size() && s[i] == '.') {
      ++i;
      long double scale = 0.1L;
      while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
        value += (s[i++] - '0') * scale;
        scale /= 10;
        digits = true;
      }
    }
    if (!digits) return std::nullopt;
    std::size_t unit_end = i;
    while (unit_end < s.size() && s[unit_end] != '.' && (s[unit_end] < '0' || s[unit_end] > '9')) {
      ++unit_end;
    }
    const std::string_view unit = s.substr(i, unit_end - i);
    long double scale;
    if (unit == "ns")
      scale = 1;
    else if (unit == "us" || unit == "\xc2\xb5s" || unit == "\xce\xbcs")
      scale = 1e3L;
    else if (unit == "ms")
      scale = 1e6L;
    else if (unit == "s")
      scale = 1e9L;
    else if (unit == "m")
      scale = 60e9L;
    else if (unit == "h")
      scale = 3600e9L;
    else
      return std::nullopt;
    total += value * scale;
    if (total > 9.2233720368547758e18L) return std::nullopt;
    s.remove_prefix(unit_end);
  }
  const auto nanos = static_cast<std::int64_t>(std::llround(static_cast<double>(total)));
  return negative ? -nanos : nanos;
}

std::string go_duration_string(std::int64_t nanoseconds) {
  if (nanoseconds == 0) return "0s";
  const bool negative = nanoseconds < 0;
  std::uint64_t u = negative ? static_cast<std::uint64_t>(-(nanoseconds + 1)) + 1
                             : static_cast<std::uint64_t>(nanoseconds);
  auto fraction = [](std::uint64_t value, int precision, std::uint64_t& whole) {
    std::string digits;
    bool print = false;
    for (int i = 0; i < precision; ++i) {
      const auto digit = value % 10;
      print = print || digit != 0;
      if (print) digits.insert(digits.begin(), static_cast<char>('0' + digit));
      value /= 10;
    }
    whole = value;
    return print ? "." + digits : std::string();
  };
  std::string out;
  if (u < 1000000000ULL) {
    if (u < 1000) {
      out = std::to_string(u) + "ns";
    } else {
      std::uint64_t whole = 0;
      const bool micro = u < 1000000;
      const std::string frac = fraction(u, micro ? 3 : 6, whole);
      out = std::to_string(whole) + frac + (micro ? "\xc2\xb5s" : "ms");
    }
  } else {
    std::uint64_t seconds = 0;
    const std::string frac = fraction(u, 9, seconds);
    out = std::to_string(seconds % 60) + frac + "s";
    const std::uint64_t minutes = seconds / 60;
    if (minutes > 0) {
      out = std::to_string(minutes % 60) + "m" + out;
      const std::uint64_t hours = minutes / 60;
      if (hours > 0) out = std::to_string(hours) + "h" + out;
    }
  }
  return negative ? "-" + out : out;
}

}  // namespace scenario::pebble::detail
