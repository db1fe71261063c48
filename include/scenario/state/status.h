// SPDX-License-Identifier: Apache-2.0
// scenario/state/status.h: unit and application workload status.

#ifndef SCENARIO_STATE_STATUS_H_
#define SCENARIO_STATE_STATUS_H_

#include <string>
#include <string_view>

namespace scenario {

/// A workload status as `status-get` reports it: a name and a message.
/// Names Juju accepts: active, blocked, maintenance, waiting, unknown, error.
struct Status {
  std::string name = "unknown";
  std::string message;

  bool operator==(const Status&) const = default;
};

/// True if `name` is one of the six status names Juju knows.
bool is_known_status_name(std::string_view name);

}  // namespace scenario

#endif  // SCENARIO_STATE_STATUS_H_
