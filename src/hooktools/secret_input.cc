// SPDX-License-Identifier: Apache-2.0
// hooktools/secret_input.cc: secret content arguments, expiry and rotation policies.

#include "secret_input.h"

#include <array>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include "go_text.h"
#include "scenario/common/base64.h"
#include "scenario/common/files.h"
#include "scenario/errors.h"

namespace scenario::detail {
namespace {

// Juju: secrets' key pattern `^([a-z](?:-?[a-z0-9]){2,})$`.
bool valid_key(std::string_view key) {
  auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (key.size() < 3 || !lower(key.front())) return false;
  int groups = 0;
  for (std::size_t i = 1; i < key.size(); ++i) {
    if (key[i] == '-') {
      if (i + 1 >= key.size() || key[i + 1] == '-') return false;
      continue;
    }
    if (!lower(key[i]) && !digit(key[i])) return false;
    ++groups;
  }
  return groups >= 2;
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

// UTC RFC 3339 text of `seconds` since the epoch, with `fraction` digits (no dot) if any.
std::string format_utc(std::int64_t seconds, std::string_view fraction) {
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
  // Go's RFC3339Nano drops trailing zeros of the fraction.
  std::string_view digits = fraction;
  while (!digits.empty() && digits.back() == '0') digits.remove_suffix(1);
  if (!digits.empty()) out += "." + std::string(digits);
  return out + "Z";
}

int two_digits(std::string_view text, std::size_t pos) {
  if (pos + 2 > text.size()) return -1;
  const char a = text[pos];
  const char b = text[pos + 1];
  if (a < '0' || a > '9' || b < '0' || b > '9') return -1;
  return (a - '0') * 10 + (b - '0');
}

// Go's time.Parse with RFC3339, or (when `zone_optional`) with "2006-01-02T15:04:05",
// which Go lets carry a fraction of a second too. nullopt when it does not parse.
std::optional<std::string> parse_time(std::string_view text) {
  if (text.size() < 19 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
      text[16] != ':') {
    return std::nullopt;
  }
  const int century = two_digits(text, 0);
  const int year2 = two_digits(text, 2);
  const int month = two_digits(text, 5);
  const int day = two_digits(text, 8);
  const int hour = two_digits(text, 11);
  const int minute = two_digits(text, 14);
  const int second = two_digits(text, 17);
  if (century < 0 || year2 < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 ||
      hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
    return std::nullopt;
  }
  const int year = century * 100 + year2;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  constexpr std::array<int, 12> kDays = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (day > kDays[static_cast<std::size_t>(month - 1)] + (month == 2 && leap ? 1 : 0)) {
    return std::nullopt;
  }
  std::size_t pos = 19;
  std::string_view fraction;
  if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
    const std::size_t start = ++pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    if (pos == start) return std::nullopt;
    fraction = text.substr(start, pos - start);
  }
  std::int64_t offset = 0;
  if (pos < text.size()) {
    const char zone = text[pos];
    if (zone == 'Z' && pos + 1 == text.size()) {
      offset = 0;
    } else if ((zone == '+' || zone == '-') && pos + 6 == text.size() && text[pos + 3] == ':') {
      const int offset_hours = two_digits(text, pos + 1);
      const int offset_minutes = two_digits(text, pos + 4);
      if (offset_hours < 0 || offset_hours > 23 || offset_minutes < 0 || offset_minutes > 59) {
        return std::nullopt;
      }
      offset = (offset_hours * 60 + offset_minutes) * 60 * (zone == '-' ? -1 : 1);
    } else {
      return std::nullopt;
    }
  }
  const std::int64_t seconds =
      days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)) * 86400 +
      hour * 3600 + minute * 60 + second - offset;
  return format_utc(seconds, fraction);
}

