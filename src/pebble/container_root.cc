// SPDX-License-Identifier: Apache-2.0
// pebble/container_root.cc: emptying a container's filesystem directory with *at calls
// on directory descriptors opened with O_NOFOLLOW, so a link is removed, not followed.

#include "scenario/pebble/container_root.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "confined_fs.h"
#include "scenario/errors.h"

namespace scenario::pebble {
namespace {

using detail::errno_text;
using detail::Fd;

[[noreturn]] void fail(const std::filesystem::path& root, const std::string& what,
                       const std::string& path, int err) {
  throw ScenarioRuntimeError("cannot empty the container filesystem at '" + root.string() +
                             "': cannot " + what + " '" + path + "': " + errno_text(err));
}

constexpr int kDirFlags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;

/// A directory being emptied: its stream, and the root for error messages. Each host
/// call costs a system call, and they are most of the time this takes: entries are
/// removed by name in the open directory, their type read from the listing.
class Emptier {
 public:
  /// Takes ownership of `fd`, a directory opened with kDirFlags.
  Emptier(int fd, const std::filesystem::path& root, std::string path)
      : root_(root), path_(std::move(path)) {
    stream_ = ::fdopendir(fd);
    if (stream_ == nullptr) {
      const int err = errno;
      ::close(fd);
      fail(root_, "list", path_, err);
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
    if (errno != 0) fail(root_, "list", path_, errno);
    return out;
  }

  int fd() const { return ::dirfd(stream_); }

  /// unlinkat, once more after making this directory writable when it was not.
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
      if (type != DT_UNKNOWN || (err != EISDIR && err != EPERM)) fail(root_, "remove", path, err);
    }
    int child = ::openat(fd(), name.c_str(), kDirFlags);
    // A directory the charm made unreadable is still ours to empty. It is a directory
    // (the listing or unlinkat said so), so fchmodat follows no link here.
    if (child < 0 && errno == EACCES && ::fchmodat(fd(), name.c_str(), S_IRWXU, 0) == 0) {
      child = ::openat(fd(), name.c_str(), kDirFlags);
    }
    if (child < 0) fail(root_, "open", path, errno);
    Emptier(child, root_, path).remove_entries();
    if (const int err = unlink(name, AT_REMOVEDIR); err != 0) fail(root_, "remove", path, err);
  }

  const std::filesystem::path& root_;
  std::string path_;
  DIR* stream_ = nullptr;
  bool made_writable_ = false;
};

}  // namespace

void reset_container_root(const std::filesystem::path& root_dir) {
  const std::string root = root_dir.string();
  Fd dir(::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  if (!dir.valid()) {
    const int err = errno;
    // Something else is there (a file, a link): it goes as a whole.
    if (err == ENOTDIR || err == ELOOP) {
      if (::unlink(root.c_str()) != 0 && errno != ENOENT) fail(root_dir, "remove", root, errno);
    } else if (err != ENOENT) {
      fail(root_dir, "open", root, err);
    }
    std::error_code error;
    std::filesystem::create_directories(root_dir, error);
    if (error) fail(root_dir, "make", root, error.value());
    return;
  }
  Emptier(dir.release(), root_dir, root).remove_entries();
}

}  // namespace scenario::pebble
