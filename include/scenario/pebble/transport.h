// SPDX-License-Identifier: Apache-2.0
// scenario/pebble/transport.h: the contract between the Pebble request handler and its
// transports (the in-process path used by Python runs and the unix-socket HTTP server).

#ifndef SCENARIO_PEBBLE_TRANSPORT_H_
#define SCENARIO_PEBBLE_TRANSPORT_H_

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace scenario::pebble {

/// One HTTP request as Pebble's API sees it, already parsed by a transport.
struct Request {
  /// "GET", "POST", "PUT", ...
  std::string method;
  /// The URL path without the query string, e.g. "/v1/files".
  std::string path;
  /// Query parameters, percent-decoded, in the order they were sent (keys may repeat).
  std::vector<std::pair<std::string, std::string>> query;
  /// Header names lower-cased.
  std::map<std::string, std::string> headers;
  std::string body;
};

/// One HTTP response. The transport adds Content-Length and connection headers.
struct Response {
  int status = 200;
  /// Header name -> value, e.g. {"Content-Type", "application/json"}.
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

/// One websocket message.
struct WebsocketMessage {
  enum class Kind { kText, kBinary };
  Kind kind = Kind::kBinary;
  std::string data;

  bool operator==(const WebsocketMessage&) const = default;
};

/// The server side of one exec websocket (`stdio`, `stderr` or `control` of a task).
/// Transports call it one call at a time (they serialize access to the handler).
class Websocket {
 public:
  virtual ~Websocket() = default;
  /// A message the client sent.
  virtual void receive(WebsocketMessage message) = 0;
  /// Messages for the client that are ready now, in order; empty when none are.
  virtual std::vector<WebsocketMessage> take_outgoing() = 0;
  /// True once the server side has nothing more to send and the connection may close.
  [[nodiscard]] virtual bool finished() const = 0;
};

/// Serves Pebble's API for one container. Implementations are not thread-safe:
/// transports call them one call at a time.
class Handler {
 public:
  virtual ~Handler() = default;
  /// Answers one request; API errors are responses (Pebble's JSON error bodies), not exceptions.
  virtual Response handle(const Request& request) = 0;
  /// Opens `/v1/tasks/{task_id}/websocket/{websocket_id}`; nullptr when there is no such
  /// task or websocket (the transport then answers 404).
  virtual std::unique_ptr<Websocket> open_websocket(std::string_view task_id,
                                                    std::string_view websocket_id) = 0;
};

}  // namespace scenario::pebble

#endif  // SCENARIO_PEBBLE_TRANSPORT_H_
