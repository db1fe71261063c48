// SPDX-License-Identifier: Apache-2.0
// common/base64_test.cc: standard base64 against RFC 4648's vectors.

#include "scenario/common/base64.h"

#include <gtest/gtest.h>

#include <string>

namespace scenario::detail {
namespace {

TEST(Base64, EncodesRfc4648Vectors) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode("foob"), "Zm9vYg==");
  EXPECT_EQ(base64_encode("fooba"), "Zm9vYmE=");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(base64_encode(std::string("\xfb\xff\xfe", 3)), "+//+");
}

TEST(Base64, DecodesWhatItEncodesAndRefusesTheRest) {
  for (const char* text : {"", "f", "fo", "foo", "foob", "fooba", "foobar"}) {
    EXPECT_EQ(base64_decode(base64_encode(text)), std::string(text)) << text;
  }
  EXPECT_EQ(base64_decode("+//+"), std::string("\xfb\xff\xfe", 3));
  EXPECT_EQ(base64_decode("Zm9"), std::nullopt);       // not a multiple of 4
  EXPECT_EQ(base64_decode("Zm9v!A=="), std::nullopt);  // not in the alphabet
  EXPECT_EQ(base64_decode("Z==="), std::nullopt);      // too much padding
  EXPECT_EQ(base64_decode("Zg=a"), std::nullopt);      // data after padding
  EXPECT_EQ(base64_decode("Zg==Zg=="), std::nullopt);  // padding before the end
}

}  // namespace
}  // namespace scenario::detail
