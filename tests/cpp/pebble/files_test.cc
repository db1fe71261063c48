// SPDX-License-Identifier: Apache-2.0
// tests/cpp/pebble/files_test.cc: /v1/files push, pull, list, make-dirs and remove.

#include <fcntl.h>
#include <sys/stat.h>

#include <tuple>

#include "pebble_test_util.h"

namespace scenario::pebble {
namespace {

using testing::body_of;
using testing::list;
using testing::make_dir;
using testing::pull;
using testing::push;
using testing::remove_path;
using testing::TempDir;

class PebbleFiles : public ::testing::Test {
 protected:
  TempDir dir_;
  Container container_{.name = "web"};
  std::filesystem::path root_ = dir_.path() / "root";
};

TEST_F(PebbleFiles, PushThenPullRoundTripsBytes) {
  ContainerHandler handler(container_, root_);
  const std::string content("line\r\n--boundary\0binary", 23);
  EXPECT_FALSE(push(handler, "/etc/app.conf", content, {{"make-dirs", true}}).contains("error"));
  EXPECT_EQ(testing::read_host_file(root_ / "etc/app.conf"), content);
  const auto pulled = pull(handler, "/etc/app.conf");
  EXPECT_FALSE(pulled.item.contains("error"));
  EXPECT_EQ(pulled.content, content);
}

TEST_F(PebbleFiles, PushReplacesAnExistingFileAtomically) {
  ContainerHandler handler(container_, root_);
  push(handler, "/etc/app.conf", "old", {{"make-dirs", true}});
  // A reader holding the old file keeps reading it: the new content is a new file put in
  // its place, never the old one rewritten.
  std::ifstream reader(root_ / "etc/app.conf", std::ios::binary);
  EXPECT_FALSE(push(handler, "/etc/app.conf", "new content").contains("error"));
  std::string seen;
  std::getline(reader, seen);
  EXPECT_EQ(seen, "old");
  EXPECT_EQ(testing::read_host_file(root_ / "etc/app.conf"), "new content");
  // Nothing else is left in the directory.
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(root_ / "etc")) {
    names.push_back(entry.path().filename().string());
  }
  EXPECT_EQ(names, std::vector<std::string>{"app.conf"});
}

TEST_F(PebbleFiles, PushMakesEveryMissingLevel) {
  ContainerHandler handler(container_, root_);
  std::filesystem::create_directories(root_ / "a");
  ::chmod((root_ / "a").c_str(), 0700);
  EXPECT_FALSE(push(handler, "/a/b/c/f.txt", "x", {{"make-dirs", true}, {"permissions", "640"}})
                   .contains("error"));
  struct stat st {};
  ASSERT_EQ(::stat((root_ / "a").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);  // existing levels are left as they are
  for (const char* level : {"a/b", "a/b/c"}) {
    ASSERT_EQ(::stat((root_ / level).c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0755u) << level;
  }
  ASSERT_EQ(::stat((root_ / "a/b/c/f.txt").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0640u);
  EXPECT_EQ(testing::read_host_file(root_ / "a/b/c/f.txt"), "x");
}

TEST_F(PebbleFiles, PushAppliesPermissionsAndRecordsOwner) {
  ContainerHandler handler(container_, root_);
  push(handler, "/a.txt", "x", {{"permissions", "600"}, {"user-id", 10}, {"user", "app"}});
  struct stat st {};
  ASSERT_EQ(::stat((root_ / "a.txt").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  const Json info = body_of(list(handler, "/a.txt"))["result"][0];
  EXPECT_EQ(info["permissions"], "600");
  EXPECT_EQ(info["user-id"], 10);
  EXPECT_EQ(info["user"], "app");
  EXPECT_EQ(info["size"], 1);
  EXPECT_EQ(info["type"], "file");
}

TEST_F(PebbleFiles, PushWithBadPermissionsIsAPathError) {
  ContainerHandler handler(container_, root_);
  const Json item = push(handler, "/a.txt", "x", {{"permissions", "0644"}});
  EXPECT_EQ(item["error"]["kind"], "generic-file-error");
  EXPECT_EQ(item["error"]["message"], R"(permissions must be a 3-digit octal string, got "0644")");
}

TEST_F(PebbleFiles, PushWithoutParentIsNotFound) {
  ContainerHandler handler(container_, root_);
  const Json item = push(handler, "/no/such/dir/a.txt", "x");
  EXPECT_EQ(item["error"]["kind"], "not-found");
}

TEST_F(PebbleFiles, PushRelativePathIsGenericError) {
  ContainerHandler handler(container_, root_);
  const Json item = push(handler, "rel.txt", "x");
  EXPECT_EQ(item["error"]["message"], R"(paths must be absolute, got "rel.txt")");
}

TEST_F(PebbleFiles, PushNeedsALongBoundaryAndMetadata) {
  ContainerHandler handler(container_, root_);
  Request request = testing::push_request({{"path", "/a"}}, "x");
  request.headers["content-type"] = "multipart/form-data; boundary=short";
  EXPECT_EQ(body_of(handler.handle(request))["result"]["message"], R"(invalid boundary "short")");
  const Response missing = handler.handle(testing::push_request({{"path", "/a"}}, "x", "/b"));
  EXPECT_EQ(missing.status, 400);
  EXPECT_EQ(body_of(missing)["result"]["message"], R"(no metadata for path "/b")");
}

TEST_F(PebbleFiles, PullMissingFileIsNotFoundInResponsePart) {
  ContainerHandler handler(container_, root_);
  const auto pulled = pull(handler, "/missing");
  EXPECT_EQ(pulled.item["path"], "/missing");
  EXPECT_EQ(pulled.item["error"]["kind"], "not-found");
  EXPECT_EQ(pulled.item["error"]["message"], "stat /missing: no such file or directory");
  EXPECT_FALSE(pulled.content.has_value());
}

TEST_F(PebbleFiles, PullDirectoryIsGenericError) {
  ContainerHandler handler(container_, root_);
  std::filesystem::create_directories(root_ / "d");
  const auto pulled = pull(handler, "/d");
  EXPECT_EQ(pulled.item["error"]["kind"], "generic-file-error");
  EXPECT_EQ(pulled.item["error"]["message"], R"(can only read a regular file: "/d")");
}

TEST_F(PebbleFiles, PullRequiresMultipartAccept) {
  ContainerHandler handler(container_, root_);
  const Response response =
      handler.handle(testing::get("/v1/files", {{"action", "read"}, {"path", "/a"}}));
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(body_of(response)["result"]["message"], "must accept multipart/form-data");
}

TEST_F(PebbleFiles, ListDirectorySortedWithPattern) {
  ContainerHandler handler(container_, root_);
  testing::write_host_file(root_ / "d/b.txt", "bb");
  testing::write_host_file(root_ / "d/a.txt", "a");
  testing::write_host_file(root_ / "d/c.log", "c");
  const Json all = body_of(list(handler, "/d"))["result"];
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0]["path"], "/d/a.txt");
  EXPECT_EQ(all[2]["name"], "c.log");
  const Json txt = body_of(list(handler, "/d", {{"pattern", "*.txt"}}))["result"];
  ASSERT_EQ(txt.size(), 2u);
  EXPECT_EQ(txt[1]["name"], "b.txt");
  EXPECT_EQ(txt[1]["size"], 2);
  const Json itself = body_of(list(handler, "/d", {{"itself", "true"}}))["result"];
  ASSERT_EQ(itself.size(), 1u);
  EXPECT_EQ(itself[0]["type"], "directory");
  EXPECT_EQ(itself[0]["path"], "/d");
  // As Pebble: the entry's path joins the directory of the path asked for with the base
  // name of what it found, and its name is the base of that path (so a trailing slash
  // gives `/d/d`, as Go's os.Stat names `/d/` "d").
  for (const auto& [asked, path, name] : {std::tuple{"/d/.", "/d", "d"},
                                          {"/d/..", "/", "/"},
                                          {"/d/", "/d/d", "d"},
                                          {"/", "/", "/"}}) {
    const Json entry = body_of(list(handler, asked, {{"itself", "true"}}))["result"][0];
    EXPECT_EQ(entry["path"], path) << asked;
    EXPECT_EQ(entry["name"], name) << asked;
  }
}

TEST_F(PebbleFiles, ListWritesEveryFieldAsPebble) {
  ContainerHandler handler(container_, root_);
  push(handler, "/d/owned", "four", {{"make-dirs", true}, {"user", "app"}, {"group-id", 7}});
  std::filesystem::create_directories(root_ / "d/sub");
  // Names a filesystem allows but JSON must escape: quotes, markup, a byte that is not
  // UTF-8 (written as U+FFFD, so the body stays valid UTF-8 for the client's decoder).
  testing::write_host_file(root_ / "d" / "q\"<&>", "");
  testing::write_host_file(root_ / "d" / "raw\xff", "");
  const struct timespec times[2] = {{0, UTIME_OMIT}, {1700000000, 0}};
  ASSERT_EQ(::utimensat(AT_FDCWD, (root_ / "d/sub").c_str(), times, 0), 0);

  const Response response = list(handler, "/d");
  ASSERT_EQ(response.status, 200);
  const Json body = Json::parse(response.body);  // throws on invalid JSON or UTF-8
  EXPECT_EQ(body["type"], "sync");
  EXPECT_EQ(body["status-code"], 200);
  const Json& result = body["result"];
  ASSERT_EQ(result.size(), 4u);

  const Json& owned = result[0];
  EXPECT_EQ(owned["path"], "/d/owned");
  EXPECT_EQ(owned["name"], "owned");
  EXPECT_EQ(owned["type"], "file");
  EXPECT_EQ(owned["size"], 4);
  EXPECT_EQ(owned["permissions"], "644");
  EXPECT_TRUE(owned["user-id"].is_null());  // the push named the user only
  EXPECT_EQ(owned["user"], "app");
  EXPECT_EQ(owned["group-id"], 7);
  EXPECT_EQ(owned["group"], "");

  EXPECT_EQ(result[1]["name"], "q\"<&>");
  EXPECT_EQ(result[1]["path"], "/d/q\"<&>");
  EXPECT_NE(response.body.find(R"("q\"\u003c\u0026\u003e")"), std::string::npos);
  EXPECT_EQ(result[2]["name"], "raw\xef\xbf\xbd");

  const Json& sub = result[3];
  EXPECT_EQ(sub["type"], "directory");
  EXPECT_FALSE(sub.contains("size"));  // only regular files have one
  EXPECT_EQ(sub["permissions"], "755");
  EXPECT_EQ(sub["last-modified"], "2023-11-14T22:13:20Z");
  EXPECT_EQ(sub["user-id"], 0);  // what Pebble made is root's
  EXPECT_EQ(sub["user"], "root");
  EXPECT_EQ(sub["group-id"], 0);
  EXPECT_EQ(sub["group"], "root");
}

TEST_F(PebbleFiles, ListErrorsUseHttpStatusAndKind) {
  ContainerHandler handler(container_, root_);
  const Response missing = list(handler, "/nope");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(body_of(missing)["result"]["kind"], "not-found");
  EXPECT_EQ(body_of(missing)["status"], "Not Found");
  const Response relative = list(handler, "nope");
  EXPECT_EQ(relative.status, 400);
  EXPECT_EQ(body_of(relative)["result"]["message"], R"(path must be absolute, got "nope")");
  EXPECT_FALSE(body_of(relative)["result"].contains("kind"));
  std::filesystem::create_directories(root_ / "d");
  const Response bad_pattern = list(handler, "/d/..", {{"pattern", "[a"}});
  EXPECT_EQ(bad_pattern.status, 400);
  EXPECT_EQ(body_of(bad_pattern)["result"]["message"], "syntax error in pattern");
  // Go reports a malformed rest of the pattern even when a name stops matching before it,
  // and after a trailing star.
  testing::write_host_file(root_ / "d" / "a", "");
  for (const char* pattern : {"b[", "a*[", "b\\"}) {
    const Response response = list(handler, "/d", {{"pattern", pattern}});
    EXPECT_EQ(response.status, 400) << pattern;
    EXPECT_EQ(body_of(response)["result"]["message"], "syntax error in pattern") << pattern;
  }
}

TEST_F(PebbleFiles, MakeDirsWithAndWithoutParents) {
  ContainerHandler handler(container_, root_);
  const Json no_parent = make_dir(handler, {{"path", "/a/b"}});
  EXPECT_EQ(no_parent["error"]["kind"], "not-found");
  EXPECT_FALSE(make_dir(handler, {{"path", "/a/b"}, {"make-parents", true}, {"permissions", "700"}})
                   .contains("error"));
  struct stat st {};
  ASSERT_EQ(::stat((root_ / "a/b").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);
  const Json exists = make_dir(handler, {{"path", "/a/b"}});
  EXPECT_EQ(exists["error"]["message"], "mkdir /a/b: file exists");
  EXPECT_FALSE(make_dir(handler, {{"path", "/a/b"}, {"make-parents", true}}).contains("error"));
  testing::write_host_file(root_ / "f", "x");
  EXPECT_EQ(make_dir(handler, {{"path", "/f"}, {"make-parents", true}})["error"]["message"],
            "mkdir /f: not a directory");
}

TEST_F(PebbleFiles, RemoveFileDirectoryAndTree) {
  ContainerHandler handler(container_, root_);
  testing::write_host_file(root_ / "t/x/y.txt", "y");
  const Json not_empty = remove_path(handler, "/t", false);
  EXPECT_EQ(not_empty["error"]["message"], "remove /t: directory not empty");
  EXPECT_EQ(not_empty["error"]["kind"], "generic-file-error");
  EXPECT_EQ(remove_path(handler, "/missing", false)["error"]["kind"], "not-found");
  EXPECT_FALSE(remove_path(handler, "/missing", true).contains("error"));
  EXPECT_FALSE(remove_path(handler, "/t/x/y.txt", false).contains("error"));
  EXPECT_FALSE(remove_path(handler, "/t", true).contains("error"));
  EXPECT_FALSE(std::filesystem::exists(root_ / "t"));
}

// `name/` and `name/.` name a directory, as the kernel takes them: a file or a link to
// one there is ENOTDIR, and the last step of a remove neither follows a link nor takes `.`.
TEST_F(PebbleFiles, TrailingSlashOrDotNamesADirectory) {
  ContainerHandler handler(container_, root_);
  testing::write_host_file(root_ / "m/f", "file");
  std::filesystem::create_directories(root_ / "m/d");
  std::filesystem::create_directories(root_ / "m/e");
  std::filesystem::create_symlink("/m/d", root_ / "m/ld");
  for (const char* path : {"/m/f/", "/m/f/."}) {
    EXPECT_EQ(pull(handler, path).item["error"]["message"],
              std::string("stat ") + path + ": not a directory");
    const Response listed = list(handler, path);
    EXPECT_EQ(listed.status, 400) << path;
    EXPECT_EQ(body_of(listed)["result"]["message"],
              std::string("stat ") + path + ": not a directory");
  }
  EXPECT_EQ(remove_path(handler, "/m/f/")["error"]["message"], "remove /m/f/: not a directory");
  EXPECT_EQ(remove_path(handler, "/m/ld/")["error"]["message"], "remove /m/ld/: not a directory");
  EXPECT_EQ(remove_path(handler, "/m/e/.")["error"]["message"], "remove /m/e/.: invalid argument");
  EXPECT_EQ(remove_path(handler, "/m/e/.", true)["error"]["message"],
            "RemoveAll /m/e/.: invalid argument");
  EXPECT_EQ(remove_path(handler, "/m/nope/")["error"]["kind"], "not-found");
  EXPECT_TRUE(std::filesystem::exists(root_ / "m/f"));
  EXPECT_TRUE(std::filesystem::is_symlink(root_ / "m/ld"));
  EXPECT_TRUE(std::filesystem::exists(root_ / "m/e"));
  // A link to a directory is followed by a listing.
  EXPECT_EQ(list(handler, "/m/ld/").status, 200);
  // The atomic write's temporary file goes inside `name`.
  EXPECT_EQ(push(handler, "/m/f/", "x")["error"]["message"], "open /m/f/f.~: not a directory");
  EXPECT_EQ(push(handler, "/m/f/.", "x")["error"]["message"], "open /m/f/..~: not a directory");
  const Json missing = push(handler, "/m/new/", "x");
  EXPECT_EQ(missing["error"]["kind"], "not-found");
  EXPECT_EQ(missing["error"]["message"], "open /m/new/new.~: no such file or directory");
  EXPECT_EQ(push(handler, "/m/d/", "x")["error"]["message"], "rename /m/d/d.~ /m/d/: file exists");
  EXPECT_EQ(testing::read_host_file(root_ / "m/f"), "file");
  EXPECT_FALSE(std::filesystem::exists(root_ / "m/new"));
  EXPECT_TRUE(std::filesystem::is_empty(root_ / "m/d"));
  // A recursive remove takes `name/` as `name`, as Go's RemoveAll does.
  EXPECT_FALSE(remove_path(handler, "/m/f/", true).contains("error"));
  EXPECT_FALSE(std::filesystem::exists(root_ / "m/f"));
  EXPECT_FALSE(remove_path(handler, "/m/e/").contains("error"));
  EXPECT_FALSE(std::filesystem::exists(root_ / "m/e"));
}

TEST_F(PebbleFiles, PushOverADirectoryAndStarNamesFailAsInPebble) {
  ContainerHandler handler(container_, root_);
  std::filesystem::create_directories(root_ / "d");
  const Json over_dir = push(handler, "/d", "x");
  EXPECT_EQ(over_dir["error"]["kind"], "generic-file-error");
  EXPECT_EQ(over_dir["error"]["message"], "rename /d.~ /d: file exists");
  const Json star = push(handler, "/a*b", "x");
  EXPECT_EQ(star["error"]["message"],
            R"(cannot create tempfile for filename containing '*': "a*b")");
  EXPECT_FALSE(std::filesystem::exists(root_ / "a*b"));
}

TEST_F(PebbleFiles, MakingADirectoryUnderAFileNamesWhereItFailed) {
  ContainerHandler handler(container_, root_);
  testing::write_host_file(root_ / "m/f", "x");
  EXPECT_EQ(make_dir(handler, {{"path", "/m/f/sub"}})["error"]["message"],
            "mkdir /m/f/sub.mkdir-new: not a directory");
  EXPECT_EQ(make_dir(handler, {{"path", "/m/f/sub/x"}, {"make-parents", true}})["error"]["message"],
            "mkdir /m/f: not a directory");
  EXPECT_EQ(push(handler, "/m/f/sub/x", "x", {{"make-dirs", true}})["error"]["message"],
            "cannot create directory: mkdir /m/f: not a directory");
}

// Go's path.Match takes `?` and a class bound as a code point, not a byte.
TEST_F(PebbleFiles, PatternsMatchCodePoints) {
  ContainerHandler handler(container_, root_);
  testing::write_host_file(root_ / "d/\xc3\xa9", "");  // é
  testing::write_host_file(root_ / "d/ab", "");
  auto names = [&](const std::string& pattern) {
    std::vector<std::string> out;
    const Json body = body_of(list(handler, "/d", {{"pattern", pattern}}));
    for (const Json& info : body["result"]) out.push_back(info["name"]);
    return out;
  };
  EXPECT_EQ(names("?"), std::vector<std::string>{"\xc3\xa9"});
  EXPECT_EQ(names("[\xc3\xa9]"), std::vector<std::string>{"\xc3\xa9"});
  EXPECT_EQ(names("[\xc3\xa0-\xc3\xab]"), std::vector<std::string>{"\xc3\xa9"});
  EXPECT_EQ(names("[^a]"), std::vector<std::string>{"\xc3\xa9"});
  EXPECT_EQ(names("??"), std::vector<std::string>{"ab"});
  // A class bound that is not UTF-8 is a syntax error.
  EXPECT_EQ(body_of(list(handler, "/d", {{"pattern", "[\xc3]"}}))["result"]["message"],
            "syntax error in pattern");
}

TEST_F(PebbleFiles, OwnersAreCheckedAsPebbleChecksThem) {
  ContainerHandler handler(container_, root_);
  auto error_of = [&](const Json& owner) {
    const Json item = push(handler, "/a.txt", "x", owner);
    return item.contains("error") ? item["error"]["message"].get<std::string>() : "";
  };
  EXPECT_EQ(error_of({{"group-id", 0}}),
            "cannot look up user and group: must specify user, not just group");
  EXPECT_EQ(error_of({{"group", "root"}}),
            "cannot look up user and group: must specify user, not just group");
  EXPECT_EQ(error_of({{"user", "root"}, {"user-id", 5}}),
            R"(cannot look up user and group: user "root" UID (0) does not match user-id (5))");
  EXPECT_EQ(error_of({{"user", "root"}, {"group", "root"}, {"group-id", 7}}),
            R"(cannot look up user and group: group "root" GID (0) does not match group-id (7))");
  EXPECT_FALSE(std::filesystem::exists(root_ / "a.txt"));
  // Root's primary group is filled in, and names follow ids 0.
  EXPECT_EQ(error_of({{"user-id", 0}}), "");
  const Json info = body_of(list(handler, "/a.txt"))["result"][0];
  EXPECT_EQ(info["user-id"], 0);
  EXPECT_EQ(info["user"], "root");
  EXPECT_EQ(info["group-id"], 0);
  EXPECT_EQ(info["group"], "root");
  // Other names are not looked up: they are recorded as given.
  EXPECT_EQ(error_of({{"user", "app"}, {"group", "app"}}), "");
  const Json app = body_of(list(handler, "/a.txt"))["result"][0];
  EXPECT_EQ(app["user"], "app");
  EXPECT_EQ(app["user-id"], nullptr);
}

TEST_F(PebbleFiles, DirectoriesMadeForAPushTakeItsOwner) {
  ContainerHandler handler(container_, root_);
  EXPECT_FALSE(push(handler, "/a/b/f", "x",
                    {{"make-dirs", true}, {"user-id", 10}, {"user", "app"}, {"group-id", 20}})
                   .contains("error"));
  for (const char* dir : {"/a", "/a/b"}) {
    const Json info = body_of(list(handler, dir, {{"itself", "true"}}))["result"][0];
    EXPECT_EQ(info["user-id"], 10) << dir;
    EXPECT_EQ(info["group-id"], 20) << dir;
  }
}

TEST_F(PebbleFiles, JsonActionsAreValidated) {
  ContainerHandler handler(container_, root_);
  EXPECT_EQ(body_of(handler.handle(
                testing::post_json("/v1/files", {{"action", "write"}})))["result"]["message"],
            R"(must use multipart with "write" action)");
  EXPECT_EQ(body_of(handler.handle(
                testing::post_json("/v1/files", {{"action", "x"}})))["result"]["message"],
            R"(invalid action "x")");
  EXPECT_EQ(
      body_of(handler.handle(testing::get("/v1/files", {{"action", "x"}})))["result"]["message"],
      R"(invalid action "x")");
}

TEST_F(PebbleFiles, MountsMapToTheirSource) {
  const std::filesystem::path src = dir_.path() / "host-data";
  testing::write_host_file(src / "seed.txt", "seed");
  container_.mounts["data"] = {.location = "/var/lib/data", .src = src.string()};
  ContainerHandler handler(container_, root_);
  EXPECT_EQ(pull(handler, "/var/lib/data/seed.txt").content, "seed");
  push(handler, "/var/lib/data/new.txt", "new");
  EXPECT_EQ(testing::read_host_file(src / "new.txt"), "new");
  const Json listing = body_of(list(handler, "/var/lib"))["result"];
  ASSERT_EQ(listing.size(), 1u);
  EXPECT_EQ(listing[0]["name"], "data");
  EXPECT_EQ(listing[0]["type"], "directory");
  // The mount point itself cannot be removed.
  const Json busy = remove_path(handler, "/var/lib/data", true);
  EXPECT_EQ(busy["error"]["message"], "unlinkat /var/lib/data: device or resource busy");
  EXPECT_TRUE(std::filesystem::exists(src / "seed.txt"));
}

// In the root, a mount point is a link to the source, so a test looking at the container's
// filesystem sees the mounted files; a mount inside another one has no place of its own.
TEST_F(PebbleFiles, MountPointsInTheRootLinkToTheirSources) {
  const std::filesystem::path src = dir_.path() / "host-data";
  const std::filesystem::path inner = dir_.path() / "host-inner";
  testing::write_host_file(src / "seed.txt", "seed");
  testing::write_host_file(inner / "deep.txt", "deep");
  container_.mounts["inner"] = {.location = "/var/lib/data/in", .src = inner.string()};
  container_.mounts["data"] = {.location = "/var/lib/data", .src = src.string()};
  ContainerHandler handler(container_, root_);
  EXPECT_EQ(pull(handler, "/var/lib/data/in/deep.txt").content, "deep");
  ASSERT_TRUE(std::filesystem::is_symlink(root_ / "var/lib/data"));
  EXPECT_EQ(std::filesystem::read_symlink(root_ / "var/lib/data"), src);
  EXPECT_EQ(testing::read_host_file(root_ / "var/lib/data/seed.txt"), "seed");
  EXPECT_FALSE(std::filesystem::exists(src / "in"));
  // Requests reach the mount by its location, never through the link.
  const Json listing = body_of(list(handler, "/var/lib", {{"itself", "false"}}))["result"];
  EXPECT_EQ(listing[0]["type"], "directory");
  const Json removed = remove_path(handler, "/var/lib", true);
  EXPECT_EQ(removed["error"]["message"], "unlinkat /var/lib/data: device or resource busy");
  EXPECT_TRUE(std::filesystem::exists(src / "seed.txt"));
  EXPECT_TRUE(std::filesystem::exists(inner / "deep.txt"));
}

TEST_F(PebbleFiles, FileMountMapsToAHostFile) {
  const std::filesystem::path src = dir_.path() / "host.conf";
  testing::write_host_file(src, "conf");
  container_.mounts["conf"] = {.location = "/etc/app.conf", .src = src.string()};
  ContainerHandler handler(container_, root_);
  EXPECT_EQ(pull(handler, "/etc/app.conf").content, "conf");
  push(handler, "/etc/app.conf", "changed");
  EXPECT_EQ(testing::read_host_file(src), "changed");
}

TEST_F(PebbleFiles, PushToAFileMountRewritesTheHostFileInPlace) {
  // A bind-mounted file keeps its inode: open handles on the host see the new content.
  const std::filesystem::path src = dir_.path() / "host.conf";
  testing::write_host_file(src, "a much longer original content");
  struct stat before {};
  ASSERT_EQ(::stat(src.c_str(), &before), 0);
  container_.mounts["conf"] = {.location = "/etc/app.conf", .src = src.string()};
  ContainerHandler handler(container_, root_);
  EXPECT_FALSE(push(handler, "/etc/app.conf", "short", {{"permissions", "600"}}).contains("error"));
  struct stat after {};
  ASSERT_EQ(::stat(src.c_str(), &after), 0);
  EXPECT_EQ(after.st_ino, before.st_ino);
  EXPECT_EQ(after.st_mode & 0777, 0600u);
  EXPECT_EQ(testing::read_host_file(src), "short");
}

TEST_F(PebbleFiles, MountSourceLinksAreFollowedOnTheHost) {
  const std::filesystem::path src = dir_.path() / "real.conf";
  testing::write_host_file(src, "real");
  std::filesystem::create_symlink(src, dir_.path() / "alias.conf");
  container_.mounts["conf"] = {.location = "/etc/app.conf",
                               .src = (dir_.path() / "alias.conf").string()};
  ContainerHandler handler(container_, root_);
  EXPECT_EQ(pull(handler, "/etc/app.conf").content, "real");
}

}  // namespace
}  // namespace scenario::pebble
