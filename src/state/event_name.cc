// SPDX-License-Identifier: Apache-2.0
// state/event_name.cc: taking an event path apart and classifying it by tables.
//
// Classification rules (the same as ops-scenario's _EventPath, made table-driven):
//  1. a name listed in kExactNames has that kind (secret, framework and builtin events);
//  2. otherwise a name ending in a kSuffixRules suffix, with something before it, has the
//     kind of that suffix (relation, action, storage, workload events);
//  3. anything else is a custom event.
// No exact name ends in a suffix and no suffix ends in another, so the order of the
// checks never changes a result.

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "enum_names.h"
#include "scenario/state/event.h"

namespace scenario {

namespace {

struct SuffixRule {
  std::string_view suffix;
  EventKind kind;
};

// Events about an entity named in front of the suffix: `<entity><suffix>`.
constexpr std::array<SuffixRule, 12> kSuffixRules = {{
    {"_relation_created", EventKind::kRelation},
    {"_relation_joined", EventKind::kRelation},
    {"_relation_changed", EventKind::kRelation},
    {"_relation_departed", EventKind::kRelation},
    {"_relation_broken", EventKind::kRelation},
    {"_action", EventKind::kAction},
    {"_storage_attached", EventKind::kStorage},
    {"_storage_detaching", EventKind::kStorage},
    {"_pebble_ready", EventKind::kWorkload},
    {"_pebble_custom_notice", EventKind::kWorkload},
    {"_pebble_check_failed", EventKind::kWorkload},
    {"_pebble_check_recovered", EventKind::kWorkload},
}};

struct ExactRule {
  std::string_view name;
  EventKind kind;
  /// Another spelling of an event listed too: classified, but not offered as a name.
  bool alias = false;
};

// Events whose whole name identifies them. The builtin list is Juju's fixed hooks
// (docs: juju-hook-tools.md, "Dispatch path" table).
constexpr std::array<ExactRule, 21> kExactNames = {{
    {"secret_changed", EventKind::kSecret},
    {"secret_expired", EventKind::kSecret},
    {"secret_remove", EventKind::kSecret},
    {"secret_rotate", EventKind::kSecret},
    // ops-scenario 5.8 spells secret-remove this way; accepted so its tests keep working.
    {"secret_removed", EventKind::kSecret, true},
    {"pre_commit", EventKind::kFramework},
    {"commit", EventKind::kFramework},
    {"collect_app_status", EventKind::kFramework},
    {"collect_unit_status", EventKind::kFramework},
    {"install", EventKind::kBuiltin},
    {"start", EventKind::kBuiltin},
    {"stop", EventKind::kBuiltin},
    {"remove", EventKind::kBuiltin},
    {"update_status", EventKind::kBuiltin},
    {"config_changed", EventKind::kBuiltin},
    {"upgrade_charm", EventKind::kBuiltin},
    {"pre_series_upgrade", EventKind::kBuiltin},
    {"post_series_upgrade", EventKind::kBuiltin},
    {"leader_elected", EventKind::kBuiltin},
    {"leader_settings_changed", EventKind::kBuiltin},
    {"collect_metrics", EventKind::kBuiltin},
}};

std::vector<std::string> split_on_dots(std::string_view path) {
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = path.find('.', start);
    if (dot == std::string_view::npos) {
      segments.emplace_back(path.substr(start));
      return segments;
    }
    segments.emplace_back(path.substr(start, dot - start));
    start = dot + 1;
  }
}

}  // namespace

std::vector<std::string_view> fixed_event_names() {
  std::vector<std::string_view> names;
  for (const ExactRule& rule : kExactNames) {
    if (!rule.alias) names.push_back(rule.name);
  }
  return names;
}

std::vector<std::string_view> entity_event_suffixes() {
  std::vector<std::string_view> suffixes;
  for (const SuffixRule& rule : kSuffixRules) suffixes.push_back(rule.suffix);
  return suffixes;
}

std::string_view to_string(EventKind kind) {
  return detail::enum_name(detail::kEventKindNames, kind);
}

EventName parse_event_name(std::string_view path) {
  EventName parsed;
  parsed.path.assign(path);
  // Juju hook names use '-', ops attribute names '_'; both spellings name one event.
  for (char& c : parsed.path) {
    if (c == '-') c = '_';
  }

  std::vector<std::string> segments = split_on_dots(parsed.path);
  parsed.name = std::move(segments.back());
  segments.pop_back();
  parsed.owner_path = segments.empty() ? std::vector<std::string>{"on"} : std::move(segments);

  const std::string_view name = parsed.name;
  for (const ExactRule& rule : kExactNames) {
    if (name != rule.name) continue;
    parsed.kind = rule.kind;
    parsed.prefix = parsed.name;
    // Secret and framework events are their own suffix; builtin events have none.
    if (rule.kind != EventKind::kBuiltin) parsed.suffix = parsed.name;
    return parsed;
  }
  for (const SuffixRule& rule : kSuffixRules) {
    if (name.size() <= rule.suffix.size() || !name.ends_with(rule.suffix)) continue;
    parsed.kind = rule.kind;
    parsed.prefix.assign(name.substr(0, name.size() - rule.suffix.size()));
    parsed.suffix.assign(rule.suffix);
    return parsed;
  }
  parsed.kind = EventKind::kCustom;
  parsed.prefix = parsed.name;
  return parsed;
}

}  // namespace scenario
