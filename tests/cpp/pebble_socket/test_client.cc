// SPDX-License-Identifier: Apache-2.0
// pebble_socket/test_client.cc: a raw unix-socket client and a fake Handler for the
// socket server tests.

#include "test_client.h"

#include <poll.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <thread>
#include <utility>

namespace scenario::pebble::testing {
namespace {

constexpr int kReadTimeoutMs = 5000;

std::string lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

}  // namespace

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "pebble-sock-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  std::filesystem::remove_all(path_, ignored);
}

RawClient::RawClient(const std::filesystem::path& socket_path) {
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, socket_path.c_str(), sizeof(address.sun_path) - 1);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
    ::close(fd);
    return;
  }
  fd_ = fd;
}

RawClient::~RawClient() {
  if (fd_ >= 0) ::close(fd_);
}

bool RawClient::send(std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    data.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

void RawClient::shutdown_write() { ::shutdown(fd_, SHUT_WR); }

bool RawClient::fill(std::size_t want) {
  const auto deadline =
      std::chrono::steady_clock::now() + std::chrono::milliseconds(kReadTimeoutMs);
  while (in_.size() < want) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd pfd = {fd_, POLLIN, 0};
    if (::poll(&pfd, 1, static_cast<int>(left.count())) <= 0) return false;
    char buffer[65536];
    const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
    if (n <= 0) return false;
    in_.append(buffer, static_cast<std::size_t>(n));
  }
  return true;
}

std::optional<HttpReply> RawClient::read_reply() {
  std::size_t end;
  while ((end = in_.find("\r\n\r\n")) == std::string::npos) {
    if (!fill(in_.size() + 1)) return std::nullopt;
  }
  HttpReply reply;
  const std::string head = in_.substr(0, end);
  in_.erase(0, end + 4);
  std::size_t pos = head.find("\r\n");
  const std::string status_line = head.substr(0, pos);
  if (status_line.size() < 12) return std::nullopt;
  reply.status = std::stoi(status_line.substr(9, 3));
  while (pos != std::string::npos) {
    const std::size_t next = head.find("\r\n", pos + 2);
    const std::string line =
        head.substr(pos + 2, next == std::string::npos ? std::string::npos : next - pos - 2);
    const std::size_t colon = line.find(':');
    if (colon != std::string::npos) {
      std::string value = line.substr(colon + 1);
      while (!value.empty() && value.front() == ' ') value.erase(0, 1);
      reply.headers[lower(line.substr(0, colon))] = value;
    }
    pos = next;
  }
  const auto length = reply.headers.find("content-length");
  if (length != reply.headers.end()) {
    const std::size_t n = std::stoul(length->second);
    if (!fill(n)) return std::nullopt;
    reply.body = in_.substr(0, n);
    in_.erase(0, n);
  }
  return reply;
}

std::optional<WsFrame> RawClient::read_frame() {
  if (!fill(2)) return std::nullopt;
  WsFrame frame;
  const auto b0 = static_cast<std::uint8_t>(in_[0]);
  const auto b1 = static_cast<std::uint8_t>(in_[1]);
  frame.fin = (b0 & 0x80) != 0;
  frame.opcode = b0 & 0x0F;
  frame.masked = (b1 & 0x80) != 0;
  std::uint64_t length = b1 & 0x7F;
  std::size_t header = 2;
  if (length == 126) {
    if (!fill(4)) return std::nullopt;
    length = (static_cast<std::uint64_t>(static_cast<std::uint8_t>(in_[2])) << 8) |
             static_cast<std::uint8_t>(in_[3]);
    header = 4;
  } else if (length == 127) {
    if (!fill(10)) return std::nullopt;
    length = 0;
    for (int i = 2; i < 10; ++i) length = (length << 8) | static_cast<std::uint8_t>(in_[i]);
    header = 10;
  }
  if (frame.masked) header += 4;
  if (!fill(header + length)) return std::nullopt;
  frame.payload = in_.substr(header, length);
  in_.erase(0, header + length);
  return frame;
}

bool RawClient::closed_by_server(int timeout_ms) {
  if (!in_.empty()) return false;
  pollfd pfd = {fd_, POLLIN, 0};
  if (::poll(&pfd, 1, timeout_ms) <= 0) return false;
  char byte;
  const ssize_t n = ::recv(fd_, &byte, 1, 0);
  return n == 0 || (n < 0 && errno == ECONNRESET);
}

std::string RawClient::read_all(int timeout_ms) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd pfd = {fd_, POLLIN, 0};
    if (::poll(&pfd, 1, static_cast<int>(left.count())) <= 0) break;
    char buffer[4096];
    const ssize_t n = ::recv(fd_, buffer, sizeof buffer, 0);
    if (n <= 0) break;
    in_.append(buffer, static_cast<std::size_t>(n));
  }
  return std::exchange(in_, {});
}

