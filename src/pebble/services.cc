// SPDX-License-Identifier: Apache-2.0
// pebble/services.cc: /v1/services, /v1/changes and /v1/signals.
//
// Pebble: internals/daemon/api_services.go, api_changes.go, api_signals.go. Services
// start and stop at once (there is no workload), so every change is ready when created.
// A service whose command is exec-mocked with a non-zero exit code fails to start, as a
// Pebble service that exits within its first second does.

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "api.h"
#include "handler_impl.h"

namespace scenario::pebble {

using detail::error_response;
using detail::go_quote;
using detail::sync_response;

namespace {

// The words of a service command, split as a shell would (quotes, backslashes);
// the `[`/`]` around default arguments are dropped, keeping the defaults.
std::vector<std::string> command_words(const std::string& command) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  char quote = 0;
  for (std::size_t i = 0; i < command.size(); ++i) {
    const char c = command[i];
    if (quote != 0) {
      if (c == quote) {
        quote = 0;
      } else if (c == '\\' && quote == '"' && i + 1 < command.size()) {
        word += command[++i];
      } else {
        word += c;
      }
    } else if (c == '\'' || c == '"') {
      quote = c;
      in_word = true;
    } else if (c == '\\' && i + 1 < command.size()) {
      word += command[++i];
      in_word = true;
    } else if (c == ' ' || c == '\t' || c == '\n') {
      if (in_word && word != "[" && word != "]") words.push_back(word);
      word.clear();
      in_word = false;
    } else {
      word += c;
      in_word = true;
    }
  }
  if (in_word && word != "[" && word != "]") words.push_back(word);
  return words;
}

// The exit code of a service command mocked to fail, if it is.
std::optional<int> failing_exit_code(const Container& container, const Json& service) {
  const std::vector<std::string> words = command_words(service.value("command", ""));
  for (const ExecMock& mock : container.exec_mock) {
    if (mock.command == words && mock.output.return_code != 0) return mock.output.return_code;
  }
  return std::nullopt;
}

}  // namespace

namespace detail {

Json change_to_json(const Change& change) {
  Json tasks = Json::array();
  for (const Task& task : change.tasks) {
    Json item = {
        {"id", task.id},
        {"kind", task.kind},
        {"summary", task.summary},
        {"status", task.status},
        {"progress", {{"label", ""}, {"done", 1}, {"total", 1}}},
        {"spawn-time", task.spawn_time},
    };
    if (!task.log.empty()) item["log"] = task.log;
    if (!task.ready_time.empty()) item["ready-time"] = task.ready_time;
    if (!task.data.is_null()) item["data"] = task.data;
    tasks.push_back(std::move(item));
  }
  const bool ready = change.status == "Done" || change.status == "Undone" ||
                     change.status == "Hold" || change.status == "Error";
  Json out = {
      {"id", change.id},         {"kind", change.kind}, {"summary", change.summary},
      {"status", change.status}, {"ready", ready},      {"spawn-time", change.spawn_time},
  };
  if (!tasks.empty()) out["tasks"] = std::move(tasks);
  if (!change.err.empty()) out["err"] = change.err;
  if (ready && !change.ready_time.empty()) out["ready-time"] = change.ready_time;
  if (!change.data.is_null()) out["data"] = change.data;
  return out;
}

}  // namespace detail

namespace {

std::string title(std::string text) {
  if (!text.empty() && text[0] >= 'a' && text[0] <= 'z')
    text[0] = static_cast<char>(text[0] - 'a' + 'A');
  return text;
}

std::string startup_of(const Json& service) {
  return service.value("startup", "") == "enabled" ? "enabled" : "disabled";
}

}  // namespace

Response detail::HandlerState::get_services(const Request& request) {
  const std::vector<std::string> names = detail::query_list(request, "names");
  const detail::Plan plan = combined_plan();
  Json result = Json::array();
  for (const auto& [name, service] : plan.services) {
    if (!names.empty() && std::find(names.begin(), names.end(), name) == names.end()) continue;
    const auto status = container_.service_status.find(name);
    result.push_back({
        {"name", name},
        {"startup", startup_of(service)},
        {"current",
         std::string(to_string(status == container_.service_status.end() ? ServiceStatus::kInactive
                                                                         : status->second))},
    });
  }
  return sync_response(result);
}

