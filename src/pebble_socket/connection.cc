// SPDX-License-Identifier: Apache-2.0
// pebble_socket/connection.cc: one client connection: HTTP/1.1 requests with keep-alive,
// then, after an upgrade, one websocket (RFC 6455) bridged to a Handler's Websocket.

#include "connection.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <exception>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "http_message.h"
#include "scenario/common/base64.h"
#include "scenario/common/utf8.h"
#include "scenario/pebble/socket_codec.h"
#include "websocket_frame.h"

namespace scenario::pebble::detail {
namespace {

using Clock = std::chrono::steady_clock;
using scenario::detail::is_valid_utf8;

// How long the server waits for the client's close frame after sending its own.
constexpr auto kCloseHandshakeTimeout = std::chrono::seconds(1);
// How long a last message (a close frame while stopping) may take to write.
constexpr auto kFarewellTimeout = std::chrono::milliseconds(200);
constexpr std::size_t kReadChunk = 64 * 1024;
// How long, and how much, a refused client's remaining input is read before closing.
constexpr auto kDrainTimeout = std::chrono::milliseconds(500);
constexpr std::size_t kMaxDrainBytes = 16 * 1024 * 1024;

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool has_token(const Request& request, const char* header, std::string_view token) {
  const auto it = request.headers.find(header);
  if (it == request.headers.end()) return false;
  std::string_view value = it->second;
  while (!value.empty()) {
    const std::size_t comma = value.find(',');
    std::string_view item = value.substr(0, comma);
    while (!item.empty() && (item.front() == ' ' || item.front() == '\t')) item.remove_prefix(1);
    while (!item.empty() && (item.back() == ' ' || item.back() == '\t')) item.remove_suffix(1);
    if (lower(item) == token) return true;
    if (comma == std::string_view::npos) break;
    value.remove_prefix(comma + 1);
  }
  return false;
}

// `/v1/tasks/{task-id}/websocket/{websocket-id}` split into its two ids.
std::optional<std::pair<std::string, std::string>> websocket_ids(std::string_view path) {
  constexpr std::string_view kPrefix = "/v1/tasks/";
  constexpr std::string_view kMiddle = "/websocket/";
  if (path.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  path.remove_prefix(kPrefix.size());
  const std::size_t middle = path.find(kMiddle);
  if (middle == std::string_view::npos || middle == 0) return std::nullopt;
  const std::string_view task = path.substr(0, middle);
  const std::string_view id = path.substr(middle + kMiddle.size());
  if (id.empty() || task.find('/') != std::string_view::npos ||
      id.find('/') != std::string_view::npos) {
    return std::nullopt;
  }
  return std::make_pair(std::string(task), std::string(id));
}

bool valid_close_code(std::uint16_t code) {
  // RFC 6455 section 7.4: 1004-1006 and 1015 are never sent on the wire.
  return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1011) ||
         (code >= 3000 && code <= 4999);
}

class Connection {
 public:
  Connection(ServerShared& shared, int fd) : shared_(shared), fd_(fd) {}
  ~Connection() {
    if (wake_read_ >= 0) ::close(wake_read_);
    if (wake_write_ >= 0) ::close(wake_write_);
    ::close(fd_);
  }
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  void run();

 private:
  enum class Read { kData, kEof, kStopped, kError, kIdle };

  Read read_more(int timeout_ms);
  bool write_all(std::string_view data, bool farewell = false);
  void send_error(int status, std::string_view message, int minor_version = 1);
  void drain_before_close();
  std::optional<RequestHead> read_request();
  Response call_handler(const Request& request);
  void upgrade(const RequestHead& head);
  void serve_websocket(std::unique_ptr<Websocket> websocket);
  void destroy_websocket(std::unique_ptr<Websocket>& websocket);

