// SPDX-License-Identifier: Apache-2.0
// pebble_socket/socket_codec_test.cc: SHA-1 and percent-decoding against published
// test vectors.

#include "scenario/pebble/socket_codec.h"

#include <gtest/gtest.h>

#include <string>

namespace scenario::pebble::detail {
namespace {

std::string hex(const std::array<std::uint8_t, 20>& digest) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (const std::uint8_t byte : digest) {
    out.push_back(kDigits[byte >> 4]);
    out.push_back(kDigits[byte & 15]);
  }
  return out;
}

TEST(SocketSha1, MatchesFips180Vectors) {
  EXPECT_EQ(hex(sha1("")), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  EXPECT_EQ(hex(sha1("abc")), "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(hex(sha1("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")),
            "84983e441c3bd26ebaae4aa1f95129e5e54670f1");
  EXPECT_EQ(hex(sha1(std::string(1000000, 'a'))), "34aa973cd4c4daa4f61eeb2bdbad27316534016f");
  EXPECT_EQ(hex(sha1("The quick brown fox jumps over the lazy dog")),
            "2fd4e1c67a2d28fced849ee1bb76e7391b93eb12");
}

TEST(SocketSha1, PadsAtEveryBlockBoundary) {
  // Lengths around 56 and 64 bytes take the padding into a second block or not.
  EXPECT_EQ(hex(sha1(std::string(55, 'a'))), "c1c8bbdc22796e28c0e15163d20899b65621d65a");
  EXPECT_EQ(hex(sha1(std::string(56, 'a'))), "c2db330f6083854c99d4b5bfb6e8f29f201be699");
  EXPECT_EQ(hex(sha1(std::string(63, 'a'))), "03f09f5b158a7a8cdad920bddc29b81c18a551f5");
  EXPECT_EQ(hex(sha1(std::string(64, 'a'))), "0098ba824b5c16427bd7a1122a5a442a25ec644d");
  EXPECT_EQ(hex(sha1(std::string(65, 'a'))), "11655326c708d70319be2610e8a57d9a5b959d3b");
  EXPECT_EQ(hex(sha1(std::string(120, 'a'))), "f34c1488385346a55709ba056ddd08280dd4c6d6");
  std::string all_bytes;
  for (int i = 0; i < 256; ++i) all_bytes.push_back(static_cast<char>(i));
  EXPECT_EQ(hex(sha1(all_bytes)), "4916d6bdb7f78e6803698cab32d1586ea457dfc8");
}

TEST(SocketWebsocketAccept, MatchesRfc6455Example) {
  EXPECT_EQ(websocket_accept("dGhlIHNhbXBsZSBub25jZQ=="), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
}

TEST(SocketPercentDecode, DecodesEscapesAndPlusInQueries) {
  EXPECT_EQ(percent_decode("a%20b%2Fc", false), "a b/c");
  EXPECT_EQ(percent_decode("a+b", true), "a b");
  EXPECT_EQ(percent_decode("a+b", false), "a+b");
  EXPECT_EQ(percent_decode("%e2%9C%93", false), "\xe2\x9c\x93");
  EXPECT_EQ(percent_decode("%", false), std::nullopt);
  EXPECT_EQ(percent_decode("%4", false), std::nullopt);
  EXPECT_EQ(percent_decode("%zz", false), std::nullopt);
}

}  // namespace
}  // namespace scenario::pebble::detail
