// SPDX-License-Identifier: Apache-2.0
// consistency/rules_entities.cc: containers, storage, resources, networks, secrets and
// opened ports against the spec and against each other.

#include <algorithm>
#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "context.h"
#include "rules.h"

namespace scenario::detail {

namespace {

// Reports the second and later items with a key an earlier item has.
template <typename T, typename KeyOf, typename Report>
void each_duplicate(const std::vector<T>& items, KeyOf key_of, Report report) {
  std::map<std::string, std::size_t> first;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto [it, inserted] = first.emplace(key_of(items[i]), i);
    if (!inserted) report(i, it->second);
  }
}

std::string hint_for(const std::vector<std::string>& declared, std::string_view name) {
  for (const std::string& candidate : declared) {
    if (same_name(candidate, name)) return " (did you mean " + in_quotes(candidate) + "?)";
  }
  return "";
}

template <typename T>
std::vector<std::string> names_of(const std::vector<T>& items) {
  std::vector<std::string> names;
  for (const T& item : items) names.push_back(item.name);
  return names;
}

// The largest instance count Juju's `multiple.range` allows (`3`, `1-3`, `2-`, `2+`);
// nullopt when unbounded. A storage without `multiple` has exactly one instance.
std::optional<int> max_instances(const StorageSpec& spec) {
  if (!spec.multiple_range) return 1;
  const std::string& range = *spec.multiple_range;
  if (range.empty() || range.back() == '+' || range.back() == '-') return std::nullopt;
  const std::size_t dash = range.find('-');
  const std::string upper = dash == std::string::npos ? range : range.substr(dash + 1);
  int value = 0;
  for (char c : upper) {
    if (c < '0' || c > '9' || value > 1000000) return std::nullopt;  // malformed: not ours
    value = value * 10 + (c - '0');
  }
  return value;
}

std::string port_text(const Port& port) {
  return port.port ? std::to_string(*port.port) + "/" + port.protocol : port.protocol;
}

}  // namespace

void check_container_undeclared(const CheckContext& ctx, Reporter& out) {
  for (std::size_t i = 0; i < ctx.state.containers.size(); ++i) {
    const Container& container = ctx.state.containers[i];
    if (ctx.spec.find_container(container.name) != nullptr) continue;
    out.report(path_key(path_index("containers", i), "name"),
               "container " + in_quotes(container.name) +
                   hint_for(names_of(ctx.spec.containers), container.name) +
                   " is not declared by the charm; declare it under 'containers' in metadata "
                   "or remove it from State.containers");
  }
}

void check_container_duplicate(const CheckContext& ctx, Reporter& out) {
  each_duplicate(
      ctx.state.containers, [](const Container& c) { return c.name; },
      [&](std::size_t i, std::size_t first) {
        out.report(path_key(path_index("containers", i), "name"),
                   "container " + in_quotes(ctx.state.containers[i].name) + " appears again (" +
                       path_index("containers", first) +
                       " is the first); container names are unique: merge them");
      });
}

void check_container_service_unknown(const CheckContext& ctx, Reporter& out) {
  for (std::size_t i = 0; i < ctx.state.containers.size(); ++i) {
    const Container& container = ctx.state.containers[i];
    for (const auto& [service, status] : container.service_status) {
      bool defined = false;
      for (const auto& [label, layer] : container.layers) {
        if (layer.services.contains(service)) defined = true;
      }
      if (defined) continue;
      out.report(path_key(path_key(path_index("containers", i), "service_status"), service),
                 "container " + in_quotes(container.name) + " gives a status to service " +
                     in_quotes(service) +
                     ", which none of its layers defines, so Pebble would not list it; add "
                     "the service to a layer or drop its status");
    }
  }
}

void check_storage_undeclared(const CheckContext& ctx, Reporter& out) {
  for (std::size_t i = 0; i < ctx.state.storage.size(); ++i) {
    const Storage& storage = ctx.state.storage[i];
    if (ctx.spec.find_storage(storage.name) != nullptr) continue;
    out.report(path_key(path_index("storage", i), "name"),
               "storage " + in_quotes(storage.name) +
                   hint_for(names_of(ctx.spec.storage), storage.name) +
                   " is not declared by the charm; declare it under 'storage' in metadata or "
                   "remove it from State.storage");
  }
}

