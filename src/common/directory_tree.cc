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
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "scenario/errors.h"

namespace scenario::detail {
namespace {

constexpr int kDirFlags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;

[[noreturn]] void fail(std::string_view goal, const std::string& what, const std::string& path,
                       int err) {
  std::string reason = std::strerror(err);
  if (!reason.empty()) reason[0] = static_cast<char>(std::tolower(reason[0]));
  throw ScenarioRuntimeError(std::string(goal) + ": cannot " + what + " '" + path + "': " + reason);
}

/// One directory being emptied, open as a stream (its descriptor names the entries).
class Emptier {
 public:
  /// Takes ownership of `fd`, a directory opened with kDirFlags.
  Emptier(int fd, std::string_view goal, std::string path) : goal_(goal), path_(std::move(path)) {
    stream_ = ::fdopendir(fd);
    if (stream_ == nullptr) {
      const int err = errno;
      ::close(fd);
      fail(goal_, "list", path_, err);
    }
  }
  ~Emptier() { ::closedir(stream_); }
  Emptier(const Emptier&) = delete;
  Emptier& operator=(const Emptier&) = delete;

  void remove_entries() {
    for (const auto& [name, type] : entries()) remove(name, type);
  }

 private:
  std::vector<std::pair<std::string, unsigned char>> entries() {
    std::vector<std::pair<std::string, unsigned char>> out;
    errno = 0;
    while (const dirent* entry = ::readdir(stream_)) {
      const std::string_view name = entry->d_name;
      if (name != "." && name != "..") out.emplace_back(name, entry->d_type);
    }
    if (errno != 0) fail(goal_, "list", path_, errno);
    return out;
  }

  int fd() const { return ::dirfd(stream_); }

  /// unlinkat's errno (0 when done or already gone), trying once more after making this
  /// directory writable when it was not.
  int unlink(const std::string& name, int flags) {
    if (::unlinkat(fd(), name.c_str(), flags) == 0 || errno == ENOENT) return 0;
    if (errno != EACCES || made_writable_) return errno;
    made_writable_ = true;
    ::fchmod(fd(), S_IRWXU);
    return ::unlinkat(fd(), name.c_str(), flags) == 0 || errno == ENOENT ? 0 : errno;
  }

  void remove(const std::string& name, unsigned char type) {
    const std::string path = path_ + "/" + name;
    if (type != DT_DIR) {
      const int err = unlink(name, 0);
      if (err == 0) return;
      // Linux answers EISDIR for a directory (POSIX allows EPERM).
      if (type != DT_UNKNOWN || (err != EISDIR && err != EPERM)) fail(goal_, "remove", path, err);
    }
    int child = ::openat(fd(), name.c_str(), kDirFlags);
    // It is a directory (the listing or unlinkat said so): fchmodat follows no link.
    if (child < 0 && errno == EACCES && ::fchmodat(fd(), name.c_str(), S_IRWXU, 0) == 0) {
      child = ::openat(fd(), name.c_str(), kDirFlags);
    }
    if (child < 0) fail(goal_, "open", path, errno);
    Emptier(child, goal_, path).remove_entries();
    if (const int err = unlink(name, AT_REMOVEDIR); err != 0) fail(goal_, "remove", path, err);
  }

  std::string_view goal_;
  std::string path_;
  DIR* stream_ = nullptr;
  bool made_writable_ = false;
};

/// Empties the directory at `path` and returns 0; or returns open's errno, having done
/// nothing, when `path` is missing or not a directory.
int empty_if_directory(const std::string& path, std::string_view goal) {
  const int fd = ::open(path.c_str(), kDirFlags);
  if (fd < 0) return errno;
  Emptier(fd, goal, path).remove_entries();
  return 0;
}

}  // namespace

void empty_directory(const std::filesystem::path& dir) {
  const std::string path = dir.string();
  const std::string goal = "cannot empty '" + path + "'";
  const int err = empty_if_directory(path, goal);
  if (err == 0) return;
  // Something else is there (a file, a link): it goes as a whole.
  if (err == ENOTDIR || err == ELOOP) {
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) fail(goal, "remove", path, errno);
  } else if (err != ENOENT) {
    fail(goal, "open", path, err);
  }
  std::error_code error;
  std::filesystem::create_directories(dir, error);
  if (error) fail(goal, "make", path, error.value());
}

void remove_tree(const std::filesystem::path& path) {
  const std::string text = path.string();
  const std::string goal = "cannot remove '" + text + "'";
  const int err = empty_if_directory(text, goal);
  if (err == 0) {
    if (::rmdir(text.c_str()) != 0 && errno != ENOENT) fail(goal, "remove", text, errno);
  } else if (err == ENOTDIR || err == ELOOP) {
    if (::unlink(text.c_str()) != 0 && errno != ENOENT) fail(goal, "remove", text, errno);
  } else if (err != ENOENT) {
    fail(goal, "open", text, err);
  }
}

}  // namespace scenario::detail
