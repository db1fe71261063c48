// SPDX-License-Identifier: Apache-2.0
// pebble/service_order.cc: the order services start and stop in, after Pebble's
// plan.order (requires, after, before), and its before/after loop errors.

#include <algorithm>
#include <functional>
#include <map>

#include "api.h"
#include "layers.h"

namespace scenario::pebble::detail {

namespace {

// Go's order() over the services' requires/after/before, with a deterministic
// depth-first topological sort standing in for Tarjan's.
std::variant<std::vector<std::string>, std::string> order(const Plan& plan,
                                                          const std::vector<std::string>& names,
                                                          bool stop) {
  auto list = [](const Json& service, std::string_view key) {
    std::vector<std::string> out;
    if (const auto it = service.find(key); it != service.end() && it->is_array()) {
      for (const Json& item : *it) {
        if (item.is_string()) out.push_back(item.get<std::string>());
      }
    }
    return out;
  };
  std::map<std::string, std::vector<std::string>> predecessors;
  if (stop) {
    for (const auto& [name, service] : plan.services) {
      for (const std::string& req : list(service, "requires")) predecessors[req].push_back(name);
    }
  }
  std::map<std::string, std::vector<std::string>> successors;
  std::vector<std::string> pending = names;
  for (std::size_t i = 0; i < pending.size(); ++i) {
    const std::string name = pending[i];
    if (successors.count(name) != 0) continue;
    successors[name];
    if (stop) {
      for (const std::string& p : predecessors[name]) pending.push_back(p);
    } else {
      const auto it = plan.services.find(name);
      if (it == plan.services.end()) return "service " + go_quote(name) + " does not exist";
      for (const std::string& req : list(it->second, "requires")) pending.push_back(req);
    }
  }
  for (auto& [name, succs] : successors) {
    const auto it = plan.services.find(name);
    if (it == plan.services.end()) return "service " + go_quote(name) + " does not exist";
    auto after = list(it->second, "after");
    auto before = list(it->second, "before");
    if (stop) std::swap(after, before);
    for (const std::string& a : after) {
      if (successors.count(a) != 0) succs.push_back(a);
    }
    for (const std::string& b : before) {
      if (successors.count(b) != 0) successors[b].push_back(name);
    }
  }
  std::vector<std::string> sorted;
  std::map<std::string, int> state;  // 1 visiting, 2 done
  std::vector<std::string> stack;
  std::function<std::optional<std::string>(const std::string&)> visit =
      [&](const std::string& name) -> std::optional<std::string> {
    if (state[name] == 2) return std::nullopt;
    if (state[name] == 1) {
      std::vector<std::string> loop(std::find(stack.begin(), stack.end(), name), stack.end());
      std::sort(loop.begin(), loop.end());
      std::string text;
      for (const std::string& n : loop) text += (text.empty() ? "" : ", ") + n;
      return "services in before/after loop: " + text;
    }
    state[name] = 1;
    stack.push_back(name);
    std::vector<std::string> succs = successors[name];
    std::sort(succs.begin(), succs.end());
    for (const std::string& s : succs) {
      if (auto error = visit(s)) return error;
    }
    stack.pop_back();
    state[name] = 2;
    sorted.push_back(name);
    return std::nullopt;
  };
  for (const auto& [name, succs] : successors) {
    if (auto error = visit(name)) return *error;
  }
  return sorted;
}

}  // namespace

std::variant<std::vector<std::string>, std::string> start_order(
    const Plan& plan, const std::vector<std::string>& names) {
  return order(plan, names, false);
}

std::variant<std::vector<std::string>, std::string> stop_order(
    const Plan& plan, const std::vector<std::string>& names) {
  for (const std::string& name : names) {
    if (plan.services.count(name) == 0) return "service " + go_quote(name) + " does not exist";
  }
  return order(plan, names, true);
}

}  // namespace scenario::pebble::detail
