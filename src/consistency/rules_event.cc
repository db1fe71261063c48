// SPDX-License-Identifier: Apache-2.0
// consistency/rules_event.cc: the event's name and the relation, container and storage
// it refers to.
//
// Builtin rules apply to events on the charm (`charm.on.<name>`) only: an event with
// another owner (`my_lib.on.db_relation_changed`) is the charm's own business.

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "context.h"
#include "rules.h"
#include "scenario/common/text.h"

namespace scenario::detail {

namespace {

// The Juju event `name` most likely meant, if it looks like a misspelling of one.
std::optional<std::string> likely_meant(std::string_view name) {
  const std::size_t allowed = name.size() >= 12 ? 2 : 1;
  for (std::string_view fixed : fixed_event_names()) {
    if (detail::edit_distance(name, fixed) <= allowed) return std::string(fixed);
  }
  for (std::string_view suffix : entity_event_suffixes()) {
    // Only suffixes long enough that a near miss is a typo, not a coincidence.
    if (suffix.size() < 12) continue;
    const std::size_t shortest = suffix.size() > 2 ? suffix.size() - 2 : 0;
    for (std::size_t length = shortest; length <= suffix.size() + 2; ++length) {
      if (length > name.size()) break;
      const std::string_view tail = name.substr(name.size() - length);
      if (detail::edit_distance(tail, suffix) > 2) continue;
      std::string prefix(name.substr(0, name.size() - length));
      if (prefix.empty()) prefix = "<name>";
      return prefix + std::string(suffix);
    }
  }
  return std::nullopt;
}

bool is_relation_suffix(const CheckContext& ctx, std::string_view suffix) {
  return ctx.kind() == EventKind::kRelation && ctx.name.suffix == suffix;
}

// The relation the event refers to, if it is in the State.
const Relation* event_relation(const CheckContext& ctx) {
  if (ctx.kind() != EventKind::kRelation || !ctx.event.relation_id) return nullptr;
  return ctx.state.find_relation(*ctx.event.relation_id);
}

// A declared endpoint (or juju-info) whose name is `prefix` up to '-' versus '_'.
const RelationSpec* endpoint_like(const CharmSpec& spec, std::string_view prefix) {
  for (const RelationSpec& relation : spec.relations) {
    if (same_name(relation.name, prefix)) return &relation;
  }
  return same_name(prefix, "juju-info") ? endpoint_spec(spec, "juju-info") : nullptr;
}

std::string event_label(const CheckContext& ctx) { return "event " + in_quotes(ctx.name.name); }

}  // namespace

void check_event_name_invalid(const CheckContext& ctx, Reporter& out) {
  const bool owners_ok = std::none_of(ctx.name.owner_path.begin(), ctx.name.owner_path.end(),
                                      [](const std::string& s) { return !is_identifier(s); });
  if (owners_ok && is_identifier(ctx.name.name)) return;
  out.report("event.path", "event path " + in_quotes(ctx.event.path) +
                               " is not an ops event name: every dot-separated part must be "
                               "a Python identifier (dashes are read as underscores); fix "
                               "the spelling");
}

void check_event_name_unknown(const CheckContext& ctx, Reporter& out) {
  // An invalid name has its own rule; a suggestion on top would be noise.
  if (!ctx.on_charm || ctx.name.kind != EventKind::kCustom || !is_identifier(ctx.name.name)) {
    return;
  }
  const std::optional<std::string> meant = likely_meant(ctx.name.name);
  if (!meant) return;
  out.report("event.path", event_label(ctx) +
                               " is not an event Juju fires, so it runs as a "
                               "custom event; did you mean " +
                               in_quotes(*meant) + "? (ignore this if it is your own event)");
}

void check_event_relation_missing(const CheckContext& ctx, Reporter& out) {
  if (ctx.kind() != EventKind::kRelation || ctx.event.relation_id) return;
  out.report("event.relation_id",
             "relation " + event_label(ctx) +
                 " does not say which relation it is about; give it the relation "
                 "(e.g. relation.changed_event) or a relation_id of a relation in the State");
}

void check_event_relation_not_in_state(const CheckContext& ctx, Reporter& out) {
  if (ctx.kind() != EventKind::kRelation || !ctx.event.relation_id) return;
  if (ctx.state.find_relation(*ctx.event.relation_id) != nullptr) return;
  out.report("event.relation_id", "relation " + event_label(ctx) + " is about relation id " +
                                      std::to_string(*ctx.event.relation_id) +
                                      ", which no relation in the State has; add the relation "
                                      "to State.relations");
}

void check_event_relation_endpoint_mismatch(const CheckContext& ctx, Reporter& out) {
  const Relation* relation = event_relation(ctx);
  if (relation == nullptr || same_name(relation->endpoint, ctx.name.prefix)) return;
  out.report("event.path", event_label(ctx) + " is about " + describe(*relation) +
                               ", but is named after endpoint " + in_quotes(ctx.name.prefix) +
                               "; use the relation's own events (e.g. " +
                               in_quotes(underscored(relation->endpoint) + ctx.name.suffix) + ")");
}

void check_event_endpoint_undeclared(const CheckContext& ctx, Reporter& out) {
  if (ctx.kind() != EventKind::kRelation) return;
  if (endpoint_like(ctx.spec, ctx.name.prefix) != nullptr) return;
  // The relation's own rule already reports an undeclared endpoint it is on.
  const Relation* relation = event_relation(ctx);
  if (relation != nullptr && same_name(relation->endpoint, ctx.name.prefix)) return;
  out.report("event.path", event_label(ctx) + " is a relation event, but the charm declares no " +
                               "endpoint " + in_quotes(ctx.name.prefix) +
                               "; declare it in metadata (requires, provides or peers), or give "
                               "a custom event a name that is not a relation event's");
}

void check_event_remote_unit_unknown(const CheckContext& ctx, Reporter& out) {
  if (!is_relation_suffix(ctx, "_relation_joined") &&
      !is_relation_suffix(ctx, "_relation_changed")) {
    return;
  }
  const Relation* relation = event_relation(ctx);
  if (relation == nullptr) return;
  if (ctx.event.remote_unit_id) {
    if (relation->remote_units_data.contains(*ctx.event.remote_unit_id)) return;
    out.report("event.remote_unit_id",
               event_label(ctx) + " is about remote unit " +
                   std::to_string(*ctx.event.remote_unit_id) + ", which " + describe(*relation) +
                   " does not list; Juju lists a joined or changed unit in relation-list, so "
                   "add it to the relation's units");
  } else if (is_relation_suffix(ctx, "_relation_joined") && relation->remote_units_data.empty()) {
    out.report("event.remote_unit_id", event_label(ctx) +
                                           " has no joining unit: " + describe(*relation) +
                                           " has no remote units; add the joining unit");
  }
}

void check_event_remote_unit_unexpected(const CheckContext& ctx, Reporter& out) {
  if (!ctx.event.remote_unit_id) return;
  if (!is_relation_suffix(ctx, "_relation_created") &&
      !is_relation_suffix(ctx, "_relation_broken")) {
    return;
  }
  out.report("event.remote_unit_id",
             event_label(ctx) +
                 " has a remote unit, but Juju sets none for relation-created and "
                 "relation-broken (event.unit is None there); drop remote_unit_id");
}

void check_event_departing_unit_unexpected(const CheckContext& ctx, Reporter& out) {
  if (ctx.kind() != EventKind::kRelation || !ctx.event.departing_unit_id) return;
  if (ctx.name.suffix == "_relation_departed") return;
  out.report("event.departing_unit_id", event_label(ctx) +
                                            " has a departing unit, which only relation-departed "
                                            "events have; drop departing_unit_id");
}

void check_event_container_missing(const CheckContext& ctx, Reporter& out) {
  if (ctx.kind() != EventKind::kWorkload || ctx.event.container) return;
  out.report("event.container", "workload " + event_label(ctx) +
                                    " does not say which container it is about; give it the "
                                    "container (e.g. container.pebble_ready_event)");
}

void check_event_container_not_in_state(const CheckContext& ctx, Reporter& out) {
  if (ctx.kind() != EventKind::kWorkload || !ctx.event.container) return;
  if (ctx.state.find_container(*ctx.event.container) != nullptr) return;
  out.report("event.container", "workload " + event_label(ctx) + " is about container " +
                                    in_quotes(*ctx.event.container) +
                                    ", which is not in the State; add it to State.containers "
                                    "(with can_connect=False if Pebble is not up)");
}

void check_event_container_undeclared(const CheckContext& ctx, Reporter& out) {
  if (ctx.kind() != EventKind::kWorkload) return;
  if (ctx.event.container) {
    if (ctx.spec.find_container(*ctx.event.container) != nullptr) return;
  } else if (std::any_of(
                 ctx.spec.containers.begin(), ctx.spec.containers.end(),
                 [&](const ContainerSpec& c) { return same_name(c.name, ctx.name.prefix); })) {
    return;
  }
  const std::string name = ctx.event.container.value_or(ctx.name.prefix);
  out.report(ctx.event.container ? "event.container" : "event.path",
             "workload " + event_label(ctx) + " is about container " + in_quotes(name) +
                 ", which the charm does not declare; declare it under 'containers' in "
                 "metadata, or fix the name");
}

void check_event_container_name_mismatch(const CheckContext& ctx, Reporter& out) {
  if (ctx.kind() != EventKind::kWorkload || !ctx.event.container) return;
  if (same_name(*ctx.event.container, ctx.name.prefix)) return;
  out.report("event.path",
             "workload " + event_label(ctx) + " is about container " +
                 in_quotes(*ctx.event.container) + " but is named after " +
                 in_quotes(ctx.name.prefix) + "; use the container's own events (e.g. " +
                 in_quotes(underscored(*ctx.event.container) + ctx.name.suffix) + ")");
}

void check_event_container_cannot_connect(const CheckContext& ctx, Reporter& out) {
  if (ctx.kind() != EventKind::kWorkload || !ctx.event.container) return;
  const std::optional<std::size_t> index = container_index(ctx.state, *ctx.event.container);
  if (!index || ctx.state.containers[*index].can_connect) return;
  out.report(path_key(path_index("containers", *index), "can_connect"),
             "workload " + event_label(ctx) + " comes from Pebble in container " +
                 in_quotes(*ctx.event.container) +
                 ", so Pebble is up, but the container has can_connect=False; set it to True");
}

void check_event_storage_missing(const CheckContext& ctx, Reporter& out) {
  if (ctx.kind() != EventKind::kStorage || ctx.event.storage) return;
  out.report("event.storage", "storage " + event_label(ctx) +
                                  " does not say which storage it is about; give it the "
                                  "storage (e.g. storage.attached_event)");
}

void check_event_storage_not_in_state(const CheckContext& ctx, Reporter& out) {
  if (ctx.kind() != EventKind::kStorage || !ctx.event.storage) return;
  const StorageRef& ref = *ctx.event.storage;
  if (ctx.state.find_storage(ref.name, ref.index) != nullptr) return;
  out.report("event.storage", "storage " + event_label(ctx) + " is about storage " +
                                  in_quotes(ref.name + "/" + std::to_string(ref.index)) +
                                  ", which is not attached in the State; add it to "
                                  "State.storage");
}

void check_event_storage_undeclared(const CheckContext& ctx, Reporter& out) {
  if (ctx.kind() != EventKind::kStorage) return;
  if (ctx.event.storage) {
    if (ctx.spec.find_storage(ctx.event.storage->name) != nullptr) return;
  } else if (std::any_of(
                 ctx.spec.storage.begin(), ctx.spec.storage.end(),
                 [&](const StorageSpec& s) { return same_name(s.name, ctx.name.prefix); })) {
    return;
  }
  const std::string name = ctx.event.storage ? ctx.event.storage->name : ctx.name.prefix;
  out.report(ctx.event.storage ? "event.storage.name" : "event.path",
             "storage " + event_label(ctx) + " is about storage " + in_quotes(name) +
                 ", which the charm does not declare; declare it under 'storage' in metadata, "
                 "or fix the name");
}

void check_event_storage_name_mismatch(const CheckContext& ctx, Reporter& out) {
  if (ctx.kind() != EventKind::kStorage || !ctx.event.storage) return;
  if (same_name(ctx.event.storage->name, ctx.name.prefix)) return;
  out.report("event.path",
             "storage " + event_label(ctx) + " is about storage " +
                 in_quotes(ctx.event.storage->name) + " but is named after " +
                 in_quotes(ctx.name.prefix) + "; use the storage's own events (e.g. " +
                 in_quotes(underscored(ctx.event.storage->name) + ctx.name.suffix) + ")");
}

void check_event_field_ignored(const CheckContext& ctx, Reporter& out) {
  const EventKind kind = ctx.kind();
  if (kind == EventKind::kCustom) return;  // a custom event may carry anything
  const Event& e = ctx.event;
  const auto ignored = [&](bool given, EventKind user, const char* field) {
    if (!given || kind == user) return;
    out.report(std::string("event.") + field,
               event_label(ctx) + (kind == EventKind::kAction ? " is an " : " is a ") +
                   std::string(to_string(kind)) + " event and does not " + "use '" + field +
                   "'; it would be ignored: drop it");
  };
  ignored(e.relation_id.has_value(), EventKind::kRelation, "relation_id");
  ignored(e.remote_unit_id.has_value(), EventKind::kRelation, "remote_unit_id");
  ignored(e.departing_unit_id.has_value(), EventKind::kRelation, "departing_unit_id");
  ignored(e.container.has_value(), EventKind::kWorkload, "container");
  ignored(e.storage.has_value(), EventKind::kStorage, "storage");
  ignored(e.secret_id.has_value(), EventKind::kSecret, "secret_id");
  if (e.secret_revision && kind == EventKind::kSecret && ctx.name.name != "secret_remove" &&
      ctx.name.name != "secret_removed" && ctx.name.name != "secret_expired") {
    out.report("event.secret_revision",
               event_label(ctx) +
                   " does not use 'secret_revision' (only secret-remove and secret-expired "
                   "do); it would be ignored: drop it");
  } else {
    ignored(e.secret_revision.has_value(), EventKind::kSecret, "secret_revision");
  }
}

void check_event_leader_mismatch(const CheckContext& ctx, Reporter& out) {
  if (ctx.kind() != EventKind::kBuiltin) return;
  if (ctx.name.name == "leader_elected" && !ctx.state.leader) {
    out.report("leader",
               "Juju runs leader-elected only on the unit that became leader, but "
               "the State has leader=False; set leader=True");
  } else if (ctx.name.name == "leader_settings_changed" && ctx.state.leader) {
    out.report("leader",
               "Juju runs leader-settings-changed only on non-leader units, but the "
               "State has leader=True; set leader=False");
  }
}

void check_event_not_on_kubernetes(const CheckContext& ctx, Reporter& out) {
  if (ctx.kind() != EventKind::kBuiltin || ctx.spec.kind != CharmKind::kKubernetes) return;
  if (ctx.name.name != "pre_series_upgrade" && ctx.name.name != "post_series_upgrade") return;
  out.report("event.path", event_label(ctx) +
                               " is a machine series upgrade, which Juju never runs for a "
                               "Kubernetes charm; test it on a machine charm");
}

}  // namespace scenario::detail
