// SPDX-License-Identifier: Apache-2.0
// scenario/state/container.h: a workload container, its Pebble layers and mocks.

#ifndef SCENARIO_STATE_CONTAINER_H_
#define SCENARIO_STATE_CONTAINER_H_

#include <map>
#include <optional>
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

/// The state of one Pebble health check, as `/v1/checks` reports it. The check's
/// definition (period, http/tcp/exec, ...) comes from the layers.
struct CheckInfo {
  std::string name;
  /// "", "alive" or "ready"; when a layer defines the check, the layer's level is reported.
  std::string level;
  /// "up" (failures below the threshold) or "down".
  std::string status = "up";
  int failures = 0;
  int threshold = 3;

  bool operator==(const CheckInfo&) const = default;
};

/// A Pebble notice. Timestamps are RFC 3339 strings; durations are in seconds.
struct Notice {
  std::string key;
  /// Unique within the container; assigned when read from JSON without one.
  std::string id;
  /// The user the notice is visible to; none means public.
  std::optional<int> user_id;
  /// "custom", "change-update" or "warning".
  std::string type = "custom";
  std::string first_occurred = "1970-01-01T00:00:00Z";
  std::string last_occurred = "1970-01-01T00:00:00Z";
  std::string last_repeated = "1970-01-01T00:00:00Z";
  int occurrences = 1;
  Databag last_data;
  std::optional<double> repeat_after;
  std::optional<double> expire_after;

  bool operator==(const Notice&) const = default;
};

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
  /// Health check states by check name.
  std::map<std::string, CheckInfo> check_infos;
  /// Notices, in the order they were first recorded.
  std::vector<Notice> notices;

  bool operator==(const Container&) const = default;
};

/// The id a new notice gets: one more than the largest numeric id in `notices` (1 when
/// there is none), so ids depend on nothing outside the container.
std::string next_notice_id(const std::vector<Notice>& notices);

}  // namespace scenario

#endif  // SCENARIO_STATE_CONTAINER_H_