std::string masked_frame(std::uint8_t opcode, std::string_view payload, bool fin) {
  static constexpr unsigned char kMask[4] = {0x37, 0xfa, 0x21, 0x3d};
  std::string out;
  out.push_back(static_cast<char>((fin ? 0x80 : 0x00) | opcode));
  const std::size_t n = payload.size();
  if (n <= 125) {
    out.push_back(static_cast<char>(0x80 | n));
  } else if (n <= 0xFFFF) {
    out.push_back(static_cast<char>(0x80 | 126));
    out.push_back(static_cast<char>((n >> 8) & 0xFF));
    out.push_back(static_cast<char>(n & 0xFF));
  } else {
    out.push_back(static_cast<char>(0x80 | 127));
    for (int i = 7; i >= 0; --i) out.push_back(static_cast<char>((n >> (i * 8)) & 0xFF));
  }
  out.append(reinterpret_cast<const char*>(kMask), 4);
  for (std::size_t i = 0; i < n; ++i) out.push_back(static_cast<char>(payload[i] ^ kMask[i % 4]));
  return out;
}

std::string unmasked_frame(std::uint8_t opcode, std::string_view payload) {
  std::string out;
  out.push_back(static_cast<char>(0x80 | opcode));
  out.push_back(static_cast<char>(payload.size()));
  out.append(payload);
  return out;
}

std::string upgrade_request(std::string_view path, std::string_view extra_headers) {
  // The key and accept value of RFC 6455 section 1.3's example.
  std::string request = "GET " + std::string(path) +
                        " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                        "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        "Sec-WebSocket-Version: 13\r\n";
  request += extra_headers;
  request += "\r\n";
  return request;
}

class FakeWebsocket : public Websocket {
 public:
  FakeWebsocket(FakeHandler& handler, std::string id) : handler_(handler), id_(std::move(id)) {}
  ~FakeWebsocket() override {
    std::lock_guard<std::mutex> lock(handler_.mutex_);
    --handler_.open_websockets_;
  }

  void receive(WebsocketMessage message) override {
    std::lock_guard<std::mutex> lock(handler_.mutex_);
    handler_.received_.push_back(message);
    if (message.kind == WebsocketMessage::Kind::kText && message.data == "finish") {
      outgoing_.push_back({WebsocketMessage::Kind::kText, "bye"});
      finished_ = true;
    } else if (message.kind == WebsocketMessage::Kind::kText && message.data == "later") {
      handler_.stderr_outbox_.push_back({WebsocketMessage::Kind::kBinary, "tick"});
    } else {
      outgoing_.push_back(std::move(message));
    }
  }

  std::vector<WebsocketMessage> take_outgoing() override {
    std::lock_guard<std::mutex> lock(handler_.mutex_);
    // Output that appears without any call into the handler, as a process's would.
    if (id_ == "timer" && ++take_calls_ == 2) {
      outgoing_.push_back({WebsocketMessage::Kind::kBinary, "tick"});
    }
    if (id_ == "stderr") {
      for (auto& m : handler_.stderr_outbox_) outgoing_.push_back(std::move(m));
      handler_.stderr_outbox_.clear();
    }
    return std::exchange(outgoing_, {});
  }

  bool finished() const override { return finished_; }

 private:
  FakeHandler& handler_;
  std::string id_;
  std::vector<WebsocketMessage> outgoing_;
  bool finished_ = false;
  int take_calls_ = 0;
};

Response FakeHandler::handle(const Request& request) {
  if (inside_.fetch_add(1) != 0) overlapped = true;
  struct Leave {
    std::atomic<int>& inside;
    ~Leave() { inside.fetch_sub(1); }
  } leave{inside_};
  if (delay_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
  {
    std::lock_guard<std::mutex> lock(mutex_);
    requests_.push_back(request);
  }
  if (throw_message) throw std::runtime_error(*throw_message);
  Response response;
  if (request.path.rfind("/status/", 0) == 0) {
    response.status = std::stoi(request.path.substr(8));
  }
  if (request.path == "/bad-header") {
    response.headers.emplace_back("X-Evil", "a\r\nSet-Cookie: b");
    response.headers.emplace_back("Bad Name", "x");
    response.headers.emplace_back("Content-Length", "999");
  }
  nlohmann::json query = nlohmann::json::array();
  for (const auto& [key, value] : request.query) query.push_back({key, value});
  const nlohmann::json body = {{"method", request.method},
                               {"path", request.path},
                               {"query", query},
                               {"headers", request.headers},
                               {"body", request.body}};
  response.headers.emplace_back("Content-Type", "application/json");
  response.headers.emplace_back("X-Fake", "yes");
  response.body = body.dump();
  return response;
}

std::unique_ptr<Websocket> FakeHandler::open_websocket(std::string_view task_id,
                                                       std::string_view websocket_id) {
  if (task_id == "missing") return nullptr;
  std::lock_guard<std::mutex> lock(mutex_);
  ++open_websockets_;
  return std::make_unique<FakeWebsocket>(*this, std::string(websocket_id));
}

std::vector<Request> FakeHandler::requests() {
  std::lock_guard<std::mutex> lock(mutex_);
  return requests_;
}

std::vector<WebsocketMessage> FakeHandler::received() {
  std::lock_guard<std::mutex> lock(mutex_);
  return received_;
}

int FakeHandler::open_websockets() {
  std::lock_guard<std::mutex> lock(mutex_);
  return open_websockets_;
}

ServerFixture::ServerFixture(SocketServerOptions options)
    : socket(dir.path() / "pebble.socket"),
      server(std::make_unique<SocketServer>(socket, handler, options)) {
  server->start();
}

}  // namespace scenario::pebble::testing
