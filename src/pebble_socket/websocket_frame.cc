// SPDX-License-Identifier: Apache-2.0
// pebble_socket/websocket_frame.cc: RFC 6455 frame reading and writing.

#include "websocket_frame.h"

#include <algorithm>
#include <utility>

namespace scenario::pebble::detail {
namespace {

constexpr std::size_t kMaxControlPayload = 125;

FrameParse frame_error(std::uint16_t code, std::string message) {
  FrameParse result;
  result.status = FrameParse::Status::kError;
  result.close_code = code;
  result.error = std::move(message);
  return result;
}

}  // namespace

FrameParse parse_client_frame(std::string_view buffer, std::size_t max_payload) {
  FrameParse result;
  if (buffer.size() < 2) return result;
  const auto b0 = static_cast<std::uint8_t>(buffer[0]);
  const auto b1 = static_cast<std::uint8_t>(buffer[1]);
  if ((b0 & 0x70u) != 0) {
    return frame_error(kCloseProtocolError, "reserved bits set without a negotiated extension");
  }
  const std::uint8_t op = b0 & 0x0Fu;
  const bool fin = (b0 & 0x80u) != 0;
  const bool control = (op & 0x08u) != 0;
  if (op != 0x0 && op != 0x1 && op != 0x2 && op != 0x8 && op != 0x9 && op != 0xA) {
    return frame_error(kCloseProtocolError, "unknown opcode " + std::to_string(op));
  }
  // RFC 6455 section 5.1: a server must close the connection on an unmasked client frame.
  if ((b1 & 0x80u) == 0) return frame_error(kCloseProtocolError, "client frame is not masked");
  std::uint64_t length = b1 & 0x7Fu;
  std::size_t header = 2;
  if (length == 126) {
    if (buffer.size() < 4) return result;
    length = (static_cast<std::uint64_t>(static_cast<std::uint8_t>(buffer[2])) << 8) |
             static_cast<std::uint8_t>(buffer[3]);
    header = 4;
  } else if (length == 127) {
    if (buffer.size() < 10) return result;
    length = 0;
    for (std::size_t i = 2; i < 10; ++i) {
      length = (length << 8) | static_cast<std::uint8_t>(buffer[i]);
    }
    if ((length >> 63) != 0) {
      return frame_error(kCloseProtocolError, "payload length has its top bit set");
    }
    header = 10;
  }
  if (control && (!fin || length > kMaxControlPayload)) {
    return frame_error(kCloseProtocolError,
                       "control frames must be unfragmented with at most 125 bytes");
  }
  if (!control && length > max_payload) {
    return frame_error(kCloseTooBig, "message is larger than the limit of " +
                                         std::to_string(max_payload) + " bytes");
  }
  const std::size_t total = header + 4 + static_cast<std::size_t>(length);
  if (buffer.size() < total) return result;
  const std::string_view mask = buffer.substr(header, 4);
  result.frame.fin = fin;
  result.frame.opcode = static_cast<Opcode>(op);
  result.frame.payload.assign(buffer.substr(header + 4, static_cast<std::size_t>(length)));
  for (std::size_t i = 0; i < result.frame.payload.size(); ++i) {
    result.frame.payload[i] = static_cast<char>(result.frame.payload[i] ^ mask[i % 4]);
  }
  result.status = FrameParse::Status::kFrame;
  result.consumed = total;
  return result;
}

std::string encode_server_frame(Opcode opcode, std::string_view payload) {
  std::string out;
  out.reserve(payload.size() + 10);
  out.push_back(static_cast<char>(0x80u | static_cast<std::uint8_t>(opcode)));
  const std::uint64_t length = payload.size();
  if (length <= 125) {
    out.push_back(static_cast<char>(length));
  } else if (length <= 0xFFFF) {
    out.push_back(static_cast<char>(126));
    out.push_back(static_cast<char>((length >> 8) & 0xFFu));
    out.push_back(static_cast<char>(length & 0xFFu));
  } else {
    out.push_back(static_cast<char>(127));
    for (int i = 7; i >= 0; --i) out.push_back(static_cast<char>((length >> (i * 8)) & 0xFFu));
  }
  out.append(payload);
  return out;
}

std::string encode_close_frame(std::uint16_t code, std::string_view reason) {
  std::string payload;
  payload.push_back(static_cast<char>((code >> 8) & 0xFFu));
  payload.push_back(static_cast<char>(code & 0xFFu));
  // Cut at a character boundary so the reason stays valid UTF-8.
  std::size_t cut = std::min(reason.size(), kMaxControlPayload - 2);
  while (cut > 0 && cut < reason.size() &&
         (static_cast<std::uint8_t>(reason[cut]) & 0xC0u) == 0x80u) {
    --cut;
  }
  payload.append(reason.substr(0, cut));
  return encode_server_frame(Opcode::kClose, payload);
}

}  // namespace scenario::pebble::detail
