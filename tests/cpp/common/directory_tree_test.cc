// SPDX-License-Identifier: Apache-2.0
// common/directory_tree_test.cc: emptying and removing directory trees, whatever is in
// them, without following links out.

#include "scenario/common/directory_tree.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "scenario/errors.h"

namespace scenario::detail {
namespace {

namespace fs = std::filesystem;

void write_file(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

bool is_empty_directory(const fs::path& path) {
  return fs::is_directory(fs::symlink_status(path)) && fs::is_empty(path);
}

class DirectoryTree : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "directory-tree-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    base_ = pattern;
  }
  void TearDown() override {
    std::error_code error;
    for (auto it = fs::recursive_directory_iterator(base_, error);
         it != fs::recursive_directory_iterator(); it.increment(error)) {
      if (!it->is_symlink()) {
        fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, error);
      }
    }
    fs::remove_all(base_, error);
  }

  /// A tree an earlier run could leave: nested directories, an empty one, files, links
  /// out of the tree, a dangling link, a read-only and an unlistable directory.
  void fill(const fs::path& dir) {
    write_file(dir / "etc" / "app" / "conf.d" / "a.conf", "a");
    write_file(dir / "top.txt", "t");
    fs::create_directories(dir / "empty");
    fs::create_directory_symlink(outside(), dir / "to-dir");
    fs::create_symlink(outside() / "secret.txt", dir / "to-file");
    fs::create_symlink(dir / "missing", dir / "dangling");
    write_file(dir / "ro" / "f", "x");
    fs::permissions(dir / "ro", fs::perms::owner_read | fs::perms::owner_exec);
    write_file(dir / "locked" / "inner" / "g", "y");
    fs::permissions(dir / "locked", fs::perms::none);
  }

  fs::path outside() {
    const fs::path dir = base_ / "outside";
    if (!fs::exists(dir / "secret.txt")) write_file(dir / "secret.txt", "secret");
    return dir;
  }

  fs::path base_;
};

TEST_F(DirectoryTree, EmptyMakesAMissingDirectoryWithItsParents) {
  const fs::path dir = base_ / "containers" / "web";
  empty_directory(dir);
  EXPECT_TRUE(is_empty_directory(dir));
}

TEST_F(DirectoryTree, EmptyRemovesEverythingAndKeepsTheDirectory) {
  const fs::path dir = base_ / "web";
  fill(dir);
  struct stat before {};
  ASSERT_EQ(::stat(dir.c_str(), &before), 0);

  empty_directory(dir);

  EXPECT_TRUE(is_empty_directory(dir));
  struct stat after {};
  ASSERT_EQ(::stat(dir.c_str(), &after), 0);
  EXPECT_EQ(before.st_ino, after.st_ino);
  EXPECT_EQ(read_file(outside() / "secret.txt"), "secret");  // links removed, not followed
}

TEST_F(DirectoryTree, EmptyReplacesAFileOrALink) {
  const fs::path dir = base_ / "web";
  write_file(dir, "not a directory");
  empty_directory(dir);
  EXPECT_TRUE(is_empty_directory(dir));

  fs::remove(dir);
  fs::create_directory_symlink(outside(), dir);
  empty_directory(dir);
  EXPECT_TRUE(is_empty_directory(dir));
  EXPECT_EQ(read_file(outside() / "secret.txt"), "secret");
}

TEST_F(DirectoryTree, EmptyThatCannotMakeTheDirectoryNamesIt) {
  write_file(base_ / "blocker", "a file where a directory should be");
  const fs::path dir = base_ / "blocker" / "web";
  try {
    empty_directory(dir);
    FAIL() << "expected ScenarioRuntimeError";
  } catch (const ScenarioRuntimeError& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("cannot empty '" + dir.string() + "'"), std::string::npos) << message;
    EXPECT_NE(message.find("not a directory"), std::string::npos) << message;
  }
}

TEST_F(DirectoryTree, RemoveTakesTheWholeTree) {
  const fs::path dir = base_ / "scenario-ctx";
  fill(dir / "charm");
  write_file(dir / "charm" / "metadata.yaml", "name: x\n");

  remove_tree(dir);

  EXPECT_FALSE(fs::exists(fs::symlink_status(dir)));
  EXPECT_EQ(read_file(outside() / "secret.txt"), "secret");
}

TEST_F(DirectoryTree, RemoveOfALinkOrAFileRemovesOnlyIt) {
  fs::create_directory_symlink(outside(), base_ / "link");
  write_file(base_ / "file", "f");

  remove_tree(base_ / "link");
  remove_tree(base_ / "file");

  EXPECT_FALSE(fs::exists(fs::symlink_status(base_ / "link")));
  EXPECT_FALSE(fs::exists(base_ / "file"));
  EXPECT_EQ(read_file(outside() / "secret.txt"), "secret");
}

TEST_F(DirectoryTree, RemoveOfNothingDoesNothing) {
  EXPECT_NO_THROW(remove_tree(base_ / "never-made"));
  EXPECT_TRUE(fs::is_directory(base_));
}

}  // namespace
}  // namespace scenario::detail