  ServerShared& shared_;
  const int fd_;
  std::string in_;
  int wake_read_ = -1;
  int wake_write_ = -1;
};

Connection::Read Connection::read_more(int timeout_ms) {
  while (true) {
    pollfd fds[3] = {{fd_, POLLIN, 0}, {shared_.stop_fd, POLLIN, 0}, {wake_read_, POLLIN, 0}};
    const int n = ::poll(fds, wake_read_ >= 0 ? 3 : 2, timeout_ms);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Read::kError;
    }
    if (fds[1].revents != 0) return Read::kStopped;
    if (n == 0) return Read::kIdle;
    if (wake_read_ >= 0 && fds[2].revents != 0) {
      char drain[64];
      while (::read(wake_read_, drain, sizeof drain) > 0) {
      }
      if (fds[0].revents == 0) return Read::kIdle;
    }
    if (fds[0].revents == 0) continue;
    char buffer[kReadChunk];
    const ssize_t got = ::recv(fd_, buffer, sizeof buffer, 0);
    if (got > 0) {
      in_.append(buffer, static_cast<std::size_t>(got));
      return Read::kData;
    }
    if (got == 0) return Read::kEof;
    if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK) continue;
    return Read::kError;
  }
}

bool Connection::write_all(std::string_view data, bool farewell) {
  const Clock::time_point deadline = Clock::now() + kFarewellTimeout;
  while (!data.empty()) {
    const ssize_t sent = ::send(fd_, data.data(), data.size(), MSG_NOSIGNAL);
    if (sent > 0) {
      data.remove_prefix(static_cast<std::size_t>(sent));
      continue;
    }
    if (sent < 0 && errno == EINTR) continue;
    if (sent < 0 && errno != EAGAIN && errno != EWOULDBLOCK) return false;
    // The client is not reading: wait for room, but never past stop() (or, for a last
    // message while stopping, past a short deadline).
    int timeout_ms = -1;
    if (farewell) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
      if (left.count() <= 0) return false;
      timeout_ms = static_cast<int>(left.count());
    }
    pollfd fds[2] = {{fd_, POLLOUT, 0}, {shared_.stop_fd, POLLIN, 0}};
    const int n = ::poll(fds, farewell ? 1 : 2, timeout_ms);
    if (n < 0 && errno != EINTR) return false;
    if (!farewell && fds[1].revents != 0) return false;
    if ((fds[0].revents & (POLLERR | POLLHUP | POLLNVAL)) != 0) return false;
  }
  return true;
}

void Connection::send_error(int status, std::string_view message, int minor_version) {
  Response response = error_response(status, message);
  if (status == 426) response.headers.emplace_back("Sec-WebSocket-Version", "13");
  if (write_all(serialize_response(response, minor_version, true, false))) drain_before_close();
}

// Closing a unix socket with unread input resets the connection, and a client still
// sending a refused body would then see a broken pipe instead of the error response.
// So stop sending, and read and drop what the client still sends, for a little while.
void Connection::drain_before_close() {
  ::shutdown(fd_, SHUT_WR);
  in_.clear();
  const Clock::time_point deadline = Clock::now() + kDrainTimeout;
  std::size_t drained = 0;
  while (drained < kMaxDrainBytes) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return;
    if (read_more(static_cast<int>(left.count())) != Read::kData) return;
    drained += in_.size();
    in_.clear();
  }
}