void check_storage_duplicate(const CheckContext& ctx, Reporter& out) {
  each_duplicate(
      ctx.state.storage, [](const Storage& s) { return s.name + "/" + std::to_string(s.index); },
      [&](std::size_t i, std::size_t first) {
        const Storage& s = ctx.state.storage[i];
        out.report(path_key(path_index("storage", i), "index"),
                   "storage " + in_quotes(s.name + "/" + std::to_string(s.index)) +
                       " appears again (" + path_index("storage", first) +
                       " is the first); each name/index is one instance: give another index");
      });
}

void check_storage_index_invalid(const CheckContext& ctx, Reporter& out) {
  for (std::size_t i = 0; i < ctx.state.storage.size(); ++i) {
    const Storage& storage = ctx.state.storage[i];
    if (storage.index >= 0) continue;
    out.report(path_key(path_index("storage", i), "index"),
               "storage " + in_quotes(storage.name) + " has index " +
                   std::to_string(storage.index) +
                   ", and storage indexes are never negative; use 0 or more");
  }
}

void check_storage_count_exceeded(const CheckContext& ctx, Reporter& out) {
  std::map<std::string, int> count;
  for (std::size_t i = 0; i < ctx.state.storage.size(); ++i) {
    const Storage& storage = ctx.state.storage[i];
    const StorageSpec* spec = ctx.spec.find_storage(storage.name);
    if (spec == nullptr) continue;
    const std::optional<int> most = max_instances(*spec);
    if (!most || ++count[storage.name] != *most + 1) continue;
    out.report(path_index("storage", i),
               "storage " + in_quotes(storage.name) + " has more than " + std::to_string(*most) +
                   (*most == 1 ? " instance" : " instances") + ", but the charm declares " +
                   (spec->multiple_range ? "multiple range " + in_quotes(*spec->multiple_range)
                                         : std::string("no 'multiple' (one instance)")) +
                   "; remove instances or widen the range");
  }
}

void check_resource_undeclared(const CheckContext& ctx, Reporter& out) {
  for (const auto& [name, path] : ctx.state.resources) {
    if (ctx.spec.find_resource(name) != nullptr) continue;
    out.report(path_key("resources", name),
               "resource " + in_quotes(name) + hint_for(names_of(ctx.spec.resources), name) +
                   " is not declared by the charm; declare it under 'resources' in metadata "
                   "or drop it");
  }
}

void check_network_binding_undeclared(const CheckContext& ctx, Reporter& out) {
  const std::vector<std::string> bindings = binding_names(ctx.spec);
  for (std::size_t i = 0; i < ctx.state.networks.size(); ++i) {
    const Network& network = ctx.state.networks[i];
    if (std::find(bindings.begin(), bindings.end(), network.name) != bindings.end()) continue;
    out.report(path_key(path_index("networks", i), "name"),
               "network " + in_quotes(network.name) + hint_for(bindings, network.name) +
                   " is not a binding of the charm (an endpoint, juju-info or an "
                   "extra-binding), so network-get cannot ask for it; use a binding name or "
                   "declare it under 'extra-bindings'");
  }
}

void check_network_duplicate(const CheckContext& ctx, Reporter& out) {
  each_duplicate(
      ctx.state.networks, [](const Network& n) { return n.name; },
      [&](std::size_t i, std::size_t first) {
        out.report(path_key(path_index("networks", i), "name"),
                   "network " + in_quotes(ctx.state.networks[i].name) + " appears again (" +
                       path_index("networks", first) +
                       " is the first); one network per binding: merge them");
      });
}

void check_secret_id_duplicate(const CheckContext& ctx, Reporter& out) {
  each_duplicate(
      ctx.state.secrets, [](const Secret& s) { return s.id; },
      [&](std::size_t i, std::size_t first) {
        out.report(path_key(path_index("secrets", i), "id"),
                   "secret " + in_quotes(ctx.state.secrets[i].id) + " appears again (" +
                       path_index("secrets", first) +
                       " is the first); secret ids are unique: merge them");
      });
}

