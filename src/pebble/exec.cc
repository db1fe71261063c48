// SPDX-License-Identifier: Apache-2.0
// pebble/exec.cc: /v1/exec and its task websockets, answered from the container's exec
// mocks.
//
// Pebble: internals/daemon/api_exec.go, internals/overlord/cmdstate. The protocol is the
// one ops' ExecProcess speaks: output in binary frames, then a text frame
// {"command":"end"} on stdio (and stderr when split); stdin arrives the same way.
// A mock matches a command exactly, word for word, as ops-scenario's exec_mock does.

#include <algorithm>

#include "api.h"
#include "handler_impl.h"

namespace scenario::pebble {

using detail::error_response;
using detail::go_quote;

namespace {

const char kEnd[] = R"({"command":"end"})";

bool is_end(const WebsocketMessage& message) {
  if (message.kind != WebsocketMessage::Kind::kText) return false;
  const Json command = Json::parse(message.data, nullptr, false);
  return command.is_object() && command.value("command", Json()) == "end";
}

// stdio: the process's stdout (and stderr when combined), and the charm's stdin.
class StdioWebsocket final : public Websocket {
 public:
  StdioWebsocket(std::shared_ptr<detail::ExecSession> session,
                 std::shared_ptr<std::vector<ExecRecord>> history)
      : session_(std::move(session)), history_(std::move(history)) {}

  void receive(WebsocketMessage message) override {
    if (session_->stdin_ended) return;
    if (message.kind == WebsocketMessage::Kind::kBinary) {
      (*history_)[session_->record].stdin_data += message.data;
    } else if (is_end(message)) {
      session_->stdin_ended = true;
    }
  }

  std::vector<WebsocketMessage> take_outgoing() override {
    std::vector<WebsocketMessage> out;
    if (session_->stdio_sent) return out;
    session_->stdio_sent = true;
    std::string data = session_->stdout_data;
    if (!session_->split_stderr) data += session_->stderr_data;
    if (!data.empty()) out.push_back({WebsocketMessage::Kind::kBinary, std::move(data)});
    out.push_back({WebsocketMessage::Kind::kText, kEnd});
    return out;
  }

  // Open until the charm has finished sending stdin, so none of it is lost.
  bool finished() const override { return session_->stdio_sent && session_->stdin_ended; }

 private:
  std::shared_ptr<detail::ExecSession> session_;
  std::shared_ptr<std::vector<ExecRecord>> history_;
};

class StderrWebsocket final : public Websocket {
 public:
  explicit StderrWebsocket(std::shared_ptr<detail::ExecSession> session)
      : session_(std::move(session)) {}

  void receive(WebsocketMessage /*message*/) override {}

  std::vector<WebsocketMessage> take_outgoing() override {
    std::vector<WebsocketMessage> out;
    if (session_->stderr_sent) return out;
    session_->stderr_sent = true;
    if (!session_->stderr_data.empty()) {
      out.push_back({WebsocketMessage::Kind::kBinary, session_->stderr_data});
    }
    out.push_back({WebsocketMessage::Kind::kText, kEnd});
    return out;
  }

  bool finished() const override { return session_->stderr_sent; }

 private:
  std::shared_ptr<detail::ExecSession> session_;
};

// control: signals from the charm; Pebble's resize is accepted and ignored.
class ControlWebsocket final : public Websocket {
 public:
  ControlWebsocket(std::shared_ptr<detail::ExecSession> session,
                   std::shared_ptr<std::vector<ExecRecord>> history)
      : session_(std::move(session)), history_(std::move(history)) {}

  void receive(WebsocketMessage message) override {
    if (message.kind != WebsocketMessage::Kind::kText) return;
    const Json command = Json::parse(message.data, nullptr, false);
    if (!command.is_object() || command.value("command", Json()) != "signal") return;
    const auto signal = command.find("signal");
    if (signal == command.end() || !signal->is_object()) return;
    const auto name = signal->find("name");
    if (name != signal->end() && name->is_string()) {
      (*history_)[session_->record].signals.push_back(name->get<std::string>());
    }
  }

  std::vector<WebsocketMessage> take_outgoing() override { return {}; }

  // The process has exited once its output is delivered.
  bool finished() const override {
    return session_->stdio_sent && session_->stdin_ended &&
           (!session_->split_stderr || session_->stderr_sent);
  }

