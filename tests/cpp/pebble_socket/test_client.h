// SPDX-License-Identifier: Apache-2.0
// pebble_socket/test_client.h: a raw unix-socket client and a fake Handler for the
// socket server tests.

#ifndef SCENARIO_TESTS_PEBBLE_SOCKET_TEST_CLIENT_H_
#define SCENARIO_TESTS_PEBBLE_SOCKET_TEST_CLIENT_H_

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/pebble/socket_server.h"
#include "scenario/pebble/transport.h"

namespace scenario::pebble::testing {

/// A fresh directory under the system temp directory, removed on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

struct HttpReply {
  int status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;
};

struct WsFrame {
  bool fin = true;
  std::uint8_t opcode = 0;
  bool masked = false;
  std::string payload;
};

/// One blocking connection to a unix socket; every read gives up after a few seconds so
/// a broken server fails the test instead of hanging it.
class RawClient {
 public:
  explicit RawClient(const std::filesystem::path& socket_path);
  ~RawClient();
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  bool connected() const { return fd_ >= 0; }
  /// Sends all of `data`; false if the server closed the connection.
  bool send(std::string_view data);
  void shutdown_write();
  /// Reads one response (status line, headers, Content-Length body); nullopt on EOF or
  /// timeout before a whole response arrived.
  std::optional<HttpReply> read_reply();
  /// Reads one websocket frame from the server; nullopt on EOF or timeout.
  std::optional<WsFrame> read_frame();
  /// True when the server closes the connection (EOF) within `timeout_ms`, with no
  /// further bytes before it.
  bool closed_by_server(int timeout_ms = 3000);
  /// Whatever bytes arrive until EOF or the timeout.
  std::string read_all(int timeout_ms = 3000);

 private:
  bool fill(std::size_t want);

  int fd_ = -1;
  std::string in_;
};

/// A client frame with the mask bit set and a fixed non-trivial mask.
std::string masked_frame(std::uint8_t opcode, std::string_view payload, bool fin = true);
/// The same frame without a mask (which a server must refuse).
std::string unmasked_frame(std::uint8_t opcode, std::string_view payload);
/// A websocket upgrade request for `path` with a valid key.
std::string upgrade_request(std::string_view path, std::string_view extra_headers = "");

/// Fake exec websocket: echoes each message back; the text message "finish" makes it
/// send "bye" and finish; "later" queues "tick" in the handler's shared outbox, which
/// websocket "stderr" sends when it is next asked. Websocket "timer" has "tick" to send
/// the second time it is asked, with no call into the handler in between.
class FakeWebsocket;

/// Fake Handler: records requests and answers with a JSON echo of what it saw.
class FakeHandler : public Handler {
 public:
  Response handle(const Request& request) override;
  std::unique_ptr<Websocket> open_websocket(std::string_view task_id,
                                            std::string_view websocket_id) override;

  /// Requests seen so far (a copy, taken under the lock tests and server share).
  std::vector<Request> requests();
  /// Messages websockets received, oldest first.
  std::vector<WebsocketMessage> received();
  /// How many websockets are alive (opened and not yet destroyed).
  int open_websockets();

  /// When set, handle() throws this message.
  std::optional<std::string> throw_message;
  /// When set, handle() sleeps this long first.
  int delay_ms = 0;
  /// Set when two calls into the handler ever overlapped (the server must serialize).
  std::atomic<bool> overlapped{false};

 private:
  friend class FakeWebsocket;
  std::mutex mutex_;  // the server already serializes calls; this guards test reads
  std::vector<Request> requests_;
  std::vector<WebsocketMessage> received_;
  std::vector<WebsocketMessage> stderr_outbox_;
  int open_websockets_ = 0;
  std::atomic<int> inside_{0};
};

/// A started server on a fresh socket path with a FakeHandler.
struct ServerFixture {
  explicit ServerFixture(SocketServerOptions options = {});
  RawClient connect() const { return RawClient(socket); }

  TempDir dir;
  FakeHandler handler;
  std::filesystem::path socket;
  std::unique_ptr<SocketServer> server;
};

}  // namespace scenario::pebble::testing

#endif  // SCENARIO_TESTS_PEBBLE_SOCKET_TEST_CLIENT_H_
