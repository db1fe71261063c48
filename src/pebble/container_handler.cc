// SPDX-License-Identifier: Apache-2.0
// pebble/container_handler.cc: ContainerHandler: the route table, system info, health,
// layers and the plan.

#include "scenario/pebble/container_handler.h"

#include <array>
#include <exception>
#include <functional>
#include <utility>

#include "api.h"
#include "handler_impl.h"
#include "layers.h"

namespace scenario::pebble {

using detail::error_response;
using detail::sync_response;

namespace {

using Handler0 = Response (detail::HandlerState::*)(const Request&);
using Handler1 = Response (detail::HandlerState::*)(const Request&, const std::string&);

// One route: a method, a path pattern whose `{id}` segment is captured, and its handler.
struct Route {
  std::string_view method;
  std::string_view pattern;
  Handler0 handler0 = nullptr;
  Handler1 handler1 = nullptr;
};

using Impl = detail::HandlerState;

const std::array<Route, 20> kRoutes = {{
    {"GET", "/v1/system-info", &Impl::get_system_info},
    {"GET", "/v1/health", &Impl::get_health},
    {"GET", "/v1/plan", &Impl::get_plan},
    {"POST", "/v1/layers", &Impl::post_layers},
    {"GET", "/v1/services", &Impl::get_services},
    {"POST", "/v1/services", &Impl::post_services},
    {"GET", "/v1/changes", &Impl::get_changes},
    {"GET", "/v1/changes/{id}", nullptr, &Impl::get_change},
    {"POST", "/v1/changes/{id}", nullptr, &Impl::post_change},
    {"GET", "/v1/changes/{id}/wait", nullptr, &Impl::wait_change},
    {"POST", "/v1/signals", &Impl::post_signals},
    {"POST", "/v1/exec", &Impl::post_exec},
    {"GET", "/v1/checks", &Impl::get_checks},
    {"POST", "/v1/checks", &Impl::post_checks},
    {"GET", "/v1/notices", &Impl::get_notices},
    {"POST", "/v1/notices", &Impl::post_notices},
    {"GET", "/v1/notices/{id}", nullptr, &Impl::get_notice},
    {"GET", "/v1/warnings", &Impl::get_warnings},
    {"POST", "/v1/warnings", &Impl::post_warnings},
    // Files are routed separately (GET and POST share the path).
    {"", "", nullptr, nullptr},
}};

// Matches `path` against `pattern`; `{id}` captures one non-empty segment.
bool match(std::string_view pattern, std::string_view path, std::string& id) {
  while (!pattern.empty() && !path.empty()) {
    if (pattern.starts_with("{id}")) {
      const std::size_t slash = path.find('/');
      id = std::string(path.substr(0, slash));
      if (id.empty()) return false;
      pattern.remove_prefix(4);
      path.remove_prefix(slash == std::string_view::npos ? path.size() : slash);
      continue;
    }
    if (pattern.front() != path.front()) return false;
    pattern.remove_prefix(1);
    path.remove_prefix(1);
  }
  return pattern.empty() && path.empty();
}

}  // namespace

detail::HandlerState::HandlerState(Container& container, std::filesystem::path root_dir)
    : container_(container), files_(std::move(root_dir), container.mounts) {
  // Services running when the run starts were started with the configuration they have now.
  const detail::Plan plan = combined_plan();
  for (const auto& [name, status] : container_.service_status) {
    const auto it = plan.services.find(name);
    if (status == ServiceStatus::kActive && it != plan.services.end())
      started_config_[name] = it->second;
  }
}

Response detail::HandlerState::handle(const Request& request) {
  if (request.path == "/v1/files") {
    if (request.method == "GET") return files_.get(request);
    if (request.method == "POST") return files_.post(request);
    return error_response(405, "method " + detail::go_quote(request.method) + " not allowed");
  }
  bool path_known = false;
  for (const Route& route : kRoutes) {
    if (route.pattern.empty()) continue;
    std::string id;
    if (!match(route.pattern, request.path, id)) continue;
    path_known = true;
    if (route.method != request.method) continue;
    if (route.handler1 != nullptr) return (this->*route.handler1)(request, id);
    return (this->*route.handler0)(request);
  }
  if (path_known) {
    return error_response(405, "method " + detail::go_quote(request.method) + " not allowed");
  }
  return error_response(404, "not found");
}

detail::Plan detail::HandlerState::combined_plan() const {
  std::vector<const Layer*> layers;
  for (const auto& [label, layer] : container_.layers) layers.push_back(&layer);
  return detail::combine(layers);
}

std::string detail::HandlerState::now() const {
  return detail::go_rfc3339_utc(std::chrono::system_clock::now());
}

detail::Change& detail::HandlerState::new_change(std::string kind, std::string summary) {
  detail::Change change;
  change.id = std::to_string(++next_change_);
  change.kind = std::move(kind);
  change.summary = std::move(summary);
  change.spawn_time = now();
  change.ready_time = change.spawn_time;
  changes_.push_back(std::move(change));
  return changes_.back();
}

detail::Task detail::HandlerState::make_task(std::string kind, std::string summary) {
  detail::Task task;
  task.id = std::to_string(++next_task_);
  task.kind = std::move(kind);
  task.summary = std::move(summary);
  task.spawn_time = now();
  task.ready_time = task.spawn_time;
  return task;
}

Response detail::HandlerState::get_system_info(const Request& /*request*/) {
  return sync_response({{"version", "1.32.1"},
                        {"boot-id", "00000000-0000-4000-8000-000000000000"},
                        {"http-address", ""}});
}

Response detail::HandlerState::get_plan(const Request& request) {
  const std::string format = detail::query_value(request, "format").value_or("");
  if (format != "yaml") return error_response(400, "invalid format " + detail::go_quote(format));
  return sync_response(detail::plan_to_yaml(combined_plan()));
}

Response detail::HandlerState::post_layers(const Request& request) {
  Response failure;
  const auto body = detail::object_body(request, "cannot decode request body", failure);
  if (!body) return failure;
  auto field = [&](const char* key) { return detail::string_member(*body, key); };
  const std::string action = field("action");
  if (action != "add") return error_response(400, "invalid action " + detail::go_quote(action));
  const std::string label = field("label");
  if (label.empty()) return error_response(400, "label must be set");
  const std::string format = field("format");
  if (format != "yaml") return error_response(400, "invalid format " + detail::go_quote(format));
  const auto combine_it = body->find("combine");
  const bool combine =
      combine_it != body->end() && combine_it->is_boolean() && combine_it->get<bool>();

  auto parsed = detail::parse_layer_memoized(label, field("layer"));
  if (auto* message = std::get_if<std::string>(&parsed)) {
    return error_response(400, "cannot parse layer YAML: " + *message);
  }
  Layer layer = std::move(std::get<Layer>(parsed));
  const auto existing = container_.layers.find(label);
  if (existing != container_.layers.end() && !combine) {
    return error_response(400, "layer " + detail::go_quote(label) + " already exists");
  }
  if (auto message = detail::check_overrides(label, layer)) return error_response(400, *message);
  Layer stored = existing == container_.layers.end()
                     ? std::move(layer)
                     : detail::combine_into(existing->second, layer);
  // The new plan must be valid before anything changes: the layers in label order, with
  // `stored` in the place of `label`.
  std::vector<const Layer*> ordered;
  ordered.reserve(container_.layers.size() + 1);
  const auto comes_before = container_.layers.key_comp();
  bool placed = false;
  for (const auto& [name, item] : container_.layers) {
    if (!placed && !comes_before(name, label)) {
      ordered.push_back(&stored);
      placed = true;
      if (name == label) continue;
    }
    ordered.push_back(&item);
  }
  if (!placed) ordered.push_back(&stored);
  if (auto message = detail::validate_plan(detail::combine(ordered))) {
    return error_response(400, *message);
  }
  container_.layers[label] = std::move(stored);
  return sync_response(true);
}

Response detail::HandlerState::get_health(const Request& request) {
  const std::string level = detail::query_value(request, "level").value_or("");
  if (!level.empty() && level != "alive" && level != "ready") {
    return error_response(400, R"(level must be "alive" or "ready")");
  }
  const std::vector<std::string> names = detail::query_list(request, "names");
  const detail::Plan plan = combined_plan();
  bool healthy = true;
  for (const auto& [name, check] : plan.checks) {
    if (!names.empty() && std::find(names.begin(), names.end(), name) == names.end()) continue;
    const std::string check_level = check.value("level", "");
    // Pebble: level=alive counts alive checks only; level=ready counts alive and ready ones.
    if (level == "alive" && check_level != "alive") continue;
    if (level == "ready" && check_level == "") continue;
    const auto info = container_.check_infos.find(name);
    if (info != container_.check_infos.end() && info->second.status == "down") healthy = false;
  }
  Response response = sync_response({{"healthy", healthy}});
  if (!healthy) {
    response.status = 502;
    response.body = detail::envelope_text("sync", 502, {{"healthy", false}});
  }
  return response;
}

Response detail::HandlerState::get_warnings(const Request& /*request*/) {
  return sync_response(Json::array());
}

Response detail::HandlerState::post_warnings(const Request& /*request*/) {
  return sync_response(0);
}

ContainerHandler::ContainerHandler(Container& container, std::filesystem::path root_dir)
    : impl_(std::make_unique<detail::HandlerState>(container, std::move(root_dir))) {}

ContainerHandler::~ContainerHandler() = default;

Response ContainerHandler::handle(const Request& request) {
  try {
    return impl_->handle(request);
  } catch (const std::exception& error) {
    // A bug here must not take the charm's process down: Pebble's own answer to an
    // unexpected failure is a 500.
    return error_response(500, std::string("internal error: ") + error.what());
  }
}

std::unique_ptr<Websocket> ContainerHandler::open_websocket(std::string_view task_id,
                                                            std::string_view websocket_id) {
  return impl_->open_websocket(task_id, websocket_id);
}

Json ContainerHandler::plan() const { return detail::plan_to_json(impl_->combined_plan()); }

const std::vector<ExecRecord>& ContainerHandler::exec_history() const {
  return *impl_->exec_history_;
}

}  // namespace scenario::pebble
