// SPDX-License-Identifier: Apache-2.0
// hooktools/network_tools.cc: network-get, open-port, close-port and opened-ports.

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "go_text.h"
#include "tool.h"

namespace scenario::detail {
namespace {

bool binding_declared(const CharmSpec& spec, std::string_view binding) {
  if (spec.find_relation(binding) != nullptr) return true;
  return std::find(spec.extra_bindings.begin(), spec.extra_bindings.end(), binding) !=
         spec.extra_bindings.end();
}

// jujuc network-get.go resultToDisplay. Juju's YAML (smart) output also carries the
// pre-Juju-3 copies `address`, `macaddress` and `interfacename`; JSON does not. The
// display types are structs: fields in declaration order.
GoValue network_display(const Network& network, bool yaml_copies) {
  GoValue::Fields display;
  if (!network.bind_addresses.empty()) {
    std::vector<GoValue> binds;
    for (const BindAddress& bind : network.bind_addresses) {
      std::vector<GoValue> addresses;
      for (const Address& address : bind.addresses) {
        GoValue::Fields entry = {
            {"hostname", address.hostname}, {"value", address.value}, {"cidr", address.cidr}};
        // Juju's JSON never has the copy (`json:"-"`).
        if (yaml_copies) {
          entry.emplace_back("address", address.address.empty() ? address.value : address.address);
        }
        addresses.push_back(GoValue::go_struct(std::move(entry)));
      }
      const std::string mac = bind.mac_address.value_or("");
      GoValue::Fields entry = {{"mac-address", mac},
                               {"interface-name", bind.interface_name},
                               {"addresses", GoValue::list(std::move(addresses))}};
      if (yaml_copies) {
        entry.emplace_back("macaddress", mac);
        entry.emplace_back("interfacename", bind.interface_name);
      }
      binds.push_back(GoValue::go_struct(std::move(entry)));
    }
    display.emplace_back("bind-addresses", GoValue::list(std::move(binds)));
  }
  if (!network.egress_subnets.empty())
    display.emplace_back("egress-subnets", network.egress_subnets);
  if (!network.ingress_addresses.empty()) {
    display.emplace_back("ingress-addresses", network.ingress_addresses);
  }
  return GoValue::go_struct(std::move(display));
}

std::string first_address(const Network& network, std::string_view binding) {
  if (network.bind_addresses.front().addresses.empty()) {
    fail("no addresses attached to space for binding " + go_quote(binding));
  }
  return network.bind_addresses.front().addresses.front().value;
}

// One port or range as Juju parses it (core/network ParsePortRange and Validate).
struct PortRange {
  std::int64_t from = 0;
  std::int64_t to = 0;
  std::string protocol;
};

PortRange parse_port_range(std::string text) {
  // Juju: jujuc ports.go lowercases the argument first.
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  PortRange range{.protocol = "tcp"};
  std::string ports = text;
  if (const std::size_t slash = text.find('/'); slash != std::string::npos) {
    ports = text.substr(0, slash);
    range.protocol = text.substr(slash + 1);
  }
  // Ports are Go ints (64 bits); their bounds are checked after parsing.
  auto port_number = [](const std::string& part, const std::string& quoted) {
    const std::optional<std::int64_t> port = go_atoi64(part);
    if (!port) usage_error("invalid port " + go_quote(quoted) + ": " + go_atoi_error(part));
    return *port;
  };
  const std::size_t dash = ports.find('-');
  if (dash == std::string::npos) {
    if (ports == "icmp") {
      range.from = range.to = -1;
    } else {
      range.from = range.to = port_number(ports, ports);
    }
  } else {
    if (ports.find('-', dash + 1) != std::string::npos) {
      usage_error("invalid port range " + go_quote(ports));
    }
    const std::string from = ports.substr(0, dash);
    const std::string to = ports.substr(dash + 1);
    range.from = port_number(from, from);
    range.to = port_number(to, to);
  }
  if (range.from == -1) range.protocol = "icmp";
  if (range.protocol != "tcp" && range.protocol != "udp" && range.protocol != "icmp") {
    usage_error("invalid protocol " + go_quote(range.protocol) +
                ", expected \"tcp\", \"udp\", or \"icmp\"");
  }
  const std::string bounds = std::to_string(range.from) + "-" + std::to_string(range.to);
  if (range.protocol == "icmp") {
    if (range.from != -1 || range.to != -1) {
      usage_error("protocol \"icmp\" doesn't support any ports; got \"" +
                  std::to_string(range.from) + "\"");
    }
    return range;
  }
  if (range.from > range.to) usage_error("invalid port range " + bounds + "/" + range.protocol);
  if (range.from < 0 || range.from > 65535 || range.to < 0 || range.to > 65535) {
    usage_error("port range bounds must be between 0 and 65535, got " + bounds);
  }
  return range;
}

// The Port a port-tool argument names. What Juju accepts but a State Port cannot hold
// (a range of several ports, port 0) has no Port, only the reason.
struct PortArgument {
  std::optional<Port> port;
  std::string unsupported;
  bool port_zero = false;
};

PortArgument port_argument(ToolCall& call) {
  const auto& args = call.positionals();
  if (args.empty()) usage_error("no port or range specified");
  const PortRange range = parse_port_range(args.front());
  call.check_empty(1);
  if (range.protocol == "icmp") return {Port{"icmp", std::nullopt}, {}};
  if (range.from != range.to) {
    return {std::nullopt,
            "port ranges are not supported by scenario yet: " + go_quote(args.front())};
  }
  if (range.from == 0) {
    return {std::nullopt, "port 0 is not supported by scenario yet: " + go_quote(args.front()),
            true};
  }
  return {Port{range.protocol, static_cast<int>(range.from)}, {}};
}

std::string port_text(const Port& port) {
  if (port.protocol == "icmp" || !port.port) return port.protocol;
  return std::to_string(*port.port) + "/" + port.protocol;
}

}  // namespace

void run_network_get(ToolCall& call) {
  resolve_relation(call, /*required=*/false);
  const auto& args = call.positionals();
  if (args.empty()) usage_error("no arguments specified");
  const std::string& binding = args.front();
  if (binding.empty()) usage_error("no binding name specified");
  call.check_empty(1);
  const bool bind = call.args.is_set("bind-address");
  const bool ingress = call.args.is_set("ingress-address");
  const bool egress = call.args.is_set("egress-subnets");
  const bool primary = call.args.is_set("primary-address");

  // Juju: a binding is an endpoint or an extra-binding of the charm; any other name has
  // no network info (jujuc network-get.go Run).
  const SessionData& session = call.session;
  if (!binding_declared(*session.spec, binding)) {
    fail("no network config found for binding " + go_quote(binding));
  }
  Network network = make_default_network(binding);
  for (const Network& candidate : session.state.networks) {
    if (candidate.name == binding) network = candidate;
  }
  if (network.bind_addresses.empty()) {
    fail("no network config found for binding " + go_quote(binding));
  }

  if (primary) {
    if (bind || ingress || egress) fail("--primary-address must be the only flag specified");
    call.write(first_address(network, binding));
    return;
  }
  if (!bind && !ingress && !egress) {
    call.write(network_display(network, call.format != OutputFormat::kJson));
    return;
  }
  Json values = Json::object();
  if (egress) values["egress-subnets"] = network.egress_subnets;
  if (ingress) {
    values["ingress-address"] = network.ingress_addresses.empty()
                                    ? first_address(network, binding)
                                    : network.ingress_addresses.front();
  }
  if (bind) values["bind-address"] = first_address(network, binding);
  if (values.size() == 1) {
    const bool list = values.begin()->is_array();
    call.write(values.begin().value(), list ? GoShape::kStringList : GoShape::kAny);
    return;
  }
  call.write(values);
}

void run_open_port(ToolCall& call) {
  const PortArgument argument = port_argument(call);
  if (!argument.port) fail(argument.unsupported);
  const Port& port = *argument.port;
  // Juju: --endpoints narrows where the port is opened; the State does not model that.
  std::vector<Port>& opened = call.session.state.opened_ports;
  // Juju: opening an open port changes nothing.
  if (std::find(opened.begin(), opened.end(), port) == opened.end()) opened.push_back(port);
}

void run_close_port(ToolCall& call) {
  const PortArgument argument = port_argument(call);
  // Juju: closing a port that is not open changes nothing, and port 0 is never open
  // here. A range might overlap open ports, which Juju would check; not modelled.
  if (argument.port_zero) return;
  if (!argument.port) fail(argument.unsupported);
  std::vector<Port>& opened = call.session.state.opened_ports;
  opened.erase(std::remove(opened.begin(), opened.end(), *argument.port), opened.end());
}

void run_opened_ports(ToolCall& call) {
  call.check_empty();
  // Juju sorts by protocol, then port (core/network SortPortRanges).
  std::vector<Port> ports = call.session.state.opened_ports;
  std::sort(ports.begin(), ports.end(), [](const Port& a, const Port& b) {
    if (a.protocol != b.protocol) return a.protocol < b.protocol;
    return a.port.value_or(-1) < b.port.value_or(-1);
  });
  // With --endpoints Juju appends the endpoints each port is open for; ports here are
  // open for all of them, which Juju writes as `(*)`.
  const std::string suffix = call.args.is_set("endpoints") ? " (*)" : "";
  Json entries = Json::array();
  for (const Port& port : ports) entries.push_back(port_text(port) + suffix);
  call.write(entries, GoShape::kStringList);
}

}  // namespace scenario::detail
