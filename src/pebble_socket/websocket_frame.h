// SPDX-License-Identifier: Apache-2.0
// pebble_socket/websocket_frame.h: RFC 6455 framing, server side (client frames are
// masked, server frames are not; no extensions are negotiated).

#ifndef SCENARIO_PEBBLE_SOCKET_WEBSOCKET_FRAME_H_
#define SCENARIO_PEBBLE_SOCKET_WEBSOCKET_FRAME_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace scenario::pebble::detail {

/// Websocket opcodes (RFC 6455 section 5.2).
enum class Opcode : std::uint8_t {
  kContinuation = 0x0,
  kText = 0x1,
  kBinary = 0x2,
  kClose = 0x8,
  kPing = 0x9,
  kPong = 0xA,
};

/// Close status codes the server sends (RFC 6455 section 7.4.1).
inline constexpr std::uint16_t kCloseNormal = 1000;
inline constexpr std::uint16_t kCloseGoingAway = 1001;
inline constexpr std::uint16_t kCloseProtocolError = 1002;
inline constexpr std::uint16_t kCloseInvalidData = 1007;
inline constexpr std::uint16_t kCloseTooBig = 1009;
inline constexpr std::uint16_t kCloseInternalError = 1011;

/// One frame from a client, unmasked.
struct Frame {
  bool fin = true;
  Opcode opcode = Opcode::kBinary;
  std::string payload;
};

/// The result of reading one client frame from the start of a buffer.
struct FrameParse {
  enum class Status { kNeedMore, kFrame, kError };
  Status status = Status::kNeedMore;
  /// Bytes the frame took (kFrame only).
  std::size_t consumed = 0;
  Frame frame;
  /// The close code to fail the connection with, and why (kError only).
  std::uint16_t close_code = kCloseProtocolError;
  std::string error;
};

/// Reads one client frame: checks the reserved bits, the opcode, the mask bit and the
/// control-frame rules, and refuses payloads over `max_payload` (close code 1009).
FrameParse parse_client_frame(std::string_view buffer, std::size_t max_payload);

/// One unmasked, unfragmented server frame.
std::string encode_server_frame(Opcode opcode, std::string_view payload);

/// A close frame with `code` and a reason (cut to fit a control frame).
std::string encode_close_frame(std::uint16_t code, std::string_view reason);

}  // namespace scenario::pebble::detail

#endif  // SCENARIO_PEBBLE_SOCKET_WEBSOCKET_FRAME_H_
