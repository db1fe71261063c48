// SPDX-License-Identifier: Apache-2.0
// pebble/files.cc: the /v1/files endpoints, over the confined filesystem of confined_fs.h.
//
// Messages follow Pebble's (internals/daemon/api_files.go), which are Go's os errors
// (`stat /x: no such file or directory`), always naming the container path, never a
// host path.

#include "files.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <deque>
#include <utility>
#include <variant>

#include "api.h"
#include "confined_fs.h"
#include "multipart.h"

namespace scenario::pebble::detail {

namespace {

std::string_view file_type(mode_t mode) {
  if (S_ISREG(mode)) return "file";
  if (S_ISDIR(mode)) return "directory";
  if (S_ISLNK(mode)) return "symlink";
  if (S_ISSOCK(mode)) return "socket";
  if (S_ISFIFO(mode)) return "named-pipe";
  if (S_ISBLK(mode) || S_ISCHR(mode)) return "device";
  return "unknown";
}

// Pebble's parsePermissions.
std::variant<mode_t, FileError> parse_permissions(const Json& item, mode_t default_mode) {
  const auto it = item.find("permissions");
  if (it == item.end() || it->is_null()) return default_mode;
  const std::string text = it->is_string() ? it->get<std::string>() : it->dump();
  if (text.empty()) return default_mode;
  bool octal = text.size() == 3;
  for (char c : text) octal = octal && c >= '0' && c <= '7';
  if (!octal) {
    return generic_error("permissions must be a 3-digit octal string, got " + go_quote(text));
  }
  return static_cast<mode_t>(std::stoul(text, nullptr, 8));
}

std::string string_field(const Json& item, std::string_view key) {
  const auto it = item.find(key);
  return it != item.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool bool_field(const Json& item, std::string_view key) {
  const auto it = item.find(key);
  return it != item.end() && it->is_boolean() && it->get<bool>();
}

std::optional<int> int_field(const Json& item, std::string_view key) {
  const auto it = item.find(key);
  if (it == item.end() || !it->is_number_integer()) return std::nullopt;
  const auto value = it->get<long long>();
  if (value < 0 || value > INT32_MAX) return std::nullopt;
  return static_cast<int>(value);
}

FileOwner owner_of(const Json& item) {
  return {int_field(item, "user-id"), string_field(item, "user"), int_field(item, "group-id"),
          string_field(item, "group")};
}

bool has_owner(const FileOwner& owner) {
  return owner.user_id || !owner.user.empty() || owner.group_id || !owner.group.empty();
}

// Pebble's osutil.NormalizeUidGid, prefixed as its callers prefix it. The container has
// no user database here: `root` (0) is the only user and group known, other names and
// ids are taken as given, and only root's primary group can be filled in.
std::variant<FileOwner, FileError> normalize_owner(FileOwner owner) {
  if (!has_owner(owner)) return owner;
  auto lookup_error = [](const std::string& message) {
    return generic_error("cannot look up user and group: " + message);
  };
  if (owner.user == "root") {
    if (owner.user_id && *owner.user_id != 0) {
      return lookup_error("user \"root\" UID (0) does not match user-id (" +
                          std::to_string(*owner.user_id) + ")");
    }
    owner.user_id = 0;
  }
  if (owner.group == "root") {
    if (owner.group_id && *owner.group_id != 0) {
      return lookup_error("group \"root\" GID (0) does not match group-id (" +
                          std::to_string(*owner.group_id) + ")");
    }
    owner.group_id = 0;
  }
  const bool user_given = owner.user_id || !owner.user.empty();
  if (!user_given) return lookup_error("must specify user, not just group");
  if (owner.user_id == 0 && owner.user.empty()) owner.user = "root";
  if (!owner.group_id && owner.group.empty() && owner.user_id == 0) {
    owner.group_id = 0;  // root's primary group
  }
  if (owner.group_id == 0 && owner.group.empty()) owner.group = "root";
  return owner;
}

// Appends one entry of a listing as Pebble writes it (fileInfoResult, its fields in
// that order). Written as text: a listing can have thousands of entries, and building
// each as a Json object first cost three times the rest of the listing.
void append_file_info(std::string& out, const std::string& path, std::string_view name,
                      const struct stat& st, const std::map<std::string, FileOwner>& owners) {
  // Pebble runs as root, so what it creates is root's unless a push asked otherwise.
  static const FileOwner kRoot{0, "root", 0, "root"};
  const auto given = owners.find(path);
  const FileOwner& owner = given == owners.end() ? kRoot : given->second;
  const auto id = [&out](const std::optional<int>& value) {
    out += value ? std::to_string(*value) : "null";
  };
  out += "{\"path\":";
  append_go_json_string(out, path);
  out += ",\"name\":";
  append_go_json_string(out, name);
  out += ",\"type\":\"";
  out += file_type(st.st_mode);
  out += '"';
  if (S_ISREG(st.st_mode)) out += ",\"size\":" + std::to_string(st.st_size);
  char permissions[8];
  std::snprintf(permissions, sizeof permissions, "%03o", static_cast<unsigned>(st.st_mode & 0777));
  out += ",\"permissions\":\"";
  out += permissions;
  out += "\",\"last-modified\":\"";
  out += go_rfc3339_utc(st.st_mtim.tv_sec, "");
  out += "\",\"user-id\":";
  id(owner.user_id);
  out += ",\"user\":";
  append_go_json_string(out, owner.user);
  out += ",\"group-id\":";
  id(owner.group_id);
  out += ",\"group\":";
  append_go_json_string(out, owner.group);
  out += '}';
}

}  // namespace

Files::Files(std::filesystem::path root, const std::map<std::string, Mount>& mounts)
    : root_(std::move(root)), mounts_(mounts) {}

void Files::ensure_root() {
  if (root_ready_) return;
  std::error_code error;
  std::filesystem::create_directories(root_, error);
  root_ready_ = true;
  // Mount points exist in the root, as links to the mounts' sources: so a test looking
  // at the container's filesystem (Container.get_filesystem) sees the mounted files, as
  // in ops-scenario. Requests never follow them: they reach a mount by its location.
  // Outer mounts first: a mount inside another one has its place in the outer source.
  std::vector<std::pair<Components, std::filesystem::path>> points;
  for (const auto& [name, mount] : mounts_) {
    if (!is_absolute(mount.location)) continue;
    Components location = Namespace::split_clean(mount.location);
    if (location.empty()) continue;
    points.emplace_back(std::move(location), std::filesystem::absolute(mount.src, error));
  }
  std::sort(points.begin(), points.end(),
            [](const auto& a, const auto& b) { return a.first.size() < b.first.size(); });
  for (const auto& [location, src] : points) {
    Fd dir(::open(root_.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
    for (std::size_t i = 0; dir.valid() && i + 1 < location.size(); ++i) {
      ::mkdirat(dir.get(), location[i].c_str(), 0755);
      dir = Fd(
          ::openat(dir.get(), location[i].c_str(), O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    }
    if (dir.valid()) ::symlinkat(src.c_str(), dir.get(), location.back().c_str());
  }
}

Response Files::get(const Request& request) {
  const std::string action = query_value(request, "action").value_or("");
  if (action == "read") {
    std::vector<std::string> paths;
    for (const auto& [key, value] : request.query) {
      if (key == "path") paths.push_back(value);
    }
    if (paths.empty()) return error_response(400, "must specify one or more paths");
    const auto accept = request.headers.find("accept");
    if (accept == request.headers.end() || accept->second != "multipart/form-data") {
      return error_response(400, "must accept multipart/form-data");
    }
    ensure_root();
    return read(paths);
  }
  if (action == "list") {
    const std::string path = query_value(request, "path").value_or("");
    if (path.empty()) return error_response(400, "must specify path");
    const std::string itself = query_value(request, "itself").value_or("");
    if (itself != "true" && itself != "false" && !itself.empty()) {
      return error_response(400, R"(itself parameter must be "true" or "false")");
    }
    if (!is_absolute(path))
      return error_response(400, "path must be absolute, got " + go_quote(path));
    ensure_root();
    return list(path, query_value(request, "pattern").value_or(""), itself == "true");
  }
  return error_response(400, "invalid action " + go_quote(action));
}

Response Files::list(const std::string& path, const std::string& pattern, bool itself) {
  const Namespace ns(root_, mounts_);
  auto fail = [](const FileError& error) {
    return error_response(status_for(error), error.message, error.kind);
  };
  auto resolved = ns.find(path, true);
  if (const int* err = std::get_if<int>(&resolved)) return fail(os_error("stat", path, *err));
  const Namespace::Found& found = std::get<Namespace::Found>(resolved);
  if (found.stat_error != 0) return fail(os_error("stat", path, found.stat_error));
  const Components& target = found.path;
  const struct stat& info = found.st;

  struct Entry {
    std::string name;
    struct stat st;
  };
  std::vector<Entry> entries;
  std::string dir;
  if (!S_ISDIR(info.st_mode) || itself) {
    entries.push_back({base_of(path), info});
    dir = dir_of(path);
  } else {
    Fd fd(::openat(found.location.dir.get(), found.location.name.c_str(),
                   O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!fd.valid()) return fail(os_error("open", path, errno == ELOOP ? ENOTDIR : errno));
    // fdopendir takes the descriptor; a duplicate serves fstatat.
    Fd stat_fd(::dup(fd.get()));
    if (!stat_fd.valid()) return fail(os_error("open", path, errno));
    DIR* stream = ::fdopendir(fd.get());
    if (stream == nullptr) return fail(os_error("open", path, errno));
    fd.release();
    std::vector<std::string> names;
    while (const dirent* entry = ::readdir(stream)) {
      const std::string name = entry->d_name;
      if (name != "." && name != "..") names.push_back(name);
    }
    ::closedir(stream);
    std::sort(names.begin(), names.end());
    for (const std::string& name : names) {
      Components child = target;
      child.push_back(name);
      struct stat child_st {};
      if (ns.is_mount_point(child)) {
        auto mounted = ns.lstat(child);
        if (std::holds_alternative<int>(mounted)) continue;
        child_st = std::get<struct stat>(mounted);
      } else if (::fstatat(stat_fd.get(), name.c_str(), &child_st, AT_SYMLINK_NOFOLLOW) != 0) {
        continue;  // removed meanwhile
      }
      entries.push_back({name, child_st});
    }
    dir = path;
  }
  std::string result = "[";
  for (const Entry& entry : entries) {
    if (!pattern.empty()) {
      bool bad = false;
      const bool matched = go_match(pattern, entry.name, bad);
      if (bad) return fail(generic_error("syntax error in pattern"));
      if (!matched) continue;
    }
    if (result.size() > 1) result += ',';
    // Pebble names an entry by its joined path: `/d/.` itself is named `d`, `/d/..` `/`.
    const std::string full = join_paths(dir, entry.name);
    append_file_info(result, full, base_of(full), entry.st, owners_);
  }
  result += ']';
  return sync_response_text(result);
}

Response Files::read(const std::vector<std::string>& paths) {
  const Namespace ns(root_, mounts_);
  std::string boundary = "scenario-pebble-" + std::to_string(++boundary_counter_);
  std::vector<std::pair<std::string, std::string>> contents;  // path -> bytes
  Json result = Json::array();
  for (const std::string& path : paths) {
    auto read_one = [&]() -> std::optional<FileError> {
      if (!is_absolute(path)) return generic_error("paths must be absolute, got " + go_quote(path));
      auto resolved = ns.find(path, true);
      if (const int* err = std::get_if<int>(&resolved)) return os_error("stat", path, *err);
      const Namespace::Found& found = std::get<Namespace::Found>(resolved);
      if (found.stat_error != 0) return os_error("stat", path, found.stat_error);
      const Namespace::Location& loc = found.location;
      if (!S_ISREG(found.st.st_mode)) {
        return generic_error("can only read a regular file: " + go_quote(path));
      }
      Fd file(::openat(loc.dir.get(), loc.name.c_str(),
                       O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC));
      if (!file.valid()) return os_error("open", path, errno);
      std::string data;
      char buffer[65536];
      while (true) {
        const ssize_t n = ::read(file.get(), buffer, sizeof buffer);
        if (n < 0) {
          if (errno == EINTR) continue;
          return os_error("read", path, errno);
        }
        if (n == 0) break;
        data.append(buffer, static_cast<std::size_t>(n));
      }
      contents.emplace_back(path, std::move(data));
      return std::nullopt;
    };
    Json item = {{"path", path}};
    if (auto error = read_one()) item["error"] = error_json(*error);
    result.push_back(std::move(item));
  }
  // The boundary must not occur in any file.
  auto collides = [&]() {
    return std::any_of(contents.begin(), contents.end(),
                       [&](const auto& c) { return c.second.find(boundary) != std::string::npos; });
  };
  while (collides()) boundary += "-" + std::to_string(++boundary_counter_);
  MultipartWriter writer(boundary);
  for (const auto& [path, data] : contents) {
    writer.add_part({{"Content-Disposition",
                      "form-data; name=\"files\"; filename=\"" + escape_quotes(path) + "\""},
                     {"Content-Type", "application/octet-stream"}},
                    data);
  }
  writer.add_part({{"Content-Disposition", "form-data; name=\"response\""},
                   {"Content-Type", "application/json"}},
                  envelope_text("sync", 200, result) + "\n");
  Response response;
  response.status = 200;
  response.headers.emplace_back("Content-Type", "multipart/form-data; boundary=" + boundary);
  response.body = writer.finish();
  return response;
}

Response Files::post(const Request& request) {
  const auto content_type = request.headers.find("content-type");
  const std::string type_text = content_type == request.headers.end() ? "" : content_type->second;
  const auto media = parse_media_type(type_text);
  if (!media) return error_response(400, "invalid Content-Type " + go_quote(type_text));
  if (media->type == "multipart/form-data") {
    const auto boundary = media->params.find("boundary");
    const std::string value = boundary == media->params.end() ? "" : boundary->second;
    // Pebble's minBoundaryLength.
    if (value.size() < 32) return error_response(400, "invalid boundary " + go_quote(value));
    ensure_root();
    return write(request);
  }
  if (media->type == "application/json") {
    std::string error;
    const auto body = parse_body(request.body, error);
    if (!body || !body->is_object()) {
      return error_response(400,
                            "cannot decode request body: " + (body ? "expected an object" : error));
    }
    const std::string action = string_field(*body, "action");
    ensure_root();
    if (action == "make-dirs") return make_dirs(body->value("dirs", Json::array()));
    if (action == "remove") return remove(body->value("paths", Json::array()));
    if (action == "write") return error_response(400, R"(must use multipart with "write" action)");
    return error_response(400, "invalid action " + go_quote(action));
  }
  return error_response(400, "invalid media type " + go_quote(media->type));
}

namespace {

// Makes the directory `name` in `dir` with `perm`; `cand` in messages is what Pebble names.
std::optional<FileError> make_dir_in(int dir, const std::string& name, const std::string& cand,
                                     mode_t perm) {
  if (::mkdirat(dir, name.c_str(), perm) != 0) return os_error("mkdir", cand, errno);
  // mkdirat applies the umask; Pebble chmods explicitly. Through an O_NOFOLLOW descriptor,
  // so a link swapped in meanwhile is never followed out of the root.
  const Fd made(::openat(dir, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  if (!made.valid()) return os_error("mkdir", cand, errno);
  ::fchmod(made.get(), perm);
  return std::nullopt;
}

// One directory level, created with `perm`. `found` is what resolving `path` found
// missing: where it was missing is where it is made, unless that is not the place of
// `path`'s own name (a followed symlink, a mount point whose source is missing); then
// the level is made where its parent resolves.
std::optional<FileError> make_one_dir(const Namespace& ns, const std::string& path,
                                      const Namespace::Found& found, mode_t perm) {
  const std::string cand = path + ".mkdir-new";
  const std::string name = base_of(path);
  if (found.location.dir.valid() && !found.followed_last && !found.path.empty() &&
      !ns.is_mount_point(found.path)) {
    return make_dir_in(found.location.dir.get(), found.location.name, cand, perm);
  }
  auto parent = ns.find(dir_of(path), true);
  if (const int* err = std::get_if<int>(&parent)) return os_error("mkdir", cand, *err);
  const Namespace::Found& dir = std::get<Namespace::Found>(parent);
  if (dir.stat_error != 0) return os_error("mkdir", cand, dir.stat_error);
  if (!S_ISDIR(dir.st.st_mode)) return os_error("mkdir", cand, ENOTDIR);
  if (dir.location.name == ".") return make_dir_in(dir.location.dir.get(), name, cand, perm);
  const Fd fd(::openat(dir.location.dir.get(), dir.location.name.c_str(),
                       O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  if (!fd.valid()) return os_error("mkdir", cand, errno == ELOOP ? ENOTDIR : errno);
  return make_dir_in(fd.get(), name, cand, perm);
}

// Pebble's osutil.Mkdir; the directories it made are appended to `made`.
std::optional<FileError> make_dir(const Namespace& ns, const std::string& raw, mode_t perm,
                                  bool make_parents, bool exist_ok,
                                  std::vector<std::string>& made) {
  const std::string path = go_clean_path(raw);
  // A directory level: what resolving it found (stat_error ENOENT when it is missing).
  auto probe = [&](const std::string& p) -> std::variant<Namespace::Found, FileError> {
    auto resolved = ns.find(p, true);
    if (const int* err = std::get_if<int>(&resolved)) {
      // A level under a file is missing too, as os.Stat finds it: making it (or, with
      // parents, the file above it) is what fails, and names the place.
      if (*err != ENOENT && *err != ENOTDIR) return os_error("stat", p, *err);
      Namespace::Found missing;
      missing.stat_error = ENOENT;
      return missing;
    }
    Namespace::Found& found = std::get<Namespace::Found>(resolved);
    if (found.stat_error == 0 && !S_ISDIR(found.st.st_mode)) return os_error("mkdir", p, ENOTDIR);
    return std::move(found);
  };
  auto top = probe(path);
  if (auto* error = std::get_if<FileError>(&top)) return *error;
  const Namespace::Found& top_found = std::get<Namespace::Found>(top);
  if (top_found.stat_error == 0) {
    if (exist_ok) return std::nullopt;
    return os_error("mkdir", path, EEXIST);
  }
  auto make = [&](const std::string& level, const Namespace::Found& found) {
    auto error = make_one_dir(ns, level, found, perm);
    if (!error) made.push_back(level);
    return error;
  };
  if (!make_parents) return make(path, top_found);
  std::vector<std::string> levels;
  for (std::string p = dir_of(path); p != "/"; p = dir_of(p)) levels.push_back(p);
  std::reverse(levels.begin(), levels.end());
  for (const std::string& level : levels) {
    auto state = probe(level);
    if (auto* error = std::get_if<FileError>(&state)) return *error;
    const Namespace::Found& found = std::get<Namespace::Found>(state);
    if (found.stat_error == 0) continue;
    if (auto error = make(level, found)) return error;
  }
  // Had a parent been missing, `top_found` has no location and the parent is resolved
  // again, now that it exists.
  return make(path, top_found);
}

// Where Go's os.CreateTemp puts an atomic write's temporary file for `path`, with
// the random part left out: `<dir>/<base>.~` (`/d/f/` gives `/d/f/f.~`).
std::string temp_file_of(const std::string& path) {
  const std::string dir = dir_of(path);
  const std::string base = base_of(path);
  if (base == "/") return "/.~";
  return (dir == "/" ? "" : dir) + "/" + base + ".~";
}

// `name/` or `name/.`: a path the kernel only takes as a directory.
bool names_a_directory(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  const std::string_view last = path.substr(slash + 1);
  return last == "." || (last.empty() && go_clean_path(path) != "/");
}

// Go's os.LinkError text.
FileError rename_error(const std::string& from, const std::string& to, int err) {
  FileError error = os_error("rename", from, err);
  error.message = "rename " + from + " " + to + ": " + go_errno_text(err);
  return error;
}

// Writes all of `data` to `fd`: 0, or the errno of the write that failed.
int write_all(int fd, std::string_view data) {
  std::size_t written = 0;
  while (written < data.size()) {
    const ssize_t n = ::write(fd, data.data() + written, data.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    written += static_cast<std::size_t>(n);
  }
  return 0;
}

// Rewrites the mounted host file at `loc` with `body` and `perm`.
std::optional<FileError> write_in_place(const Namespace::Location& loc, const std::string& path,
                                        std::string_view body, mode_t perm) {
  Fd file(::openat(loc.dir.get(), loc.name.c_str(),
                   O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, perm));
  if (!file.valid()) return os_error("open", path, errno);
  if (const int err = write_all(file.get(), body)) return os_error("write", path, err);
  ::fchmod(file.get(), perm);
  return std::nullopt;
}

}  // namespace

Response Files::write(const Request& request) {
  const auto media = parse_media_type(request.headers.at("content-type"));
  std::string error;
  const auto parts = parse_multipart(request.body, media->params.at("boundary"), error);
  if (!parts || parts->empty()) {
    return error_response(400, "cannot read request metadata: " + (parts ? "EOF" : error));
  }
  const Part& meta = parts->front();
  if (meta.form_name() != "request") {
    return error_response(
        400, R"(metadata field name must be "request", got )" + go_quote(meta.form_name()));
  }
  const auto payload = parse_body(meta.body, error);
  if (!payload || !payload->is_object()) {
    return error_response(
        400, "cannot decode request metadata: " + (payload ? "expected an object" : error));
  }
  const std::string action = string_field(*payload, "action");
  if (action != "write") {
    return error_response(400, R"(multipart action must be "write", got )" + go_quote(action));
  }
  const Json files = payload->value("files", Json::array());
  if (!files.is_array() || files.empty())
    return error_response(400, "must specify one or more files");
  std::map<std::string, Json> infos;
  for (const Json& file : files) {
    if (file.is_object()) infos[string_field(file, "path")] = file;
  }
  const Namespace ns(root_, mounts_);
  std::map<std::string, std::optional<FileError>> errors;
  for (std::size_t i = 1; i < parts->size(); ++i) {
    const Part& part = (*parts)[i];
    if (part.form_name() != "files") {
      return error_response(400,
                            R"(field name must be "files", got )" + go_quote(part.form_name()));
    }
    const std::string path = part.filename();
    const auto info = infos.find(path);
    if (info == infos.end()) return error_response(400, "no metadata for path " + go_quote(path));
    // Owners asked for are recorded (and listed), not applied to host files.
    auto remember_owner = [this](const std::string& file_path, const FileOwner& owner) {
      if (has_owner(owner)) {
        owners_[go_clean_path(file_path)] = owner;
      } else {
        owners_.erase(go_clean_path(file_path));
      }
    };
    auto write_one = [&]() -> std::optional<FileError> {
      if (!is_absolute(path)) return generic_error("paths must be absolute, got " + go_quote(path));
      const Json& item = info->second;
      auto normalized = normalize_owner(owner_of(item));
      if (auto* failure = std::get_if<FileError>(&normalized)) return *failure;
      const FileOwner& owner = std::get<FileOwner>(normalized);
      if (bool_field(item, "make-dirs")) {
        std::vector<std::string> made;
        auto failure = make_dir(ns, dir_of(path), 0755, true, true, made);
        // Pebble chowns the directories it makes when both ids are known.
        if (owner.user_id && owner.group_id) {
          for (const std::string& dir : made) owners_[dir] = owner;
        }
        if (failure) {
          failure->message = "cannot create directory: " + failure->message;
          return failure;
        }
      }
      auto perm = parse_permissions(item, 0644);
      if (auto* failure = std::get_if<FileError>(&perm)) return *failure;
      const std::string base = base_of(path);
      if (base.find('*') != std::string::npos) {
        return generic_error("cannot create tempfile for filename containing '*': " +
                             go_quote(base));
      }
      const std::string temp_name = temp_file_of(path);
      if (names_a_directory(path)) {
        // The temporary file goes inside `name`: there is no such directory, or it is
        // made there and cannot be renamed over the directory.
        auto resolved = ns.find(path, true);
        const int* err = std::get_if<int>(&resolved);
        const int missing = err ? *err : std::get<Namespace::Found>(resolved).stat_error;
        if (missing != 0) return os_error("open", temp_name, missing);
        return rename_error(temp_name, path, EEXIST);
      }
      auto resolved = ns.find(path, false);
      if (const int* err = std::get_if<int>(&resolved)) return os_error("open", temp_name, *err);
      const Namespace::Found& found = std::get<Namespace::Found>(resolved);
      if (found.path.empty()) return os_error("open", temp_name, EISDIR);
      if (!found.location.dir.valid()) return os_error("open", temp_name, found.stat_error);
      const Namespace::Location& loc = found.location;
      // Go's os.Rename refuses to replace a directory (a mount point included).
      if (loc.name == "." || (found.stat_error == 0 && S_ISDIR(found.st.st_mode))) {
        return rename_error(temp_name, path, EEXIST);
      }
      const mode_t mode = std::get<mode_t>(perm);
      if (ns.is_file_mount(found.path)) {
        // A file mount is a bind mount: it cannot be renamed over, so it is rewritten in
        // place (the test's open handles on the host file see the new content).
        if (auto failure = write_in_place(loc, path, part.body, mode)) return failure;
        remember_owner(path, owner);
        return std::nullopt;
      }
      const std::string temp =
          loc.name.substr(0, kMaxName - 16) + "." + std::to_string(++boundary_counter_) + "~";
      if (found.stat_error == ENOENT) {
        // Nothing to replace: the file is made in place, as complete as a rename would
        // leave it (nothing runs in the container meanwhile), or not at all.
        Fd file(::openat(loc.dir.get(), loc.name.c_str(),
                         O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
        if (file.valid()) {
          if (const int err = write_all(file.get(), part.body)) {
            ::unlinkat(loc.dir.get(), loc.name.c_str(), 0);
            return os_error("write", temp_name, err);
          }
          ::fchmod(file.get(), mode);
          remember_owner(path, owner);
          return std::nullopt;
        }
        // Made meanwhile: replaced below, as an existing file is.
        if (errno != EEXIST) return os_error("open", temp_name, errno);
      }
      Fd file(::openat(loc.dir.get(), temp.c_str(),
                       O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600));
      if (!file.valid()) return os_error("open", temp_name, errno);
      if (const int err = write_all(file.get(), part.body)) {
        ::unlinkat(loc.dir.get(), temp.c_str(), 0);
        return os_error("write", temp_name, err);
      }
      ::fchmod(file.get(), mode);
      file.reset();
      if (::renameat(loc.dir.get(), temp.c_str(), loc.dir.get(), loc.name.c_str()) != 0) {
        const int err = errno;
        ::unlinkat(loc.dir.get(), temp.c_str(), 0);
        return rename_error(temp_name, path, err);
      }
      remember_owner(path, owner);
      return std::nullopt;
    };
    errors[path] = write_one();
  }
  Json result = Json::array();
  for (const Json& file : files) {
    const std::string path = file.is_object() ? string_field(file, "path") : "";
    Json item = {{"path", path}};
    const auto it = errors.find(path);
    if (it == errors.end()) {
      item["error"] = error_json(generic_error("no file content for path " + go_quote(path)));
    } else if (it->second) {
      item["error"] = error_json(*it->second);
    }
    result.push_back(std::move(item));
  }
  return sync_response(result);
}

Response Files::make_dirs(const Json& dirs) {
  const Namespace ns(root_, mounts_);
  Json result = Json::array();
  for (const Json& dir : dirs.is_array() ? dirs : Json::array()) {
    const std::string path = dir.is_object() ? string_field(dir, "path") : "";
    auto make = [&]() -> std::optional<FileError> {
      if (!is_absolute(path)) return generic_error("paths must be absolute, got " + go_quote(path));
      auto perm = parse_permissions(dir, 0755);
      if (auto* failure = std::get_if<FileError>(&perm)) return *failure;
      auto normalized = normalize_owner(owner_of(dir));
      if (auto* failure = std::get_if<FileError>(&normalized)) return *failure;
      const FileOwner& owner = std::get<FileOwner>(normalized);
      const bool parents = bool_field(dir, "make-parents");
      std::vector<std::string> made;
      auto failure = make_dir(ns, path, std::get<mode_t>(perm), parents, parents, made);
      // Pebble chowns what it made only when both ids are known; the names are recorded
      // as given (they are not looked up).
      for (const std::string& level : made) {
        if (level == go_clean_path(path) ? has_owner(owner) : owner.user_id && owner.group_id) {
          owners_[level] = owner;
        }
      }
      return failure;
    };
    Json item = {{"path", path}};
    if (auto error = make()) item["error"] = error_json(*error);
    result.push_back(std::move(item));
  }
  return sync_response(result);
}

namespace {

// Removes the directory `name` in `parent` and everything below it, never following a
// symlink and leaving mount points alone; returns the first mount point it met, if any.
int remove_tree(const Namespace& ns, int parent, const std::string& name, Components& path,
                std::string& busy) {
  Fd dir(::openat(parent, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  if (!dir.valid()) return errno;
  std::vector<std::pair<std::string, bool>> entries;
  {
    Fd listing(::dup(dir.get()));
    DIR* stream = listing.valid() ? ::fdopendir(listing.get()) : nullptr;
    if (stream == nullptr) return errno;
    listing.release();  // closedir closes it
    while (const dirent* entry = ::readdir(stream)) {
      const std::string child = entry->d_name;
      if (child == "." || child == "..") continue;
      struct stat st {};
      if (::fstatat(dir.get(), child.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) continue;
      entries.emplace_back(child, S_ISDIR(st.st_mode));
    }
    ::closedir(stream);
  }
  int result = 0;
  for (const auto& [child, is_dir] : entries) {
    path.push_back(child);
    if (ns.is_mount_point(path)) {
      if (busy.empty()) busy = join(path);
    } else if (is_dir) {
      const int err = remove_tree(ns, dir.get(), child, path, busy);
      if (err != 0 && result == 0) result = err;
    } else if (::unlinkat(dir.get(), child.c_str(), 0) != 0 && result == 0) {
      result = errno;
    }
    path.pop_back();
  }
  if (!busy.empty()) return EBUSY;
  if (::unlinkat(parent, name.c_str(), AT_REMOVEDIR) != 0 && result == 0) result = errno;
  return result;
}

}  // namespace

Response Files::remove(const Json& paths) {
  const Namespace ns(root_, mounts_);
  Json result = Json::array();
  for (const Json& entry : paths.is_array() ? paths : Json::array()) {
    const std::string path = entry.is_object() ? string_field(entry, "path") : "";
    const bool recursive = entry.is_object() && bool_field(entry, "recursive");
    auto remove_one = [&]() -> std::optional<FileError> {
      if (!is_absolute(path)) return generic_error("paths must be absolute, got " + go_quote(path));
      // Go's os.RemoveAll takes `name/` as `name`, and refuses `name/.`; os.Remove hands
      // either to the kernel, which does not follow a link in `name/` and cannot remove
      // `.`.
      std::string lookup = path;
      while (lookup.size() > 1 && lookup.back() == '/') lookup.pop_back();
      const bool ends_in_dot = lookup.ends_with("/.");
      if (recursive && ends_in_dot) {
        return generic_error("RemoveAll " + lookup + ": " + go_errno_text(EINVAL));
      }
      if (!recursive && names_a_directory(path)) {
        auto named = ends_in_dot ? ns.find(path, true) : ns.find(lookup, false);
        if (const int* err = std::get_if<int>(&named)) return os_error("remove", path, *err);
        const Namespace::Found& found = std::get<Namespace::Found>(named);
        if (found.stat_error != 0) return os_error("remove", path, found.stat_error);
        if (!S_ISDIR(found.st.st_mode)) return os_error("remove", path, ENOTDIR);
        if (ends_in_dot) return os_error("remove", path, EINVAL);
      }
      auto resolved = ns.resolve(lookup, false);
      if (const int* err = std::get_if<int>(&resolved)) {
        if (recursive && *err == ENOENT) return std::nullopt;
        return os_error(recursive ? "unlinkat" : "remove", path, *err);
      }
      Components target = std::get<Components>(resolved);
      if (target.empty() || ns.is_mount_point(target)) {
        return os_error(recursive ? "unlinkat" : "remove", path, EBUSY);
      }
      auto location = ns.locate(target);
      if (const int* err = std::get_if<int>(&location)) {
        if (recursive && *err == ENOENT) return std::nullopt;
        return os_error("remove", path, *err);
      }
      const auto& loc = std::get<Namespace::Location>(location);
      if (!recursive) {
        if (::unlinkat(loc.dir.get(), loc.name.c_str(), 0) == 0) return std::nullopt;
        int err = errno;
        if (::unlinkat(loc.dir.get(), loc.name.c_str(), AT_REMOVEDIR) == 0) return std::nullopt;
        // Go's os.Remove: rmdir on a file fails with ENOTDIR, so its error is the real one
        // otherwise.
        if (errno != ENOTDIR) err = errno;
        return os_error("remove", path, err);
      }
      struct stat st {};
      if (::fstatat(loc.dir.get(), loc.name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
        if (errno == ENOENT) return std::nullopt;
        return os_error("unlinkat", path, errno);
      }
      if (!S_ISDIR(st.st_mode)) {
        if (::unlinkat(loc.dir.get(), loc.name.c_str(), 0) != 0)
          return os_error("unlinkat", path, errno);
        return std::nullopt;
      }
      std::string busy;
      const int err = remove_tree(ns, loc.dir.get(), loc.name, target, busy);
      if (!busy.empty()) return os_error("unlinkat", busy, EBUSY);
      if (err != 0) return os_error("unlinkat", path, err);
      return std::nullopt;
    };
    Json item = {{"path", path}};
    if (auto error = remove_one()) {
      item["error"] = error_json(*error);
    } else {
      const std::string cleaned = go_clean_path(path);
      for (auto it = owners_.begin(); it != owners_.end();) {
        const bool below = it->first == cleaned ||
                           (it->first.size() > cleaned.size() && it->first.starts_with(cleaned) &&
                            (cleaned == "/" || it->first[cleaned.size()] == '/'));
        it = below ? owners_.erase(it) : std::next(it);
      }
    }
    result.push_back(std::move(item));
  }
  return sync_response(result);
}

}  // namespace scenario::pebble::detail
