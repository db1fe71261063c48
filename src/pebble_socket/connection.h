// SPDX-License-Identifier: Apache-2.0
// pebble_socket/connection.h: one client connection of the Pebble socket server, from
// its first request to its close (HTTP requests, then possibly one websocket).

#ifndef SCENARIO_PEBBLE_SOCKET_CONNECTION_H_
#define SCENARIO_PEBBLE_SOCKET_CONNECTION_H_

#include <mutex>
#include <vector>

#include "scenario/pebble/socket_server.h"
#include "scenario/pebble/transport.h"

namespace scenario::pebble::detail {

/// What every connection of one server shares.
///
/// Lock rule: `handler_mutex` is held for every call into `handler` and into the
/// Websockets it returns (including their destruction); `wakers_mutex_` only guards
/// `wakers_` and is never held while calling the handler.
class ServerShared {
 public:
  ServerShared(Handler& served, SocketServerOptions settings)
      : handler(served), options(settings) {}

  Handler& handler;
  const SocketServerOptions options;
  std::mutex handler_mutex;
  /// Readable once the server is stopping (a pipe that is written once and never read).
  int stop_fd = -1;

  /// Registers the write end of a websocket connection's wake-up pipe.
  void add_waker(int fd);
  void remove_waker(int fd);
  /// Tells every websocket connection that the handler was called, so it looks for
  /// outgoing messages now rather than at its next periodic check.
  void wake_websockets();

 private:
  std::mutex wakers_mutex_;
  std::vector<int> wakers_;
};

/// Serves the accepted, non-blocking connection `fd` until the client closes it, a
/// request says to close it, or the server stops. Closes `fd`. Never throws.
void serve_connection(ServerShared& shared, int fd) noexcept;

}  // namespace scenario::pebble::detail

#endif  // SCENARIO_PEBBLE_SOCKET_CONNECTION_H_
