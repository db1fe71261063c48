// SPDX-License-Identifier: Apache-2.0
// common/go_text.cc: Go's quoting, durations and RFC 3339 times.

#include "scenario/common/go_text.h"

#include <array>
#include <cstdio>
#include <cstring>
#include <utility>
#include <vector>

#include "scenario/common/utf8.h"

namespace scenario::detail {

std::string go_quote(std::string_view text) {
  std::string out = "\"";
  std::size_t i = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    char buffer[8];
    if (byte == '"' || byte == '\\') {
      out += '\\';
      out += static_cast<char>(byte);
    } else if (byte == '\n') {
      out += "\\n";
    } else if (byte == '\t') {
      out += "\\t";
    } else if (byte == '\r') {
      out += "\\r";
    } else if (byte == '\a') {
      out += "\\a";
    } else if (byte == '\b') {
      out += "\\b";
    } else if (byte == '\f') {
      out += "\\f";
    } else if (byte == '\v') {
      out += "\\v";
    } else if (byte < 0x20 || byte == 0x7f) {
      std::snprintf(buffer, sizeof buffer, "\\x%02x", byte);
      out += buffer;
    } else if (byte < 0x80) {
      out += static_cast<char>(byte);
    } else if (const std::size_t length = utf8_sequence_length(text, i); length > 0) {
      // Valid UTF-8 is kept as is; stray bytes are escaped, as Go does.
      out.append(text.substr(i, length));
      i += length;
      continue;
    } else {
      std::snprintf(buffer, sizeof buffer, "\\x%02x", byte);
      out += buffer;
    }
    ++i;
  }
  out += '"';
  return out;
}

namespace {

// The bytes encoding/json copies as they are: printable ASCII but `"`, `\`, and the
// HTML-sensitive `<`, `>`, `&`. One lookup for the common byte, not a chain of tests.
constexpr std::array<bool, 256> kJsonPlain = [] {
  std::array<bool, 256> plain{};
  for (int byte = 0x20; byte < 0x80; ++byte) plain[byte] = true;
  for (const char special : {'"', '\\', '<', '>', '&'}) {
    plain[static_cast<unsigned char>(special)] = false;
  }
  return plain;
}();

}  // namespace

void append_go_json_string(std::string& out, std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  std::size_t plain = 0;  // start of the bytes not yet copied
  std::size_t i = 0;
  const auto escape = [&](std::string_view replacement, std::size_t skip) {
    out.append(text.substr(plain, i - plain));
    out.append(replacement);
    i += skip;
    plain = i;
  };
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (kJsonPlain[byte]) {
      ++i;
    } else if (byte >= 0x80) {
      const std::size_t length = utf8_sequence_length(text, i);
      if (length == 0) {
        escape("\\ufffd", 1);
      } else if (length == 3 && byte == 0xe2 && static_cast<unsigned char>(text[i + 1]) == 0x80 &&
                 (static_cast<unsigned char>(text[i + 2]) & 0xfe) == 0xa8) {
        escape(static_cast<unsigned char>(text[i + 2]) == 0xa8 ? "\\u2028" : "\\u2029", 3);
      } else {
        i += length;
      }
    } else if (byte == '"' || byte == '\\') {
      const char pair[2] = {'\\', static_cast<char>(byte)};
      escape(std::string_view(pair, 2), 1);
    } else if (byte == '\n') {
      escape("\\n", 1);
    } else if (byte == '\r') {
      escape("\\r", 1);
    } else if (byte == '\t') {
      escape("\\t", 1);
    } else if (byte == '\b') {
      escape("\\b", 1);  // short forms for \b and \f since Go 1.22
    } else if (byte == '\f') {
      escape("\\f", 1);
    } else {  // the other control characters, `<`, `>` and `&`
      const char code[6] = {'\\', 'u', '0', '0', kHex[byte >> 4], kHex[byte & 0xf]};
      escape(std::string_view(code, 6), 1);
    }
  }
  out.append(text.substr(plain));
  out += '"';
}

