// SPDX-License-Identifier: Apache-2.0
// scenario/state/storage.h: an attached storage instance.

#ifndef SCENARIO_STATE_STORAGE_H_
#define SCENARIO_STATE_STORAGE_H_

#include <string>

namespace scenario {

/// An attached storage instance, `name/index` in Juju's spelling.
struct Storage {
  std::string name;
  int index = 0;

  bool operator==(const Storage&) const = default;
};

}  // namespace scenario

#endif  // SCENARIO_STATE_STORAGE_H_
