// SPDX-License-Identifier: Apache-2.0
// tests/cpp/pebble/confinement_test.cc: no container path reaches outside the root and
// the mounts: `..`, absolute and relative symlinks, loops, NUL bytes, long paths.

#include <sys/resource.h>

#include "pebble_test_util.h"

namespace scenario::pebble {
namespace {

using testing::body_of;
using testing::list;
using testing::pull;
using testing::push;
using testing::TempDir;

class PebbleConfinement : public ::testing::Test {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(root_);
    testing::write_host_file(outside_ / "secret.txt", "secret");
  }
  Json make_dirs(ContainerHandler& handler, const std::string& path) {
    return testing::make_dir(handler, {{"path", path}, {"make-parents", true}});
  }

  TempDir dir_;
  Container container_{.name = "web"};
  std::filesystem::path root_ = dir_.path() / "root";
  std::filesystem::path outside_ = dir_.path() / "outside";
};

TEST_F(PebbleConfinement, DotDotStopsAtTheRoot) {
  ContainerHandler handler(container_, root_);
  EXPECT_FALSE(push(handler, "/../../outside/secret.txt", "overwritten", {{"make-dirs", true}})
                   .contains("error"));
  EXPECT_EQ(testing::read_host_file(outside_ / "secret.txt"), "secret");
  EXPECT_EQ(testing::read_host_file(root_ / "outside/secret.txt"), "overwritten");
  EXPECT_EQ(pull(handler, "/../outside/secret.txt").content, "overwritten");
}

TEST_F(PebbleConfinement, AbsoluteSymlinkResolvesInsideTheRoot) {
  std::filesystem::create_directory_symlink(outside_, root_ / "escape");
  ContainerHandler handler(container_, root_);
  const auto pulled = pull(handler, "/escape/secret.txt");
  EXPECT_EQ(pulled.item["error"]["kind"], "not-found");
  EXPECT_FALSE(pulled.content.has_value());
  EXPECT_EQ(list(handler, "/escape").status, 404);
  EXPECT_EQ(push(handler, "/escape/secret.txt", "x")["error"]["kind"], "not-found");
  EXPECT_EQ(testing::read_host_file(outside_ / "secret.txt"), "secret");
  // make-dirs through the dangling (in the container) link fails, as in Pebble.
  EXPECT_EQ(make_dirs(handler, "/escape/new")["error"]["kind"], "generic-file-error");
  EXPECT_FALSE(std::filesystem::exists(outside_ / "new"));
  EXPECT_TRUE(std::filesystem::is_symlink(root_ / "escape"));
}

TEST_F(PebbleConfinement, RelativeSymlinkCannotClimbOut) {
  std::filesystem::create_directories(root_ / "a");
  std::filesystem::create_directory_symlink("../../../../../../..", root_ / "a/up");
  ContainerHandler handler(container_, root_);
  const Json listing = body_of(list(handler, "/a/up"))["result"];
  // "/a/up" is "/" of the container: it holds "a" only.
  ASSERT_EQ(listing.size(), 1u);
  EXPECT_EQ(listing[0]["name"], "a");
  EXPECT_EQ(pull(handler, "/a/up/outside/secret.txt").item["error"]["kind"], "not-found");
}

TEST_F(PebbleConfinement, SymlinkedFileIsReplacedNotFollowedOnPush) {
  std::filesystem::create_symlink(outside_ / "secret.txt", root_ / "link");
  ContainerHandler handler(container_, root_);
  EXPECT_FALSE(push(handler, "/link", "mine").contains("error"));
  EXPECT_EQ(testing::read_host_file(outside_ / "secret.txt"), "secret");
  EXPECT_FALSE(std::filesystem::is_symlink(root_ / "link"));
  EXPECT_EQ(testing::read_host_file(root_ / "link"), "mine");
}

TEST_F(PebbleConfinement, MakeDirsDoesNotCreateThroughADanglingLastLink) {
  std::filesystem::create_symlink("/target", root_ / "link");
  ContainerHandler handler(container_, root_);
  EXPECT_EQ(make_dirs(handler, "/link")["error"]["message"], "mkdir /link.mkdir-new: file exists");
  EXPECT_FALSE(std::filesystem::exists(root_ / "target"));
  EXPECT_TRUE(std::filesystem::is_symlink(root_ / "link"));
  // Through a link that is not the last component, the directory is made where it leads.
  std::filesystem::create_directories(root_ / "real");
  std::filesystem::create_directory_symlink("/real", root_ / "via");
  EXPECT_FALSE(make_dirs(handler, "/via/new").contains("error"));
  EXPECT_TRUE(std::filesystem::is_directory(root_ / "real/new"));
}

TEST_F(PebbleConfinement, RecursiveRemoveDoesNotFollowSymlinks) {
  std::filesystem::create_directories(root_ / "d");
  std::filesystem::create_directory_symlink(outside_, root_ / "d/link");
  ContainerHandler handler(container_, root_);
  EXPECT_FALSE(testing::remove_path(handler, "/d", true).contains("error"));
  EXPECT_FALSE(std::filesystem::exists(root_ / "d"));
  EXPECT_EQ(testing::read_host_file(outside_ / "secret.txt"), "secret");
  std::filesystem::create_directory_symlink(outside_, root_ / "l2");
  EXPECT_FALSE(testing::remove_path(handler, "/l2", false).contains("error"));
  EXPECT_TRUE(std::filesystem::exists(outside_ / "secret.txt"));
}

TEST_F(PebbleConfinement, SymlinkLoopIsAnError) {
  std::filesystem::create_symlink("b", root_ / "a");
  std::filesystem::create_symlink("a", root_ / "b");
  ContainerHandler handler(container_, root_);
  const auto pulled = pull(handler, "/a");
  EXPECT_EQ(pulled.item["error"]["message"], "stat /a: too many levels of symbolic links");
  EXPECT_EQ(pulled.item["error"]["kind"], "generic-file-error");
  EXPECT_EQ(push(handler, "/a/x", "x")["error"]["kind"], "generic-file-error");
}

TEST_F(PebbleConfinement, NulBytesAreRejected) {
  ContainerHandler handler(container_, root_);
  const std::string path("/a\0/../../etc", 13);
  EXPECT_EQ(pull(handler, path).item["error"]["kind"], "generic-file-error");
  EXPECT_EQ(push(handler, path, "x")["error"]["kind"], "generic-file-error");
  EXPECT_EQ(list(handler, path).status, 400);
}

TEST_F(PebbleConfinement, OverlongPathsAreRejected) {
  ContainerHandler handler(container_, root_);
  const std::string long_name = "/" + std::string(300, 'x');
  EXPECT_EQ(push(handler, long_name, "x")["error"]["message"],
            "open " + long_name + ".~: file name too long");
  std::string deep;
  while (deep.size() < 5000) deep += "/abc";
  EXPECT_EQ(pull(handler, deep).item["error"]["message"], "stat " + deep + ": file name too long");
  std::string dots = "/";
  for (int i = 0; i < 2000; ++i) dots += "../";
  EXPECT_EQ(list(handler, dots).status, 400);
}

TEST_F(PebbleConfinement, SymlinkInsideAMountResolvesInTheContainer) {
  const std::filesystem::path src = dir_.path() / "mount-src";
  std::filesystem::create_directories(src);
  std::filesystem::create_symlink(outside_ / "secret.txt", src / "link");
  std::filesystem::create_directory_symlink("../../..", src / "up");
  container_.mounts["m"] = {.location = "/data", .src = src.string()};
  ContainerHandler handler(container_, root_);
  EXPECT_EQ(pull(handler, "/data/link").item["error"]["kind"], "not-found");
  // /data/up is the container's root, not the host's.
  EXPECT_EQ(pull(handler, "/data/up/outside/secret.txt").item["error"]["kind"], "not-found");
  // A link in the root to the mount reaches the mount.
  testing::write_host_file(src / "in.txt", "in");
  std::filesystem::create_symlink("/data/in.txt", root_ / "to-mount");
  EXPECT_EQ(pull(handler, "/to-mount").content, "in");
}

TEST_F(PebbleConfinement, DeepPathsHoldFewDescriptors) {
  std::string deep;
  for (int i = 0; i < 300; ++i) deep += "/d";
  testing::write_host_file(root_.string() + deep + "/f", "bottom");
  testing::write_host_file(root_ / "d/d/top", "top");
  ContainerHandler handler(container_, root_);
  std::string up;
  for (int i = 0; i < 298; ++i) up += "/..";
  // With fewer descriptors than the path has levels, resolution still reaches the end.
  rlimit saved{};
  ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &saved), 0);
  rlimit low = saved;
  low.rlim_cur = 100;
  ASSERT_EQ(::setrlimit(RLIMIT_NOFILE, &low), 0);
  const auto bottom = pull(handler, deep + "/f");
  const auto top = pull(handler, deep + up + "/top");
  const auto listed = list(handler, deep + up);
  ::setrlimit(RLIMIT_NOFILE, &saved);
  EXPECT_EQ(bottom.content, "bottom");
  EXPECT_EQ(top.content, "top");
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(body_of(listed)["result"].size(), 2u);  // d and top
}

TEST_F(PebbleConfinement, RootCannotBeRemoved) {
  ContainerHandler handler(container_, root_);
  push(handler, "/keep", "k");
  EXPECT_EQ(testing::remove_path(handler, "/", true)["error"]["message"],
            "unlinkat /: device or resource busy");
  EXPECT_EQ(testing::remove_path(handler, "/..", false)["error"]["message"],
            "remove /..: device or resource busy");
  EXPECT_TRUE(std::filesystem::exists(root_ / "keep"));
}

}  // namespace
}  // namespace scenario::pebble
