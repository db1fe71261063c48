// SPDX-License-Identifier: Apache-2.0
// scenario/common/go_text.h: Go's text forms that Juju and Pebble write and read:
// quoted strings (%q), JSON strings (encoding/json), errno texts, clean paths, durations
// (time.ParseDuration, Duration.String) and times (RFC3339Nano in UTC). A charm sees these texts in
// errors and answers, so the engine writes them as Go does.

#ifndef SCENARIO_COMMON_GO_TEXT_H_
#define SCENARIO_COMMON_GO_TEXT_H_

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace scenario::detail {

/// Go's %q of a string (strconv.Quote): double quotes, with `"`, `\`, control
/// characters and bytes that are not valid UTF-8 escaped; other valid UTF-8 is kept as
/// is (Go also escapes the few non-ASCII runes it deems unprintable, such as U+00AD).
std::string go_quote(std::string_view text);

/// Appends `text` as Go's encoding/json writes a string (Go 1.22 and later): in double
/// quotes, with `"`, `\` and control characters escaped, `<`, `>`, `&`, U+2028 and U+2029 as `\u`
/// escapes (json.Marshal escapes them for HTML), and each byte that is not part of
/// valid UTF-8 as `\ufffd`, so the text is always valid UTF-8.
void append_go_json_string(std::string& out, std::string_view text);

/// The text of a syscall.Errno as Go writes it: strerror's, starting lower-case
/// (`no such file or directory`).
std::string go_errno_text(int err);

/// Go's path.Clean (filepath.Clean on Unix): `.` and empty parts dropped, `..` taking
/// the part before it (never above `/`), `.` for an empty result.
std::string go_clean_path(std::string_view path);

/// Go's time.ParseDuration, in nanoseconds: an optional sign, then one or more decimal
/// numbers each with a unit (ns, us, µs, ms, s, m, h). nullopt when `text` is not a
/// duration, or does not fit Go's time.Duration (int64 nanoseconds).
std::optional<std::int64_t> parse_go_duration(std::string_view text);

/// Go's time.Duration.String: `1h2m3.5s`, `1.5ms`, `0s`.
std::string go_duration_string(std::int64_t nanoseconds);

/// A time as Go's RFC3339Nano writes it in UTC: `seconds` since the epoch, then the
/// decimal digits of the fraction of a second (trailing zeros are dropped, and the dot
/// with them when none is left): `2024-05-01T12:00:00.5Z`.
std::string go_rfc3339_utc(std::int64_t seconds, std::string_view fraction_digits);

/// `time` as Go's RFC3339Nano writes it in UTC.
std::string go_rfc3339_utc(std::chrono::system_clock::time_point time);

}  // namespace scenario::detail

#endif  // SCENARIO_COMMON_GO_TEXT_H_
