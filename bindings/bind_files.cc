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

void bind_files(nb::module_& m) {
  m.def(
      "empty_directory", [](const std::string& path) { detail::empty_directory(path); },
      nb::arg("path"),
      "Makes `path` an empty directory: made (with its parents) when missing, emptied "
      "otherwise, replaced when it is a file or a link. Links inside are removed, never "
      "followed; read-only directories are emptied too. Raises ScenarioRuntimeError "
      "naming what could not be made or removed.");
  m.def(
      "remove_tree", [](const std::string& path) { detail::remove_tree(path); }, nb::arg("path"),
      "Removes `path` with everything under it (nothing when it does not exist); a link "
      "is removed, not what it points to. Raises ScenarioRuntimeError naming what could "
      "not be removed.");
}

}  // namespace scenario::bindings
