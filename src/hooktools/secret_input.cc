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
  if (key.size() < 3 || !ascii_lower(key.front())) return false;
  int groups = 0;
  for (std::size_t i = 1; i < key.size(); ++i) {
    if (key[i] == '-') {
      if (i + 1 >= key.size() || key[i + 1] == '-') return false;
      continue;
    }
    if (!ascii_lower(key[i]) && !ascii_digit(key[i])) return false;
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
  return go_rfc3339_utc(seconds, fraction);
}

// One item of content, its key checked.
void put_item(Databag& data, const std::string& key, std::string value) {
  if (!valid_key(key)) usage_error("key " + go_quote(key) + " not valid");
  data[key] = std::move(value);
}

// One item of content: a `key#base64` value is decoded; the key must be valid.
void add_item(Databag& data, std::string key, std::string value) {
  if (key.ends_with("#base64")) {
    key.resize(key.size() - 7);
    // Go's StdEncoding.DecodeString skips line breaks: `base64` output wraps at 76.
    std::erase_if(value, [](char c) { return c == '\n' || c == '\r'; });
    std::optional<std::string> decoded = base64_decode(value);
    if (!decoded) usage_error("secret key " + go_quote(key) + ": value is not valid base64");
    value = std::move(*decoded);
  }
  put_item(data, key, std::move(value));
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
      put_item(data, key, std::move(*content));  // a `#base64` before it stays in the key
    } else {
      add_item(data, std::move(key), std::move(value));
    }
  }
  return data;
}

Databag secret_content_from_mapping(const std::map<std::string, std::string>& items) {
  Databag data;
  for (const auto& [key, value] : items) add_item(data, key, value);
  return data;
}

std::string parse_secret_expire(std::string_view text, std::chrono::system_clock::time_point now) {
  if (std::optional<std::string> time = parse_time(text)) return *time;
  const std::optional<std::int64_t> nanos = parse_go_duration(text);
  if (!nanos) usage_error("expire time or duration " + go_quote(text) + " not valid");
  if (*nanos <= 0) usage_error("negative expire duration " + go_quote(text) + " not valid");
  const std::int64_t now_ns =
      std::chrono::duration_cast<std::chrono::nanoseconds>(now.time_since_epoch()).count();
  // The expiry is a Go time: now plus the duration must stay within int64 nanoseconds.
  if (*nanos >= std::numeric_limits<std::int64_t>::max() - now_ns) {
    usage_error("expire duration " + go_quote(text) + " not valid: too long");
  }
  const std::int64_t since_epoch = now_ns + *nanos;
  const std::int64_t seconds = since_epoch / 1'000'000'000;
  char fraction[16];
  std::snprintf(fraction, sizeof fraction, "%09lld",
                static_cast<long long>(since_epoch % 1'000'000'000));
  return go_rfc3339_utc(seconds, fraction);
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
