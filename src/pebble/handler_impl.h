// SPDX-License-Identifier: Apache-2.0
// pebble/handler_impl.h: the state behind ContainerHandler, shared by the endpoint files
// (container_handler.cc, services.cc, exec.cc, checks_notices.cc).
//
// Invariants: change and task ids come from this object's counters only, so a run's ids
// never depend on other runs; `container_` is the only copy of the container's state
// (layers, service statuses, check infos, notices), updated in place.

#ifndef SCENARIO_SRC_PEBBLE_HANDLER_IMPL_H_
#define SCENARIO_SRC_PEBBLE_HANDLER_IMPL_H_

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "files.h"
#include "layers.h"
#include "scenario/pebble/container_handler.h"

namespace scenario::pebble {

namespace detail {

struct Task {
  std::string id;
  std::string kind;
  std::string summary;
  std::string status = "Done";
  std::vector<std::string> log;
  Json data = nullptr;
  std::string spawn_time;
  std::string ready_time;
};

struct Change {
  std::string id;
  std::string kind;
  std::string summary;
  std::string status = "Done";
  std::string err;
  std::vector<Task> tasks;
  Json data = nullptr;
  std::string spawn_time;
  std::string ready_time;
};

/// One exec task's streams, shared by its websockets.
struct ExecSession {
  std::size_t record = 0;  // index into exec_history_
  std::string stdout_data;
  std::string stderr_data;
  bool split_stderr = false;
  bool stdio_sent = false;
  bool stderr_sent = false;
  bool stdin_ended = false;
};

Json change_to_json(const Change& change);

}  // namespace detail

namespace detail {

/// Everything ContainerHandler keeps between requests.
class HandlerState {
 public:
  HandlerState(Container& container, std::filesystem::path root_dir);

  Response handle(const Request& request);
  std::unique_ptr<Websocket> open_websocket(std::string_view task_id,
                                            std::string_view websocket_id);

  // Endpoints, by file.
  Response get_system_info(const Request& request);
  Response get_health(const Request& request);
  Response get_plan(const Request& request);
  Response post_layers(const Request& request);
  Response get_services(const Request& request);
  Response post_services(const Request& request);
  Response get_changes(const Request& request);
  Response get_change(const Request& request, const std::string& id);
  Response wait_change(const Request& request, const std::string& id);
  Response post_change(const Request& request, const std::string& id);
  Response post_signals(const Request& request);
  Response post_exec(const Request& request);
  Response get_checks(const Request& request);
  Response post_checks(const Request& request);
  Response get_notices(const Request& request);
  Response get_notice(const Request& request, const std::string& id);
  Response post_notices(const Request& request);
  Response get_warnings(const Request& request);
  Response post_warnings(const Request& request);

  /// The layers of the container combined in label order.
  detail::Plan combined_plan() const;
  std::string now() const;
  detail::Change& new_change(std::string kind, std::string summary);
  detail::Task make_task(std::string kind, std::string summary);

  Container& container_;
  detail::Files files_;
  std::vector<detail::Change> changes_;
  int next_change_ = 0;
  int next_task_ = 0;
  // Shared with the exec websockets, which may outlive a request.
  std::shared_ptr<std::vector<ExecRecord>> exec_history_ =
      std::make_shared<std::vector<ExecRecord>>();
  std::map<std::string, std::shared_ptr<detail::ExecSession>> exec_sessions_;  // by task id
  /// The configuration each running service was started with, to know what replan restarts.
  std::map<std::string, Json> started_config_;
  std::map<std::string, std::string> check_changes_;  // check name -> change id
  std::map<std::string, bool> checks_stopped_;
};

}  // namespace detail

}  // namespace scenario::pebble

#endif  // SCENARIO_SRC_PEBBLE_HANDLER_IMPL_H_
