// SPDX-License-Identifier: Apache-2.0
// scenario/runtime/hook_environment.h: the JUJU_* environment of one dispatch.

#ifndef SCENARIO_RUNTIME_HOOK_ENVIRONMENT_H_
#define SCENARIO_RUNTIME_HOOK_ENVIRONMENT_H_

#include <map>
#include <string>

#include "scenario/spec/charm_spec.h"
#include "scenario/state/event.h"
#include "scenario/state/state.h"

namespace scenario {

/// What the environment depends on beyond the State, Event and spec.
struct HookEnvironmentOptions {
  std::string app_name;
  std::string juju_version = "3.4.0";
  /// JUJU_CHARM_DIR: the charm's root directory.
  std::string charm_dir;
  /// JUJU_ACTION_UUID when the Action has no id of its own.
  std::string default_action_id = "1";
  /// When false (consistency checks skipped), an entity the event refers to but the
  /// State lacks does not stop the run: its variables come from the Event alone
  /// (e.g. JUJU_RELATION from the event name, JUJU_RELATION_ID from its relation id).
  bool require_entities = true;
};

/// The environment variables Juju sets when it dispatches `event` to the unit of
/// `state` (reference §3.1): JUJU_UNIT_NAME, JUJU_MODEL_*, JUJU_VERSION,
/// JUJU_CHARM_DIR, JUJU_DISPATCH_PATH and JUJU_HOOK_NAME, plus the relation, remote
/// unit, workload, storage, secret and action variables the event calls for.
///
/// Entities the event refers to must be in the State; throws InconsistentScenarioError
/// naming the missing one otherwise (e.g. a relation id no relation has), unless
/// `options.require_entities` is false.
std::map<std::string, std::string> hook_environment(const State& state, const Event& event,
                                                    const CharmSpec& spec,
                                                    const HookEnvironmentOptions& options);

/// The Juju hook or action name of an event as it appears in JUJU_DISPATCH_PATH
/// (`hooks/db-relation-changed`, `actions/do-backup`), using the entity names of the
/// State and spec so that an endpoint spelt `foo_bar` stays `foo_bar`.
std::string dispatch_path(const State& state, const Event& event, const CharmSpec& spec);

}  // namespace scenario

#endif  // SCENARIO_RUNTIME_HOOK_ENVIRONMENT_H_
