// SPDX-License-Identifier: Apache-2.0
// hooktools/action_tools.cc: action-get, action-set, action-log and action-fail.
//
// Juju: outside an action every one of them fails with `not running an action`
// (runner/context HookContext.ActionData), except action-set with nothing to set.

#include <algorithm>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "go_text.h"
#include "tool.h"

namespace scenario::detail {
namespace {

// Juju: action result keys that are Juju's own (jujuc action-set.go reservedKeys).
constexpr std::string_view kReservedKeys[] = {"stdout", "stdout-encoding", "stderr",
                                              "stderr-encoding"};

// Juju's action key rule, per dotted segment: lowercase alphanumerics and hyphens, not
// starting or ending with a hyphen.
bool valid_result_key(std::string_view key) {
  auto alnum = [](char c) { return ascii_lower(c) || ascii_digit(c); };
  if (key.empty() || !alnum(key.front()) || !alnum(key.back())) return false;
  return std::all_of(key.begin(), key.end(), [&](char c) { return alnum(c) || c == '-'; });
}

void require_action(const ToolCall& call) {
  if (!call.session.in_action()) fail("not running an action");
}

// Juju applies the defaults of the action's schema to the parameters it was given,
// into nested objects too (gojsonschema with default insertion).
void apply_defaults(const Json& properties, Json& params) {
  if (!properties.is_object() || !params.is_object()) return;
  for (const auto& [name, schema] : properties.items()) {
    if (!schema.is_object()) continue;
    if (!params.contains(name) && schema.contains("default")) params[name] = schema["default"];
    if (params.contains(name) && schema.contains("properties")) {
      apply_defaults(schema["properties"], params[name]);
    }
  }
}

// runner/context addValueToMap: walks `keys`, replacing non-map values on the way.
void set_nested(Json& target, const std::vector<std::string>& keys, const std::string& value) {
  Json* node = &target;
  for (std::size_t i = 0; i + 1 < keys.size(); ++i) {
    Json& next = (*node)[keys[i]];
    if (!next.is_object()) next = Json::object();
    node = &next;
  }
  (*node)[keys.back()] = value;
}

}  // namespace

void run_action_get(ToolCall& call) {
  const auto& args = call.positionals();
  call.check_empty(1);
  require_action(call);
  const SessionData& session = call.session;
  Json params =
      session.event.action->params.is_object() ? session.event.action->params : Json::object();
  if (const ActionSpec* spec = session.spec->find_action(session.event.action->name)) {
    apply_defaults(spec->params, params);
  }
  // Juju: the uniter reads them from its JSON API, so numbers are float64s.
  params = with_float64_numbers(std::move(params));
  if (args.empty()) {
    call.write(std::move(params));
    return;
  }
  // jujuc action-get.go recurseMapOnKeys: nothing (nil) where the path leads nowhere.
  const Json* node = &params;
  for (const std::string& key : go_split(args.front(), '.')) {
    if (!node->is_object() || !node->contains(key)) {
      call.write(Json(nullptr));
      return;
    }
    node = &(*node)[key];
  }
  call.write(*node);
}

void run_action_set(ToolCall& call) {
  std::vector<std::pair<std::vector<std::string>, std::string>> results;
  for (const std::string& arg : call.positionals()) {
    const std::size_t eq = arg.find('=');
    if (eq == std::string::npos) {
      usage_error("argument " + go_quote(arg) + " must be of the form key...=value");
    }
    std::vector<std::string> keys = go_split(arg.substr(0, eq), '.');
    for (const std::string& key : keys) {
      if (!valid_result_key(key)) {
        usage_error("key " + go_quote(key) +
                    " must start and end with lowercase alphanumeric, and contain only "
                    "lowercase alphanumeric, hyphens and periods");
      }
      for (const std::string_view reserved : kReservedKeys) {
        if (key == reserved) usage_error("cannot set reserved action key " + go_quote(key));
      }
    }
    results.emplace_back(std::move(keys), arg.substr(eq + 1));
  }
  // Juju: only storing a result needs the action (UpdateActionResults), so with no
  // arguments action-set succeeds anywhere.
  if (!results.empty()) require_action(call);
  for (const auto& [keys, value] : results) {
    set_nested(call.session.records.action.results, keys, value);
  }
}

void run_action_log(ToolCall& call) {
  const auto& args = call.positionals();
  if (args.empty()) usage_error("no message specified");
  require_action(call);
  std::string message;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (i > 0) message += ' ';
    message += args[i];
  }
  call.session.records.action.logs.push_back(std::move(message));
}

void run_action_fail(ToolCall& call) {
  const auto& args = call.positionals();
  // Juju: jujuc action-fail.go's message when none is given.
  std::string message = "action failed without reason given, check action for errors";
  if (!args.empty()) message = args.front();
  call.check_empty(1);
  require_action(call);
  call.session.records.action.failure = std::move(message);
}

}  // namespace scenario::detail
