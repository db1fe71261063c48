// SPDX-License-Identifier: Apache-2.0
// pebble_socket/http_message.h: HTTP/1.1 request parsing and response writing for the
// Pebble socket server (RFC 9112 message syntax, limited to what a local API needs).

#ifndef SCENARIO_PEBBLE_SOCKET_HTTP_MESSAGE_H_
#define SCENARIO_PEBBLE_SOCKET_HTTP_MESSAGE_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <variant>

#include "scenario/pebble/transport.h"

namespace scenario::pebble::detail {

/// A request the server refuses: the status to answer with and why.
struct HttpError {
  int status = 400;
  std::string message;
};

/// The parsed request line and header section.
struct RequestHead {
  /// method, path, query and headers filled in; body empty.
  Request request;
  /// The x of HTTP/1.x.
  int minor_version = 1;
};

/// Where the header section in `buffer` ends (just past its blank line), or npos when it
/// is not complete yet. Blank lines before the request line are part of the head.
std::size_t find_head_end(std::string_view buffer);

/// Parses a complete header section as found by find_head_end.
std::variant<RequestHead, HttpError> parse_request_head(std::string_view head);

/// How the body of a request is delimited.
struct BodyFraming {
  enum class Kind { kNone, kLength, kChunked };
  Kind kind = Kind::kNone;
  std::size_t length = 0;
};

/// The body framing of `head`, or the error to answer with (both Content-Length and
/// Transfer-Encoding, a bad length, an unsupported coding, a body past `max_body`).
std::variant<BodyFraming, HttpError> body_framing(const RequestHead& head, std::size_t max_body);

/// The result of decoding a chunked body from the start of a buffer.
struct ChunkedBody {
  enum class Status { kNeedMore, kDone, kError };
  Status status = Status::kNeedMore;
  /// Bytes of the buffer the body took, trailers included (kDone only).
  std::size_t consumed = 0;
  /// The decoded body (kDone only).
  std::string body;
  /// What to answer (kError only).
  HttpError error;
};

/// Decodes a chunked body (RFC 9112 section 7.1) at the start of `buffer`; trailer fields
/// are read and dropped.
ChunkedBody decode_chunked(std::string_view buffer, std::size_t max_body);

/// True when the connection stays open after answering `head`.
bool keep_alive(const RequestHead& head);

/// An error response with Pebble's JSON error envelope, so clients show `message`.
Response error_response(int status, std::string_view message);

/// The bytes of `response`: status line, the handler's headers (except the framing ones,
/// which the transport owns, and any that are not valid header syntax), Content-Length,
/// and the body unless `head_only`.
std::string serialize_response(const Response& response, int minor_version, bool close,
                               bool head_only);

}  // namespace scenario::pebble::detail

#endif  // SCENARIO_PEBBLE_SOCKET_HTTP_MESSAGE_H_
