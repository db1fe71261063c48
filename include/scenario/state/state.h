// SPDX-License-Identifier: Apache-2.0
// scenario/state/state.h: the State, everything Juju shows one unit.

#ifndef SCENARIO_STATE_STATE_H_
#define SCENARIO_STATE_STATE_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/state/container.h"
#include "scenario/state/model.h"
#include "scenario/state/network.h"
#include "scenario/state/port.h"
#include "scenario/state/relation.h"
#include "scenario/state/secret.h"
#include "scenario/state/status.h"
#include "scenario/state/storage.h"
#include "scenario/state/stored_state.h"
#include "scenario/state/types.h"

namespace scenario {

/// The Juju-owned part of a unit's world: the input of a run and its output.
/// A plain value type: copy it, compare it; nothing in it refers elsewhere.
struct State {
  std::map<std::string, ConfigValue> config;
  std::vector<Relation> relations;
  std::vector<Network> networks;
  std::vector<Container> containers;
  /// Attached storage only.
  std::vector<Storage> storage;
  std::vector<Port> opened_ports;
  bool leader = false;
  Model model;
  std::vector<Secret> secrets;
  /// Resource name -> path of the resource file.
  std::map<std::string, std::string> resources;
  int planned_units = 1;
  int unit_id = 0;
  std::vector<DeferredEvent> deferred;
  std::vector<StoredState> stored_state;
  Status app_status;
  Status unit_status;
  std::string workload_version;

  bool operator==(const State&) const = default;

  /// Lookups by identity; nullptr when absent.
  const Relation* find_relation(int relation_id) const;
  const Container* find_container(std::string_view name) const;
  const Secret* find_secret(std::string_view id) const;
  const Storage* find_storage(std::string_view name, int index) const;
  /// Relations on an endpoint (`-` and `_` compare equal, as in Juju event names).
  std::vector<const Relation*> relations_on(std::string_view endpoint) const;
  /// The id the next relation added to this State should get: max id + 1, or 1.
  int next_relation_id() const;
  /// The index the next storage of `name` should get: max index + 1, or 0.
  int next_storage_index(std::string_view name) const;
};

}  // namespace scenario

#endif  // SCENARIO_STATE_STATE_H_
