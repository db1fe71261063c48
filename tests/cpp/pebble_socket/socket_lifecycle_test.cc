// SPDX-License-Identifier: Apache-2.0
// pebble_socket/socket_lifecycle_test.cc: creating the socket (permissions, stale and
// foreign files), concurrent clients, and stopping while clients are connected.

#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "scenario/errors.h"
#include "scenario/pebble/socket_server.h"
#include "test_client.h"

namespace scenario::pebble::testing {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

mode_t mode_of(const std::filesystem::path& path) {
  struct stat st {};
  EXPECT_EQ(::lstat(path.c_str(), &st), 0) << path;
  return st.st_mode;
}

std::string start_error(SocketServer& server) {
  try {
    server.start();
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

TEST(SocketLifecycle, SocketIsPrivateAndMissingParentsAre0700) {
  TempDir dir;
  FakeHandler handler;
  const auto socket = dir.path() / "a" / "b" / "pebble.socket";
  // A permissive umask must not widen anything.
  const mode_t old_umask = ::umask(0);
  SocketServer server(socket, handler);
  server.start();
  ::umask(old_umask);
  EXPECT_TRUE(S_ISSOCK(mode_of(socket)));
  EXPECT_EQ(mode_of(socket) & 07777, 0600u);
  EXPECT_EQ(mode_of(dir.path() / "a") & 07777, 0700u);
  EXPECT_EQ(mode_of(dir.path() / "a" / "b") & 07777, 0700u);
  RawClient client(socket);
  EXPECT_TRUE(client.connected());
}

TEST(SocketLifecycle, AFileThatIsNotASocketIsAnError) {
  TempDir dir;
  FakeHandler handler;
  const auto path = dir.path() / "pebble.socket";
  std::ofstream(path) << "keep me";
  SocketServer server(path, handler);
  EXPECT_NE(start_error(server).find("not a socket"), std::string::npos);
  EXPECT_FALSE(server.running());
  std::ifstream in(path);
  std::string content;
  std::getline(in, content);
  EXPECT_EQ(content, "keep me");

  std::filesystem::create_directory(dir.path() / "dir.socket");
  SocketServer on_dir(dir.path() / "dir.socket", handler);
  EXPECT_NE(start_error(on_dir).find("not a socket"), std::string::npos);

  std::ofstream(dir.path() / "file") << "x";
  SocketServer under_file(dir.path() / "file" / "pebble.socket", handler);
  EXPECT_NE(start_error(under_file).find("not a directory"), std::string::npos);
}

TEST(SocketLifecycle, AStaleSocketIsReplaced) {
  TempDir dir;
  FakeHandler handler;
  const auto path = dir.path() / "pebble.socket";
  {
    // A socket file nobody listens on, as a crashed server leaves behind.
    const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::strncpy(address.sun_path, path.c_str(), sizeof(address.sun_path) - 1);
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)), 0);
    ::close(fd);
  }
  SocketServer server(path, handler);
  server.start();
  RawClient client(path);
  ASSERT_TRUE(client.send("GET /x HTTP/1.1\r\n\r\n"));
  EXPECT_TRUE(client.read_reply().has_value());
}

TEST(SocketLifecycle, ASocketInUseIsAnError) {
  ServerFixture f;
  FakeHandler other;
  SocketServer second(f.socket, other);
  EXPECT_NE(start_error(second).find("another server is listening"), std::string::npos);
  // The first server still owns and serves its socket.
  RawClient client = f.connect();
  ASSERT_TRUE(client.send("GET /x HTTP/1.1\r\n\r\n"));
  EXPECT_TRUE(client.read_reply().has_value());
}

TEST(SocketLifecycle, OverlongPathsAreAnError) {
  TempDir dir;
  FakeHandler handler;
  SocketServer server(dir.path() / std::string(120, 'x'), handler);
  EXPECT_NE(start_error(server).find("bytes long"), std::string::npos);
}

TEST(SocketLifecycle, StartTwiceIsAnErrorAndStopIsIdempotent) {
  ServerFixture f;
  EXPECT_TRUE(f.server->running());
  EXPECT_NE(start_error(*f.server).find("already running"), std::string::npos);
  f.server->stop();
  EXPECT_FALSE(f.server->running());
  EXPECT_FALSE(std::filesystem::exists(std::filesystem::symlink_status(f.socket)));
  f.server->stop();
  // And it can serve again.
  f.server->start();
  RawClient client = f.connect();
  ASSERT_TRUE(client.send("GET /again HTTP/1.1\r\n\r\n"));
  EXPECT_TRUE(client.read_reply().has_value());
}