// Reads one whole request (head and body). nullopt when the connection is to close: the
// client went away or the server is stopping (nothing is sent), or the request was
// refused (an error response was sent).
std::optional<RequestHead> Connection::read_request() {
  const SocketServerOptions& limits = shared_.options;
  std::size_t head_end = std::string::npos;
  while ((head_end = find_head_end(in_)) == std::string::npos) {
    if (in_.size() > limits.max_header_bytes) {
      send_error(431, "request header section is larger than the limit of " +
                          std::to_string(limits.max_header_bytes) + " bytes");
      return std::nullopt;
    }
    if (read_more(-1) != Read::kData) return std::nullopt;
  }
  if (head_end > limits.max_header_bytes) {
    send_error(431, "request header section is larger than the limit of " +
                        std::to_string(limits.max_header_bytes) + " bytes");
    return std::nullopt;
  }
  auto parsed = parse_request_head(std::string_view(in_).substr(0, head_end));
  in_.erase(0, head_end);
  if (const auto* error = std::get_if<HttpError>(&parsed)) {
    send_error(error->status, error->message);
    return std::nullopt;
  }
  RequestHead head = std::move(std::get<RequestHead>(parsed));
  const auto framing_or_error = body_framing(head, limits.max_body_bytes);
  if (const auto* error = std::get_if<HttpError>(&framing_or_error)) {
    send_error(error->status, error->message, head.minor_version);
    return std::nullopt;
  }
  const BodyFraming framing = std::get<BodyFraming>(framing_or_error);
  if (framing.kind == BodyFraming::Kind::kNone) return head;

  const auto expect = head.request.headers.find("expect");
  if (expect != head.request.headers.end() && head.minor_version >= 1) {
    if (lower(expect->second) != "100-continue") {
      send_error(417, "unsupported expectation '" + expect->second + "'", head.minor_version);
      return std::nullopt;
    }
    // Only when the body has not started arriving, as RFC 9110 section 10.1.1 allows.
    if (in_.empty() && !write_all("HTTP/1.1 100 Continue\r\n\r\n")) return std::nullopt;
  }
  if (framing.kind == BodyFraming::Kind::kLength) {
    while (in_.size() < framing.length) {
      if (read_more(-1) != Read::kData) return std::nullopt;
    }
    head.request.body = in_.substr(0, framing.length);
    in_.erase(0, framing.length);
    return head;
  }
  // Chunk framing costs bytes of its own; bound the buffered total all the same.
  constexpr std::size_t kMax = std::numeric_limits<std::size_t>::max();
  const auto add = [](std::size_t a, std::size_t b) { return a > kMax - b ? kMax : a + b; };
  const std::size_t max_buffered =
      add(add(limits.max_body_bytes, limits.max_body_bytes), add(limits.max_header_bytes, 65536));
  while (true) {
    ChunkedBody chunked = decode_chunked(in_, limits.max_body_bytes);
    if (chunked.status == ChunkedBody::Status::kDone) {
      head.request.body = std::move(chunked.body);
      in_.erase(0, chunked.consumed);
      return head;
    }
    if (chunked.status == ChunkedBody::Status::kError) {
      send_error(chunked.error.status, chunked.error.message, head.minor_version);
      return std::nullopt;
    }
    if (in_.size() > max_buffered) {
      send_error(413, "chunked request body is larger than the limit", head.minor_version);
      return std::nullopt;
    }
    if (read_more(-1) != Read::kData) return std::nullopt;
  }
}

Response Connection::call_handler(const Request& request) {
  Response response;
  {
    std::lock_guard<std::mutex> lock(shared_.handler_mutex);
    try {
      response = shared_.handler.handle(request);
    } catch (const std::exception& e) {
      response = error_response(500, std::string("internal error handling ") + request.method +
                                         " " + request.path + ": " + e.what());
    } catch (...) {
      response =
          error_response(500, "internal error handling " + request.method + " " + request.path);
    }
  }
  shared_.wake_websockets();
  return response;
}

void Connection::run() {
  while (true) {
    std::optional<RequestHead> head = read_request();
    if (!head) return;
    if (has_token(head->request, "upgrade", "websocket")) {
      upgrade(*head);
      return;
    }
    const bool close = !keep_alive(*head);
    const Response response = call_handler(head->request);
    const bool head_only = head->request.method == "HEAD";
    if (!write_all(serialize_response(response, head->minor_version, close, head_only))) return;
    if (close) return;
  }
}

void Connection::upgrade(const RequestHead& head) {
  const Request& request = head.request;
  if (request.method != "GET" || head.minor_version < 1) {
    send_error(400, "a websocket upgrade must be an HTTP/1.1 GET request", head.minor_version);
    return;
  }
  if (!has_token(request, "connection", "upgrade")) {
    send_error(400, "websocket upgrade without 'Connection: Upgrade'");
    return;
  }
  const auto version = request.headers.find("sec-websocket-version");
  if (version == request.headers.end() || version->second != "13") {
    send_error(426, "unsupported websocket version; this server speaks version 13");
    return;
  }
  const auto key = request.headers.find("sec-websocket-key");
  if (key == request.headers.end()) {
    send_error(400, "websocket upgrade without Sec-WebSocket-Key");
    return;
  }
  const std::optional<std::string> nonce = scenario::detail::base64_decode(key->second);
  if (!nonce || nonce->size() != 16) {
    send_error(400, "Sec-WebSocket-Key must be 16 bytes in base64");
    return;
  }
  const auto ids = websocket_ids(request.path);
  if (!ids) {
    send_error(404, "no websocket at '" + request.path +
                        "'; websockets are at /v1/tasks/{task-id}/websocket/{websocket-id}");
    return;
  }
  std::unique_ptr<Websocket> websocket;
  {
    std::lock_guard<std::mutex> lock(shared_.handler_mutex);
    try {
      websocket = shared_.handler.open_websocket(ids->first, ids->second);
    } catch (const std::exception& e) {
      send_error(500, std::string("internal error opening websocket: ") + e.what());
      return;
    } catch (...) {
      send_error(500, "internal error opening websocket");
      return;
    }
  }
  shared_.wake_websockets();
  if (!websocket) {
    send_error(404, "no websocket \"" + ids->second + "\" for task \"" + ids->first + "\"");
    return;
  }
  const std::string accept =
      "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
      "Connection: Upgrade\r\nSec-WebSocket-Accept: " +
      websocket_accept(key->second) + "\r\n\r\n";
  if (!write_all(accept)) {
    destroy_websocket(websocket);
    return;
  }
  serve_websocket(std::move(websocket));
}

