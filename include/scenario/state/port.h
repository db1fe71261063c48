// SPDX-License-Identifier: Apache-2.0
// scenario/state/port.h: a port opened on the unit's host.

#ifndef SCENARIO_STATE_PORT_H_
#define SCENARIO_STATE_PORT_H_

#include <optional>
#include <string>

namespace scenario {

/// An opened port. `port` is required (1-65535) for tcp and udp, absent for icmp.
struct Port {
  std::string protocol = "tcp";
  std::optional<int> port;

  bool operator==(const Port&) const = default;
};

}  // namespace scenario

#endif  // SCENARIO_STATE_PORT_H_
