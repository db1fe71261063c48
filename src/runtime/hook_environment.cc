// SPDX-License-Identifier: Apache-2.0
// runtime/hook_environment.cc: the JUJU_* variables of a dispatch (reference §3.1).

#include "scenario/runtime/hook_environment.h"

#include <algorithm>
#include <string>
#include <string_view>

#include "scenario/errors.h"

namespace scenario {

namespace {

std::string dashed(std::string_view name) {
  std::string out(name);
  std::replace(out.begin(), out.end(), '_', '-');
  return out;
}

bool same_name(std::string_view a, std::string_view b) { return dashed(a) == dashed(b); }

// `_relation_changed` -> `-relation-changed`.
std::string dashed_suffix(const EventName& name) { return dashed(name.suffix); }

[[noreturn]] void missing(const std::string& what) { throw InconsistentScenarioError(what); }

const Relation& event_relation(const State& state, const Event& event, const EventName& name) {
  if (!event.relation_id) {
    missing("relation event '" + name.name +
            "' does not say which relation it is about; give the event a relation "
            "(e.g. `relation.changed_event`) or a relation_id");
  }
  const Relation* relation = state.find_relation(*event.relation_id);
  if (relation == nullptr) {
    missing("relation event '" + name.name + "' is about relation id " +
            std::to_string(*event.relation_id) + ", which is not in the State's relations");
  }
  return *relation;
}

const Storage& event_storage(const State& state, const Event& event, const EventName& name) {
  if (!event.storage) {
    missing("storage event '" + name.name + "' does not say which storage it is about");
  }
  const Storage* storage = state.find_storage(event.storage->name, event.storage->index);
  if (storage == nullptr) {
    missing("storage event '" + name.name + "' is about storage " + event.storage->name + "/" +
            std::to_string(event.storage->index) + ", which is not in the State's storage");
  }
  return *storage;
}

std::string action_name(const Event& event, const EventName& name, const CharmSpec& spec) {
  std::string wanted = event.action ? event.action->name : name.prefix;
  for (const ActionSpec& action : spec.actions) {
    if (same_name(action.name, wanted)) return action.name;
  }
  return dashed(wanted);
}

// Juju: JUJU_REMOTE_UNIT is set for joined, changed and departed hooks only.
bool has_remote_unit(std::string_view suffix) {
  return suffix == "_relation_joined" || suffix == "_relation_changed" ||
         suffix == "_relation_departed";
}

void add_relation_variables(std::map<std::string, std::string>& env, const State& state,
                            const Event& event, const EventName& name,
                            const HookEnvironmentOptions& options) {
  if (!options.require_entities && event.relation_id &&
      state.find_relation(*event.relation_id) == nullptr) {
    // Checks skipped and the relation is not in the State: say what the event says.
    env["JUJU_RELATION"] = name.prefix;
    env["JUJU_RELATION_ID"] = name.prefix + ":" + std::to_string(*event.relation_id);
    return;
  }
  const Relation& relation = event_relation(state, event, name);
  std::string remote_app =
      relation.kind == RelationKind::kPeer ? options.app_name : relation.remote_app_name;
  env["JUJU_RELATION"] = relation.endpoint;
  env["JUJU_RELATION_ID"] = relation.endpoint + ":" + std::to_string(relation.relation_id);
  env["JUJU_REMOTE_APP"] = remote_app;

  std::optional<int> remote_unit = event.remote_unit_id;
  if (!remote_unit && has_remote_unit(name.suffix) && !relation.remote_units_data.empty()) {
    remote_unit = relation.remote_units_data.begin()->first;
  }
  if (remote_unit) env["JUJU_REMOTE_UNIT"] = remote_app + "/" + std::to_string(*remote_unit);
  if (name.suffix == "_relation_departed") {
    std::optional<int> departing = event.departing_unit_id ? event.departing_unit_id : remote_unit;
    if (departing) env["JUJU_DEPARTING_UNIT"] = remote_app + "/" + std::to_string(*departing);
  }
}

void add_secret_variables(std::map<std::string, std::string>& env, const State& state,
                          const Event& event, const EventName& name) {
  if (!event.secret_id) {
    missing("secret event '" + name.name + "' does not say which secret it is about");
  }
  const Secret* secret = state.find_secret(*event.secret_id);
  if (secret == nullptr) {
    missing("secret event '" + name.name + "' is about secret '" + *event.secret_id +
            "', which is not in the State's secrets");
  }
  env["JUJU_SECRET_ID"] = secret->id;
  env["JUJU_SECRET_LABEL"] = secret->label.value_or("");
  if (name.name == "secret_remove" || name.name == "secret_removed" ||
      name.name == "secret_expired") {
    env["JUJU_SECRET_REVISION"] = std::to_string(event.secret_revision.value_or(secret->revision));
  }
}

// Juju: a custom-notice hook names the notice (id, type, key), a check hook the check
// (juju-hook-tools.md, "pebble events"). `event.container` is in the State.
void add_workload_variables(std::map<std::string, std::string>& env, const State& state,
                            const Event& event, const EventName& name) {
  const Container& container = *state.find_container(*event.container);
  if (name.suffix == "_pebble_custom_notice") {
    if (!event.notice_id) {
      missing("custom-notice event '" + name.name +
              "' does not say which notice it is about; give it one of container '" +
              container.name + "''s notices");
    }
    for (const Notice& notice : container.notices) {
      if (notice.id == *event.notice_id) {
        env["JUJU_NOTICE_ID"] = notice.id;
        env["JUJU_NOTICE_TYPE"] = notice.type;
        env["JUJU_NOTICE_KEY"] = notice.key;
        return;
      }
    }
    missing("custom-notice event '" + name.name + "' is about notice id '" + *event.notice_id +
            "', which is not in container '" + container.name + "''s notices");
  }
  if (name.suffix == "_pebble_check_failed" || name.suffix == "_pebble_check_recovered") {
    if (!event.check_name) {
      missing("check event '" + name.name + "' does not say which check it is about");
    }
    env["JUJU_PEBBLE_CHECK_NAME"] = *event.check_name;
  }
}

}  // namespace

std::string dispatch_path(const State& state, const Event& event, const CharmSpec& spec) {
  EventName name = event.parsed_name();
  switch (name.kind) {
    case EventKind::kRelation:
      if (event.relation_id && state.find_relation(*event.relation_id) == nullptr) {
        return "hooks/" + dashed(name.prefix) + dashed_suffix(name);
      }
      return "hooks/" + event_relation(state, event, name).endpoint + dashed_suffix(name);
    case EventKind::kStorage:
      return "hooks/" + event_storage(state, event, name).name + dashed_suffix(name);
    case EventKind::kWorkload:
      return "hooks/" + event.container.value_or(name.prefix) + dashed_suffix(name);
    case EventKind::kAction:
      return "actions/" + action_name(event, name, spec);
    case EventKind::kSecret:
      // ops-scenario 5.8 spelt secret-remove as secret_removed.
      return name.name == "secret_removed" ? "hooks/secret-remove" : "hooks/" + dashed(name.name);
    case EventKind::kBuiltin:
      return "hooks/" + dashed(name.name);
    case EventKind::kFramework:
    case EventKind::kCustom:
      break;
  }
  return "hooks/" + name.name;
}

std::map<std::string, std::string> hook_environment(const State& state, const Event& event,
                                                    const CharmSpec& spec,
                                                    const HookEnvironmentOptions& options) {
  EventName name = event.parsed_name();
  if (options.require_entities && name.kind == EventKind::kRelation) {
    event_relation(state, event, name);  // throws when the relation is missing
  }
  std::string path = dispatch_path(state, event, spec);
  std::map<std::string, std::string> env = {
      {"JUJU_VERSION", options.juju_version},
      {"JUJU_UNIT_NAME", options.app_name + "/" + std::to_string(state.unit_id)},
      {"JUJU_MODEL_NAME", state.model.name},
      {"JUJU_MODEL_UUID", state.model.uuid},
      {"JUJU_CHARM_DIR", options.charm_dir},
      {"JUJU_DISPATCH_PATH", path},
      // Juju: JUJU_HOOK_NAME is empty for actions.
      {"JUJU_HOOK_NAME", name.kind == EventKind::kAction ? "" : path.substr(path.find('/') + 1)},
  };
  switch (name.kind) {
    case EventKind::kRelation:
      add_relation_variables(env, state, event, name, options);
      break;
    case EventKind::kStorage: {
      const Storage& storage = event_storage(state, event, name);
      env["JUJU_STORAGE_ID"] = storage.name + "/" + std::to_string(storage.index);
      break;
    }
    case EventKind::kWorkload:
      if (!event.container) {
        missing("workload event '" + name.name + "' does not say which container it is about");
      }
      if (state.find_container(*event.container) == nullptr) {
        missing("workload event '" + name.name + "' is about container '" + *event.container +
                "', which is not in the State's containers");
      }
      env["JUJU_WORKLOAD_NAME"] = *event.container;
      add_workload_variables(env, state, event, name);
      break;
    case EventKind::kSecret:
      add_secret_variables(env, state, event, name);
      break;
    case EventKind::kAction:
      env["JUJU_ACTION_NAME"] = action_name(event, name, spec);
      env["JUJU_ACTION_UUID"] =
          event.action && !event.action->id.empty() ? event.action->id : options.default_action_id;
      break;
    case EventKind::kBuiltin:
    case EventKind::kFramework:
    case EventKind::kCustom:
      break;
  }
  return env;
}

}  // namespace scenario
