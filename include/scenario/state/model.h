// SPDX-License-Identifier: Apache-2.0
// scenario/state/model.h: the Juju model the unit lives in.

#ifndef SCENARIO_STATE_MODEL_H_
#define SCENARIO_STATE_MODEL_H_

#include <string>

namespace scenario {

/// The Juju model. Defaults are fixed (not random) so runs are reproducible.
struct Model {
  std::string name = "test-model";
  std::string uuid = "00000000-0000-4000-8000-000000000000";
  /// `kubernetes` or `lxd` (machine models).
  std::string type = "kubernetes";

  bool operator==(const Model&) const = default;
};

}  // namespace scenario

#endif  // SCENARIO_STATE_MODEL_H_