// Go's time.ParseDuration, in nanoseconds; nullopt when it does not parse or overflows.
std::optional<long double> parse_duration(std::string_view text) {
  bool negative = false;
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  if (text == "0") return 0.0L;
  if (text.empty()) return std::nullopt;
  static constexpr std::array<std::pair<std::string_view, long double>, 8> kUnits = {{
      {"ns", 1.0L},
      {"us", 1e3L},
      {"\xC2\xB5s", 1e3L},
      {"\xCE\xBCs", 1e3L},
      {"ms", 1e6L},
      {"s", 1e9L},
      {"m", 60e9L},
      {"h", 3600e9L},
  }};
  long double total = 0;
  while (!text.empty()) {
    std::size_t pos = 0;
    long double value = 0;
    bool digits = false;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      value = value * 10 + (text[pos++] - '0');
      digits = true;
    }
    if (pos < text.size() && text[pos] == '.') {
      ++pos;
      long double scale = 0.1L;
      while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
        value += (text[pos++] - '0') * scale;
        scale /= 10;
        digits = true;
      }
    }
    if (!digits) return std::nullopt;
    text.remove_prefix(pos);
    std::optional<long double> unit;
    // Longest match first: "ms" before "m" and "s".
    std::size_t unit_length = 0;
    for (const auto& [name, nanos] : kUnits) {
      if (text.starts_with(name) && name.size() > unit_length) {
        unit = nanos;
        unit_length = name.size();
      }
    }
    if (!unit) return std::nullopt;
    text.remove_prefix(unit_length);
    total += value * *unit;
  }
  if (total > 9.2233720368547758e18L) return std::nullopt;
  return negative ? -total : total;
}

}  // namespace

Databag parse_secret_content(std::span<const std::string> args) {
  Databag data;
  for (const std::string& arg : args) {
    // Juju: base64 padding is trimmed before looking for the `=`, so `k#base64=AA==`
    // splits at the first `=`.
    std::string_view stripped = arg;
    while (!stripped.empty() && stripped.back() == '=') stripped.remove_suffix(1);
    const std::size_t eq = stripped.find('=');
    if (eq == std::string_view::npos || eq < 1)
      usage_error("key value " + go_quote(arg) + " not valid");
    std::string key = arg.substr(0, eq);
    std::string value = arg.substr(eq + 1);
    if (key.ends_with("#file")) {
      key.resize(key.size() - 5);
      std::optional<std::string> content;
      try {
        content = read_file_if_exists(value);
      } catch (const Error&) {
        content.reset();
      }
      if (!content) {
        usage_error("reading content for secret key " + go_quote(key) + ": open " + value +
                    ": no such file or directory");
      }
      value = std::move(*content);
    } else if (key.ends_with("#base64")) {
      key.resize(key.size() - 7);
      std::optional<std::string> decoded = base64_decode(value);
      if (!decoded) {
        usage_error("secret key " + go_quote(key) + ": value is not valid base64");
      }
      value = std::move(*decoded);
    }
    if (!valid_key(key)) usage_error("key " + go_quote(key) + " not valid");
    data[key] = std::move(value);
  }
  return data;
}

std::string parse_secret_expire(std::string_view text, std::chrono::system_clock::time_point now) {
  if (std::optional<std::string> time = parse_time(text)) return *time;
  const std::optional<long double> nanos = parse_duration(text);
  if (!nanos) usage_error("expire time or duration " + go_quote(text) + " not valid");
  if (*nanos <= 0) usage_error("negative expire duration " + go_quote(text) + " not valid");
  const std::int64_t now_ns =
      std::chrono::duration_cast<std::chrono::nanoseconds>(now.time_since_epoch()).count();
  // Go's time.Duration is an int64 of nanoseconds: a longer one is not a valid duration.
  if (*nanos >= static_cast<long double>(std::numeric_limits<std::int64_t>::max() - now_ns)) {
    usage_error("expire duration " + go_quote(text) + " not valid: too long");
  }
  const std::int64_t since_epoch = now_ns + static_cast<std::int64_t>(*nanos);
  const std::int64_t seconds = since_epoch / 1'000'000'000;
  char fraction[16];
  std::snprintf(fraction, sizeof fraction, "%09lld",
                static_cast<long long>(since_epoch % 1'000'000'000));
  return format_utc(seconds, fraction);
}

SecretRotate parse_secret_rotate(std::string_view text) {
  for (const SecretRotate policy :
       {SecretRotate::kNever, SecretRotate::kHourly, SecretRotate::kDaily, SecretRotate::kWeekly,
        SecretRotate::kMonthly, SecretRotate::kQuarterly, SecretRotate::kYearly}) {
    if (to_string(policy) == text) return policy;
  }
  usage_error("rotate policy " + go_quote(text) + " not valid");
}

}  // namespace scenario::detail