Response detail::HandlerState::post_services(const Request& request) {
  Response failure;
  const auto body = detail::object_body(request, "cannot decode data from request body", failure);
  if (!body) return failure;
  const std::string action = detail::string_member(*body, "action");
  std::vector<std::string> services = detail::string_list_member(*body, "services");
  const detail::Plan plan = combined_plan();
  auto is_active = [&](const std::string& name) {
    const auto it = container_.service_status.find(name);
    return it != container_.service_status.end() && it->second == ServiceStatus::kActive;
  };

  if (action == "replan" || action == "autostart") {
    if (!services.empty()) return error_response(400, action + " accepts no service names");
    if (action == "autostart") {
      for (const auto& [name, service] : plan.services) {
        if (startup_of(service) == "enabled") services.push_back(name);
      }
      if (services.empty())
        return error_response(400, "no default services", "no-default-services");
    }
  } else if (services.empty()) {
    return error_response(400, "must specify services for " + action + " action");
  }

  std::vector<std::string> to_stop;
  std::vector<std::string> to_start;
  std::vector<std::string> summary_names = services;
  std::size_t count = 0;
  auto fail = [&](const std::string& message) {
    return error_response(400, "cannot " + action + " services: " + message);
  };
  if (action == "start" || action == "autostart") {
    auto order = detail::start_order(plan, services);
    if (auto* message = std::get_if<std::string>(&order)) return fail(*message);
    to_start = std::get<std::vector<std::string>>(order);
    count = to_start.size();
  } else if (action == "stop") {
    auto order = detail::stop_order(plan, services);
    if (auto* message = std::get_if<std::string>(&order)) return fail(*message);
    to_stop = std::get<std::vector<std::string>>(order);
    count = to_stop.size();
  } else if (action == "restart") {
    auto stop = detail::stop_order(plan, services);
    if (auto* message = std::get_if<std::string>(&stop)) return fail(*message);
    for (const std::string& name : std::get<std::vector<std::string>>(stop)) {
      // Pebble stops only the named services here (intersectOrdered), running or not.
      if (std::find(services.begin(), services.end(), name) != services.end())
        to_stop.push_back(name);
    }
    auto start = detail::start_order(plan, services);
    if (auto* message = std::get_if<std::string>(&start)) return fail(*message);
    to_start = std::get<std::vector<std::string>>(start);
    count = to_start.size();
  } else if (action == "replan") {
    // Pebble's servstate Replan: running services whose configuration changed restart;
    // every enabled service starts.
    std::vector<std::string> restart;
    for (const auto& [name, service] : plan.services) {
      const auto started = started_config_.find(name);
      if (is_active(name) && started != started_config_.end() && started->second != service) {
        restart.push_back(name);
      }
    }
    std::vector<std::string> wanted = restart;
    for (const auto& [name, service] : plan.services) {
      if (startup_of(service) == "enabled" &&
          std::find(wanted.begin(), wanted.end(), name) == wanted.end()) {
        wanted.push_back(name);
      }
    }
    auto stop = detail::stop_order(plan, restart);
    if (auto* message = std::get_if<std::string>(&stop)) return fail(*message);
    to_stop = std::get<std::vector<std::string>>(stop);
    auto start = detail::start_order(plan, wanted);
    if (auto* message = std::get_if<std::string>(&start)) return fail(*message);
    to_start = std::get<std::vector<std::string>>(start);
    std::set<std::string> replanned(to_stop.begin(), to_stop.end());
    replanned.insert(to_start.begin(), to_start.end());
    summary_names.assign(replanned.begin(), replanned.end());
    count = summary_names.size();
  } else {
    return error_response(400, "invalid action " + go_quote(action));
  }

  std::vector<detail::Task> tasks;
  for (const std::string& name : to_stop) {
    tasks.push_back(make_task("stop", "Stop service " + go_quote(name)));
    if (container_.service_status.count(name) != 0 || is_active(name)) {
      container_.service_status[name] = ServiceStatus::kInactive;
    }
    started_config_.erase(name);
  }
  std::vector<std::string> failures;
  for (const std::string& name : to_start) {
    tasks.push_back(make_task("start", "Start service " + go_quote(name)));
    if (const auto code = failing_exit_code(container_, plan.services.at(name))) {
      const std::string reason =
          "cannot start service: exited quickly with code " + std::to_string(*code);
      tasks.back().status = "Error";
      tasks.back().log.push_back(tasks.back().spawn_time + " ERROR " + reason);
      failures.push_back("- " + tasks.back().summary + " (" + reason + ")");
      container_.service_status[name] = ServiceStatus::kError;
      started_config_.erase(name);
      continue;
    }
    if (!is_active(name)) {
      container_.service_status[name] = ServiceStatus::kActive;
      started_config_[name] = plan.services.at(name);
    }
  }
  if (tasks.empty()) {
    detail::Change& change = new_change(action, title(action) + " - no services");
    return detail::async_response(change.id);
  }
  std::string summary = title(action) + " service " + go_quote(summary_names.front());
  if (count > 1) summary += " and " + std::to_string(count - 1) + " more";
  detail::Change& change = new_change(action, summary);
  change.tasks = std::move(tasks);
  if (!summary_names.empty()) change.data = {{"service-names", summary_names}};
  if (!failures.empty()) {
    change.status = "Error";
    change.err = "cannot perform the following tasks:";
    for (const std::string& line : failures) change.err += "\n" + line;
  }
  return detail::async_response(change.id);
}

