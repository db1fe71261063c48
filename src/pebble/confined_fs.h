// SPDX-License-Identifier: Apache-2.0
// pebble/confined_fs.h: the container's filesystem, confined to a host root directory and
// the container's mounts, and the Go-style path helpers and errors the files API uses.
//
// Confinement: a container path is resolved one component at a time, the way the kernel
// would inside a chroot: `..` stops at `/`, and symlinks (absolute or relative) are read
// and followed inside the container's namespace, never the host's. The walk goes down
// through directory descriptors, each opened with O_NOFOLLOW from the one above it (or a
// mount's source), and host operations act on a name in one of those, never following a
// link in the last place either, so a symlink swapped in meanwhile fails instead of
// escaping.

#ifndef SCENARIO_SRC_PEBBLE_CONFINED_FS_H_
#define SCENARIO_SRC_PEBBLE_CONFINED_FS_H_

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "scenario/common/go_text.h"
#include "scenario/state/container.h"
#include "scenario/state/types.h"

namespace scenario::pebble::detail {

using scenario::detail::go_clean_path;
using scenario::detail::go_errno_text;

inline constexpr std::size_t kMaxPath = 4095;
inline constexpr std::size_t kMaxName = 255;
// The kernel's limit on symlinks followed while resolving one path.
inline constexpr int kMaxSymlinks = 40;

/// An owned file descriptor.
class Fd {
 public:
  Fd() = default;
  explicit Fd(int fd) : fd_(fd) {}
  Fd(Fd&& other) noexcept : fd_(std::exchange(other.fd_, -1)) {}
  Fd& operator=(Fd&& other) noexcept {
    if (this != &other) {
      reset();
      fd_ = std::exchange(other.fd_, -1);
    }
    return *this;
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  ~Fd() { reset(); }
  int get() const { return fd_; }
  bool valid() const { return fd_ >= 0; }
  /// Gives up ownership (e.g. to fdopendir).
  int release() { return std::exchange(fd_, -1); }
  void reset() {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
  }

 private:
  int fd_ = -1;
};

/// A per-path failure: Pebble's error kind and message.
struct FileError {
  std::string kind;
  std::string message;
};

/// `<op> <path>: <errno text>`, with Pebble's kind for the errno.
FileError os_error(std::string_view op, std::string_view path, int err);
FileError generic_error(std::string message);
/// The HTTP status Pebble answers a whole-request file error with.
int status_for(const FileError& error);
Json error_json(const FileError& error);

/// A resolved container path: components without `.`, `..` or symlinks.
using Components = std::vector<std::string>;
/// "/" joined.
std::string join(const Components& components);
/// Go's path.Dir, path.Base and path.Join (path.Clean is go_clean_path).
std::string dir_of(std::string_view path);
std::string base_of(std::string_view path);
std::string join_paths(std::string_view dir, std::string_view name);
bool is_absolute(std::string_view path);
/// Go's path.Match on one name; `bad` is set for a malformed pattern.
bool go_match(std::string_view pattern, std::string_view name, bool& bad);

/// The container's filesystem: resolution in the container's namespace, host access by
/// O_NOFOLLOW walks from the root or a mount's source.
///
/// A resolution walks down holding a descriptor of each directory it went through, each
/// opened with O_NOFOLLOW from the one above it (or a mount's source), so every host
/// operation that follows it happens relative to a directory known to be in the
/// container's tree, and no component is looked up more than once per walk.
class Namespace {
 public:
  Namespace(const std::filesystem::path& root, const std::map<std::string, Mount>& mounts);

  // A directory fd and a name in it ("." for the directory itself).
  struct Location {
    Fd dir;
    std::string name;
  };

  /// A path resolved in one walk: its components, where it is on the host, and what
  /// lstat says of it there.
  struct Found {
    Components path;
    Location location;
    /// 0 when `st` holds the lstat of the path's last component; ENOENT when it does not
    /// exist (its parent does). `location.dir` is invalid only for a mount point whose
    /// source is missing.
    int stat_error = 0;
    struct stat st {};
    /// The path's own last component was a symlink, followed to `path`.
    bool followed_last = false;
  };

  static Components split_clean(std::string_view path);

  // True if `path` is exactly where a host file (not a directory) is mounted.
  bool is_file_mount(const Components& path) const;
  bool is_mount_point(const Components& path) const;

  std::variant<Location, int> locate(const Components& path) const;
  std::variant<struct stat, int> lstat(const Components& path) const;

  // Resolves `path` (absolute) to components free of symlinks, `..` and `.`, as a chroot
  // would; the last component is followed only if `follow_last`. It need not exist.
  std::variant<Components, int> resolve(std::string_view path, bool follow_last) const;
  // The same, with the host location and lstat of the result from the same walk.
  std::variant<Found, int> find(std::string_view path, bool follow_last) const;

 private:
  struct MountPoint {
    Components location;
    std::filesystem::path src;
    bool is_file;
  };

  static Components split_raw(std::string_view path);
  // The mount whose location is exactly `path`, or null.
  const MountPoint* mount_at(const Components& path) const;
  // The directory the empty path names: the root, or a source mounted at "/".
  Fd open_base() const;
  // The directory a resolved path names, walked to from the base again.
  std::variant<Fd, int> open_resolved_dir(const Components& path) const;

  std::filesystem::path root_;
  std::vector<MountPoint> mounts_;
};

}  // namespace scenario::pebble::detail

#endif  // SCENARIO_SRC_PEBBLE_CONFINED_FS_H_
