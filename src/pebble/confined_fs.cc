// SPDX-License-Identifier: Apache-2.0
// pebble/confined_fs.cc: path helpers and errors for the confined container filesystem.

#include "confined_fs.h"

#include <cstring>
#include <deque>

#include "scenario/common/utf8.h"

namespace scenario::pebble::detail {

using scenario::detail::decode_rune;
using scenario::detail::Rune;

namespace {

// One `[...]` class of a Go pattern at `i`, on the code point `c`; `bad` is set when it is
// malformed (as Go's getEsc finds it, a bound that is not UTF-8 included).
bool match_class(std::string_view pattern, std::size_t& i, char32_t c, bool& bad) {
  ++i;  // '['
  bool negated = false;
  if (i < pattern.size() && pattern[i] == '^') {
    negated = true;
    ++i;
  }
  bool matched = false;
  bool first = true;
  while (true) {
    if (i >= pattern.size()) {
      bad = true;
      return false;
    }
    if (pattern[i] == ']' && !first) {
      ++i;
      break;
    }
    first = false;
    auto take = [&](char32_t& out) {
      if (i >= pattern.size() || pattern[i] == '-' || pattern[i] == ']') return false;
      if (pattern[i] == '\\') {
        ++i;
        if (i >= pattern.size()) return false;
      }
      const Rune rune = decode_rune(pattern, i);
      if (rune.value == 0xFFFD && rune.length == 1) return false;
      out = rune.value;
      i += rune.length;
      return true;
    };
    char32_t lo = 0;
    if (!take(lo)) {
      bad = true;
      return false;
    }
    char32_t hi = lo;
    if (i < pattern.size() && pattern[i] == '-') {
      ++i;
      if (!take(hi)) {
        bad = true;
        return false;
      }
    }
    if (lo <= c && c <= hi) matched = true;
  }
  return matched != negated;
}

}  // namespace

FileError os_error(std::string_view op, std::string_view path, int err) {
  std::string kind = "generic-file-error";
  if (err == ENOENT) kind = "not-found";
  if (err == EACCES || err == EPERM) kind = "permission-denied";
  return {kind, std::string(op) + " " + std::string(path) + ": " + go_errno_text(err)};
}

FileError generic_error(std::string message) { return {"generic-file-error", std::move(message)}; }

int status_for(const FileError& error) {
  if (error.kind == "not-found") return 404;
  if (error.kind == "permission-denied") return 403;
  return 400;
}

Json error_json(const FileError& error) {
  return {{"kind", error.kind}, {"message", error.message}};
}

std::string join(const Components& components) {
  std::string path;
  for (const std::string& component : components) path += "/" + component;
  return path.empty() ? "/" : path;
}

std::string dir_of(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return go_clean_path(slash == std::string_view::npos ? std::string_view()
                                                       : path.substr(0, slash + 1));
}

std::string base_of(std::string_view path) {
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  if (path.empty()) return ".";
  if (path == "/") return "/";
  const std::size_t slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

std::string join_paths(std::string_view dir, std::string_view name) {
  return go_clean_path(std::string(dir) + "/" + std::string(name));
}

bool is_absolute(std::string_view path) { return !path.empty() && path.front() == '/'; }

// True if `pattern` from `p` on has a malformed class or a trailing backslash, which
// Go's path.Match reports even when the name did not match.
bool rest_is_malformed(std::string_view pattern, std::size_t p) {
  bool bad = false;
  for (std::size_t k = p; k < pattern.size(); ++k) {
    if (pattern[k] == '[') {
      std::size_t j = k;
      match_class(pattern, j, 'a', bad);
      if (bad) return true;
      k = j - 1;
    } else if (pattern[k] == '\\' && k + 1 >= pattern.size()) {
      return true;
    }
  }
  return false;
}

// Go's path.Match on one name (no '/'); `bad` is set for a malformed pattern.
bool go_match(std::string_view pattern, std::string_view name, bool& bad) {
  // Backtracking over the last '*', as Go does; first validate the whole pattern.
  std::size_t p = 0, n = 0, star_p = std::string_view::npos, star_n = 0;
  while (n < name.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star_p = ++p;
      star_n = n;
      continue;
    }
    if (p < pattern.size()) {
      bool ok = false;
      std::size_t next = p;
      // `?` and a class take a code point; other pattern bytes match a byte.
      std::size_t step = 1;
      if (pattern[p] == '?') {
        ok = name[n] != '/';
        step = decode_rune(name, n).length;
        next = p + 1;
      } else if (pattern[p] == '[') {
        const Rune rune = decode_rune(name, n);
        step = rune.length;
        ok = match_class(pattern, next, rune.value, bad);
        if (bad) return false;
      } else if (pattern[p] == '\\') {
        if (p + 1 >= pattern.size()) {
          bad = true;
          return false;
        }
        ok = pattern[p + 1] == name[n];
        next = p + 2;
      } else {
        ok = pattern[p] == name[n];
        next = p + 1;
      }
      if (ok) {
        p = next;
        n += step;
        continue;
      }
    }
    if (star_p != std::string_view::npos && name[star_n] != '/') {
      p = star_p;
      n = ++star_n;
      continue;
    }
    // No match; Go still reports a malformed rest of the pattern.
    bad = rest_is_malformed(pattern, p);
    return false;
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  if (p < pattern.size() && rest_is_malformed(pattern, p)) {
    bad = true;
    return false;
  }
  return p == pattern.size();
}
Namespace::Namespace(const std::filesystem::path& root, const std::map<std::string, Mount>& mounts)
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

Components Namespace::split_clean(std::string_view path) {
  Components out;
  const std::string cleaned = go_clean_path(path);
  std::size_t start = 1;
  while (start < cleaned.size()) {
    std::size_t slash = cleaned.find('/', start);
    if (slash == std::string::npos) slash = cleaned.size();
    out.push_back(cleaned.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

Components Namespace::split_raw(std::string_view path) {
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

bool Namespace::is_file_mount(const Components& path) const {
  const MountPoint* mount = mount_at(path);
  return mount != nullptr && mount->is_file;
}

bool Namespace::is_mount_point(const Components& path) const { return mount_at(path) != nullptr; }

const Namespace::MountPoint* Namespace::mount_at(const Components& path) const {
  for (const MountPoint& mount : mounts_) {
    if (mount.location == path) return &mount;
  }
  return nullptr;
}

Fd Namespace::open_base() const {
  const MountPoint* mount = mount_at({});
  if (mount != nullptr && !mount->is_file) {
    return Fd(::open(mount->src.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
  }
  if (mount != nullptr) {
    errno = ENOTDIR;
    return Fd();
  }
  return Fd(::open(root_.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
}

std::variant<Namespace::Location, int> Namespace::locate(const Components& path) const {
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

std::variant<struct stat, int> Namespace::lstat(const Components& path) const {
  auto location = locate(path);
  if (const int* err = std::get_if<int>(&location)) return *err;
  const Location& loc = std::get<Location>(location);
  struct stat st {};
  if (::fstatat(loc.dir.get(), loc.name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) return errno;
  return st;
}

std::variant<Fd, int> Namespace::open_resolved_dir(const Components& path) const {
  auto location = locate(path);
  if (const int* err = std::get_if<int>(&location)) return *err;
  Location& loc = std::get<Location>(location);
  if (loc.name == ".") return std::move(loc.dir);
  Fd dir(::openat(loc.dir.get(), loc.name.c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  if (!dir.valid()) return errno == ELOOP ? ENOTDIR : errno;
  return dir;
}

std::variant<Components, int> Namespace::resolve(std::string_view path, bool follow_last) const {
  auto found = find(path, follow_last);
  if (const int* err = std::get_if<int>(&found)) return *err;
  return std::move(std::get<Found>(found).path);
}

std::variant<Namespace::Found, int> Namespace::find(std::string_view path, bool follow_last) const {
  if (path.find('\0') != std::string_view::npos) return EINVAL;
  if (path.size() > kMaxPath) return ENAMETOOLONG;
  std::deque<std::string> pending;
  for (std::string& part : split_raw(path)) pending.push_back(std::move(part));
  Components resolved;
  // dirs[i] is the directory that resolved[0..i) names, opened as the walk goes down.
  // Only the base and the deepest kHeldDirs stay open, so a deep path cannot use up the
  // process's descriptors; `..` back above them opens the directory again.
  constexpr std::size_t kHeldDirs = 64;
  std::vector<Fd> dirs;
  dirs.emplace_back(open_base());
  if (!dirs.front().valid()) return errno;
  auto push_dir = [&](Fd dir) {
    dirs.push_back(std::move(dir));
    if (dirs.size() > kHeldDirs + 1) dirs[dirs.size() - kHeldDirs - 1].reset();
  };
  int links = 0;
  bool followed_last = false;
  while (!pending.empty()) {
    std::string part = std::move(pending.front());
    pending.pop_front();
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (!resolved.empty()) {
        resolved.pop_back();
        dirs.pop_back();
        if (!dirs.back().valid()) {
          auto reopened = open_resolved_dir(resolved);
          if (const int* err = std::get_if<int>(&reopened)) return *err;
          dirs.back() = std::move(std::get<Fd>(reopened));
        }
      }
      continue;
    }
    if (part.size() > kMaxName) return ENAMETOOLONG;
    const bool last = std::all_of(pending.begin(), pending.end(),
                                  [](const std::string& p) { return p.empty() || p == "."; });
    // `name/` and `name/.` name a directory: the kernel follows a link there and
    // refuses anything else with ENOTDIR.
    const bool names_dir = last && !pending.empty();
    resolved.push_back(std::move(part));
    const std::string& name = resolved.back();
    // Where the new component is on the host: in the directory above it, or a mount.
    Location location;
    Fd mounted_dir;
    struct stat st {};
    int err = 0;
    const MountPoint* mount = mount_at(resolved);
    if (mount == nullptr && !last) {
      // Mostly a directory to go through: opening it tells that in one call.
      Fd next(
          ::openat(dirs.back().get(), name.c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
      if (next.valid()) {
        push_dir(std::move(next));
        continue;
      }
      if (errno == ENOENT) return ENOENT;
    }
    if (mount == nullptr) {
      if (::fstatat(dirs.back().get(), name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) err = errno;
    } else if (mount->is_file) {
      location.dir = Fd(::open(mount->src.parent_path().c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
      location.name = mount->src.filename().string();
      if (!location.dir.valid() ||
          ::fstatat(location.dir.get(), location.name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
        err = errno;
      }
    } else {
      mounted_dir = Fd(::open(mount->src.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
      if (!mounted_dir.valid() || ::fstat(mounted_dir.get(), &st) != 0) err = errno;
      location.name = ".";
    }
    if (err != 0) {
      if (err != ENOENT || !last) return err;
      // The parent exists (or the walk would have stopped): the name is free in it. At a
      // mount point whose source is missing, there is no location.
      if (location.name.empty()) location = Location{std::move(dirs.back()), name};
      return Found{std::move(resolved), std::move(location), ENOENT, {}, followed_last};
    }
    if (S_ISLNK(st.st_mode) && (!last || follow_last || names_dir)) {
      if (++links > kMaxSymlinks) return ELOOP;
      if (last) followed_last = true;
      std::string target(kMaxPath + 1, '\0');
      const int dir = location.dir.valid() ? location.dir.get() : dirs.back().get();
      const std::string& link = location.dir.valid() ? location.name : name;
      const ssize_t size = ::readlinkat(dir, link.c_str(), target.data(), target.size());
      if (size < 0) return errno;
      target.resize(static_cast<std::size_t>(size));
      resolved.pop_back();
      if (is_absolute(target)) {
        resolved.clear();
        dirs.resize(1);
      }
      const Components parts = split_raw(target);
      pending.insert(pending.begin(), parts.begin(), parts.end());
      continue;
    }
    if (last) {
      if (names_dir && !S_ISDIR(st.st_mode)) return ENOTDIR;
      if (mounted_dir.valid()) {
        location.dir = std::move(mounted_dir);
      } else if (!location.dir.valid()) {
        location = Location{std::move(dirs.back()), name};
      }
      return Found{std::move(resolved), std::move(location), 0, st, followed_last};
    }
    if (!S_ISDIR(st.st_mode)) return ENOTDIR;
    if (!mounted_dir.valid()) {
      mounted_dir = Fd(
          ::openat(dirs.back().get(), name.c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
      if (!mounted_dir.valid()) return errno == ELOOP ? ENOTDIR : errno;
    }
    push_dir(std::move(mounted_dir));
  }
  // The walk ended on the base or climbed back up with `..`: the path names a directory
  // the walk holds open.
  Found found;
  found.path = std::move(resolved);
  found.followed_last = followed_last;
  if (::fstat(dirs.back().get(), &found.st) != 0) return errno;
  if (found.path.empty() || mount_at(found.path) != nullptr) {
    found.location = Location{std::move(dirs.back()), "."};
  } else if (dirs[dirs.size() - 2].valid()) {
    found.location = Location{std::move(dirs[dirs.size() - 2]), found.path.back()};
  } else {
    auto location = locate(found.path);
    if (const int* err = std::get_if<int>(&location)) return *err;
    found.location = std::move(std::get<Location>(location));
  }
  return found;
}

}  // namespace scenario::pebble::detail
