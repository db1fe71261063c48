// SPDX-License-Identifier: Apache-2.0
// hooktools/go_yaml_text.cc: yaml.v2's resolver (resolve.go, with the strconv and time
// parsing it relies on) and its key order (sorter.go).

#include "go_yaml_text.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "go_text.h"
#include "scenario/common/utf8.h"

namespace scenario::detail {
namespace {

// strconv.ParseFloat(s, 64) succeeds for a decimal number (the only kind that reaches
// it here): the syntax, and no overflow to infinity.
bool parses_as_float(std::string_view s) {
  std::size_t i = 0;
  const std::size_t n = s.size();
  if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
  bool digits = false;
  bool dot = false;
  bool underscores = false;
  for (; i < n; ++i) {
    if (s[i] == '_') {
      underscores = true;
    } else if (s[i] == '.' && !dot) {
      dot = true;
    } else if (ascii_digit(s[i])) {
      digits = true;
    } else {
      break;
    }
  }
  if (!digits) return false;
  if (i < n && go_lower(s[i]) == 'e') {
    ++i;
    if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
    if (i >= n || !ascii_digit(s[i])) return false;
    for (; i < n && (ascii_digit(s[i]) || s[i] == '_'); ++i)
      underscores = underscores || s[i] == '_';
  }
  if (i != n || (underscores && !go_underscores_ok(s))) return false;
  std::string clean;
  for (const char c : s) {
    if (c != '_' && c != '+') clean += c;
  }
  // from_chars takes no '+' in the exponent either; put it back without.
  double value = 0;
  const auto [end, error] = std::from_chars(clean.data(), clean.data() + clean.size(), value);
  if (error == std::errc()) return !std::isinf(value);
  // Out of range: an overflow if the leading digit is left of the point.
  const std::size_t e = clean.find_first_of("eE");
  const std::string_view mantissa = std::string_view(clean).substr(0, e);
  const std::size_t first = mantissa.find_first_of("123456789");
  const std::size_t point = std::min(mantissa.find('.'), mantissa.size());
  long long exponent =
      e == std::string::npos ? 0 : std::strtoll(clean.c_str() + e + 1, nullptr, 10);
  exponent = std::clamp(exponent, -1'000'000'000LL, 1'000'000'000LL);
  exponent += first < point ? static_cast<long long>(point - first)
                            : -static_cast<long long>(first - point);
  return exponent <= 0;
}

// juju/yaml's yamlStyleFloat: ^[-+]?(0|[1-9][0-9]*)?(\.[0-9]+)?([eE][-+][0-9]+)?$
bool matches_float_pattern(std::string_view s) {
  std::size_t i = 0;
  const std::size_t n = s.size();
  auto digits = [&] {
    const std::size_t start = i;
    while (i < n && ascii_digit(s[i])) ++i;
    return i > start;
  };
  if (i < n && (s[i] == '+' || s[i] == '-')) ++i;
  if (i < n && s[i] == '0') {
    ++i;
  } else if (i < n && s[i] >= '1' && s[i] <= '9') {
    digits();
  }
  if (i < n && s[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < n && go_lower(s[i]) == 'e') {
    ++i;
    if (i >= n || (s[i] != '+' && s[i] != '-')) return false;
    ++i;
    if (!digits()) return false;
  }
  return i == n;
}

// encode.go isBase60Float: ^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$
bool is_base60_float(std::string_view s) {
  std::size_t i = 0;
  const std::size_t n = s.size();
  auto at = [&](std::size_t k) { return k < n ? s[k] : '\0'; };
  if (s.find(':') == std::string_view::npos) return false;
  if (at(i) == '+' || at(i) == '-') ++i;
  if (!ascii_digit(at(i))) return false;
  while (ascii_digit(at(i)) || at(i) == '_') ++i;
  bool group = false;
  while (at(i) == ':') {
    ++i;
    if (ascii_digit(at(i)) && ascii_digit(at(i + 1))) {
      if (at(i) > '5') return false;
      i += 2;
    } else if (ascii_digit(at(i))) {
      ++i;
    } else {
      return false;
    }
    group = true;
  }
  if (!group) return false;
  if (at(i) == '.') {
    ++i;
    while (ascii_digit(at(i)) || at(i) == '_') ++i;
  }
  return i == n;
}

int days_in(int month, int year) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
  return month == 2 && leap ? 29 : kDays[month - 1];
}

// resolve.go parseTimestamp: time.Parse with layouts "2006-1-2T15:4:5.999999999Z07:00",
// the same with `t`, "2006-1-2 15:4:5.999999999" and "2006-1-2".
bool reads_as_timestamp(std::string_view s) {
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n && ascii_digit(s[i])) ++i;
  if (i != 4 || i == n || s[i] != '-') return false;
  const int year = std::stoi(std::string(s.substr(0, 4)));
  ++i;
  // time's getnum: one or two digits, two when `fixed`.
  auto number = [&](bool fixed) -> std::optional<int> {
    if (i >= n || !ascii_digit(s[i])) return std::nullopt;
    if (i + 1 >= n || !ascii_digit(s[i + 1])) {
      if (fixed) return std::nullopt;
      return s[i++] - '0';
    }
    const int value = (s[i] - '0') * 10 + (s[i + 1] - '0');
    i += 2;
    return value;
  };
  auto literal = [&](char c) {
    if (i >= n || s[i] != c) return false;
    ++i;
    return true;
  };
  const std::optional<int> month = number(false);
  if (!month || *month < 1 || *month > 12 || !literal('-')) return false;
  const std::optional<int> day = number(false);
  if (!day || *day < 1 || *day > days_in(*month, year)) return false;
  if (i == n) return true;
  bool zone = true;
  if (s[i] == 'T' || s[i] == 't') {
    ++i;
  } else if (s[i] == ' ') {
    zone = false;
    while (i < n && s[i] == ' ') ++i;
  } else {
    return false;
  }
  const std::optional<int> hour = number(false);
  if (!hour || *hour >= 24 || !literal(':')) return false;
  const std::optional<int> minute = number(false);
  if (!minute || *minute >= 60 || !literal(':')) return false;
  const std::optional<int> second = number(false);
  if (!second || *second >= 60) return false;
  if (i + 1 < n && (s[i] == '.' || s[i] == ',') && ascii_digit(s[i + 1])) {
    ++i;
    while (i < n && ascii_digit(s[i])) ++i;
  }
  if (zone && !literal('Z')) {
    if (n - i < 6 || s[i + 3] != ':' || (s[i] != '+' && s[i] != '-')) return false;
    ++i;
    const std::optional<int> hours = number(true);
    ++i;  // the ':'
    const std::optional<int> minutes = number(true);
    if (!hours || !minutes || *hours > 24 || *minutes > 60) return false;
  }
  return i == n;
}

// unicode.IsLetter: exact for Latin-1; past it most code points are letters, and the
// marks, punctuation, symbol and emoji blocks below are not.
bool is_letter(char32_t c) {
  if (c < 0x80) return (c | 0x20U) >= U'a' && (c | 0x20U) <= U'z';
  if (c < 0x100)
    return c == 0xAA || c == 0xB5 || c == 0xBA || (c >= 0xC0 && c != 0xD7 && c != 0xF7);
  struct Range {
    char32_t first;
    char32_t last;
  };
  static constexpr Range kNotLetters[] = {
      {0x02C2, 0x02C5}, {0x02D2, 0x02DF}, {0x02E5, 0x02EB},   {0x02EF, 0x036F},    {0x2000, 0x206F},
      {0x20A0, 0x20FF}, {0x2190, 0x2BFF}, {0x2E00, 0x2E7F},   {0x3000, 0x3004},    {0x3007, 0x3030},
      {0xD800, 0xF8FF}, {0xFE00, 0xFE6F}, {0xFEFF, 0xFEFF},   {0xFF00, 0xFF20},    {0xFF3B, 0xFF40},
      {0xFF5B, 0xFF65}, {0xFFF0, 0xFFFF}, {0x1F000, 0x1FBFF}, {0xE0000, 0x10FFFF},
  };
  for (const Range& range : kNotLetters) {
    if (c >= range.first && c <= range.last) return false;
  }
  return true;
}

// An insertion sort of `order` by `less`, as Go's sort.Sort sorts up to 12 elements
// (pdqsort's maxInsertion); it reads only inside `order`, whatever `less` answers.
template <typename Less>
void insertion_sort(std::span<std::size_t> order, const Less& less) {
  for (std::size_t i = 1; i < order.size(); ++i) {
    for (std::size_t j = i; j > 0 && less(order[j], order[j - 1]); --j) {
      std::swap(order[j], order[j - 1]);
    }
  }
}

// A merge sort whose merge takes exactly one element a step, so it stays in bounds
// however `less` answers. `buffer` is as long as `order`.
template <typename Less>
void merge_sort(std::span<std::size_t> order, std::span<std::size_t> buffer, const Less& less) {
  constexpr std::size_t kInsertionMax = 12;
  if (order.size() <= kInsertionMax) return insertion_sort(order, less);
  const std::size_t mid = order.size() / 2;
  merge_sort(order.first(mid), buffer.first(mid), less);
  merge_sort(order.subspan(mid), buffer.subspan(mid), less);
  std::size_t a = 0;
  std::size_t b = mid;
  for (std::size_t k = 0; k < order.size(); ++k) {
    const bool take_b = a == mid || (b < order.size() && less(order[b], order[a]));
    buffer[k] = take_b ? order[b++] : order[a++];
  }
  std::copy(buffer.begin(), buffer.end(), order.begin());
}

}  // namespace