TEST(SocketLifecycle, StopLeavesASocketThatReplacedOursAlone) {
  ServerFixture f;
  std::filesystem::remove(f.socket);
  std::ofstream(f.socket) << "someone else's";
  f.server->stop();
  EXPECT_TRUE(std::filesystem::is_regular_file(f.socket));
}

TEST(SocketLifecycle, ConcurrentClientsAreServedAndHandlerCallsNeverOverlap) {
  ServerFixture f;
  f.handler.delay_ms = 1;
  constexpr int kClients = 8;
  constexpr int kRequests = 15;
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int c = 0; c < kClients; ++c) {
    threads.emplace_back([&, c] {
      RawClient client = f.connect();
      for (int r = 0; r < kRequests; ++r) {
        const std::string path = "/c" + std::to_string(c) + "/r" + std::to_string(r);
        if (!client.send("GET " + path + " HTTP/1.1\r\n\r\n")) return;
        const auto reply = client.read_reply();
        if (!reply || nlohmann::json::parse(reply->body)["path"] != path) return;
        ++ok;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), kClients * kRequests);
  EXPECT_EQ(f.handler.requests().size(), static_cast<std::size_t>(kClients * kRequests));
  EXPECT_FALSE(f.handler.overlapped.load());
}

TEST(SocketLifecycle, TooManyConnectionsGet503) {
  SocketServerOptions options;
  options.max_connections = 2;
  ServerFixture f(options);
  RawClient first = f.connect();
  RawClient second = f.connect();
  // Both are being served (a reply proves the connection thread exists).
  for (RawClient* client : {&first, &second}) {
    ASSERT_TRUE(client->send("GET /x HTTP/1.1\r\n\r\n"));
    ASSERT_TRUE(client->read_reply().has_value());
  }
  RawClient third = f.connect();
  const auto reply = third.read_reply();
  ASSERT_TRUE(reply.has_value());
  EXPECT_EQ(reply->status, 503);
}

TEST(SocketLifecycle, StopReturnsPromptlyWithClientsInEveryState) {
  ServerFixture f;
  RawClient idle = f.connect();
  RawClient half_request = f.connect();
  ASSERT_TRUE(half_request.send("POST /x HTTP/1.1\r\nContent-Length: 100\r\n\r\nabc"));
  RawClient websocket = f.connect();
  ASSERT_TRUE(websocket.send(upgrade_request("/v1/tasks/1/websocket/stdio")));
  ASSERT_EQ(websocket.read_reply()->status, 101);
  // A client that sends requests but never reads: the server blocks writing to it.
  RawClient not_reading = f.connect();
  const std::string many(64 * 1024, 'x');
  std::string pipelined;
  for (int i = 0; i < 2000; ++i) pipelined += "GET /" + many.substr(0, 1000) + " HTTP/1.1\r\n\r\n";
  std::thread sender([&] { not_reading.send(pipelined); });
  std::this_thread::sleep_for(milliseconds(200));

  const auto started = steady_clock::now();
  f.server->stop();
  EXPECT_LT(steady_clock::now() - started, milliseconds(1500));
  sender.join();

  EXPECT_TRUE(idle.closed_by_server());
  EXPECT_TRUE(half_request.closed_by_server());
  const auto going_away = websocket.read_frame();
  ASSERT_TRUE(going_away.has_value());
  EXPECT_EQ(going_away->opcode, 0x8);
  ASSERT_GE(going_away->payload.size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>(going_away->payload[0]) * 256 +
                static_cast<unsigned char>(going_away->payload[1]),
            1001);
  EXPECT_TRUE(websocket.closed_by_server());
  EXPECT_EQ(f.handler.open_websockets(), 0);
  RawClient late(f.socket);
  EXPECT_FALSE(late.connected());
}

TEST(SocketLifecycle, DestructorStops) {
  TempDir dir;
  FakeHandler handler;
  const auto path = dir.path() / "pebble.socket";
  std::optional<RawClient> connected;
  {
    SocketServer server(path, handler);
    server.start();
    connected.emplace(path);
    ASSERT_TRUE(connected->send("GET /x HT"));
  }
  EXPECT_FALSE(std::filesystem::exists(std::filesystem::symlink_status(path)));
  EXPECT_TRUE(connected->closed_by_server());
}

}  // namespace
}  // namespace scenario::pebble::testing
