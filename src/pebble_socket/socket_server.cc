// SPDX-License-Identifier: Apache-2.0
// pebble_socket/socket_server.cc: the listening socket, its accept loop and the
// connection threads of SocketServer.

#include "scenario/pebble/socket_server.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <list>
#include <string>
#include <system_error>
#include <thread>
#include <utility>

#include "connection.h"
#include "http_message.h"
#include "scenario/errors.h"

namespace scenario::pebble {
namespace {

std::string errno_text(int error) { return std::generic_category().message(error); }

// Creates the missing directories above the socket with mode 0700: nobody else needs to
// look inside a directory that exists to hold a private socket.
void make_parent_dirs(const std::filesystem::path& dir) {
  if (dir.empty()) return;
  struct stat st {};
  if (::stat(dir.c_str(), &st) == 0) {
    if (!S_ISDIR(st.st_mode)) {
      throw Error("cannot create the Pebble socket under '" + dir.string() +
                  "': it exists and is not a directory");
    }
    return;
  }
  if (errno != ENOENT) {
    throw Error("cannot create the Pebble socket under '" + dir.string() +
                "': " + errno_text(errno));
  }
  if (dir.has_relative_path() && dir.parent_path() != dir) make_parent_dirs(dir.parent_path());
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    throw Error("cannot create directory '" + dir.string() +
                "' for the Pebble socket: " + errno_text(errno));
  }
  // mkdir applies the umask, which can only take bits away; chmod makes it exactly 0700.
  ::chmod(dir.c_str(), 0700);
}

// Removes a socket file nobody listens on; refuses anything else at the path.
void clear_socket_path(const std::filesystem::path& path, const sockaddr_un& address) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return;
    throw Error("cannot use '" + path.string() + "' for the Pebble socket: " + errno_text(errno));
  }
  if (!S_ISSOCK(st.st_mode)) {
    throw Error("cannot create the Pebble socket at '" + path.string() +
                "': a file that is not a socket is there; remove it or choose another path");
  }
  const int probe = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
  if (probe < 0) throw Error("cannot create a unix socket: " + errno_text(errno));
  const int rc = ::connect(probe, reinterpret_cast<const sockaddr*>(&address), sizeof(address));
  const int error = errno;
  ::close(probe);
  if (rc == 0 || error == EAGAIN || error == EINPROGRESS) {
    throw Error("cannot create the Pebble socket at '" + path.string() +
                "': another server is listening on it");
  }
  if (error != ECONNREFUSED && error != ENOENT) {
    throw Error("cannot check the existing socket at '" + path.string() +
                "': " + errno_text(error));
  }
  if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
    throw Error("cannot remove the stale socket at '" + path.string() + "': " + errno_text(errno));
  }
}

}  // namespace

class SocketServer::Impl {
 public:
  Impl(std::filesystem::path socket_path, Handler& handler, SocketServerOptions options)
      : socket_path_(std::move(socket_path)), shared_(handler, options) {}
  ~Impl() { stop(); }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  void start();
  void stop() noexcept;
  bool running() const noexcept { return running_; }
  const std::filesystem::path& socket_path() const noexcept { return socket_path_; }

 private:
  // One connection thread. `done` is set by the thread as its last act, so the accept
  // loop can join finished threads without blocking.
  struct Slot {
    std::thread thread;
    std::shared_ptr<std::atomic<bool>> done;
  };

  void accept_loop() noexcept;
  void accept_one() noexcept;
  void reap(bool all) noexcept;
  void close_fds() noexcept;

  const std::filesystem::path socket_path_;
  detail::ServerShared shared_;
  bool running_ = false;
  int listen_fd_ = -1;
  int stop_pipe_[2] = {-1, -1};
  // The socket file this server made, so stop() removes only that one.
  dev_t socket_dev_ = 0;
  ino_t socket_ino_ = 0;
  std::thread accept_thread_;
  // Touched by the accept thread only, and by stop() once that thread is joined.
  std::list<Slot> connections_;
};