void check_secret_revision_missing(const CheckContext& ctx, Reporter& out) {
  for (std::size_t i = 0; i < ctx.state.secrets.size(); ++i) {
    const Secret& secret = ctx.state.secrets[i];
    // Owners always read the latest revision; only an observer tracks one.
    if (secret.owner != SecretOwner::kNone) continue;
    if (secret.contents.empty() || secret.contents.contains(secret.revision)) continue;
    out.report(path_key(path_index("secrets", i), "revision"),
               "secret " + in_quotes(secret.id) + " tracks revision " +
                   std::to_string(secret.revision) +
                   ", which is not among its contents' revisions; set revision to one of them "
                   "or add that revision's content");
  }
}

// Reading it is refused, as on Juju; a test that gives a secret without owner or
// grant usually meant the charm to read it, and sees only a failure far from here.
void check_secret_not_granted(const CheckContext& ctx, Reporter& out) {
  for (std::size_t i = 0; i < ctx.state.secrets.size(); ++i) {
    const Secret& secret = ctx.state.secrets[i];
    if (secret.owner != SecretOwner::kNone || secret.granted != SecretGrant::kNone) continue;
    out.report(path_key(path_index("secrets", i), "granted"),
               "secret " + in_quotes(secret.id) +
                   " is owned elsewhere (no owner) and not granted to this unit or its "
                   "application, so reading it gets permission denied, as on Juju; set "
                   "owner='unit' or 'app' if the charm made it, or granted='app' or 'unit'");
  }
}

void check_secret_grant_relation_missing(const CheckContext& ctx, Reporter& out) {
  for (std::size_t i = 0; i < ctx.state.secrets.size(); ++i) {
    const Secret& secret = ctx.state.secrets[i];
    for (const auto& [relation_id, grantees] : secret.remote_grants) {
      if (ctx.state.find_relation(relation_id) != nullptr) continue;
      out.report(path_key(path_key(path_index("secrets", i), "remote_grants"),
                          std::to_string(relation_id)),
                 "secret " + in_quotes(secret.id) + " is granted over relation id " +
                     std::to_string(relation_id) +
                     ", which is not in the State; Juju revokes grants with their relation: "
                     "add the relation or drop the grant");
    }
  }
}

void check_port_protocol_invalid(const CheckContext& ctx, Reporter& out) {
  for (std::size_t i = 0; i < ctx.state.opened_ports.size(); ++i) {
    const Port& port = ctx.state.opened_ports[i];
    if (port.protocol == "tcp" || port.protocol == "udp" || port.protocol == "icmp") continue;
    out.report(path_key(path_index("opened_ports", i), "protocol"),
               "opened port has protocol " + in_quotes(port.protocol) +
                   ", which open-port does not accept; use 'tcp', 'udp' or 'icmp'");
  }
}

void check_port_number_invalid(const CheckContext& ctx, Reporter& out) {
  for (std::size_t i = 0; i < ctx.state.opened_ports.size(); ++i) {
    const Port& port = ctx.state.opened_ports[i];
    const std::string path = path_key(path_index("opened_ports", i), "port");
    if (port.protocol == "icmp") {
      if (port.port) {
        out.report(path, "an icmp port has no number, but this one has " +
                             std::to_string(*port.port) + "; drop the number");
      }
    } else if (port.protocol == "tcp" || port.protocol == "udp") {
      if (!port.port) {
        out.report(path, "a " + port.protocol + " port needs a number from 1 to 65535; give one");
      } else if (*port.port < 1 || *port.port > 65535) {
        out.report(path, port.protocol + " port " + std::to_string(*port.port) +
                             " is outside 1-65535; use a valid port number");
      }
    }
  }
}

void check_port_duplicate(const CheckContext& ctx, Reporter& out) {
  each_duplicate(ctx.state.opened_ports, port_text, [&](std::size_t i, std::size_t first) {
    out.report(path_index("opened_ports", i),
               "port " + in_quotes(port_text(ctx.state.opened_ports[i])) + " is listed again (" +
                   path_index("opened_ports", first) +
                   " is the first); Juju keeps opened ports as a set: list it once");
  });
}

}  // namespace scenario::detail
