// SPDX-License-Identifier: Apache-2.0
// common/directory_tree_test.cc: emptying and removing directory trees, whatever is in
// them, without following links out.

#include "scenario/common/directory_tree.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <exception>
#include <filesystem>
#include <fstream>
#include <functional>
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

constexpr uid_t kNobody = 65534;

/// Gives `tree` to the unprivileged user `as_unprivileged` runs as, when running as root.
void hand_over(const fs::path& tree) {
  if (::geteuid() != 0) return;
  ::lchown(tree.c_str(), kNobody, kNobody);
  for (const auto& entry : fs::recursive_directory_iterator(tree)) {
    ::lchown(entry.path().c_str(), kNobody, kNobody);
  }
}

/// Runs `operation` as an unprivileged user and returns what it threw ("" when it did
/// not). Root ignores permissions, so as root (as in CI) the operation runs in a child
/// process switched to uid and gid 65534 (hand the tree over first); otherwise here.
std::string as_unprivileged(const std::function<void()>& operation) {
  if (::geteuid() != 0) {
    try {
      operation();
      return "";
    } catch (const std::exception& error) {
      return error.what();
    }
  }
  int channel[2];
  if (::pipe(channel) != 0) return "pipe failed";
  const pid_t child = ::fork();
  if (child == 0) {
    ::close(channel[0]);
    std::string message;
    if (::setgid(kNobody) != 0 || ::setuid(kNobody) != 0) {
      message = "cannot switch to an unprivileged user";
    } else {
      try {
        operation();
      } catch (const std::exception& error) {
        message = error.what();
      }
    }
    const ssize_t written = ::write(channel[1], message.data(), message.size());
    ::_exit(written == static_cast<ssize_t>(message.size()) ? 0 : 1);
  }
  ::close(channel[1]);
  std::string message;
  char buffer[512];
  for (ssize_t n; (n = ::read(channel[0], buffer, sizeof buffer)) > 0;) message.append(buffer, n);
  ::close(channel[0]);
  int status = 0;
  ::waitpid(child, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return "the unprivileged child failed";
  return message;
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
  const auto outside_mode = fs::status(outside()).permissions();

  hand_over(base_);
  EXPECT_EQ(as_unprivileged([&] { empty_directory(dir); }), "");

  EXPECT_TRUE(is_empty_directory(dir));
  EXPECT_EQ(fs::status(outside()).permissions(), outside_mode);
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

  hand_over(base_);
  EXPECT_EQ(as_unprivileged([&] { remove_tree(dir); }), "");

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

TEST_F(DirectoryTree, ReadableButNotSearchableDirectoryIsEmptied) {
  const fs::path dir = base_ / "web";
  write_file(dir / "listed" / "sub" / "f", "x");
  write_file(dir / "listed" / "g", "y");
  fs::permissions(dir / "listed", fs::perms::owner_read);
  hand_over(base_);
  EXPECT_EQ(as_unprivileged([&] { empty_directory(dir); }), "");
  EXPECT_TRUE(is_empty_directory(dir));
}

TEST_F(DirectoryTree, EntryThatCannotBeRemovedIsNamed) {
  if (::geteuid() != 0) {
    GTEST_SKIP() << "only root can make a tree its user cannot empty";
  }
  const fs::path dir = base_ / "web";
  write_file(dir / "theirs" / "kept.txt", "x");
  hand_over(base_);
  // Another user's directory, not writable by ours: its file cannot go.
  ::lchown((dir / "theirs").c_str(), 0, 0);
  fs::permissions(dir / "theirs", fs::perms::owner_all | fs::perms::group_read |
                                      fs::perms::group_exec | fs::perms::others_read |
                                      fs::perms::others_exec);
  const std::string message = as_unprivileged([&] { empty_directory(dir); });
  EXPECT_NE(message.find("cannot empty '" + dir.string() + "'"), std::string::npos) << message;
  EXPECT_NE(message.find("cannot remove '" + (dir / "theirs" / "kept.txt").string() + "'"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("permission denied"), std::string::npos) << message;
}

TEST_F(DirectoryTree, TooDeepATreeIsAnErrorNotACrash) {
  fs::path deep = base_ / "web";
  fs::create_directories(deep);
  // Made one level at a time relative to the last: the whole path is too long for
  // the kernel to take at once.
  int fd = ::open(deep.c_str(), O_RDONLY | O_DIRECTORY);
  ASSERT_GE(fd, 0);
  for (int i = 0; i < 4100; ++i) {
    ASSERT_EQ(::mkdirat(fd, "d", 0755), 0);
    const int next = ::openat(fd, "d", O_RDONLY | O_DIRECTORY);
    ::close(fd);
    ASSERT_GE(next, 0);
    fd = next;
  }
  ::close(fd);
  try {
    empty_directory(deep);
    FAIL() << "expected ScenarioRuntimeError";
  } catch (const ScenarioRuntimeError& error) {
    EXPECT_NE(std::string(error.what()).find("directories deep"), std::string::npos)
        << error.what();
  }
}

}  // namespace
}  // namespace scenario::detail
