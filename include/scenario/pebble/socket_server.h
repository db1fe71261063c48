// SPDX-License-Identifier: Apache-2.0
// scenario/pebble/socket_server.h: Pebble's API served over HTTP/1.1 and websockets on a
// unix socket, for charms that run as real processes and use a real Pebble client.

#ifndef SCENARIO_PEBBLE_SOCKET_SERVER_H_
#define SCENARIO_PEBBLE_SOCKET_SERVER_H_

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <memory>

#include "scenario/pebble/transport.h"

namespace scenario::pebble {

/// Limits and timing of a SocketServer. Past a size limit a request is refused (431 or
/// 413, and the connection closed) or a websocket is closed with code 1009.
struct SocketServerOptions {
  /// Request line plus header fields.
  std::size_t max_header_bytes = 64 * 1024;
  /// One request body, after chunked decoding.
  std::size_t max_body_bytes = 256 * 1024 * 1024;
  /// One websocket message, after reassembling its fragments.
  std::size_t max_message_bytes = 64 * 1024 * 1024;
  /// Connections served at once; more are answered 503 and closed.
  std::size_t max_connections = 256;
  /// How often an open websocket asks for output when no handler call woke it (output a
  /// handler produces by itself, such as a real process writing, is picked up this way).
  std::chrono::milliseconds websocket_poll_interval{50};
};

/// Serves a Handler on a unix socket: HTTP/1.1 with keep-alive and chunked request
/// bodies, and websocket upgrades at `/v1/tasks/{task-id}/websocket/{websocket-id}`.
///
/// Each connection runs on its own background thread; every call into the Handler (and
/// into the Websockets it opens) is made under one mutex, so the Handler needs no
/// locking of its own. The Handler must outlive the server. Methods of SocketServer
/// itself are not thread-safe: call them from one thread.
class SocketServer {
 public:
  SocketServer(std::filesystem::path socket_path, Handler& handler,
               SocketServerOptions options = {});
  /// Stops the server.
  ~SocketServer();
  SocketServer(const SocketServer&) = delete;
  SocketServer& operator=(const SocketServer&) = delete;

  /// Creates the socket (mode 0600; a missing parent directory is created with mode 0700)
  /// and starts serving. A stale socket file at the path is replaced. Throws scenario::Error
  /// when the path is too long, exists and is not a socket, is a socket another server
  /// is listening on, or cannot be bound; and when the server is already running.
  void start();

  /// Closes every connection (websockets get a "going away" close frame when the client
  /// is reading), waits for the background threads and removes the socket file. Returns
  /// once no thread is left; does nothing when not running. Never throws.
  void stop() noexcept;

  /// True between start() and stop().
  [[nodiscard]] bool running() const noexcept;

  /// Where the socket is (or will be) created.
  [[nodiscard]] const std::filesystem::path& socket_path() const noexcept;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace scenario::pebble

#endif  // SCENARIO_PEBBLE_SOCKET_SERVER_H_
