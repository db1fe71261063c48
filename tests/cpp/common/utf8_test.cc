// SPDX-License-Identifier: Apache-2.0
// common/utf8_test.cc: which byte sequences are well-formed UTF-8.

#include "scenario/common/utf8.h"

#include <gtest/gtest.h>

#include <string_view>

namespace scenario::detail {
namespace {

TEST(Utf8SequenceLength, AcceptsEachWellFormedLength) {
  EXPECT_EQ(utf8_sequence_length("a", 0), 1u);
  EXPECT_EQ(utf8_sequence_length("\xc3\xa9", 0), 2u);          // U+00E9
  EXPECT_EQ(utf8_sequence_length("\xe2\x82\xac", 0), 3u);      // U+20AC
  EXPECT_EQ(utf8_sequence_length("\xef\xbf\xbf", 0), 3u);      // U+FFFF
  EXPECT_EQ(utf8_sequence_length("\xf0\x9f\x98\x80", 0), 4u);  // U+1F600
  EXPECT_EQ(utf8_sequence_length("\xf4\x8f\xbf\xbf", 0), 4u);  // U+10FFFF
  EXPECT_EQ(utf8_sequence_length("x\xc3\xa9", 1), 2u);         // from the middle
}

TEST(Utf8SequenceLength, RefusesWhatRfc3629Forbids) {
  for (const std::string_view bad : {
           std::string_view("\x80"),              // a continuation byte first
           std::string_view("\xc0\x80"),          // overlong NUL
           std::string_view("\xc1\xbf"),          // overlong
           std::string_view("\xe0\x80\x80"),      // overlong three-byte
           std::string_view("\xed\xa0\x80"),      // a surrogate
           std::string_view("\xf0\x80\x80\x80"),  // overlong four-byte
           std::string_view("\xf4\x90\x80\x80"),  // above U+10FFFF
           std::string_view("\xf5\x80\x80\x80"),  // a lead byte that starts nothing
           std::string_view("\xff"),
           std::string_view("\xe2\x82"),          // cut short
           std::string_view("\xe2\x28\xa1"),      // a second byte out of range
           std::string_view("\xf0\x9f\x98\x28"),  // a later byte that does not continue
       }) {
    EXPECT_EQ(utf8_sequence_length(bad, 0), 0u) << testing::PrintToString(bad);
  }
}

TEST(DecodeRune, ReadsCodePointsAndStandsInForBadBytes) {
  const std::string_view text = "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\xff\xc3";
  const Rune expected[] = {{U'a', 1},    {0xE9, 2},   {0x20AC, 3},
                           {0x1F600, 4}, {0xFFFD, 1}, {0xFFFD, 1}};
  std::size_t i = 0;
  for (const Rune& want : expected) {
    ASSERT_LT(i, text.size());
    const Rune got = decode_rune(text, i);
    EXPECT_EQ(got.value, want.value) << i;
    EXPECT_EQ(got.length, want.length) << i;
    i += got.length;
  }
  EXPECT_EQ(i, text.size());
}

TEST(IsValidUtf8, AcceptsWellFormedAndRefusesMalformed) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("plain"));
  EXPECT_TRUE(is_valid_utf8("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"));
  EXPECT_FALSE(is_valid_utf8("\xc3"));              // truncated
  EXPECT_FALSE(is_valid_utf8("ok\xc0\xaf"));        // overlong, after ASCII
  EXPECT_FALSE(is_valid_utf8("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));  // past U+10FFFF
  EXPECT_FALSE(is_valid_utf8("\xff"));
}

}  // namespace
}  // namespace scenario::detail
