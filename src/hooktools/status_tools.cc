// SPDX-License-Identifier: Apache-2.0
// hooktools/status_tools.cc: the unit's own facts: is-leader, config-get, status-get,
// status-set, application-version-set and juju-log.

#include <iterator>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "go_text.h"
#include "tool.h"

namespace scenario::detail {
namespace {

// Juju: the statuses a charm may set (jujuc status-set.go validStatus), in its order.
constexpr std::string_view kSettableStatuses[] = {"maintenance", "blocked", "waiting", "active"};

Json config_value_json(const ConfigValue& value) {
  return std::visit([](const auto& alternative) { return Json(alternative); }, value);
}

// jujuc status-get.go toDetails: the status alone, or with message and data.
Json status_details(const Status& status, bool include_data) {
  Json details = {{"status", status.name}};
  if (include_data) {
    details["message"] = status.message;
    details["status-data"] = Json::object();
  }
  return details;
}

}  // namespace

void run_is_leader(ToolCall& call) {
  call.check_empty();
  call.write(call.session.state.leader);
}

void run_config_get(ToolCall& call) {
  const auto& args = call.positionals();
  const bool all = call.args.is_set("all");
  const std::string key = args.empty() ? std::string() : args.front();
  if (!key.empty() && all) {
    usage_error("cannot use argument --all together with key " + go_quote(key));
  }
  call.check_empty(1);

  // Juju: settings are the charm's defaults overlaid with what the user set; options
  // without a value are null and left out unless --all (jujuc config-get.go).
  Json settings = Json::object();
  for (const ConfigOption& option : call.session.spec->config) {
    settings[option.name] =
        option.default_value ? config_value_json(*option.default_value) : Json(nullptr);
  }
  for (const auto& [name, value] : call.session.state.config) {
    settings[name] = config_value_json(value);
  }
  // Juju: the uniter reads them from its JSON API, so numbers are float64s (2.0 prints
  // as 2, 1000000 as 1e+06 in YAML).
  settings = with_float64_numbers(std::move(settings));
  if (!key.empty()) {
    call.write(settings.contains(key) ? settings[key] : Json(nullptr));
    return;
  }
  if (!all) {
    for (auto it = settings.begin(); it != settings.end();) {
      it = it->is_null() ? settings.erase(it) : std::next(it);
    }
  }
  call.write(std::move(settings));
}

void run_status_get(ToolCall& call) {
  call.check_empty();
  const SessionData& session = call.session;
  const bool include_data = call.args.is_set("include-data");
  const bool smart = call.format == OutputFormat::kSmart;
  if (!call.args.is_set("application")) {
    const Status& status = session.state.unit_status;
    if (!include_data && smart) {
      call.write(status.name);
    } else {
      call.write(status_details(status, include_data));
    }
    return;
  }
  // Juju: only the leader may see the application status (runner/context
  // ApplicationStatus returns ErrIsNotLeader, annotated by status-get).
  if (!session.state.leader) fail("finding application status: this unit is not the leader");
  const Status& status = session.state.app_status;
  if (!include_data && smart) {
    call.write(status.name);
    return;
  }
  // Juju lists every unit of the application; this unit is the only one whose status
  // the State knows.
  Json details = status_details(status, include_data);
  details["units"] = {
      {session.unit_name(), status_details(session.state.unit_status, include_data)}};
  call.write({{"application-status", details}});
}

void run_status_set(ToolCall& call) {
  const auto& args = call.positionals();
  if (args.empty()) usage_error("invalid args, require <status> [message]");
  bool valid = false;
  for (const std::string_view status : kSettableStatuses) valid = valid || args[0] == status;
  if (!valid) {
    usage_error("invalid status " + go_quote(args[0]) +
                ", expected one of [maintenance blocked waiting active]");
  }
  const std::string message = args.size() > 1 ? args[1] : std::string();
  call.check_empty(2);

  SessionData& session = call.session;
  const Status status{args[0], message};
  if (call.args.is_set("application")) {
    // Juju: runner/context SetApplicationStatus returns ErrIsNotLeader unannotated.
    if (!session.state.leader) fail("this unit is not the leader");
    // ops-scenario records the replaced status on every status-set, even an unchanged one.
    session.records.app_status_history.push_back(session.state.app_status);
    session.state.app_status = status;
    return;
  }
  session.records.unit_status_history.push_back(session.state.unit_status);
  session.state.unit_status = status;
}

void run_application_version_set(ToolCall& call) {
  const auto& args = call.positionals();
  if (args.empty()) usage_error("no version specified");
  call.check_empty(1);
  SessionData& session = call.session;
  // As ops-scenario: the replaced version is kept, unless it was unset.
  if (!session.state.workload_version.empty()) {
    session.records.workload_version_history.push_back(session.state.workload_version);
  }
  session.state.workload_version = args[0];
}

void run_juju_log(ToolCall& call) {
  const auto& args = call.positionals();
  if (args.empty()) usage_error("no message specified");
  std::string message;
  for (std::size_t i = 0; i < args.size(); ++i) {
    if (i > 0) message += ' ';
    message += args[i];
  }
  // Juju maps unknown levels to INFO and prefixes messages with the hook's relation;
  // the record keeps what the charm sent, as ops-scenario's juju_log does.
  std::string level = "INFO";
  if (call.args.is_set("debug")) {
    level = "DEBUG";
  } else if (const std::string* given = call.args.value("log-level"); given && !given->empty()) {
    level = *given;
  }
  call.session.records.juju_log.push_back({std::move(level), std::move(message)});
}

}  // namespace scenario::detail
