// SPDX-License-Identifier: Apache-2.0
// pebble/confined_fs.h: the container's filesystem, confined to a host root directory and
// the container's mounts, and the Go-style path helpers and errors the files API uses.
//
// Confinement: a container path is resolved one component at a time, the way the kernel
// would inside a chroot: `..` stops at `/`, and symlinks (absolute or relative) are read
// and followed inside the container's namespace, never the host's. Host operations then
// walk from the root (or a mount's source) with O_NOFOLLOW on every component, so a
// symlink swapped in after resolution fails instead of escaping.

#ifndef SCENARIO_SRC_PEBBLE_CONFINED_FS_H_
#define SCENARIO_SRC_PEBBLE_CONFINED_FS_H_

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <deque>
#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "scenario/state/container.h"
#include "scenario/state/types.h"

namespace scenario::pebble::detail {

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

/// strerror's text starting lower-case, as Go's syscall errors read.
std::string errno_text(int err);
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
/// Go's path.Clean, path.Dir, path.Base and path.Join.
std::string clean(std::string_view path);
std::string dir_of(std::string_view path);
std::string base_of(std::string_view path);
std::string join_paths(std::string_view dir, std::string_view name);
bool is_absolute(std::string_view path);
/// Go's path.Match on one name; `bad` is set for a malformed pattern.
bool go_match(std::string_view pattern, std::string_view name, bool& bad);

/// The container's filesystem: resolution in the container's namespace, host access by
/// O_NOFOLLOW walks from the root or a mount's source.
class Namespace {
 public:
  Namespace(const std::filesystem::path& root, const std::map<std::string, Mount>& mounts)
      : root_(root) {
    for (const auto& [name, mount] : mounts) {
      if (!is_absolute(mount.location)) continue;
      std::error_code error;
      // The source is the test's own host path: links in it are followed on the host.
      std::filesystem::path src = std::filesystem::weakly_canonical(mount.src, error);
      if (error) src = mount.src;
      MountPoint point{split_clean(mount.location), src, false};
      point.is_file = !std::filesystem::is_directory(mount.src, error);
      mounts_.push_back(std::move(point));
    }
    // Longest location first, so nested mounts win.
    std::sort(mounts_.begin(), mounts_.end(), [](const MountPoint& a, const MountPoint& b) {
      return a.location.size() > b.location.size();
    });
  }

  // A directory fd and a name in it ("." for the directory itself).
  struct Location {
    Fd dir;
    std::string name;
  };

  static Components split_clean(std::string_view path) {
    Components out;
    const std::string cleaned = clean(path);
    std::size_t start = 1;
    while (start < cleaned.size()) {
      std::size_t slash = cleaned.find('/', start);
      if (slash == std::string::npos) slash = cleaned.size();
      out.push_back(cleaned.substr(start, slash - start));
      start = slash + 1;
    }
    return out;
  }

  // True if `path` is exactly where a host file (not a directory) is mounted.
  bool is_file_mount(const Components& path) const {
    return std::any_of(mounts_.begin(), mounts_.end(),
                       [&](const MountPoint& m) { return m.is_file && m.location == path; });
  }

  bool is_mount_point(const Components& path) const {
    return std::any_of(mounts_.begin(), mounts_.end(),
                       [&](const MountPoint& m) { return m.location == path; });
  }

