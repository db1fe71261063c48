// SPDX-License-Identifier: Apache-2.0
// consistency/rules.h: every rule's check function, grouped by the file defining it.
//
// The table binding codes and severities to these functions is in check.cc. Each
// function looks at one thing and reports each occurrence with its path; it never
// assumes another rule passed (a rule that needs a valid reference looks it up itself
// and stays silent when it is missing, leaving that to the rule about references).

#ifndef SCENARIO_SRC_CONSISTENCY_RULES_H_
#define SCENARIO_SRC_CONSISTENCY_RULES_H_

#include "context.h"

namespace scenario::detail {

// rules_version.cc: the Juju version and the charm spec itself.
void check_juju_version_invalid(const CheckContext& ctx, Reporter& out);
void check_juju_feature_unsupported(const CheckContext& ctx, Reporter& out);
void check_spec_endpoint_duplicate(const CheckContext& ctx, Reporter& out);
void check_model_type_mismatch(const CheckContext& ctx, Reporter& out);

// rules_event.cc: the event's name and what it refers to.
void check_event_name_invalid(const CheckContext& ctx, Reporter& out);
void check_event_name_unknown(const CheckContext& ctx, Reporter& out);
void check_event_relation_missing(const CheckContext& ctx, Reporter& out);
void check_event_relation_not_in_state(const CheckContext& ctx, Reporter& out);
void check_event_relation_endpoint_mismatch(const CheckContext& ctx, Reporter& out);
void check_event_endpoint_undeclared(const CheckContext& ctx, Reporter& out);
void check_event_remote_unit_unknown(const CheckContext& ctx, Reporter& out);
void check_event_remote_unit_unexpected(const CheckContext& ctx, Reporter& out);
void check_event_departing_unit_unexpected(const CheckContext& ctx, Reporter& out);
void check_event_container_missing(const CheckContext& ctx, Reporter& out);
void check_event_container_not_in_state(const CheckContext& ctx, Reporter& out);
void check_event_container_undeclared(const CheckContext& ctx, Reporter& out);
void check_event_container_name_mismatch(const CheckContext& ctx, Reporter& out);
void check_event_container_cannot_connect(const CheckContext& ctx, Reporter& out);
void check_event_storage_missing(const CheckContext& ctx, Reporter& out);
void check_event_storage_not_in_state(const CheckContext& ctx, Reporter& out);
void check_event_storage_undeclared(const CheckContext& ctx, Reporter& out);
void check_event_storage_name_mismatch(const CheckContext& ctx, Reporter& out);
void check_event_field_ignored(const CheckContext& ctx, Reporter& out);
void check_event_leader_mismatch(const CheckContext& ctx, Reporter& out);
void check_event_not_on_kubernetes(const CheckContext& ctx, Reporter& out);

// rules_event_secret.cc: secret events.
void check_event_secret_missing(const CheckContext& ctx, Reporter& out);
void check_event_secret_not_in_state(const CheckContext& ctx, Reporter& out);
void check_event_secret_owner_mismatch(const CheckContext& ctx, Reporter& out);
void check_event_secret_not_leader(const CheckContext& ctx, Reporter& out);
void check_event_secret_revision_unknown(const CheckContext& ctx, Reporter& out);

// rules_action.cc: action events and their parameters.
void check_event_action_missing(const CheckContext& ctx, Reporter& out);
void check_event_action_name_mismatch(const CheckContext& ctx, Reporter& out);
void check_event_action_undeclared(const CheckContext& ctx, Reporter& out);
void check_event_action_unexpected(const CheckContext& ctx, Reporter& out);
void check_action_param_untyped(const CheckContext& ctx, Reporter& out);
void check_action_param_type_unknown(const CheckContext& ctx, Reporter& out);
void check_action_param_type_mismatch(const CheckContext& ctx, Reporter& out);
void check_action_param_not_in_enum(const CheckContext& ctx, Reporter& out);
void check_action_param_required_missing(const CheckContext& ctx, Reporter& out);
void check_action_param_not_allowed(const CheckContext& ctx, Reporter& out);
void check_action_param_undeclared(const CheckContext& ctx, Reporter& out);

// rules_config.cc: config values against config options.
void check_config_key_undeclared(const CheckContext& ctx, Reporter& out);
void check_config_type_mismatch(const CheckContext& ctx, Reporter& out);
void check_config_secret_uri_invalid(const CheckContext& ctx, Reporter& out);
void check_config_secret_unknown(const CheckContext& ctx, Reporter& out);

// rules_relations.cc: relations against endpoints, and against each other.
void check_relation_endpoint_undeclared(const CheckContext& ctx, Reporter& out);
void check_relation_interface_mismatch(const CheckContext& ctx, Reporter& out);
void check_relation_id_invalid(const CheckContext& ctx, Reporter& out);
void check_relation_id_duplicate(const CheckContext& ctx, Reporter& out);
void check_relation_kind_mismatch(const CheckContext& ctx, Reporter& out);
void check_relation_peer_self(const CheckContext& ctx, Reporter& out);
void check_relation_peer_duplicate(const CheckContext& ctx, Reporter& out);
void check_relation_subordinate_units(const CheckContext& ctx, Reporter& out);
void check_relation_unit_id_invalid(const CheckContext& ctx, Reporter& out);
void check_relation_limit_exceeded(const CheckContext& ctx, Reporter& out);
void check_relation_app_data_not_leader(const CheckContext& ctx, Reporter& out);

// rules_entities.cc: containers, storage, resources, networks, secrets, ports.
void check_container_undeclared(const CheckContext& ctx, Reporter& out);
void check_container_duplicate(const CheckContext& ctx, Reporter& out);
void check_container_service_unknown(const CheckContext& ctx, Reporter& out);
void check_storage_undeclared(const CheckContext& ctx, Reporter& out);
void check_storage_duplicate(const CheckContext& ctx, Reporter& out);
void check_storage_index_invalid(const CheckContext& ctx, Reporter& out);
void check_storage_count_exceeded(const CheckContext& ctx, Reporter& out);
void check_resource_undeclared(const CheckContext& ctx, Reporter& out);
void check_network_binding_undeclared(const CheckContext& ctx, Reporter& out);
void check_network_duplicate(const CheckContext& ctx, Reporter& out);
void check_secret_id_duplicate(const CheckContext& ctx, Reporter& out);
void check_secret_revision_missing(const CheckContext& ctx, Reporter& out);
void check_secret_grant_relation_missing(const CheckContext& ctx, Reporter& out);
void check_secret_not_granted(const CheckContext& ctx, Reporter& out);
void check_port_protocol_invalid(const CheckContext& ctx, Reporter& out);
void check_port_number_invalid(const CheckContext& ctx, Reporter& out);
void check_port_duplicate(const CheckContext& ctx, Reporter& out);

// rules_units.cc: the unit itself: id, planned units, leadership, statuses.
void check_unit_id_invalid(const CheckContext& ctx, Reporter& out);
void check_planned_units_invalid(const CheckContext& ctx, Reporter& out);
void check_planned_units_below_peers(const CheckContext& ctx, Reporter& out);
void check_status_name_invalid(const CheckContext& ctx, Reporter& out);
void check_app_status_not_leader(const CheckContext& ctx, Reporter& out);

// rules_framework.cc: ops' stored state and deferred events.
void check_stored_state_owner_invalid(const CheckContext& ctx, Reporter& out);
void check_stored_state_name_invalid(const CheckContext& ctx, Reporter& out);
void check_stored_state_duplicate(const CheckContext& ctx, Reporter& out);
void check_stored_state_content_invalid(const CheckContext& ctx, Reporter& out);
void check_deferred_handle_invalid(const CheckContext& ctx, Reporter& out);
void check_deferred_observer_invalid(const CheckContext& ctx, Reporter& out);
void check_deferred_not_deferrable(const CheckContext& ctx, Reporter& out);
void check_deferred_snapshot_incomplete(const CheckContext& ctx, Reporter& out);
void check_deferred_entity_missing(const CheckContext& ctx, Reporter& out);

}  // namespace scenario::detail

#endif  // SCENARIO_SRC_CONSISTENCY_RULES_H_
