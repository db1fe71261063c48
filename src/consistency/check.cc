// SPDX-License-Identifier: Apache-2.0
// consistency/check.cc: the rule table and the checker that runs it.
//
// One row per rule: code, severity, area, what it checks, and the function checking
// it. docs/consistency.md documents the same rows (a test keeps the two in step).
// Codes are stable: a rule may get better messages, never a different meaning.

#include "scenario/consistency/check.h"

#include <array>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "context.h"
#include "rules.h"

namespace scenario {

namespace {

using detail::RuleCheck;

struct RuleRow {
  RuleInfo info;
  RuleCheck check;
};

constexpr Severity kE = Severity::kError;
constexpr Severity kW = Severity::kWarning;

// clang-format off
constexpr std::array kRules = {
    // The Juju version and the spec: checked first, since other rules rely on them.
    RuleRow{{"juju-version-invalid", kE, "juju", "the Juju version is a version number"},
            detail::check_juju_version_invalid},
    RuleRow{{"juju-feature-unsupported", kE, "juju",
             "features in use exist in the Juju version (secrets 3.0, Pebble notices 3.4, "
             "Pebble check events 3.6)"},
            detail::check_juju_feature_unsupported},
    RuleRow{{"spec-endpoint-duplicate", kE, "spec",
             "endpoint names are unique across requires, provides and peers"},
            detail::check_spec_endpoint_duplicate},
    RuleRow{{"model-type-mismatch", kE, "units",
             "a Kubernetes charm runs in a Kubernetes model"},
            detail::check_model_type_mismatch},

    // The event.
    RuleRow{{"event-name-invalid", kE, "event", "the event name is a Python identifier"},
            detail::check_event_name_invalid},
    RuleRow{{"event-name-unknown", kW, "event",
             "a custom event name does not look like a misspelt Juju event"},
            detail::check_event_name_unknown},
    RuleRow{{"event-relation-missing", kE, "event",
             "a relation event says which relation it is about"},
            detail::check_event_relation_missing},
    RuleRow{{"event-relation-not-in-state", kE, "event",
             "the relation of a relation event is in the State"},
            detail::check_event_relation_not_in_state},
    RuleRow{{"event-relation-endpoint-mismatch", kE, "event",
             "a relation event is named after its relation's endpoint"},
            detail::check_event_relation_endpoint_mismatch},
    RuleRow{{"event-endpoint-undeclared", kE, "event",
             "the endpoint a relation event is named after is declared"},
            detail::check_event_endpoint_undeclared},
    RuleRow{{"event-remote-unit-unknown", kW, "event",
             "the remote unit of a joined/changed event is one of the relation's units"},
            detail::check_event_remote_unit_unknown},
    RuleRow{{"event-remote-unit-unexpected", kW, "event",
             "created and broken events have no remote unit"},
            detail::check_event_remote_unit_unexpected},
    RuleRow{{"event-departing-unit-unexpected", kW, "event",
             "only relation-departed events have a departing unit"},
            detail::check_event_departing_unit_unexpected},
    RuleRow{{"event-container-missing", kE, "event",
             "a workload event says which container it is about"},
            detail::check_event_container_missing},
    RuleRow{{"event-container-not-in-state", kE, "event",
             "the container of a workload event is in the State"},
            detail::check_event_container_not_in_state},
    RuleRow{{"event-container-undeclared", kE, "event",
             "the container of a workload event is declared"},
            detail::check_event_container_undeclared},
    RuleRow{{"event-container-name-mismatch", kE, "event",
             "a workload event is named after its container"},
            detail::check_event_container_name_mismatch},
    RuleRow{{"event-container-cannot-connect", kW, "event",
             "the container of a Pebble event can connect"},
            detail::check_event_container_cannot_connect},
    RuleRow{{"event-storage-missing", kE, "event",
             "a storage event says which storage it is about"},
            detail::check_event_storage_missing},
    RuleRow{{"event-storage-not-in-state", kE, "event",
             "the storage of a storage event is in the State"},
            detail::check_event_storage_not_in_state},
    RuleRow{{"event-storage-undeclared", kE, "event",
             "the storage of a storage event is declared"},
            detail::check_event_storage_undeclared},
    RuleRow{{"event-storage-name-mismatch", kE, "event",
             "a storage event is named after its storage"},
            detail::check_event_storage_name_mismatch},
    RuleRow{{"event-secret-missing", kE, "event",
             "a secret event says which secret it is about"},
            detail::check_event_secret_missing},
    RuleRow{{"event-secret-not-in-state", kE, "event",
             "the secret of a secret event is in the State"},
            detail::check_event_secret_not_in_state},
    RuleRow{{"event-secret-owner-mismatch", kE, "event",
             "secret-changed goes to observers; rotate, expired and remove to the owner"},
            detail::check_event_secret_owner_mismatch},
    RuleRow{{"event-secret-not-leader", kW, "event",
             "owner events of an application-owned secret go to the leader"},
            detail::check_event_secret_not_leader},
    RuleRow{{"event-secret-revision-unknown", kW, "event",
             "the revision of secret-remove/expired is one of the secret's revisions"},
            detail::check_event_secret_revision_unknown},
    RuleRow{{"event-action-missing", kE, "event",
             "an action event carries its action"},
            detail::check_event_action_missing},
    RuleRow{{"event-action-name-mismatch", kE, "event",
             "an action event is named after its action"},
            detail::check_event_action_name_mismatch},
    RuleRow{{"event-action-undeclared", kE, "event",
             "the action of an action event is declared"},
            detail::check_event_action_undeclared},
    RuleRow{{"event-action-unexpected", kE, "event",
             "only action events carry an action"},
            detail::check_event_action_unexpected},
    RuleRow{{"event-field-ignored", kW, "event",
             "the event gives no references its kind does not use"},
            detail::check_event_field_ignored},
    RuleRow{{"event-leader-mismatch", kW, "event",
             "leader-elected runs on the leader, leader-settings-changed on others"},
            detail::check_event_leader_mismatch},
    RuleRow{{"event-not-on-kubernetes", kW, "event",
             "series-upgrade events are not fired on Kubernetes charms"},
            detail::check_event_not_on_kubernetes},

    // Action parameters.
    RuleRow{{"action-param-untyped", kE, "action",
             "every declared parameter has a JSON-schema type"},
            detail::check_action_param_untyped},
    RuleRow{{"action-param-type-unknown", kE, "action",
             "declared parameter types are JSON-schema types"},
            detail::check_action_param_type_unknown},
    RuleRow{{"action-param-type-mismatch", kE, "action",
             "parameter values have their declared types"},
            detail::check_action_param_type_mismatch},
    RuleRow{{"action-param-not-in-enum", kE, "action",
             "parameter values are among their declared enum values"},
            detail::check_action_param_not_in_enum},
    RuleRow{{"action-param-required-missing", kE, "action",
             "required parameters without a default are given"},
            detail::check_action_param_required_missing},
    RuleRow{{"action-param-not-allowed", kE, "action",
             "no undeclared parameters when additionalProperties is false"},
            detail::check_action_param_not_allowed},
    RuleRow{{"action-param-undeclared", kW, "action",
             "parameters are declared (when additional ones are allowed)"},
            detail::check_action_param_undeclared},

    // Config.
    RuleRow{{"config-key-undeclared", kE, "config", "config keys are declared options"},
            detail::check_config_key_undeclared},
    RuleRow{{"config-type-mismatch", kE, "config", "config values have their option's type"},
            detail::check_config_type_mismatch},
    RuleRow{{"config-secret-uri-invalid", kE, "config",
             "secret-typed options hold secret URIs"},
            detail::check_config_secret_uri_invalid},
    RuleRow{{"config-secret-unknown", kW, "config",
             "the secret a secret-typed option names is in the State"},
            detail::check_config_secret_unknown},

    // Relations.
    RuleRow{{"relation-endpoint-undeclared", kE, "relations",
             "relations are on declared endpoints (or the implicit juju-info)"},
            detail::check_relation_endpoint_undeclared},
    // A warning: no hook tool shows the interface, so the charm runs as it would with
    // the endpoint's (ops-scenario never compared them, and suites with a typo there run).
    RuleRow{{"relation-interface-mismatch", kW, "relations",
             "a relation's interface is its endpoint's"},
            detail::check_relation_interface_mismatch},
    RuleRow{{"relation-id-invalid", kE, "relations", "relation ids are not negative"},
            detail::check_relation_id_invalid},
    RuleRow{{"relation-id-duplicate", kE, "relations", "relation ids are unique"},
            detail::check_relation_id_duplicate},
    RuleRow{{"relation-kind-mismatch", kE, "relations",
             "peers endpoints have peer relations, container-scoped ones subordinate "
             "relations, others regular relations"},
            detail::check_relation_kind_mismatch},
    RuleRow{{"relation-peer-self", kE, "relations",
             "a peer relation does not list this unit as a peer"},
            detail::check_relation_peer_self},
    RuleRow{{"relation-peer-duplicate", kE, "relations",
             "a peers endpoint has one relation at most"},
            detail::check_relation_peer_duplicate},
    RuleRow{{"relation-subordinate-units", kE, "relations",
             "a subordinate relation has exactly one remote unit"},
            detail::check_relation_subordinate_units},
    RuleRow{{"relation-unit-id-invalid", kE, "relations", "remote unit ids are not negative"},
            detail::check_relation_unit_id_invalid},
    RuleRow{{"relation-limit-exceeded", kW, "relations",
             "an endpoint has no more relations than its limit"},
            detail::check_relation_limit_exceeded},
    RuleRow{{"relation-app-data-not-leader", kW, "relations",
             "only the leader can see its application databag on a non-peer relation"},
            detail::check_relation_app_data_not_leader},

    // Containers, storage, resources, networks, secrets, ports.
    RuleRow{{"container-undeclared", kE, "containers", "containers are declared"},
            detail::check_container_undeclared},
    RuleRow{{"container-duplicate", kE, "containers", "container names are unique"},
            detail::check_container_duplicate},
    RuleRow{{"container-service-unknown", kW, "containers",
             "service statuses are for services some layer defines"},
            detail::check_container_service_unknown},
    RuleRow{{"storage-undeclared", kE, "storage", "storage is declared"},
            detail::check_storage_undeclared},
    RuleRow{{"storage-duplicate", kE, "storage", "storage name/index pairs are unique"},
            detail::check_storage_duplicate},
    RuleRow{{"storage-index-invalid", kE, "storage", "storage indexes are not negative"},
            detail::check_storage_index_invalid},
    RuleRow{{"storage-count-exceeded", kE, "storage",
             "no more instances of a storage than its multiple range allows"},
            detail::check_storage_count_exceeded},
    RuleRow{{"resource-undeclared", kE, "resources", "resources are declared"},
            detail::check_resource_undeclared},
    RuleRow{{"network-binding-undeclared", kE, "networks",
             "networks are for endpoints, juju-info or extra-bindings"},
            detail::check_network_binding_undeclared},
    RuleRow{{"network-duplicate", kE, "networks", "network names are unique"},
            detail::check_network_duplicate},
    RuleRow{{"secret-id-duplicate", kE, "secrets", "secret ids are unique"},
            detail::check_secret_id_duplicate},
    RuleRow{{"secret-revision-missing", kW, "secrets",
             "an observed secret's tracked revision is one of its revisions"},
            detail::check_secret_revision_missing},
    RuleRow{{"secret-grant-relation-missing", kW, "secrets",
             "secret grants are over relations in the State"},
            detail::check_secret_grant_relation_missing},
    RuleRow{{"secret-not-granted", kW, "secrets",
             "a secret owned elsewhere is granted to this unit or its application"},
            detail::check_secret_not_granted},
    RuleRow{{"port-protocol-invalid", kE, "ports", "port protocols are tcp, udp or icmp"},
            detail::check_port_protocol_invalid},
    RuleRow{{"port-number-invalid", kE, "ports",
             "tcp and udp ports are 1-65535; icmp has no port"},
            detail::check_port_number_invalid},
    RuleRow{{"port-duplicate", kE, "ports", "opened ports are unique"},
            detail::check_port_duplicate},

    // The unit.
    RuleRow{{"unit-id-invalid", kE, "units", "the unit id is not negative"},
            detail::check_unit_id_invalid},
    RuleRow{{"planned-units-invalid", kE, "units", "planned units are not negative"},
            detail::check_planned_units_invalid},
    RuleRow{{"planned-units-below-peers", kW, "units",
             "planned units cover this unit and its peers"},
            detail::check_planned_units_below_peers},
    RuleRow{{"status-name-invalid", kE, "units", "statuses have one of Juju's six names"},
            detail::check_status_name_invalid},
    RuleRow{{"app-status-not-leader", kW, "units",
             "only the leader can see the application status"},
            detail::check_app_status_not_leader},

    // ops' stored state and deferred events.
    RuleRow{{"stored-state-owner-invalid", kE, "stored_state",
             "stored-state owner paths are ops handle paths"},
            detail::check_stored_state_owner_invalid},
    RuleRow{{"stored-state-name-invalid", kE, "stored_state",
             "stored-state names are Python identifiers"},
            detail::check_stored_state_name_invalid},
    RuleRow{{"stored-state-duplicate", kE, "stored_state",
             "one stored state per owner and name"},
            detail::check_stored_state_duplicate},
    RuleRow{{"stored-state-content-invalid", kE, "stored_state",
             "stored-state content is something ops can store"},
            detail::check_stored_state_content_invalid},
    RuleRow{{"deferred-handle-invalid", kE, "deferred",
             "deferred-event handle paths are `<owner>/<events>/<name>[<n>]`"},
            detail::check_deferred_handle_invalid},
    RuleRow{{"deferred-observer-invalid", kE, "deferred",
             "deferred events name an observer owner path and method"},
            detail::check_deferred_observer_invalid},
    RuleRow{{"deferred-not-deferrable", kE, "deferred", "action events are never deferred"},
            detail::check_deferred_not_deferrable},
    RuleRow{{"deferred-snapshot-incomplete", kE, "deferred",
             "deferred-event snapshots hold what ops needs to restore them"},
            detail::check_deferred_snapshot_incomplete},
    RuleRow{{"deferred-entity-missing", kW, "deferred",
             "the relation, container, storage or secret of a deferred event is in the "
             "State"},
            detail::check_deferred_entity_missing},
};
// clang-format on

}  // namespace

std::span<const RuleInfo> consistency_rules() {
  static const std::vector<RuleInfo> infos = [] {
    std::vector<RuleInfo> out;
    out.reserve(kRules.size());
    for (const RuleRow& row : kRules) out.push_back(row.info);
    return out;
  }();
  return infos;
}

const RuleInfo* find_consistency_rule(std::string_view code) {
  for (const RuleInfo& rule : consistency_rules()) {
    if (rule.code == code) return &rule;
  }
  return nullptr;
}

std::vector<Finding> check_consistency(const CharmSpec& spec, const State& state,
                                       const Event& event, std::string_view juju_version) {
  const detail::CheckContext ctx(spec, state, event, juju_version);
  std::vector<Finding> findings;
  for (const RuleRow& row : kRules) {
    detail::Reporter reporter(row.info, findings);
    row.check(ctx, reporter);
  }
  return findings;
}

std::vector<Finding> throw_if_inconsistent(std::vector<Finding> findings) {
  bool any_error = false;
  for (const Finding& finding : findings) {
    if (finding.severity == Severity::kError) any_error = true;
  }
  if (any_error) throw InconsistentScenarioError(std::move(findings));
  return findings;
}

std::vector<Finding> assert_consistent(const CharmSpec& spec, const State& state,
                                       const Event& event, std::string_view juju_version) {
  return throw_if_inconsistent(check_consistency(spec, state, event, juju_version));
}

}  // namespace scenario
