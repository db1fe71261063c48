// SPDX-License-Identifier: Apache-2.0
// consistency/rules_relations.cc: State.relations against the charm's endpoints and
// against each other.
//
// The implicit `juju-info` endpoint (context.cc) counts as declared: a principal
// provides it and a subordinate relates through it, so relations on it are accepted as
// regular or subordinate relations. Ids only need to be unique within one State: the
// same relation reused in several States is fine.

#include <cstddef>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "context.h"
#include "rules.h"

namespace scenario::detail {

namespace {

std::string relation_path(std::size_t index) { return path_index("relations", index); }

// The JSON key holding a relation's remote units, which depends on its kind.
std::string units_key(const Relation& relation) {
  switch (relation.kind) {
    case RelationKind::kPeer:
      return "peers_data";
    case RelationKind::kSubordinate:
      return "remote_unit_id";
    case RelationKind::kRegular:
      break;
  }
  return "remote_units_data";
}

std::string unit_path(std::size_t index, const Relation& relation, UnitId unit) {
  const std::string units = path_key(relation_path(index), units_key(relation));
  return relation.kind == RelationKind::kSubordinate ? units
                                                     : path_key(units, std::to_string(unit));
}

std::string_view kind_class(RelationKind kind) {
  switch (kind) {
    case RelationKind::kPeer:
      return "PeerRelation";
    case RelationKind::kSubordinate:
      return "SubordinateRelation";
    case RelationKind::kRegular:
      break;
  }
  return "Relation";
}

}  // namespace

void check_relation_endpoint_undeclared(const CheckContext& ctx, Reporter& out) {
  for (std::size_t i = 0; i < ctx.state.relations.size(); ++i) {
    const Relation& relation = ctx.state.relations[i];
    if (endpoint_spec(ctx.spec, relation.endpoint) != nullptr) continue;
    std::string hint;
    for (const RelationSpec& spec : ctx.spec.relations) {
      if (same_name(spec.name, relation.endpoint))
        hint = " (did you mean " + in_quotes(spec.name) + "?)";
    }
    out.report(path_key(relation_path(i), "endpoint"),
               describe(relation) + ": endpoint " + in_quotes(relation.endpoint) + hint +
                   " is not declared by the charm (requires, provides or peers); declare it in "
                   "metadata or remove the relation");
  }
}

void check_relation_interface_mismatch(const CheckContext& ctx, Reporter& out) {
  for (std::size_t i = 0; i < ctx.state.relations.size(); ++i) {
    const Relation& relation = ctx.state.relations[i];
    const RelationSpec* spec = endpoint_spec(ctx.spec, relation.endpoint);
    if (spec == nullptr || relation.interface.empty() || relation.interface == spec->interface) {
      continue;
    }
    out.report(path_key(relation_path(i), "interface"),
               describe(relation) + " has interface " + in_quotes(relation.interface) +
                   ", but endpoint " + in_quotes(spec->name) + " uses interface " +
                   in_quotes(spec->interface) + "; Juju only relates matching interfaces: use " +
                   in_quotes(spec->interface) + " or leave the interface unset (the charm "
                   "cannot see it, so the run goes on)");
  }
}

void check_relation_id_invalid(const CheckContext& ctx, Reporter& out) {
  for (std::size_t i = 0; i < ctx.state.relations.size(); ++i) {
    const Relation& relation = ctx.state.relations[i];
    if (relation.relation_id >= 0) continue;
    out.report(path_key(relation_path(i), "relation_id"),
               describe(relation) +
                   " has a negative id, and Juju's relation ids never are; use 0 or more");
  }
}

void check_relation_id_duplicate(const CheckContext& ctx, Reporter& out) {
  std::map<int, std::size_t> first;
  for (std::size_t i = 0; i < ctx.state.relations.size(); ++i) {
    const Relation& relation = ctx.state.relations[i];
    const auto [it, inserted] = first.emplace(relation.relation_id, i);
    if (inserted) continue;
    out.report(path_key(relation_path(i), "relation_id"),
               describe(relation) + " has the same id as " + relation_path(it->second) + " (" +
                   describe(ctx.state.relations[it->second]) +
                   "); relation ids are unique within a State: give one of them another id "
                   "(or leave it unset to get a fresh one)");
  }
}

void check_relation_kind_mismatch(const CheckContext& ctx, Reporter& out) {
  for (std::size_t i = 0; i < ctx.state.relations.size(); ++i) {
    const Relation& relation = ctx.state.relations[i];
    const RelationSpec* spec = endpoint_spec(ctx.spec, relation.endpoint);
    if (spec == nullptr) continue;
    RelationKind expected = RelationKind::kRegular;
    std::string why;
    if (is_implicit_endpoint(ctx.spec, spec)) {
      if (relation.kind != RelationKind::kPeer) continue;  // either side of juju-info
      why = "the implicit juju-info endpoint is not a peers endpoint";
    } else if (spec->role == RelationRole::kPeers) {
      expected = RelationKind::kPeer;
      why = "endpoint " + in_quotes(spec->name) + " is declared under peers";
    } else if (spec->scope == "container") {
      expected = RelationKind::kSubordinate;
      why = "endpoint " + in_quotes(spec->name) + " has scope 'container'";
    } else {
      why = "endpoint " + in_quotes(spec->name) + " is a global " +
            std::string(spec->role == RelationRole::kProvides ? "provides" : "requires") +
            " endpoint";
    }
    if (relation.kind == expected) continue;
    out.report(path_key(relation_path(i), "kind"),
               describe(relation) + " is a " + std::string(kind_class(relation.kind)) + ", but " +
                   why + "; use a " + std::string(kind_class(expected)));
  }
}

void check_relation_peer_self(const CheckContext& ctx, Reporter& out) {
  for (std::size_t i = 0; i < ctx.state.relations.size(); ++i) {
    const Relation& relation = ctx.state.relations[i];
    if (relation.kind != RelationKind::kPeer) continue;
    auto self = relation.remote_units_data.find(ctx.state.unit_id);
    if (self == relation.remote_units_data.end()) continue;
    // ops-scenario's PeerRelation defaults to peers_data={0: {}} and State to unit_id=0:
    // that untouched default is accepted (the unit is simply alone), so that existing
    // tests keep running. Any other peer list naming this unit is an error.
    if (relation.remote_units_data.size() == 1 && self->second.empty()) continue;
    out.report(unit_path(i, relation, ctx.state.unit_id),
               describe(relation) + " lists unit " + std::to_string(ctx.state.unit_id) +
                   " as a peer, but that is this unit's own id (State.unit_id); peers_data holds "
                   "the other units only: use other ids, or change unit_id");
  }
}

void check_relation_peer_duplicate(const CheckContext& ctx, Reporter& out) {
  std::map<std::string, std::size_t> first;
  for (std::size_t i = 0; i < ctx.state.relations.size(); ++i) {
    const Relation& relation = ctx.state.relations[i];
    const RelationSpec* spec = endpoint_spec(ctx.spec, relation.endpoint);
    if (spec == nullptr || spec->role != RelationRole::kPeers) continue;
    const auto [it, inserted] = first.emplace(spec->name, i);
    if (inserted) continue;
    out.report(relation_path(i),
               describe(relation) + " is a second relation on peers endpoint " +
                   in_quotes(spec->name) + " (" + relation_path(it->second) +
                   " is the first); Juju makes exactly one peer relation per peers endpoint: "
                   "merge them");
  }
}

void check_relation_subordinate_units(const CheckContext& ctx, Reporter& out) {
  for (std::size_t i = 0; i < ctx.state.relations.size(); ++i) {
    const Relation& relation = ctx.state.relations[i];
    if (relation.kind != RelationKind::kSubordinate || relation.remote_units_data.size() == 1) {
      continue;
    }
    out.report(path_key(relation_path(i), "remote_unit_id"),
               describe(relation) + " is subordinate and has " +
                   std::to_string(relation.remote_units_data.size()) +
                   " remote units; a subordinate relation sees exactly one (its principal): "
                   "give exactly one remote unit");
  }
}

void check_relation_unit_id_invalid(const CheckContext& ctx, Reporter& out) {
  for (std::size_t i = 0; i < ctx.state.relations.size(); ++i) {
    const Relation& relation = ctx.state.relations[i];
    for (const auto& [unit, databag] : relation.remote_units_data) {
      if (unit >= 0) continue;
      out.report(unit_path(i, relation, unit),
                 describe(relation) + " has remote unit id " + std::to_string(unit) +
                     ", and unit ids are never negative; use 0 or more");
    }
  }
}

void check_relation_limit_exceeded(const CheckContext& ctx, Reporter& out) {
  std::map<std::string, int> count;
  for (std::size_t i = 0; i < ctx.state.relations.size(); ++i) {
    const Relation& relation = ctx.state.relations[i];
    const RelationSpec* spec = endpoint_spec(ctx.spec, relation.endpoint);
    if (spec == nullptr || spec->role == RelationRole::kPeers || !spec->limit) continue;
    if (++count[spec->name] != *spec->limit + 1) continue;
    out.report(relation_path(i),
               describe(relation) + " is relation number " + std::to_string(*spec->limit + 1) +
                   " on endpoint " + in_quotes(spec->name) + ", whose limit is " +
                   std::to_string(*spec->limit) +
                   "; Juju refuses relations past the limit: remove some or raise the limit");
  }
}

void check_relation_app_data_not_leader(const CheckContext& ctx, Reporter& out) {
  if (ctx.state.leader) return;
  for (std::size_t i = 0; i < ctx.state.relations.size(); ++i) {
    const Relation& relation = ctx.state.relations[i];
    if (relation.kind == RelationKind::kPeer || relation.local_app_data.empty()) continue;
    out.report(path_key(relation_path(i), "local_app_data"),
               describe(relation) +
                   " has local application data, which only the leader can "
                   "read on a non-peer relation, but the State has leader=False; "
                   "set leader=True, or leave local_app_data empty");
  }
}

}  // namespace scenario::detail