  std::variant<Location, int> locate(const Components& path) const {
    const MountPoint* mount = nullptr;
    for (const MountPoint& candidate : mounts_) {
      if (candidate.location.size() <= path.size() &&
          std::equal(candidate.location.begin(), candidate.location.end(), path.begin())) {
        mount = &candidate;
        break;
      }
    }
    std::filesystem::path base = root_;
    std::size_t skip = 0;
    if (mount != nullptr) {
      skip = mount->location.size();
      if (mount->is_file) {
        if (path.size() > skip) return ENOTDIR;
        Fd dir(::open(mount->src.parent_path().c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
        if (!dir.valid()) return errno;
        return Location{std::move(dir), mount->src.filename().string()};
      }
      base = mount->src;
    }
    Fd dir(::open(base.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (!dir.valid()) return errno;
    if (path.size() == skip) return Location{std::move(dir), "."};
    for (std::size_t i = skip; i + 1 < path.size(); ++i) {
      Fd next(::openat(dir.get(), path[i].c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
      if (!next.valid()) return errno == ELOOP ? ENOTDIR : errno;
      dir = std::move(next);
    }
    return Location{std::move(dir), path.back()};
  }

  std::variant<struct stat, int> lstat(const Components& path) const {
    auto location = locate(path);
    if (const int* err = std::get_if<int>(&location)) return *err;
    const Location& loc = std::get<Location>(location);
    struct stat st {};
    if (::fstatat(loc.dir.get(), loc.name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) return errno;
    return st;
  }

  // Opens a resolved directory itself.
  std::variant<Fd, int> open_dir(const Components& path, int flags) const {
    auto location = locate(path);
    if (const int* err = std::get_if<int>(&location)) return *err;
    const Location& loc = std::get<Location>(location);
    Fd dir(::openat(loc.dir.get(), loc.name.c_str(), flags | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!dir.valid()) return errno == ELOOP ? ENOTDIR : errno;
    return dir;
  }

  // Resolves `path` (absolute) to components free of symlinks, `..` and `.`, as a chroot
  // would; the last component is followed only if `follow_last`. It need not exist.
  std::variant<Components, int> resolve(std::string_view path, bool follow_last) const {
    if (path.find('\0') != std::string_view::npos) return EINVAL;
    if (path.size() > kMaxPath) return ENAMETOOLONG;
    std::deque<std::string> pending;
    for (const std::string& part : split_raw(path)) pending.push_back(part);
    Components resolved;
    int links = 0;
    while (!pending.empty()) {
      std::string part = std::move(pending.front());
      pending.pop_front();
      if (part.empty() || part == ".") continue;
      if (part == "..") {
        if (!resolved.empty()) resolved.pop_back();
        continue;
      }
      if (part.size() > kMaxName) return ENAMETOOLONG;
      const bool last = std::all_of(pending.begin(), pending.end(),
                                    [](const std::string& p) { return p.empty() || p == "."; });
      resolved.push_back(part);
      auto st = lstat(resolved);
      if (const int* err = std::get_if<int>(&st)) {
        if (*err == ENOENT && last) return resolved;
        return *err;
      }
      const mode_t mode = std::get<struct stat>(st).st_mode;
      if (S_ISLNK(mode) && (!last || follow_last)) {
        if (++links > kMaxSymlinks) return ELOOP;
        std::string target;
        if (int err = read_link(resolved, target); err != 0) return err;
        resolved.pop_back();
        if (is_absolute(target)) resolved.clear();
        const Components parts = split_raw(target);
        pending.insert(pending.begin(), parts.begin(), parts.end());
        continue;
      }
      if (!last && !S_ISDIR(mode)) return ENOTDIR;
    }
    return resolved;
  }

 private:
  struct MountPoint {
    Components location;
    std::filesystem::path src;
    bool is_file;
  };

  static Components split_raw(std::string_view path) {
    Components parts;
    std::size_t start = 0;
    while (start <= path.size()) {
      std::size_t slash = path.find('/', start);
      if (slash == std::string_view::npos) slash = path.size();
      parts.emplace_back(path.substr(start, slash - start));
      start = slash + 1;
    }
    return parts;
  }

  int read_link(const Components& path, std::string& target) const {
    auto location = locate(path);
    if (const int* err = std::get_if<int>(&location)) return *err;
    const Location& loc = std::get<Location>(location);
    std::string buffer(kMaxPath + 1, '\0');
    const ssize_t size =
        ::readlinkat(loc.dir.get(), loc.name.c_str(), buffer.data(), buffer.size());
    if (size < 0) return errno;
    buffer.resize(static_cast<std::size_t>(size));
    target = std::move(buffer);
    return 0;
  }

  std::filesystem::path root_;
  std::vector<MountPoint> mounts_;
};

}  // namespace scenario::pebble::detail

#endif  // SCENARIO_SRC_PEBBLE_CONFINED_FS_H_
