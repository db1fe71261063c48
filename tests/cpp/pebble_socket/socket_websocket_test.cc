// SPDX-License-Identifier: Apache-2.0
// pebble_socket/socket_websocket_test.cc: websocket upgrades and framing (RFC 6455) on
// the Pebble socket: handshake, masking, fragmentation, ping, close and protocol errors.

#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "scenario/pebble/socket_server.h"
#include "test_client.h"

namespace scenario::pebble::testing {
namespace {

constexpr std::uint8_t kText = 0x1;
constexpr std::uint8_t kBinary = 0x2;
constexpr std::uint8_t kContinuation = 0x0;
constexpr std::uint8_t kClose = 0x8;
constexpr std::uint8_t kPing = 0x9;
constexpr std::uint8_t kPong = 0xA;

int close_code(const WsFrame& frame) {
  if (frame.payload.size() < 2) return -1;
  return static_cast<unsigned char>(frame.payload[0]) * 256 +
         static_cast<unsigned char>(frame.payload[1]);
}

std::string close_payload(int code) {
  return std::string{static_cast<char>(code >> 8), static_cast<char>(code & 0xFF)};
}

// Waits (briefly) until the handler has no websocket left open.
bool websockets_released(FakeHandler& handler) {
  for (int i = 0; i < 200 && handler.open_websockets() != 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return handler.open_websockets() == 0;
}

// Connects and upgrades; the test fails if the handshake does.
void upgrade(RawClient& client, const std::string& path = "/v1/tasks/7/websocket/stdio") {
  ASSERT_TRUE(client.send(upgrade_request(path)));
  const auto reply = client.read_reply();
  ASSERT_TRUE(reply.has_value());
  ASSERT_EQ(reply->status, 101);
}

// Sends `bytes` after the handshake and expects a close frame with `code`, then EOF.
void expect_failed(const ServerFixture& f, const std::string& bytes, int code) {
  RawClient client = f.connect();
  upgrade(client);
  ASSERT_TRUE(client.send(bytes));
  const auto frame = client.read_frame();
  ASSERT_TRUE(frame.has_value());
  EXPECT_EQ(frame->opcode, kClose);
  EXPECT_EQ(close_code(*frame), code);
  EXPECT_TRUE(client.closed_by_server());
}

TEST(SocketWebsocket, HandshakeAnswers101WithTheAcceptKey) {
  ServerFixture f;
  RawClient client = f.connect();
  ASSERT_TRUE(client.send(upgrade_request("/v1/tasks/7/websocket/stdio")));
  const auto reply = client.read_reply();
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->status, 101);
  EXPECT_EQ(reply->headers.at("upgrade"), "websocket");
  EXPECT_EQ(reply->headers.at("connection"), "Upgrade");
  EXPECT_EQ(reply->headers.at("sec-websocket-accept"), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
  EXPECT_EQ(f.handler.open_websockets(), 1);
}

TEST(SocketWebsocket, EchoesMaskedMessagesOfEverySizeUnmasked) {
  ServerFixture f;
  RawClient client = f.connect();
  upgrade(client);
  // 125, 126 and 65536 bytes cross the 7-bit, 16-bit and 64-bit length encodings.
  for (const std::size_t size : {0u, 1u, 125u, 126u, 65535u, 65536u, 200000u}) {
    std::string payload(size, '\0');
    for (std::size_t i = 0; i < size; ++i) payload[i] = static_cast<char>(i * 7);
    ASSERT_TRUE(client.send(masked_frame(kBinary, payload)));
    const auto frame = client.read_frame();
    ASSERT_TRUE(frame.has_value()) << size;
    EXPECT_EQ(frame->opcode, kBinary);
    EXPECT_TRUE(frame->fin);
    EXPECT_FALSE(frame->masked);
    EXPECT_EQ(frame->payload, payload) << size;
  }
  ASSERT_TRUE(client.send(masked_frame(kText, "{\"command\":\"end\"}")));
  const auto text = client.read_frame();
  ASSERT_TRUE(text.has_value());
  EXPECT_EQ(text->opcode, kText);
  EXPECT_EQ(text->payload, "{\"command\":\"end\"}");
  const auto received = f.handler.received();
  ASSERT_EQ(received.size(), 8u);
  EXPECT_EQ(received.back().kind, WebsocketMessage::Kind::kText);
  EXPECT_EQ(received[0].kind, WebsocketMessage::Kind::kBinary);
}

TEST(SocketWebsocket, FramesSentWithTheHandshakeAreNotLost) {
  ServerFixture f;
  RawClient client = f.connect();
  ASSERT_TRUE(
      client.send(upgrade_request("/v1/tasks/7/websocket/stdio") + masked_frame(kBinary, "early")));
  ASSERT_EQ(client.read_reply()->status, 101);
  const auto frame = client.read_frame();
  ASSERT_TRUE(frame.has_value());
  EXPECT_EQ(frame->payload, "early");
}

TEST(SocketWebsocket, ReassemblesFragmentsAndAnswersPingsBetweenThem) {
  ServerFixture f;
  RawClient client = f.connect();
  upgrade(client);
  ASSERT_TRUE(client.send(masked_frame(kText, "hel", false)));
  ASSERT_TRUE(client.send(masked_frame(kPing, "are you there")));
  ASSERT_TRUE(client.send(masked_frame(kContinuation, "lo ", false)));
  ASSERT_TRUE(client.send(masked_frame(kPong, "unsolicited")));
  ASSERT_TRUE(client.send(masked_frame(kContinuation, "world", true)));
  const auto pong = client.read_frame();
  ASSERT_TRUE(pong.has_value());
  EXPECT_EQ(pong->opcode, kPong);
  EXPECT_EQ(pong->payload, "are you there");
  const auto echo = client.read_frame();
  ASSERT_TRUE(echo.has_value());
  EXPECT_EQ(echo->opcode, kText);
  EXPECT_EQ(echo->payload, "hello world");
  const auto received = f.handler.received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0], (WebsocketMessage{WebsocketMessage::Kind::kText, "hello world"}));
}

TEST(SocketWebsocket, ClientCloseIsEchoedAndReleasesTheWebsocket) {
  ServerFixture f;
  RawClient client = f.connect();
  upgrade(client);
  ASSERT_TRUE(client.send(masked_frame(kClose, close_payload(1000) + "done")));
  const auto frame = client.read_frame();
  ASSERT_TRUE(frame.has_value());
  EXPECT_EQ(frame->opcode, kClose);
  EXPECT_EQ(close_code(*frame), 1000);
  EXPECT_TRUE(client.closed_by_server());
  EXPECT_TRUE(websockets_released(f.handler));
}

TEST(SocketWebsocket, FinishedWebsocketSendsItsOutputThenCloses) {
  ServerFixture f;
  RawClient client = f.connect();
  upgrade(client);
  ASSERT_TRUE(client.send(masked_frame(kText, "finish")));
  const auto bye = client.read_frame();
  ASSERT_TRUE(bye.has_value());
  EXPECT_EQ(bye->payload, "bye");
  const auto close = client.read_frame();
  ASSERT_TRUE(close.has_value());
  EXPECT_EQ(close->opcode, kClose);
  EXPECT_EQ(close_code(*close), 1000);
  ASSERT_TRUE(client.send(masked_frame(kClose, close_payload(1000))));
  EXPECT_TRUE(client.closed_by_server());
  EXPECT_TRUE(websockets_released(f.handler));
}

TEST(SocketWebsocket, OutputCausedOnAnotherConnectionArrivesPromptly) {
  // Without periodic checks, only the wake-up after another connection's call delivers.
  SocketServerOptions options;
  options.websocket_poll_interval = std::chrono::hours(1);
  ServerFixture f(options);
  RawClient stdio = f.connect();
  upgrade(stdio, "/v1/tasks/7/websocket/stdio");
  RawClient stderr_ws = f.connect();
  upgrade(stderr_ws, "/v1/tasks/7/websocket/stderr");
  const auto sent = std::chrono::steady_clock::now();
  ASSERT_TRUE(stdio.send(masked_frame(kText, "later")));
  const auto tick = stderr_ws.read_frame();
  ASSERT_TRUE(tick.has_value());
  EXPECT_EQ(tick->payload, "tick");
  EXPECT_LT(std::chrono::steady_clock::now() - sent, std::chrono::milliseconds(1000));
}

TEST(SocketWebsocket, OutputTheHandlerMakesByItselfIsPickedUpPeriodically) {
  SocketServerOptions options;
  options.websocket_poll_interval = std::chrono::milliseconds(20);
  ServerFixture f(options);
  RawClient client = f.connect();
  upgrade(client, "/v1/tasks/7/websocket/timer");
  const auto tick = client.read_frame();
  ASSERT_TRUE(tick.has_value());
  EXPECT_EQ(tick->payload, "tick");
}

TEST(SocketWebsocket, ClientVanishingReleasesTheWebsocket) {
  ServerFixture f;
  {
    RawClient client = f.connect();
    upgrade(client);
    ASSERT_TRUE(client.send(masked_frame(kBinary, "half").substr(0, 4)));
  }
  EXPECT_TRUE(websockets_released(f.handler));
  EXPECT_TRUE(f.handler.received().empty());
}

TEST(SocketWebsocket, ProtocolViolationsCloseWith1002) {
  ServerFixture f;
  expect_failed(f, unmasked_frame(kBinary, "no mask"), 1002);
  std::string reserved = masked_frame(kBinary, "x");
  reserved[0] = static_cast<char>(reserved[0] | 0x40);
  expect_failed(f, reserved, 1002);
  expect_failed(f, masked_frame(0x3, "x"), 1002);
  expect_failed(f, masked_frame(kContinuation, "nothing to continue"), 1002);
  expect_failed(f, masked_frame(kPing, "fragmented", false), 1002);
  expect_failed(f, masked_frame(kPing, std::string(126, 'p')), 1002);
  expect_failed(f, masked_frame(kText, "a", false) + masked_frame(kText, "b"), 1002);
  expect_failed(f, masked_frame(kClose, "x"), 1002);
  expect_failed(f, masked_frame(kClose, close_payload(1005)), 1002);
  EXPECT_TRUE(f.handler.received().empty());
  EXPECT_TRUE(websockets_released(f.handler));
}

TEST(SocketWebsocket, InvalidUtf8TextClosesWith1007) {
  ServerFixture f;
  expect_failed(f, masked_frame(kText, "bad \xff"), 1007);
  // Split inside a character: only the whole message is checked.
  RawClient client = f.connect();
  upgrade(client);
  ASSERT_TRUE(
      client.send(masked_frame(kText, "\xe2\x82", false) + masked_frame(kContinuation, "\xac")));
  const auto euro = client.read_frame();
  ASSERT_TRUE(euro.has_value());
  EXPECT_EQ(euro->payload, "\xe2\x82\xac");
}

TEST(SocketWebsocket, OversizedMessagesCloseWith1009) {
  SocketServerOptions options;
  options.max_message_bytes = 1000;
  ServerFixture f(options);
  expect_failed(f, masked_frame(kBinary, std::string(1001, 'x')), 1009);
  expect_failed(f,
                masked_frame(kBinary, std::string(600, 'x'), false) +
                    masked_frame(kContinuation, std::string(600, 'x')),
                1009);
  EXPECT_TRUE(f.handler.received().empty());
}

TEST(SocketWebsocket, UnknownTasksAndPathsGet404) {
  ServerFixture f;
  for (const char* path : {"/v1/tasks/missing/websocket/stdio", "/v1/files",
                           "/v1/tasks//websocket/stdio", "/v1/tasks/1/websocket/a/b"}) {
    RawClient client = f.connect();
    ASSERT_TRUE(client.send(upgrade_request(path)));
    const auto reply = client.read_reply();
    ASSERT_TRUE(reply.has_value()) << path;
    EXPECT_EQ(reply->status, 404) << path;
    EXPECT_EQ(nlohmann::json::parse(reply->body)["type"], "error");
    EXPECT_TRUE(client.closed_by_server());
  }
}

TEST(SocketWebsocket, BadHandshakesAreRefused) {
  ServerFixture f;
  const std::string path = "/v1/tasks/7/websocket/stdio";
  const auto reply_to = [&](const std::string& request) {
    RawClient client = f.connect();
    EXPECT_TRUE(client.send(request));
    return client.read_reply().value_or(HttpReply{});
  };
  const std::string base = "Host: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n";
  const HttpReply version = reply_to("GET " + path + " HTTP/1.1\r\n" + base +
                                     "Sec-WebSocket-Version: 8\r\n"
                                     "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");
  EXPECT_EQ(version.status, 426);
  EXPECT_EQ(version.headers.at("sec-websocket-version"), "13");
  EXPECT_EQ(
      reply_to("GET " + path + " HTTP/1.1\r\n" + base + "Sec-WebSocket-Version: 13\r\n\r\n").status,
      400);
  EXPECT_EQ(reply_to("GET " + path + " HTTP/1.1\r\n" + base +
                     "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: c2hvcnQ=\r\n\r\n")
                .status,
            400);
  EXPECT_EQ(reply_to("GET " + path +
                     " HTTP/1.1\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                     "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
                .status,
            400);
  EXPECT_EQ(reply_to("POST " + path + " HTTP/1.1\r\n" + base +
                     "Sec-WebSocket-Version: 13\r\n"
                     "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")
                .status,
            400);
  EXPECT_EQ(f.handler.open_websockets(), 0);
}

}  // namespace
}  // namespace scenario::pebble::testing