 private:
  std::shared_ptr<detail::ExecSession> session_;
  std::shared_ptr<std::vector<ExecRecord>> history_;
};

std::string command_text(const std::vector<std::string>& command) {
  std::string text = "[";
  for (std::size_t i = 0; i < command.size(); ++i)
    text += (i > 0 ? ", " : "") + go_quote(command[i]);
  return text + "]";
}

}  // namespace

Response detail::HandlerState::post_exec(const Request& request) {
  Response failure;
  const auto body = detail::object_body(request, "cannot decode request body", failure);
  if (!body) return failure;
  ExecRecord record;
  if (const auto it = body->find("command"); it != body->end() && it->is_array()) {
    for (const Json& word : *it) {
      if (!word.is_string())
        return error_response(400, "cannot decode request body: command must be strings");
      record.command.push_back(word.get<std::string>());
    }
  }
  if (record.command.empty()) return error_response(400, "must specify command");
  auto text = [&](const char* key) {
    const auto it = body->find(key);
    return it != body->end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  auto number = [&](const char* key) -> std::optional<int> {
    const auto it = body->find(key);
    if (it == body->end() || !it->is_number_integer()) return std::nullopt;
    return static_cast<int>(std::clamp<long long>(it->get<long long>(), 0, INT32_MAX));
  };
  record.timeout = text("timeout");
  if (!record.timeout.empty() && !detail::parse_go_duration(record.timeout)) {
    return error_response(400,
                          "invalid timeout: time: invalid duration " + go_quote(record.timeout));
  }
  record.service_context = text("service-context");
  record.working_dir = text("working-dir");
  record.user = text("user");
  record.group = text("group");
  record.user_id = number("user-id");
  record.group_id = number("group-id");
  const auto split = body->find("split-stderr");
  record.combine_stderr = !(split != body->end() && split->is_boolean() && split->get<bool>());
  // Pebble's MergeServiceContext: the service's settings, overridden by the request's.
  if (!record.service_context.empty()) {
    const detail::Plan plan = combined_plan();
    const auto service = plan.services.find(record.service_context);
    if (service == plan.services.end()) {
      return error_response(400,
                            "context service " + go_quote(record.service_context) + " not found");
    }
    if (const auto env = service->second.find("environment"); env != service->second.end()) {
      for (const auto& [key, value] : env->items())
        record.environment[key] = value.get<std::string>();
    }
    if (record.working_dir.empty()) record.working_dir = service->second.value("working-dir", "");
    if (record.user.empty()) record.user = service->second.value("user", "");
    if (record.group.empty()) record.group = service->second.value("group", "");
    if (!record.user_id && service->second.contains("user-id")) {
      record.user_id = service->second["user-id"].get<int>();
    }
    if (!record.group_id && service->second.contains("group-id")) {
      record.group_id = service->second["group-id"].get<int>();
    }
  }
  if (const auto env = body->find("environment"); env != body->end() && env->is_object()) {
    for (const auto& [key, value] : env->items()) {
      if (value.is_string()) record.environment[key] = value.get<std::string>();
    }
  }

  const auto mock = std::find_if(container_.exec_mock.begin(), container_.exec_mock.end(),
                                 [&](const ExecMock& m) { return m.command == record.command; });
  if (mock == container_.exec_mock.end()) {
    return error_response(
        400, "cannot find executable " + go_quote(record.command.front()) +
                 ": the simulated container " + go_quote(container_.name) +
                 " has no exec mock for the command " + command_text(record.command) +
                 "; add one to the container's exec_mock (the whole command, word for word)");
  }

  auto session = std::make_shared<detail::ExecSession>();
  session->record = exec_history_->size();
  session->stdout_data = mock->output.stdout_text;
  session->stderr_data = mock->output.stderr_text;
  session->split_stderr = !record.combine_stderr;
  const std::string working_dir = record.working_dir;
  Json environment = record.environment;
  exec_history_->push_back(std::move(record));

  const std::string summary = "Execute command " + go_quote(exec_history_->back().command.front());
  detail::Task task = make_task("exec", summary);
  task.data = {{"exit-code", mock->output.return_code}};
  const std::string task_id = task.id;
  detail::Change& change = new_change("exec", summary);
  change.tasks.push_back(std::move(task));
  exec_sessions_[task_id] = std::move(session);
  return detail::async_response(
      change.id,
      {{"environment", environment}, {"task-id", task_id}, {"working-dir", working_dir}});
}

std::unique_ptr<Websocket> detail::HandlerState::open_websocket(std::string_view task_id,
                                                                std::string_view websocket_id) {
  const auto it = exec_sessions_.find(std::string(task_id));
  if (it == exec_sessions_.end()) return nullptr;
  if (websocket_id == "stdio") return std::make_unique<StdioWebsocket>(it->second, exec_history_);
  if (websocket_id == "control")
    return std::make_unique<ControlWebsocket>(it->second, exec_history_);
  if (websocket_id == "stderr" && it->second->split_stderr) {
    return std::make_unique<StderrWebsocket>(it->second);
  }
  return nullptr;
}

}  // namespace scenario::pebble