Response detail::HandlerState::get_changes(const Request& request) {
  const std::string select = detail::query_value(request, "select").value_or("in-progress");
  if (select != "all" && select != "in-progress" && select != "ready") {
    return error_response(400, "select should be one of: all,in-progress,ready");
  }
  const std::string service = detail::query_value(request, "for").value_or("");
  Json result = Json::array();
  for (const detail::Change& change : changes_) {
    const Json info = detail::change_to_json(change);
    const bool ready = info["ready"].get<bool>();
    if ((select == "in-progress" && ready) || (select == "ready" && !ready)) continue;
    if (!service.empty()) {
      const Json names = change.data.is_object() ? change.data.value("service-names", Json::array())
                                                 : Json::array();
      if (std::find(names.begin(), names.end(), Json(service)) == names.end()) continue;
    }
    result.push_back(info);
  }
  return sync_response(result);
}

Response detail::HandlerState::get_change(const Request& /*request*/, const std::string& id) {
  for (const detail::Change& change : changes_) {
    if (change.id == id) return sync_response(detail::change_to_json(change));
  }
  return error_response(404, "cannot find change with id " + go_quote(id));
}

Response detail::HandlerState::wait_change(const Request& request, const std::string& id) {
  const auto timeout = detail::query_value(request, "timeout");
  if (timeout && !timeout->empty() && !detail::parse_go_duration(*timeout)) {
    return error_response(400, "invalid timeout: time: invalid duration " + go_quote(*timeout));
  }
  // Every change is ready as soon as it exists.
  return get_change(request, id);
}

Response detail::HandlerState::post_change(const Request& request, const std::string& id) {
  const auto it = std::find_if(changes_.begin(), changes_.end(),
                               [&](const detail::Change& c) { return c.id == id; });
  if (it == changes_.end())
    return error_response(404, "cannot find change with id " + go_quote(id));
  Response failure;
  const auto body = detail::object_body(request, "cannot decode data from request body", failure);
  if (!body) return failure;
  const std::string action = detail::string_member(*body, "action");
  if (action != "abort") return error_response(400, "invalid action " + go_quote(action));
  return error_response(400, "cannot abort change " + id + " with nothing pending");
}

Response detail::HandlerState::post_signals(const Request& request) {
  Response failure;
  const auto body = detail::object_body(request, "cannot decode request body", failure);
  if (!body) return failure;
  const std::string signal = detail::string_member(*body, "signal");
  std::vector<std::string> services = detail::string_list_member(*body, "services");
  if (services.empty()) return error_response(400, "must specify one or more services");
  static const std::set<std::string> kSignals = {
      "SIGABRT", "SIGALRM", "SIGBUS",  "SIGCHLD",   "SIGCONT",  "SIGFPE",  "SIGHUP",
      "SIGILL",  "SIGINT",  "SIGKILL", "SIGPIPE",   "SIGPROF",  "SIGQUIT", "SIGSEGV",
      "SIGSTOP", "SIGSYS",  "SIGTERM", "SIGTRAP",   "SIGTSTP",  "SIGTTIN", "SIGTTOU",
      "SIGURG",  "SIGUSR1", "SIGUSR2", "SIGVTALRM", "SIGWINCH", "SIGXCPU", "SIGXFSZ"};
  if (kSignals.count(signal) == 0)
    return error_response(400, "invalid signal name " + go_quote(signal));
  std::vector<std::string> errors;
  for (const std::string& name : services) {
    const auto it = container_.service_status.find(name);
    if (it == container_.service_status.end() || it->second != ServiceStatus::kActive) {
      errors.push_back("cannot send signal to " + go_quote(name) + ": service is not running");
    }
  }
  if (!errors.empty()) {
    std::string message;
    for (const std::string& e : errors) message += (message.empty() ? "" : "; ") + e;
    return error_response(500, message);
  }
  return sync_response(true);
}

}  // namespace scenario::pebble