std::optional<std::int64_t> parse_go_duration(std::string_view text) {
  // As Go computes it: each number's whole part in integers, its fraction as digits over
  // a power of ten, scaled to the unit in floating point and truncated.
  constexpr std::uint64_t kMax = 1ULL << 63;
  bool negative = false;
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  if (text == "0") return 0;
  if (text.empty()) return std::nullopt;
  static constexpr std::array<std::pair<std::string_view, std::uint64_t>, 8> kUnits = {{
      {"ns", 1ULL},
      {"us", 1000ULL},
      {"\xC2\xB5s", 1000ULL},  // U+00B5 micro sign
      {"\xCE\xBCs", 1000ULL},  // U+03BC Greek mu
      {"ms", 1000000ULL},
      {"s", 1000000000ULL},
      {"m", 60000000000ULL},
      {"h", 3600000000000ULL},
  }};
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  std::uint64_t total = 0;
  while (!text.empty()) {
    if (!is_digit(text.front()) && text.front() != '.') return std::nullopt;
    std::size_t pos = 0;
    std::uint64_t whole = 0;
    const bool whole_digits = is_digit(text[pos]);
    while (pos < text.size() && is_digit(text[pos])) {
      if (whole > (kMax - 1) / 10) return std::nullopt;
      whole = whole * 10 + static_cast<std::uint64_t>(text[pos++] - '0');
      if (whole > kMax) return std::nullopt;
    }
    std::uint64_t fraction = 0;
    double scale = 1;
    bool fraction_digits = false;
    if (pos < text.size() && text[pos] == '.') {
      ++pos;
      bool overflow = false;
      while (pos < text.size() && is_digit(text[pos])) {
        fraction_digits = true;
        const auto digit = static_cast<std::uint64_t>(text[pos++] - '0');
        if (overflow) continue;
        if (fraction > (kMax - 1) / 10 || fraction * 10 + digit > kMax) {
          overflow = true;  // further digits cannot matter
          continue;
        }
        fraction = fraction * 10 + digit;
        scale *= 10;
      }
    }
    if (!whole_digits && !fraction_digits) return std::nullopt;
    text.remove_prefix(pos);
    // The longest unit that starts here: "ms" before "m".
    std::uint64_t unit = 0;
    std::size_t unit_length = 0;
    for (const auto& [name, nanos] : kUnits) {
      if (text.starts_with(name) && name.size() > unit_length) {
        unit = nanos;
        unit_length = name.size();
      }
    }
    if (unit_length == 0) return std::nullopt;
    text.remove_prefix(unit_length);
    if (whole > kMax / unit) return std::nullopt;
    std::uint64_t value = whole * unit;
    if (fraction > 0) {
      value += static_cast<std::uint64_t>(static_cast<double>(fraction) *
                                          (static_cast<double>(unit) / scale));
      if (value > kMax) return std::nullopt;
    }
    total += value;
    if (total > kMax) return std::nullopt;
  }
  if (negative) return static_cast<std::int64_t>(0ULL - total);
  if (total > kMax - 1) return std::nullopt;
  return static_cast<std::int64_t>(total);
}

std::string go_duration_string(std::int64_t nanoseconds) {
  if (nanoseconds == 0) return "0s";
  const bool negative = nanoseconds < 0;
  const std::uint64_t u = negative ? 0ULL - static_cast<std::uint64_t>(nanoseconds)
                                   : static_cast<std::uint64_t>(nanoseconds);
  // The `precision` lowest decimal digits of `value` as a fraction (".5", or "" when
  // all are zero); `whole` gets the digits above them.
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

std::string go_rfc3339_utc(std::int64_t seconds, std::string_view fraction_digits) {
  std::int64_t days = seconds / 86400;
  std::int64_t rest = seconds % 86400;
  if (rest < 0) {
    rest += 86400;
    --days;
  }
  // H. Hinnant's civil_from_days.
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto doe = static_cast<unsigned>(days - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned day = doy - (153 * mp + 2) / 5 + 1;
  const unsigned month = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t year = static_cast<std::int64_t>(yoe) + era * 400 + (month <= 2);
  char text[64];
  std::snprintf(text, sizeof text, "%04lld-%02u-%02uT%02lld:%02lld:%02lld",
                static_cast<long long>(year), month, day, static_cast<long long>(rest / 3600),
                static_cast<long long>(rest / 60 % 60), static_cast<long long>(rest % 60));
  std::string out = text;
  std::string_view digits = fraction_digits;
  while (!digits.empty() && digits.back() == '0') digits.remove_suffix(1);
  if (!digits.empty()) out += "." + std::string(digits);
  return out + "Z";
}

std::string go_rfc3339_utc(std::chrono::system_clock::time_point time) {
  const auto since_epoch =
      std::chrono::duration_cast<std::chrono::nanoseconds>(time.time_since_epoch()).count();
  std::int64_t seconds = since_epoch / 1'000'000'000;
  std::int64_t nanos = since_epoch % 1'000'000'000;
  if (nanos < 0) {
    nanos += 1'000'000'000;
    --seconds;
  }
  char fraction[16];
  std::snprintf(fraction, sizeof fraction, "%09lld", static_cast<long long>(nanos));
  return go_rfc3339_utc(seconds, fraction);
}

std::string go_errno_text(int err) {
  std::string text = std::strerror(err);
  if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') {
    text[0] = static_cast<char>(text[0] - 'A' + 'a');
  }
  return text;
}

std::string go_clean_path(std::string_view path) {
  const bool rooted = path.starts_with('/');
  std::vector<std::string_view> parts;
  std::size_t begin = 0;
  while (begin <= path.size()) {
    std::size_t end = path.find('/', begin);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view part = path.substr(begin, end - begin);
    begin = end + 1;
    if (part.empty() || part == ".") continue;
    if (part != "..") {
      parts.push_back(part);
    } else if (!parts.empty() && parts.back() != "..") {
      parts.pop_back();
    } else if (!rooted) {
      parts.push_back(part);
    }
  }
  std::string clean = rooted ? "/" : "";
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) clean += '/';
    clean += parts[i];
  }
  return clean.empty() ? "." : clean;
}

}  // namespace scenario::detail
