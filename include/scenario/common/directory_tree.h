// SPDX-License-Identifier: Apache-2.0
// scenario/common/directory_tree.h: emptying and removing the directories a run uses
// (a container's filesystem starts empty in each run; a Context's files go with it).
//
// Both work with *at calls on directory descriptors opened with O_NOFOLLOW: a link is
// removed, never followed. Each host call is a system call, and they are most of the
// time this takes, so entries are removed by name in the open directory and their type
// is read from the listing. Directories made read-only or unlistable (a charm may make
// them so through Pebble) are made writable and emptied.

#ifndef SCENARIO_COMMON_DIRECTORY_TREE_H_
#define SCENARIO_COMMON_DIRECTORY_TREE_H_

#include <filesystem>

namespace scenario::detail {

/// Makes `dir` an empty directory: creates it (and its parents) when missing, removes
/// everything it holds otherwise, replaces it when it is not a directory (a file, a
/// link). The directory itself is kept: removing and making it again would cost two
/// more system calls.
///
/// Throws ScenarioRuntimeError naming the path that could not be made or removed.
void empty_directory(const std::filesystem::path& dir);

/// Removes `path` with everything under it; nothing when it does not exist. A link is
/// removed, not what it points to.
///
/// Throws ScenarioRuntimeError naming the path that could not be removed.
void remove_tree(const std::filesystem::path& path);

}  // namespace scenario::detail

#endif  // SCENARIO_COMMON_DIRECTORY_TREE_H_