void SocketServer::Impl::start() {
  if (running_)
    throw Error("the Pebble socket server at '" + socket_path_.string() + "' is already running");
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  const std::string& native = socket_path_.native();
  if (native.empty() || native.size() >= sizeof(address.sun_path)) {
    throw Error("cannot create the Pebble socket at '" + native +
                "': unix socket paths must be 1 to " +
                std::to_string(sizeof(address.sun_path) - 1) + " bytes long, this one is " +
                std::to_string(native.size()));
  }
  std::memcpy(address.sun_path, native.c_str(), native.size() + 1);

  make_parent_dirs(socket_path_.parent_path());
  clear_socket_path(socket_path_, address);

  try {
    listen_fd_ = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (listen_fd_ < 0) throw Error("cannot create a unix socket: " + errno_text(errno));
    // On Linux the socket file takes the mode of the socket inode (less the umask), so the
    // file is never reachable by others, not even between bind() and chmod().
    ::fchmod(listen_fd_, 0600);
    if (::bind(listen_fd_, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) != 0) {
      throw Error("cannot bind the Pebble socket at '" + native + "': " + errno_text(errno));
    }
    struct stat st {};
    if (::chmod(native.c_str(), 0600) != 0 || ::stat(native.c_str(), &st) != 0) {
      const int error = errno;
      ::unlink(native.c_str());
      throw Error("cannot set the mode of the Pebble socket at '" + native +
                  "': " + errno_text(error));
    }
    socket_dev_ = st.st_dev;
    socket_ino_ = st.st_ino;
    if (::listen(listen_fd_, 64) != 0) {
      const int error = errno;
      ::unlink(native.c_str());
      throw Error("cannot listen on the Pebble socket at '" + native + "': " + errno_text(error));
    }
    if (::pipe(stop_pipe_) != 0) {
      const int error = errno;
      ::unlink(native.c_str());
      throw Error("cannot create a pipe for the Pebble socket server: " + errno_text(error));
    }
    for (const int fd : stop_pipe_) ::fcntl(fd, F_SETFD, FD_CLOEXEC);
    shared_.stop_fd = stop_pipe_[0];
    try {
      accept_thread_ = std::thread([this] { accept_loop(); });
    } catch (const std::system_error& e) {
      ::unlink(native.c_str());
      throw Error(std::string("cannot start the Pebble socket server thread: ") + e.what());
    }
  } catch (...) {
    close_fds();
    throw;
  }
  running_ = true;
}

void SocketServer::Impl::stop() noexcept {
  if (!running_) return;
  const char byte = 1;
  // The pipe is never read, so every poll that watches it wakes up and stays woken.
  while (::write(stop_pipe_[1], &byte, 1) < 0 && errno == EINTR) {
  }
  if (accept_thread_.joinable()) accept_thread_.join();
  struct stat st {};
  if (::lstat(socket_path_.c_str(), &st) == 0 && st.st_dev == socket_dev_ &&
      st.st_ino == socket_ino_) {
    ::unlink(socket_path_.c_str());
  }
  if (listen_fd_ >= 0) {
    ::close(listen_fd_);
    listen_fd_ = -1;
  }
  reap(true);
  close_fds();
  running_ = false;
}

void SocketServer::Impl::close_fds() noexcept {
  for (int* fd : {&listen_fd_, &stop_pipe_[0], &stop_pipe_[1]}) {
    if (*fd >= 0) ::close(*fd);
    *fd = -1;
  }
  shared_.stop_fd = -1;
}

void SocketServer::Impl::reap(bool all) noexcept {
  for (auto it = connections_.begin(); it != connections_.end();) {
    if (all || it->done->load()) {
      if (it->thread.joinable()) it->thread.join();
      it = connections_.erase(it);
    } else {
      ++it;
    }
  }
}

void SocketServer::Impl::accept_loop() noexcept {
  while (true) {
    pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {shared_.stop_fd, POLLIN, 0}};
    // With connections open, wake now and then to join the threads that have finished.
    const int n = ::poll(fds, 2, connections_.empty() ? -1 : 1000);
    if (n < 0 && errno != EINTR) return;
    if (fds[1].revents != 0) return;
    reap(false);
    if ((fds[0].revents & POLLIN) != 0) accept_one();
  }
}

void SocketServer::Impl::accept_one() noexcept {
  const int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
  if (fd < 0) {
    if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
      // Out of descriptors or memory: back off instead of spinning on the pending client.
      pollfd stop = {shared_.stop_fd, POLLIN, 0};
      ::poll(&stop, 1, 50);
    }
    return;
  }
  if (connections_.size() >= shared_.options.max_connections) {
    try {
      const std::string busy = detail::serialize_response(
          detail::error_response(503, "too many connections to the Pebble socket"), 1, true, false);
      static_cast<void>(::send(fd, busy.data(), busy.size(), MSG_NOSIGNAL));
    } catch (...) {
      // Nothing to tell the client then; it is closed below all the same.
    }
    ::close(fd);
    return;
  }
  std::shared_ptr<std::atomic<bool>> done;
  try {
    done = std::make_shared<std::atomic<bool>>(false);
    connections_.emplace_back().done = done;
  } catch (...) {
    ::close(fd);
    return;
  }
  try {
    connections_.back().thread = std::thread([this, fd, done] {
      detail::serve_connection(shared_, fd);
      done->store(true);
    });
  } catch (...) {
    connections_.pop_back();
    ::close(fd);
  }
}

SocketServer::SocketServer(std::filesystem::path socket_path, Handler& handler,
                           SocketServerOptions options)
    : impl_(std::make_unique<Impl>(std::move(socket_path), handler, options)) {}

SocketServer::~SocketServer() = default;

void SocketServer::start() { impl_->start(); }

void SocketServer::stop() noexcept { impl_->stop(); }

bool SocketServer::running() const noexcept { return impl_->running(); }

const std::filesystem::path& SocketServer::socket_path() const noexcept {
  return impl_->socket_path();
}

}  // namespace scenario::pebble
