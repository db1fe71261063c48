// SPDX-License-Identifier: Apache-2.0
// scenario/state/relation.h: a relation as one unit sees it, with its databags.

#ifndef SCENARIO_STATE_RELATION_H_
#define SCENARIO_STATE_RELATION_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/state/types.h"

namespace scenario {

/// The three relation flavours of the Python API (Relation, PeerRelation,
/// SubordinateRelation). They share one data shape; the kind decides which fields
/// are meaningful and which access rules apply.
enum class RelationKind { kRegular, kPeer, kSubordinate };

std::string_view to_string(RelationKind kind);

/// A relation this unit takes part in.
///
/// One struct serves all kinds so the engine's hook tools treat relations uniformly:
///  - kRegular:     remote_app_name, remote_app_data, remote_units_data, limit.
///  - kPeer:        remote_units_data holds the peers' databags (`peers_data`);
///                  the remote app is this app, so remote_app_name/remote_app_data
///                  are unused.
///  - kSubordinate: exactly one remote unit (the principal), `remote_unit_id`, whose
///                  databag is remote_units_data[remote_unit_id].
struct Relation {
  RelationKind kind = RelationKind::kRegular;
  std::string endpoint;
  /// Interface name; empty means "take it from the charm's metadata".
  std::string interface;
  /// Juju's relation id; unique within a State.
  int relation_id = 0;
  Databag local_app_data;
  Databag local_unit_data;
  std::string remote_app_name = "remote";
  Databag remote_app_data;
  /// Remote (or peer) unit id -> that unit's databag. The keys are the units Juju
  /// lists in `relation-list`.
  std::map<UnitId, Databag> remote_units_data = {{0, {}}};
  /// The local endpoint's limit (kRegular only).
  int limit = 1;

  bool operator==(const Relation&) const = default;

  /// Remote unit ids in ascending order.
  std::vector<UnitId> remote_unit_ids() const;
  /// `remote_app_name/N` for a remote unit id (for kPeer pass the local app name).
  std::string remote_unit_name(UnitId id, std::string_view app_name) const;
  /// The remote unit id of a subordinate relation. Requires kind == kSubordinate.
  UnitId remote_unit_id() const;
};

/// Makes a relation of `kind` with the defaults of the Python constructors:
/// one remote unit with id 0 and empty databags.
Relation make_relation(RelationKind kind, std::string endpoint, int relation_id);

}  // namespace scenario

#endif  // SCENARIO_STATE_RELATION_H_
