// SPDX-License-Identifier: Apache-2.0
// scenario/state/container.h: a workload container, its Pebble layers and mocks.

#ifndef SCENARIO_STATE_CONTAINER_H_
#define SCENARIO_STATE_CONTAINER_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/state/types.h"

namespace scenario {

/// A host directory (`src`) visible inside the container at `location`.
struct Mount {
  std::string location;
  std::string src;

  bool operator==(const Mount&) const = default;
};

/// The mocked result of running a command with `container.exec`.
/// (Fields are `stdout_text`/`stderr_text` because `stdout`/`stderr` are C macros;
/// they are `stdout`/`stderr` in JSON and Python.)
struct ExecOutput {
  int return_code = 0;
  std::string stdout_text;
  std::string stderr_text;

  bool operator==(const ExecOutput&) const = default;
};

/// One exec mock: an exact command line and its result.
struct ExecMock {
  std::vector<std::string> command;
  ExecOutput output;

  bool operator==(const ExecMock&) const = default;
};

/// A Pebble layer. Entries keep Pebble's YAML field names (e.g. `startup`,
/// `on-failure`); which fields exist is checked when a layer is read from JSON.
struct Layer {
  std::string summary;
  std::string description;
  std::map<std::string, Json> services;
  std::map<std::string, Json> checks;
  std::map<std::string, Json> log_targets;

  bool operator==(const Layer&) const = default;
};

/// Pebble service states as `/v1/services` reports them.
enum class ServiceStatus { kActive, kInactive, kError, kBackoff };

std::string_view to_string(ServiceStatus status);

/// A workload container as the charm sees it through Pebble.
struct Container {
  std::string name;
  bool can_connect = false;
  /// Layers by label, applied in label order on top of each other.
  std::map<std::string, Layer> layers;
  /// Current status of services by name; a service missing here is inactive.
  std::map<std::string, ServiceStatus> service_status;
  /// Mounts by name.
  std::map<std::string, Mount> mounts;
  std::vector<ExecMock> exec_mock;

  bool operator==(const Container&) const = default;
};

}  // namespace scenario

#endif  // SCENARIO_STATE_CONTAINER_H_
