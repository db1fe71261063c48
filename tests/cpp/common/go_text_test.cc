// SPDX-License-Identifier: Apache-2.0
// common/go_text_test.cc: Go's %q, encoding/json strings, time.ParseDuration, Duration.String and
// RFC3339Nano, against what Go prints.

#include "scenario/common/go_text.h"

#include <gtest/gtest.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>

namespace scenario::detail {
namespace {

TEST(GoQuote, EscapesAsStrconvQuote) {
  EXPECT_EQ(go_quote("plain"), R"("plain")");
  EXPECT_EQ(go_quote("a\"b\\c"), R"("a\"b\\c")");
  EXPECT_EQ(go_quote("l1\nl2\tx\r"), R"("l1\nl2\tx\r")");
  EXPECT_EQ(go_quote(std::string("\x01\x7f", 2)), R"("\x01\x7f")");
  EXPECT_EQ(go_quote("\a\b\f\v"), R"("\a\b\f\v")");
  EXPECT_EQ(go_quote("caf\xc3\xa9"), "\"caf\xc3\xa9\"");  // valid UTF-8 kept
  EXPECT_EQ(go_quote("bad\xff"
                     "end"),
            R"("bad\xffend")");                            // a stray byte escaped
  EXPECT_EQ(go_quote("cut\xe2\x82"), R"("cut\xe2\x82")");  // a cut sequence too
  // What UTF-8 forbids is escaped byte by byte, as Go's utf8 package refuses it: an
  // overlong form, a surrogate, a code point above U+10FFFF, a lead byte that starts
  // nothing.
  EXPECT_EQ(go_quote("\xc0\x80"), R"("\xc0\x80")");
  EXPECT_EQ(go_quote("\xe0\x80\x80"), R"("\xe0\x80\x80")");
  EXPECT_EQ(go_quote("\xed\xa0\x80"), R"("\xed\xa0\x80")");
  EXPECT_EQ(go_quote("\xf4\x90\x80\x80"), R"("\xf4\x90\x80\x80")");
  EXPECT_EQ(go_quote("\xf5"), R"("\xf5")");
  EXPECT_EQ(go_quote("\xf0\x9f\x98\x80"), "\"\xf0\x9f\x98\x80\"");  // U+1F600 kept
}

std::string go_json(std::string_view text) {
  std::string out = "prefix:";
  append_go_json_string(out, text);
  return out;
}

TEST(GoJsonString, EscapesAsEncodingJson) {
  EXPECT_EQ(go_json(""), R"(prefix:"")");
  EXPECT_EQ(go_json("plain text"), R"(prefix:"plain text")");
  EXPECT_EQ(go_json("a\"b\\c"), R"(prefix:"a\"b\\c")");
  EXPECT_EQ(go_json("l1\nl2\tx\r"), R"(prefix:"l1\nl2\tx\r")");
  EXPECT_EQ(go_json("\b\f\v"), R"(prefix:"\b\f\u000b")");
  EXPECT_EQ(go_json(std::string("\0\x01\x1f\x7f", 4)), "prefix:\"\\u0000\\u0001\\u001f\x7f\"");
  // json.Marshal escapes what HTML would read, and the two line separators JavaScript
  // would.
  EXPECT_EQ(go_json("<a>&"), R"(prefix:"\u003ca\u003e\u0026")");
  EXPECT_EQ(go_json("x\xe2\x80\xa8y\xe2\x80\xa9z"), R"(prefix:"x\u2028y\u2029z")");
  EXPECT_EQ(go_json("\xe2\x80\xaa"), "prefix:\"\xe2\x80\xaa\"");  // U+202A is kept
  EXPECT_EQ(go_json("caf\xc3\xa9 \xf0\x9f\x98\x80"), "prefix:\"caf\xc3\xa9 \xf0\x9f\x98\x80\"");
  // Each byte outside valid UTF-8 becomes U+FFFD, so the text stays valid UTF-8.
  EXPECT_EQ(go_json("bad\xff"
                    "end"),
            R"(prefix:"bad\ufffdend")");
  EXPECT_EQ(go_json("cut\xe2\x82"), R"(prefix:"cut\ufffd\ufffd")");
  EXPECT_EQ(go_json("\xed\xa0\x80"), R"(prefix:"\ufffd\ufffd\ufffd")");
  EXPECT_EQ(go_json("\xc0\x80"), R"(prefix:"\ufffd\ufffd")");
}

TEST(GoDuration, ParsesEveryUnitAndForm) {
  EXPECT_EQ(parse_go_duration("0"), 0);
  EXPECT_EQ(parse_go_duration("1ns"), 1);
  EXPECT_EQ(parse_go_duration("1us"), 1000);
  EXPECT_EQ(parse_go_duration("1\xc2\xb5s"), 1000);
  EXPECT_EQ(parse_go_duration("1\xce\xbcs"), 1000);
  EXPECT_EQ(parse_go_duration("1.5ms"), 1'500'000);
  EXPECT_EQ(parse_go_duration("2s"), 2'000'000'000);
  EXPECT_EQ(parse_go_duration(".5s"), 500'000'000);
  EXPECT_EQ(parse_go_duration("5.s"), 5'000'000'000);
  EXPECT_EQ(parse_go_duration("1h30m"), 5'400'000'000'000);
  EXPECT_EQ(parse_go_duration("+1m"), 60'000'000'000);
  EXPECT_EQ(parse_go_duration("-1.5h"), -5'400'000'000'000);
  // Go truncates a fraction's nanoseconds, it does not round them.
  EXPECT_EQ(parse_go_duration("1.9999999999s"), 1'999'999'999);
  EXPECT_EQ(parse_go_duration("0.0000000009s"), 0);
}

TEST(GoDuration, RefusesWhatGoRefuses) {
  for (const char* text : {"", "s", "1", "1x", "1msx", "1.5.5s", "-", ".s", "1 s", "0s1"}) {
    EXPECT_EQ(parse_go_duration(text), std::nullopt) << text;
  }
}

TEST(GoDuration, FitsInt64NanosecondsAsGoDoes) {
  EXPECT_EQ(parse_go_duration("2562047h47m16.854775807s"),
            std::numeric_limits<std::int64_t>::max());
  EXPECT_EQ(parse_go_duration("-2562047h47m16.854775808s"),
            std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(parse_go_duration("2562048h"), std::nullopt);
  EXPECT_EQ(parse_go_duration("9999999999999999999ns"), std::nullopt);
}

TEST(GoDuration, PrintsAsDurationString) {
  EXPECT_EQ(go_duration_string(0), "0s");
  EXPECT_EQ(go_duration_string(1), "1ns");
  EXPECT_EQ(go_duration_string(1500), "1.5\xc2\xb5s");
  EXPECT_EQ(go_duration_string(1'500'000), "1.5ms");
  EXPECT_EQ(go_duration_string(2'000'000'000), "2s");
  EXPECT_EQ(go_duration_string(5'400'000'000'000), "1h30m0s");
  EXPECT_EQ(go_duration_string(-61'500'000'000), "-1m1.5s");
  EXPECT_EQ(go_duration_string(std::numeric_limits<std::int64_t>::min()),
            "-2562047h47m16.854775808s");
}

TEST(GoTime, WritesRfc3339NanoInUtc) {
  EXPECT_EQ(go_rfc3339_utc(0, ""), "1970-01-01T00:00:00Z");
  EXPECT_EQ(go_rfc3339_utc(1'714'564'800, "500000000"), "2024-05-01T12:00:00.5Z");
  EXPECT_EQ(go_rfc3339_utc(951'782'400, "000000001"), "2000-02-29T00:00:00.000000001Z");
  EXPECT_EQ(go_rfc3339_utc(-1, "000"), "1969-12-31T23:59:59Z");
  const auto time = std::chrono::system_clock::time_point(
      std::chrono::duration_cast<std::chrono::system_clock::duration>(
          std::chrono::nanoseconds(1'714'564'800'250'000'000)));
  EXPECT_EQ(go_rfc3339_utc(time), "2024-05-01T12:00:00.25Z");
}

TEST(GoCleanPath, CleansAsGoPathClean) {
  const std::pair<const char*, const char*> cases[] = {
      {"", "."},
      {"/", "/"},
      {"//a//b/", "/a/b"},
      {"/a/./b/.", "/a/b"},
      {"/a/../..", "/"},
      {"a/../..", ".."},
      {"../a/..", ".."},
      {"a/b/../../c", "c"},
      {"/../x/y/..", "/x"},
      {"./", "."},
  };
  for (const auto& [path, clean] : cases) EXPECT_EQ(go_clean_path(path), clean) << path;
}

TEST(GoErrnoText, IsStrerrorStartingLowerCase) {
  EXPECT_EQ(go_errno_text(ENOENT), "no such file or directory");
  EXPECT_EQ(go_errno_text(EINVAL), "invalid argument");
}

}  // namespace
}  // namespace scenario::detail