bool plain_reads_as_string(std::string_view text) {
  if (text.empty()) return false;  // null
  static constexpr std::string_view kWords[] = {
      "y",    "Y",    "yes",   "Yes",   "YES",   "true",  "True",  "TRUE",  "on",    "On",
      "ON",   "n",    "N",     "no",    "No",    "NO",    "false", "False", "FALSE", "off",
      "Off",  "OFF",  "~",     "null",  "Null",  "NULL",  ".nan",  ".NaN",  ".NAN",  ".inf",
      ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF"};
  if (is_base60_float(text)) return false;
  // The first character decides what the resolver tries; others are always strings.
  const char first = text[0];
  const bool sign_or_digit = first == '+' || first == '-' || ascii_digit(first);
  if (!sign_or_digit && first != '.' &&
      std::string_view("yYnNtTfFoO~").find(first) == std::string_view::npos) {
    return true;
  }
  for (const std::string_view word : kWords) {
    if (text == word) return false;
  }
  if (first == '.') return !parses_as_float(text);
  if (!sign_or_digit) return true;
  if (reads_as_timestamp(text)) return false;
  std::string plain;
  for (const char c : text) {
    if (c != '_') plain += c;
  }
  if (go_parse_int(plain, 0) == GoNumError::kNone || go_parse_uint(plain, 0) == GoNumError::kNone) {
    return false;
  }
  if (matches_float_pattern(plain) && parses_as_float(plain)) return false;
  // resolve.go's fallback for `0b`: the rest in base 2, where a sign may follow the
  // prefix (`0b-1`, `0b+1`). Its `-0b` fallback reads nothing ParseInt(plain, 0) has
  // not already read.
  if (plain.starts_with("0b")) {
    const std::string_view digits = std::string_view(plain).substr(2);
    if (go_parse_int(digits, 2) == GoNumError::kNone ||
        go_parse_uint(digits, 2) == GoNumError::kNone) {
      return false;
    }
  }
  return true;
}

namespace {

// sorter.go's keyList.Less on two string keys, as runes.
bool natural_less(std::u32string_view a, std::u32string_view b) {
  auto digit = [](char32_t c) { return c >= U'0' && c <= U'9'; };
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
    if (a[i] == b[i]) continue;
    const bool a_letter = is_letter(a[i]);
    const bool b_letter = is_letter(b[i]);
    if (a_letter && b_letter) return a[i] < b[i];
    if (a_letter || b_letter) return b_letter;
    // Digit runs as Go's int64s, overflow wrapping as there. A run starting with 0 after
    // a non-zero digit continues a number, so counts as at least 1.
    std::uint64_t an = 0;
    std::uint64_t bn = 0;
    if (a[i] == U'0' || b[i] == U'0') {
      for (std::size_t j = i; j-- > 0 && digit(a[j]);) {
        if (a[j] != U'0') {
          an = bn = 1;
          break;
        }
      }
    }
    std::size_t ai = i;
    for (; ai < a.size() && digit(a[ai]); ++ai) an = an * 10 + (a[ai] - U'0');
    std::size_t bi = i;
    for (; bi < b.size() && digit(b[bi]); ++bi) bn = bn * 10 + (b[bi] - U'0');
    if (an != bn) return static_cast<std::int64_t>(an) < static_cast<std::int64_t>(bn);
    if (ai != bi) return ai < bi;
    return a[i] < b[i];
  }
  return a.size() < b.size();
}

// []rune(text): each byte that starts no well-formed sequence becomes U+FFFD.
std::u32string go_runes(std::string_view text) {
  std::u32string runes;
  runes.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const Rune rune = decode_rune(text, i);
    runes += rune.value;
    i += rune.length;
  }
  return runes;
}

}  // namespace

std::vector<std::size_t> natural_order(std::span<const std::string_view> keys) {
  // Each key is decoded once, not once per comparison.
  std::vector<std::u32string> runes;
  runes.reserve(keys.size());
  for (const std::string_view key : keys) runes.push_back(go_runes(key));
  std::vector<std::size_t> order(keys.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::vector<std::size_t> buffer(order.size());
  merge_sort(order, buffer,
             [&](std::size_t a, std::size_t b) { return natural_less(runes[a], runes[b]); });
  return order;
}

}  // namespace scenario::detail
