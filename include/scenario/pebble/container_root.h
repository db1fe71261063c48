// SPDX-License-Identifier: Apache-2.0
// scenario/pebble/container_root.h: a container's filesystem directory, made empty at the
// start of a run (the State is the whole input: no file survives from an earlier run).

#ifndef SCENARIO_PEBBLE_CONTAINER_ROOT_H_
#define SCENARIO_PEBBLE_CONTAINER_ROOT_H_

#include <filesystem>

namespace scenario::pebble {

/// Makes `root_dir` an empty directory: creates it (and its parents) when missing,
/// removes everything it holds otherwise, replaces it when it is not a directory.
/// Symbolic links inside are removed, never followed, and directories the charm made
/// read-only are emptied too. The directory itself is kept: removing and making it
/// again would cost two more filesystem operations in every run.
///
/// Throws ScenarioRuntimeError naming the path that could not be made or removed.
void reset_container_root(const std::filesystem::path& root_dir);

}  // namespace scenario::pebble

#endif  // SCENARIO_PEBBLE_CONTAINER_ROOT_H_
