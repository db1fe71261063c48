// SPDX-License-Identifier: Apache-2.0
// consistency/rules_units.cc: the unit itself: its id, planned units, leadership-only
// data and workload statuses.

#include <set>
#include <string>

#include "context.h"
#include "rules.h"
#include "scenario/state/status.h"

namespace scenario::detail {

void check_unit_id_invalid(const CheckContext& ctx, Reporter& out) {
  if (ctx.state.unit_id >= 0) return;
  out.report("unit_id", "unit id " + std::to_string(ctx.state.unit_id) +
                            " is negative, and Juju's unit ids never are; use 0 or more");
}

void check_planned_units_invalid(const CheckContext& ctx, Reporter& out) {
  if (ctx.state.planned_units >= 0) return;
  out.report("planned_units", "planned_units is " + std::to_string(ctx.state.planned_units) +
                                  "; Juju plans 0 units or more: give a count");
}

void check_planned_units_below_peers(const CheckContext& ctx, Reporter& out) {
  // Juju: goal-state counts the units the application is meant to have; a unit and the
  // peers it sees usually fit in it (fewer only while scaling down). The default of 1 is
  // left alone: ops-scenario 5.8 States keep it whatever their peers, and a charm that
  // does not read planned_units does not care.
  if (ctx.state.planned_units == State{}.planned_units) return;
  std::set<UnitId> units = {ctx.state.unit_id};
  for (const Relation& relation : ctx.state.relations) {
    if (relation.kind != RelationKind::kPeer) continue;
    for (const auto& [unit, databag] : relation.remote_units_data) units.insert(unit);
  }
  if (ctx.state.planned_units < 0 ||
      static_cast<std::size_t>(ctx.state.planned_units) >= units.size()) {
    return;
  }
  out.report("planned_units", "planned_units is " + std::to_string(ctx.state.planned_units) +
                                  ", but this unit and its peers are " +
                                  std::to_string(units.size()) +
                                  " units; that only happens while scaling down: raise "
                                  "planned_units to at least " +
                                  std::to_string(units.size()));
}

void check_status_name_invalid(const CheckContext& ctx, Reporter& out) {
  const auto check = [&](const Status& status, const char* path) {
    if (is_known_status_name(status.name)) return;
    out.report(std::string(path) + ".name",
               "status name " + in_quotes(status.name) +
                   " is not one Juju knows; use active, blocked, maintenance, waiting, "
                   "unknown or error");
  };
  check(ctx.state.unit_status, "unit_status");
  check(ctx.state.app_status, "app_status");
}

void check_app_status_not_leader(const CheckContext& ctx, Reporter& out) {
  if (ctx.state.leader || ctx.state.app_status == Status{}) return;
  out.report("app_status",
             "the State sets the application status, which only the leader can "
             "read or set, but has leader=False; set leader=True, or leave "
             "app_status unset");
}

}  // namespace scenario::detail
