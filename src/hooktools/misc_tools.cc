// SPDX-License-Identifier: Apache-2.0
// hooktools/misc_tools.cc: goal-state, credential-get, juju-reboot, pod-spec-set and the
// unit's charm-state store (state-get, state-set, state-delete).

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "go_text.h"
#include "settings_input.h"
#include "tool.h"

namespace scenario::detail {
namespace {

// goal-state's `since`. Juju prints the time the status was set, in its own format
// (cmd/juju/common FormatTime with ISO: a space, not `T`); a fixed time keeps runs
// reproducible.
constexpr std::string_view kGoalStateSince = "2024-01-01 00:00:00Z";

// goalStateStatusContents, a struct: status, then since.
GoValue goal_entry(std::string_view status) {
  return GoValue::go_struct({{"status", status}, {"since", kGoalStateSince}});
}

// The application's units as goal-state lists them: this unit, the peers the State
// knows, and made-up units up to planned_units. Known units beyond planned_units are
// `dying` (the highest ids first), as units being removed are in Juju; ops counts the
// units that are not dying.
GoValue goal_units(const SessionData& session) {
  const State& state = session.state;
  std::set<UnitId> known = {state.unit_id};
  for (const Relation& relation : state.relations) {
    if (relation.kind != RelationKind::kPeer) continue;
    for (const UnitId id : relation.remote_unit_ids()) known.insert(id);
  }
  const std::size_t planned = static_cast<std::size_t>(std::max(state.planned_units, 0));
  std::set<UnitId> dying;
  for (auto it = known.rbegin(); it != known.rend() && known.size() - dying.size() > planned;
       ++it) {
    if (*it != state.unit_id) dying.insert(*it);
  }
  std::set<UnitId> all = known;
  for (UnitId id = 0; all.size() - dying.size() < planned; ++id) all.insert(id);
  GoValue::Fields units;
  for (const UnitId id : all) {
    units.emplace_back(session.config.unit_name(id),
                       goal_entry(dying.contains(id) ? "dying" : "active"));
  }
  return GoValue::go_map(std::move(units));
}

// Juju: per local endpoint, the remote applications (status of the relation) and their
// units; peer relations are left out (apiserver uniter goalStateRelations).
GoValue goal_relations(const SessionData& session) {
  std::map<std::string, std::map<std::string, GoValue>> relations;
  for (const Relation& relation : session.state.relations) {
    if (relation.kind == RelationKind::kPeer) continue;
    std::map<std::string, GoValue>& entry = relations[relation.endpoint];
    entry[relation.remote_app_name] = goal_entry("joined");
    for (const UnitId id : relation.remote_unit_ids()) {
      entry[relation.remote_unit_name(id, session.app_name())] = goal_entry("active");
    }
  }
  GoValue::Fields endpoints;
  for (const auto& [endpoint, entry] : relations) {
    endpoints.emplace_back(endpoint, GoValue::go_map({entry.begin(), entry.end()}));
  }
  return GoValue::go_map(std::move(endpoints));
}

}  // namespace

void run_goal_state(ToolCall& call) {
  call.check_empty();
  // formattedGoalState, a struct: units, then relations.
  call.write(GoValue::go_struct(
      {{"units", goal_units(call.session)}, {"relations", goal_relations(call.session)}}));
}

void run_credential_get(ToolCall& call) {
  call.check_empty();
  const std::optional<Json>& cloud_spec = call.session.config.cloud_spec;
  // Juju: without trust the controller refuses, and jujuc credential-get annotates it.
  if (!cloud_spec) fail("cannot access cloud credentials: permission denied");
  call.write(*cloud_spec);
}

void run_juju_reboot(ToolCall& call) {
  call.check_empty();
  if (call.session.in_action()) fail("juju-reboot is not supported when running an action.");
  SessionRecords& records = call.session.records;
  records.reboot_requested = true;
  records.reboot_now = records.reboot_now || call.args.is_set("now");
}

void run_pod_spec_set(ToolCall& call) {
  call.check_empty();
  // Juju: --file defaults to standard input; both files are read during the call (ops
  // deletes them right after it).
  const std::string* spec_path = call.args.value("file");
  std::string spec = read_file_arg(call, spec_path != nullptr ? *spec_path : "-");
  if (spec.empty()) {
    fail("no k8s spec specified: pipe k8s spec to command, or specify a file with --file");
  }
  std::optional<std::string> resources;
  if (const std::string* path = call.args.value("k8s-resources"); path && !path->empty()) {
    resources = read_file_arg(call, *path);
  }
  // Juju: runner/context SetPodSpec is for the leader only.
  if (!call.session.state.leader) fail("this unit is not the leader");
  call.session.records.pod_spec = std::move(spec);
  call.session.records.k8s_resources = std::move(resources);
}

void run_state_get(ToolCall& call) {
  std::string key = call.zero_or_one_arg();
  // Juju: the key `-` means every key, as no key does (jujuc state-get.go Init).
  if (key == "-") key.clear();
  const std::map<std::string, std::string>& store = call.session.records.unit_state;
  if (key.empty()) {
    call.write(Json(store));
    return;
  }
  const auto it = store.find(key);
  if (it != store.end()) {
    call.write(it->second);
    return;
  }
  // Juju: a missing key is an error only with --strict; otherwise nothing is printed.
  if (call.args.is_set("strict")) fail(go_quote(key) + " not found");
  call.write(Json(nullptr));
}

void run_state_set(ToolCall& call) {
  Settings settings = parse_key_values(call.positionals());
  if (const std::string* path = call.args.value("file")) {
    Settings from_file = parse_settings_mapping(read_file_arg(call, *path));
    for (auto& [key, value] : settings) from_file[key] = std::move(value);
    settings = std::move(from_file);
  }
  std::map<std::string, std::string>& store = call.session.records.unit_state;
  for (auto& [key, value] : settings) {
    if (value.empty()) {
      store.erase(key);
    } else {
      store[key] = std::move(value);
    }
  }
}

void run_state_delete(ToolCall& call) {
  const auto& args = call.positionals();
  if (args.empty()) usage_error("no key specified");
  call.check_empty(1);
  call.session.records.unit_state.erase(args.front());
}

}  // namespace scenario::detail
