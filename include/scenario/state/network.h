// SPDX-License-Identifier: Apache-2.0
// scenario/state/network.h: what `network-get` reports for a binding.

#ifndef SCENARIO_STATE_NETWORK_H_
#define SCENARIO_STATE_NETWORK_H_

#include <optional>
#include <string>
#include <vector>

namespace scenario {

/// One address on a bound interface.
struct Address {
  std::string hostname;
  std::string value;
  std::string cidr;
  /// Juju's legacy spelling of `value`; reported as-is.
  std::string address;

  bool operator==(const Address&) const = default;
};

/// A network interface and its addresses.
struct BindAddress {
  std::string interface_name;
  std::vector<Address> addresses;
  std::optional<std::string> mac_address;

  bool operator==(const BindAddress&) const = default;
};

/// The network of one binding: an endpoint or extra-binding name.
struct Network {
  std::string name;
  std::vector<BindAddress> bind_addresses;
  std::vector<std::string> ingress_addresses;
  std::vector<std::string> egress_subnets;

  bool operator==(const Network&) const = default;
};

/// A minimal network for `name`, with the defaults of the Python `Network.default`:
/// private address 1.1.1.1, ingress 1.1.1.2, egress 1.1.1.2/32.
Network make_default_network(std::string name);

}  // namespace scenario

#endif  // SCENARIO_STATE_NETWORK_H_
