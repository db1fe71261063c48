// SPDX-License-Identifier: Apache-2.0
// bindings/bind_files.cc: the directory trees a run empties (a container's filesystem)
// and a Context removes (its files), done by the engine without following links.

#include <nanobind/nanobind.h>
#include <nanobind/stl/string.h>

#include <string>

#include "bindings.h"
#include "scenario/common/directory_tree.h"

namespace nb = nanobind;

namespace scenario::bindings {

namespace {

/// `path` for the system calls, which would stop at a NUL byte and act on a prefix.
const std::string& checked(const std::string& path) {
  if (path.find('\0') != std::string::npos) {
    throw nb::value_error("a path cannot contain a NUL byte");
  }
  return path;
}

}  // namespace

void bind_files(nb::module_& m) {
  m.def(
      "empty_directory", [](const std::string& path) { detail::empty_directory(checked(path)); },
      nb::arg("path"),
      "Makes `path` an empty directory: made (with its parents) when missing, emptied "
      "otherwise, replaced when it is a file or a link. Links inside are removed, never "
      "followed; read-only directories are emptied too. Raises ScenarioRuntimeError "
      "naming what could not be made or removed, ValueError for a path with a NUL byte.");
  m.def(
      "remove_tree", [](const std::string& path) { detail::remove_tree(checked(path)); },
      nb::arg("path"),
      "Removes `path` with everything under it (nothing when it does not exist); a link "
      "is removed, not what it points to. Raises ScenarioRuntimeError naming what could "
      "not be removed, ValueError for a path with a NUL byte.");
}

}  // namespace scenario::bindings
