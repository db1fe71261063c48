// SPDX-License-Identifier: Apache-2.0
// scenario/pebble/socket_codec.h: the small encodings the Pebble socket server needs
// (SHA-1, percent-decoding, the websocket accept key; base64 and UTF-8 checks are in
// common), written here to keep the engine free of a crypto or HTTP dependency.

#ifndef SCENARIO_PEBBLE_SOCKET_CODEC_H_
#define SCENARIO_PEBBLE_SOCKET_CODEC_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace scenario::pebble::detail {

/// The SHA-1 digest (FIPS 180-4) of `data`. Used only for the websocket handshake, where
/// RFC 6455 requires it; it is not used for anything that needs collision resistance.
std::array<std::uint8_t, 20> sha1(std::string_view data);

/// Decodes `%XX` escapes (and `+` as a space when `plus_is_space`, as in query strings);
/// nullopt when an escape is malformed.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

/// The Sec-WebSocket-Accept value for a client's Sec-WebSocket-Key (RFC 6455 section 4.2.2).
std::string websocket_accept(std::string_view key);

}  // namespace scenario::pebble::detail

#endif  // SCENARIO_PEBBLE_SOCKET_CODEC_H_
