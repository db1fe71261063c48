// SPDX-License-Identifier: Apache-2.0
// common/directory_tree.cc: emptying and removing directory trees without following
// links, one system call per step.

#include "scenario/common/directory_tree.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "scenario/errors.h"

namespace scenario::detail {
namespace {

constexpr int kDirFlags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;
// Deeper than any tree Pebble can make (its paths stop at 4,095 bytes), shallow enough
// that the descriptors and stack frames of the walk stay small.
constexpr int kMaxDepth = 4096;

[[noreturn]] void fail(std::string_view goal, std::string_view what, std::string_view path,
                       int err) {
  std::string reason = std::strerror(err);
  if (!reason.empty()) reason[0] = static_cast<char>(std::tolower(reason[0]));
  throw ScenarioRuntimeError(std::string(goal) + ": cannot " + std::string(what) + " '" +
                             std::string(path) + "': " + reason);
}

struct CloseDir {
  void operator()(DIR* stream) const { ::closedir(stream); }
};
using DirStream = std::unique_ptr<DIR, CloseDir>;

/// `fd`, a directory opened with kDirFlags, as a stream that owns it. Nothing that may
/// throw runs between the open and this, so no descriptor can leak.
DirStream stream_of(int fd, std::string_view goal, std::string_view path) {
  DIR* stream = ::fdopendir(fd);
  if (stream == nullptr) {
    const int err = errno;
    ::close(fd);
    fail(goal, "list", path, err);
  }
  return DirStream(stream);
}

/// One directory being emptied, open as a stream (its descriptor names the entries).
class Emptier {
 public:
  Emptier(DirStream stream, std::string_view goal, std::string path, int depth)
      : stream_(std::move(stream)), goal_(goal), path_(std::move(path)), depth_(depth) {}

  void remove_entries() {
    for (const auto& [name, type] : entries()) remove(name, type);
  }

 private:
  std::vector<std::pair<std::string, unsigned char>> entries() {
    std::vector<std::pair<std::string, unsigned char>> out;
    while (true) {
      errno = 0;  // before each call: the allocations in the loop may set it
      const dirent* entry = ::readdir(stream_.get());
      if (entry == nullptr) break;
      const std::string_view name = entry->d_name;
      if (name != "." && name != "..") out.emplace_back(name, entry->d_type);
    }
    if (errno != 0) fail(goal_, "list", path_, errno);
    return out;
  }

  int fd() const { return ::dirfd(stream_.get()); }

  /// Makes this directory writable and searchable once; whether it did now.
  bool make_writable() {
    if (made_writable_) return false;
    made_writable_ = true;
    return ::fchmod(fd(), S_IRWXU) == 0;
  }

  /// unlinkat's errno (0 when done or already gone), trying once more after making this
  /// directory writable when it was not.
  int unlink(const std::string& name, int flags) {
    if (::unlinkat(fd(), name.c_str(), flags) == 0 || errno == ENOENT) return 0;
    const int err = errno;
    if (err != EACCES || !make_writable()) return err;
    return ::unlinkat(fd(), name.c_str(), flags) == 0 || errno == ENOENT ? 0 : errno;
  }

  /// The directory `name` opened with kDirFlags, or -1 with errno set. When it cannot
  /// be opened for want of permission, this directory is made searchable, then the
  /// child readable (without following a link: a link is not a directory to empty).
  int open_child(const std::string& name) {
    int child = ::openat(fd(), name.c_str(), kDirFlags);
    if (child >= 0 || errno != EACCES) return child;
    if (make_writable()) {
      child = ::openat(fd(), name.c_str(), kDirFlags);
      if (child >= 0 || errno != EACCES) return child;
    }
    if (::fchmodat(fd(), name.c_str(), S_IRWXU, AT_SYMLINK_NOFOLLOW) != 0) {
      errno = EACCES;
      return -1;
    }
    return ::openat(fd(), name.c_str(), kDirFlags);
  }

  void remove(const std::string& name, unsigned char type) {
    const std::string path = path_ + "/" + name;
    int unlink_error = 0;
    if (type != DT_DIR) {
      unlink_error = unlink(name, 0);
      if (unlink_error == 0) return;
      // Linux answers EISDIR for a directory (POSIX allows EPERM).
      if (type != DT_UNKNOWN || (unlink_error != EISDIR && unlink_error != EPERM)) {
        fail(goal_, "remove", path, unlink_error);
      }
    }
    if (depth_ >= kMaxDepth) {
      throw ScenarioRuntimeError(std::string(goal_) + ": '" + path + "' is more than " +
                                 std::to_string(kMaxDepth) + " directories deep");
    }
    const int child = open_child(name);
    if (child < 0) {
      const int err = errno;
      // Not a directory after all: the unlink's own failure is the one to report.
      if (unlink_error != 0 && (err == ENOTDIR || err == ELOOP)) {
        fail(goal_, "remove", path, unlink_error);
      }
      fail(goal_, "open", path, err);
    }
    DirStream stream = stream_of(child, goal_, path);
    Emptier(std::move(stream), goal_, path, depth_ + 1).remove_entries();
    if (const int err = unlink(name, AT_REMOVEDIR); err != 0) fail(goal_, "remove", path, err);
  }

  DirStream stream_;
  std::string_view goal_;
  std::string path_;
  int depth_;
  bool made_writable_ = false;
};

/// Empties the directory at `path` and returns true, or removes what else is there (a
/// file, a link) and returns false; false too when nothing is there.
bool empty_or_unlink(const std::string& path, std::string_view goal) {
  const int fd = ::open(path.c_str(), kDirFlags);
  if (fd >= 0) {
    DirStream stream = stream_of(fd, goal, path);
    Emptier(std::move(stream), goal, path, 1).remove_entries();
    return true;
  }
  const int err = errno;
  // ENOTDIR may also mean a parent is not a directory: then nothing is there to remove.
  if (err == ENOTDIR || err == ELOOP) {
    if (::unlink(path.c_str()) != 0 && errno != ENOENT && errno != ENOTDIR) {
      fail(goal, "remove", path, errno);
    }
  } else if (err != ENOENT) {
    fail(goal, "open", path, err);
  }
  return false;
}

}  // namespace

void empty_directory(const std::filesystem::path& dir) {
  const std::string path = dir.string();
  const std::string goal = "cannot empty '" + path + "'";
  if (empty_or_unlink(path, goal)) return;
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) fail(goal, "make", path, error.value());
}

void remove_tree(const std::filesystem::path& path) {
  const std::string text = path.string();
  const std::string goal = "cannot remove '" + text + "'";
  if (empty_or_unlink(text, goal) && ::rmdir(text.c_str()) != 0 && errno != ENOENT) {
    fail(goal, "remove", text, errno);
  }
}

}  // namespace scenario::detail
