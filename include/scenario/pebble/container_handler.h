// SPDX-License-Identifier: Apache-2.0
// scenario/pebble/container_handler.h: the Pebble API of one container, simulated
// (files, layers and plan, services and changes, exec, checks, notices).

#ifndef SCENARIO_PEBBLE_CONTAINER_HANDLER_H_
#define SCENARIO_PEBBLE_CONTAINER_HANDLER_H_

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/pebble/transport.h"
#include "scenario/state/container.h"
#include "scenario/state/types.h"

namespace scenario::pebble {

namespace detail {
class HandlerState;
}  // namespace detail

/// One command the charm ran with exec, as it asked for it.
struct ExecRecord {
  std::vector<std::string> command;
  std::map<std::string, std::string> environment;
  std::string working_dir;
  /// The timeout as sent (a Go duration such as "4.000s"); empty when none.
  std::string timeout;
  std::optional<int> user_id;
  std::string user;
  std::optional<int> group_id;
  std::string group;
  std::string service_context;
  bool combine_stderr = true;
  /// Everything the charm wrote to the process's stdin.
  std::string stdin_data;
  /// Signals sent to the process (`SIGTERM`, ...), in order.
  std::vector<std::string> signals;
};

/// Serves Pebble's API for one container of a run.
class ContainerHandler final : public Handler {
 public:
  /// `container` (usually an element of the run's working State) must outlive the handler;
  /// the handler reads and updates it (layers, service statuses, check infos, notices).
  /// Files live under `root_dir` (created if missing) and the container's mounts.
  ContainerHandler(Container& container, std::filesystem::path root_dir);
  ~ContainerHandler() override;
  ContainerHandler(const ContainerHandler&) = delete;
  ContainerHandler& operator=(const ContainerHandler&) = delete;

  Response handle(const Request& request) override;
  std::unique_ptr<Websocket> open_websocket(std::string_view task_id,
                                            std::string_view websocket_id) override;
  /// The plan: all layers combined in order, as Pebble's /v1/plan returns it (as JSON).
  Json plan() const;
  /// The commands run with exec so far, in order (stdin grows as the client sends it).
  const std::vector<ExecRecord>& exec_history() const;

 private:
  std::unique_ptr<detail::HandlerState> impl_;
};

}  // namespace scenario::pebble

#endif  // SCENARIO_PEBBLE_CONTAINER_HANDLER_H_
