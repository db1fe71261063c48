// SPDX-License-Identifier: Apache-2.0
// scenario/state/stored_state.h: ops StoredState contents and deferred events.

#ifndef SCENARIO_STATE_STORED_STATE_H_
#define SCENARIO_STATE_STORED_STATE_H_

#include <optional>
#include <string>

#include "scenario/state/types.h"

namespace scenario {

/// The contents of one ops `StoredState` attribute.
struct StoredState {
  /// `/`-separated path of the owning ops Object (e.g. `MyCharm/MyLib`); nullopt
  /// when the Framework owns it.
  std::optional<std::string> owner_path;
  std::string name = "_stored";
  /// A JSON object; see docs/state-format.md for how Python-only values are encoded.
  Json content = Json::object();
  std::string data_type_name = "StoredStateData";

  bool operator==(const StoredState&) const = default;

  /// ops' handle path: `<owner_path>/<data_type_name>[<name>]`.
  std::string handle_path() const;
};

/// An event deferred by an earlier run, as ops' storage keeps it.
struct DeferredEvent {
  /// e.g. `MyCharm/on/update_status[1]`.
  std::string handle_path;
  /// Observer's owner path, e.g. `MyCharm`.
  std::string owner;
  /// Observer method name, e.g. `_on_update_status`.
  std::string observer;
  /// The event's snapshot (a JSON object).
  Json snapshot_data = Json::object();

  bool operator==(const DeferredEvent&) const = default;

  /// The event name: the last handle-path segment without its `[n]` suffix.
  std::string name() const;
};

}  // namespace scenario

#endif  // SCENARIO_STATE_STORED_STATE_H_