void Connection::destroy_websocket(std::unique_ptr<Websocket>& websocket) {
  {
    std::lock_guard<std::mutex> lock(shared_.handler_mutex);
    try {
      websocket.reset();
    } catch (...) {
      // A destructor that throws is a handler bug; the connection closes either way.
      static_cast<void>(websocket.release());
    }
  }
  shared_.wake_websockets();
}

void Connection::serve_websocket(std::unique_ptr<Websocket> websocket) {
  int wake[2];
  if (::pipe(wake) == 0) {
    wake_read_ = wake[0];
    wake_write_ = wake[1];
    for (const int fd : wake) {
      ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
      ::fcntl(fd, F_SETFD, FD_CLOEXEC);
    }
    shared_.add_waker(wake_write_);
  }
  // Without a wake-up pipe the periodic check still delivers output, only later.

  const std::size_t max_message = shared_.options.max_message_bytes;
  std::string message;
  Opcode message_opcode = Opcode::kBinary;
  bool in_message = false;
  bool close_sent = false;
  Clock::time_point close_deadline;

  const auto fail = [&](std::uint16_t code, std::string_view reason) {
    if (!close_sent) write_all(encode_close_frame(code, reason));
  };

  while (true) {
    std::vector<WebsocketMessage> outgoing;
    bool finished = false;
    bool broken = false;
    {
      std::lock_guard<std::mutex> lock(shared_.handler_mutex);
      try {
        outgoing = websocket->take_outgoing();
        finished = websocket->finished();
      } catch (...) {
        broken = true;
      }
    }
    if (broken) {
      fail(kCloseInternalError, "internal error");
      break;
    }
    bool write_failed = false;
    if (!close_sent) {
      for (const WebsocketMessage& out : outgoing) {
        const Opcode opcode =
            out.kind == WebsocketMessage::Kind::kText ? Opcode::kText : Opcode::kBinary;
        if (!write_all(encode_server_frame(opcode, out.data))) {
          write_failed = true;
          break;
        }
      }
    }
    if (write_failed) break;
    if (finished && !close_sent) {
      if (!write_all(encode_close_frame(kCloseNormal, ""))) break;
      close_sent = true;
      close_deadline = Clock::now() + kCloseHandshakeTimeout;
    }

    bool delivered = false;
    bool done = false;
    while (!done) {
      FrameParse parsed = parse_client_frame(
          in_, in_message ? max_message - std::min(max_message, message.size()) : max_message);
      if (parsed.status == FrameParse::Status::kNeedMore) break;
      if (parsed.status == FrameParse::Status::kError) {
        fail(parsed.close_code, parsed.error);
        done = true;
        break;
      }
      in_.erase(0, parsed.consumed);
      Frame& frame = parsed.frame;
      std::optional<WebsocketMessage> complete;
      switch (frame.opcode) {
        case Opcode::kText:
        case Opcode::kBinary:
          if (in_message) {
            fail(kCloseProtocolError, "new message before the previous one was finished");
            done = true;
            break;
          }
          if (frame.fin) {
            complete =
                WebsocketMessage{frame.opcode == Opcode::kText ? WebsocketMessage::Kind::kText
                                                               : WebsocketMessage::Kind::kBinary,
                                 std::move(frame.payload)};
          } else {
            in_message = true;
            message_opcode = frame.opcode;
            message = std::move(frame.payload);
          }
          break;
        case Opcode::kContinuation:
          if (!in_message) {
            fail(kCloseProtocolError, "continuation frame without a message to continue");
            done = true;
            break;
          }
          message += frame.payload;
          if (frame.fin) {
            in_message = false;
            complete =
                WebsocketMessage{message_opcode == Opcode::kText ? WebsocketMessage::Kind::kText
                                                                 : WebsocketMessage::Kind::kBinary,
                                 std::move(message)};
            message.clear();
          }
          break;
        case Opcode::kPing:
          if (!close_sent && !write_all(encode_server_frame(Opcode::kPong, frame.payload))) {
            done = true;
          }
          break;
        case Opcode::kPong:
          break;
        case Opcode::kClose: {
          std::uint16_t code = kCloseNormal;
          if (frame.payload.size() == 1) {
            fail(kCloseProtocolError, "close frame with a 1-byte payload");
          } else if (frame.payload.size() >= 2) {
            code = static_cast<std::uint16_t>((static_cast<std::uint8_t>(frame.payload[0]) << 8) |
                                              static_cast<std::uint8_t>(frame.payload[1]));
            if (!valid_close_code(code)) {
              fail(kCloseProtocolError, "invalid close code " + std::to_string(code));
            } else if (!is_valid_utf8(std::string_view(frame.payload).substr(2))) {
              fail(kCloseInvalidData, "close reason is not UTF-8");
            } else {
              fail(code, "");
            }
          } else {
            fail(kCloseNormal, "");
          }
          done = true;
          break;
        }
      }
      if (done || !complete) continue;
      if (complete->kind == WebsocketMessage::Kind::kText && !is_valid_utf8(complete->data)) {
        fail(kCloseInvalidData, "text message is not valid UTF-8");
        done = true;
        continue;
      }
      // After the server's close frame, RFC 6455 section 5.5.1 lets it discard data.
      if (close_sent) continue;
      {
        std::lock_guard<std::mutex> lock(shared_.handler_mutex);
        try {
          websocket->receive(std::move(*complete));
        } catch (...) {
          broken = true;
        }
      }
      shared_.wake_websockets();
      if (broken) {
        fail(kCloseInternalError, "internal error");
        done = true;
        continue;
      }
      delivered = true;
    }
    if (done) break;
    if (delivered) continue;

    const auto poll_interval = std::clamp<long long>(
        shared_.options.websocket_poll_interval.count(), 1, 24LL * 3600 * 1000);
    int timeout_ms = static_cast<int>(poll_interval);
    if (close_sent) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(close_deadline - Clock::now());
      if (left.count() <= 0) break;
      timeout_ms = static_cast<int>(std::min<long long>(left.count(), poll_interval));
    }
    const Read read = read_more(timeout_ms);
    if (read == Read::kStopped) {
      if (!close_sent) write_all(encode_close_frame(kCloseGoingAway, "server stopping"), true);
      break;
    }
    if (read == Read::kEof || read == Read::kError) break;
  }
  if (wake_write_ >= 0) shared_.remove_waker(wake_write_);
  destroy_websocket(websocket);
}

}  // namespace

void ServerShared::add_waker(int fd) {
  std::lock_guard<std::mutex> lock(wakers_mutex_);
  wakers_.push_back(fd);
}

void ServerShared::remove_waker(int fd) {
  std::lock_guard<std::mutex> lock(wakers_mutex_);
  wakers_.erase(std::remove(wakers_.begin(), wakers_.end(), fd), wakers_.end());
}

void ServerShared::wake_websockets() {
  std::lock_guard<std::mutex> lock(wakers_mutex_);
  for (const int fd : wakers_) {
    // A full pipe already holds a wake-up; nothing more is needed.
    const char byte = 1;
    static_cast<void>(::write(fd, &byte, 1));
  }
}

void serve_connection(ServerShared& shared, int fd) noexcept {
  try {
    Connection connection(shared, fd);
    connection.run();
  } catch (...) {
    // Out of memory or a similar failure: the connection is dropped (its destructor
    // closed the socket), and the server goes on.
  }
}

}  // namespace scenario::pebble::detail
