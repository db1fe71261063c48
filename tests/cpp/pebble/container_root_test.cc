// SPDX-License-Identifier: Apache-2.0
// tests/cpp/pebble/container_root_test.cc: a container's filesystem directory is made
// empty for a run, whatever an earlier run left in it, without following links out.

#include "scenario/pebble/container_root.h"

#include <sys/stat.h>

#include "pebble_test_util.h"
#include "scenario/errors.h"

namespace scenario::pebble {
namespace {

using testing::read_host_file;
using testing::TempDir;
using testing::write_host_file;

bool is_empty_directory(const std::filesystem::path& path) {
  return std::filesystem::is_directory(path) && std::filesystem::is_empty(path);
}

class ContainerRoot : public ::testing::Test {
 protected:
  TempDir dir_;
  std::filesystem::path root_ = dir_.path() / "containers" / "web";
  std::filesystem::path outside_ = dir_.path() / "outside";
};

TEST_F(ContainerRoot, MissingRootIsMadeWithItsParents) {
  reset_container_root(root_);
  EXPECT_TRUE(is_empty_directory(root_));
}

TEST_F(ContainerRoot, FilesAndNestedDirectoriesAreRemovedAndTheRootKept) {
  write_host_file(root_ / "etc" / "app" / "conf.d" / "a.conf", "a");
  write_host_file(root_ / "top.txt", "t");
  std::filesystem::create_directories(root_ / "empty");
  struct stat before{};
  ASSERT_EQ(::stat(root_.c_str(), &before), 0);

  reset_container_root(root_);

  EXPECT_TRUE(is_empty_directory(root_));
  struct stat after{};
  ASSERT_EQ(::stat(root_.c_str(), &after), 0);
  EXPECT_EQ(before.st_ino, after.st_ino);
}

TEST_F(ContainerRoot, LinksAreRemovedNotFollowed) {
  write_host_file(outside_ / "keep" / "secret.txt", "secret");
  std::filesystem::create_directories(root_);
  std::filesystem::create_directory_symlink(outside_ / "keep", root_ / "to-dir");
  std::filesystem::create_symlink(outside_ / "keep" / "secret.txt", root_ / "to-file");
  std::filesystem::create_symlink(root_ / "missing", root_ / "dangling");

  reset_container_root(root_);

  EXPECT_TRUE(is_empty_directory(root_));
  EXPECT_EQ(read_host_file(outside_ / "keep" / "secret.txt"), "secret");
}

TEST_F(ContainerRoot, ReadOnlyAndUnlistableDirectoriesAreEmptied) {
  write_host_file(root_ / "ro" / "f", "x");
  write_host_file(root_ / "locked" / "inner" / "g", "y");
  std::filesystem::permissions(root_ / "ro", std::filesystem::perms::owner_read |
                                                 std::filesystem::perms::owner_exec);
  std::filesystem::permissions(root_ / "locked", std::filesystem::perms::none);

  reset_container_root(root_);

  EXPECT_TRUE(is_empty_directory(root_));
}

TEST_F(ContainerRoot, RootThatIsAFileOrALinkIsReplaced) {
  write_host_file(root_, "not a directory");
  reset_container_root(root_);
  EXPECT_TRUE(is_empty_directory(root_));

  std::filesystem::remove(root_);
  write_host_file(outside_ / "kept.txt", "kept");
  std::filesystem::create_directory_symlink(outside_, root_);
  reset_container_root(root_);
  EXPECT_FALSE(std::filesystem::is_symlink(root_));
  EXPECT_TRUE(is_empty_directory(root_));
  EXPECT_EQ(read_host_file(outside_ / "kept.txt"), "kept");
}

TEST_F(ContainerRoot, RootThatCannotBeMadeNamesThePath) {
  write_host_file(dir_.path() / "blocker", "a file where a directory should be");
  const std::filesystem::path root = dir_.path() / "blocker" / "web";
  try {
    reset_container_root(root);
    FAIL() << "expected ScenarioRuntimeError";
  } catch (const ScenarioRuntimeError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find(root.string()), std::string::npos) << message;
    EXPECT_NE(message.find("not a directory"), std::string::npos) << message;
  }
}

}  // namespace
}  // namespace scenario::pebble
