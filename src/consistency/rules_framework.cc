// SPDX-License-Identifier: Apache-2.0
// consistency/rules_framework.cc: ops' stored state and deferred events.
//
// ops keeps both in its storage under handle paths: `<parent>/<kind>[<key>]` segments
// joined by '/'. Stored state lives at `<owner>/StoredStateData[<name>]`; a deferred
// event at `<emitter owner>/<events attribute>/<event name>[<n>]` (for the charm's own
// events `MyCharm/on/update_status[1]`), with a snapshot ops restores it from.

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "context.h"
#include "rules.h"

namespace scenario::detail {

namespace {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> segments;
  std::size_t start = 0;
  while (true) {
    const std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) {
      segments.push_back(path.substr(start));
      return segments;
    }
    segments.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
}

// One handle segment: `Kind` or `Kind[key]`, Kind a Python identifier.
bool is_handle_segment(std::string_view segment, bool key_required) {
  const std::size_t bracket = segment.find('[');
  if (bracket == std::string_view::npos) return !key_required && is_identifier(segment);
  if (!is_identifier(segment.substr(0, bracket)) || !segment.ends_with(']')) return false;
  const std::string_view key = segment.substr(bracket + 1, segment.size() - bracket - 2);
  return key.find(']') == std::string_view::npos;
}

bool is_handle_path(std::string_view path) {
  if (path.empty()) return false;
  for (std::string_view segment : split_path(path)) {
    if (!is_handle_segment(segment, false)) return false;
  }
  return true;
}

bool is_deferred_handle(std::string_view path) {
  const std::vector<std::string_view> segments = split_path(path);
  if (segments.size() < 3) return false;
  for (std::size_t i = 0; i + 1 < segments.size(); ++i) {
    if (!is_handle_segment(segments[i], false)) return false;
  }
  const std::string_view last = segments.back();
  if (!is_handle_segment(last, true)) return false;
  const std::string_view key = last.substr(last.find('[') + 1, last.size() - last.find('[') - 2);
  return !key.empty() && key.find_first_not_of("0123456789") == std::string_view::npos;
}

// The kind of a deferred event of the charm itself (`<Charm>/on/<name>[n]`); custom
// for events of other emitters, whose snapshots are theirs to define.
EventKind charm_event_kind(const DeferredEvent& event, EventName* parsed = nullptr) {
  const std::vector<std::string_view> segments = split_path(event.handle_path);
  if (segments.size() != 3 || segments[1] != "on") return EventKind::kCustom;
  EventName name = parse_event_name(event.name());
  const EventKind kind = name.kind;
  if (parsed != nullptr) *parsed = std::move(name);
  return kind;
}

std::string deferred_path(std::size_t index) { return path_index("deferred", index); }

std::string deferred_label(const DeferredEvent& event) {
  return "deferred event " + in_quotes(event.handle_path);
}

bool is_hashable(const Json& value);

// Why `value` (a tagged-encoded stored value) is malformed, or empty when it is fine.
std::string content_problem(const Json& value) {
  if (value.is_array()) {
    for (const Json& item : value) {
      if (std::string problem = content_problem(item); !problem.empty()) return problem;
    }
    return "";
  }
  if (!value.is_object()) return "";
  const auto tag_it = value.find("__scenario__");
  if (tag_it == value.end()) {
    for (const auto& [key, item] : value.items()) {
      if (std::string problem = content_problem(item); !problem.empty()) return problem;
    }
    return "";
  }
  if (!tag_it->is_string()) return "a '__scenario__' tag that is not a string";
  const std::string tag = tag_it->get<std::string>();
  const auto field = [&](const char* key) -> const Json* {
    const auto it = value.find(key);
    return it == value.end() ? nullptr : &*it;
  };
  if (tag == "tuple" || tag == "set") {
    const Json* items = field("items");
    if (items == nullptr || !items->is_array()) return "a '" + tag + "' without an 'items' list";
    for (const Json& item : *items) {
      if (tag == "set" && !is_hashable(item)) return "a set holding a list or dict (unhashable)";
      if (std::string problem = content_problem(item); !problem.empty()) return problem;
    }
    return "";
  }
  if (tag == "dict") {
    const Json* items = field("items");
    if (items == nullptr || !items->is_array()) return "a 'dict' without an 'items' list";
    for (const Json& pair : *items) {
      if (!pair.is_array() || pair.size() != 2)
        return "a 'dict' item that is not a [key, value] pair";
      if (!is_hashable(pair[0])) return "a dict key that is a list or dict (unhashable)";
      for (const Json& part : pair) {
        if (std::string problem = content_problem(part); !problem.empty()) return problem;
      }
    }
    return "";
  }
  if (tag == "bytes") {
    const Json* data = field("base64");
    if (data == nullptr || !data->is_string()) return "a 'bytes' without a 'base64' string";
    const std::string& text = data->get_ref<const std::string&>();
    const bool ok = text.size() % 4 == 0 &&
                    text.find_first_not_of(
                        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                        "0123456789+/=") == std::string::npos &&
                    (text.find('=') == std::string::npos || text.find('=') >= text.size() - 2);
    return ok ? "" : "a 'bytes' whose 'base64' is not valid base64";
  }
  if (tag == "int") {
    const Json* data = field("value");
    if (data == nullptr || !data->is_string()) return "an 'int' without a 'value' string";
    std::string_view digits = data->get_ref<const std::string&>();
    if (digits.starts_with('-')) digits.remove_prefix(1);
    const bool ok = !digits.empty() && digits.find_first_not_of("0123456789") == std::string::npos;
    return ok ? "" : "an 'int' whose 'value' is not a decimal integer";
  }
  if (tag == "float") {
    const Json* data = field("value");
    const bool ok = data != nullptr && data->is_string() &&
                    (*data == "nan" || *data == "inf" || *data == "-inf");
    return ok ? "" : "a 'float' whose 'value' is not 'nan', 'inf' or '-inf'";
  }
  return "an unknown '__scenario__' tag " + in_quotes(tag);
}

// Whether the Python value `value` encodes can be a set item or dict key.
bool is_hashable(const Json& value) {
  if (value.is_array()) return false;
  if (!value.is_object()) return true;
  const auto tag = value.find("__scenario__");
  if (tag == value.end() || *tag == "dict") return false;
  if (*tag == "tuple") {
    const auto items = value.find("items");
    if (items == value.end() || !items->is_array()) return true;  // reported elsewhere
    for (const Json& item : *items) {
      if (!is_hashable(item)) return false;
    }
  }
  return true;
}

}  // namespace

void check_stored_state_owner_invalid(const CheckContext& ctx, Reporter& out) {
  for (std::size_t i = 0; i < ctx.state.stored_state.size(); ++i) {
    const StoredState& stored = ctx.state.stored_state[i];
    if (!stored.owner_path || is_handle_path(*stored.owner_path)) continue;
    out.report(path_key(path_index("stored_state", i), "owner_path"),
               "stored state " + in_quotes(stored.name) + " has owner path " +
                   in_quotes(*stored.owner_path) +
                   ", which is not an ops handle path such as 'MyCharm' or 'MyCharm/MyLib'; "
                   "use the owner's handle path, or None for the framework");
  }
}

void check_stored_state_name_invalid(const CheckContext& ctx, Reporter& out) {
  for (std::size_t i = 0; i < ctx.state.stored_state.size(); ++i) {
    const StoredState& stored = ctx.state.stored_state[i];
    if (!is_identifier(stored.name)) {
      out.report(path_key(path_index("stored_state", i), "name"),
                 "stored state name " + in_quotes(stored.name) +
                     " is not a Python identifier, so no StoredState attribute can have it; "
                     "use the attribute's name (e.g. '_stored')");
    }
    if (!is_identifier(stored.data_type_name)) {
      out.report(path_key(path_index("stored_state", i), "data_type_name"),
                 "stored state data type " + in_quotes(stored.data_type_name) +
                     " is not a Python identifier; use 'StoredStateData'");
    }
  }
}

void check_stored_state_duplicate(const CheckContext& ctx, Reporter& out) {
  std::vector<std::string> seen;
  for (std::size_t i = 0; i < ctx.state.stored_state.size(); ++i) {
    const std::string handle = ctx.state.stored_state[i].handle_path();
    if (std::find(seen.begin(), seen.end(), handle) == seen.end()) {
      seen.push_back(handle);
      continue;
    }
    out.report(path_index("stored_state", i),
               "stored state " + in_quotes(handle) +
                   " appears twice; ops keeps one per owner and name: merge them");
  }
}

void check_stored_state_content_invalid(const CheckContext& ctx, Reporter& out) {
  for (std::size_t i = 0; i < ctx.state.stored_state.size(); ++i) {
    const StoredState& stored = ctx.state.stored_state[i];
    const std::string path = path_key(path_index("stored_state", i), "content");
    if (!stored.content.is_object()) {
      out.report(path, "stored state " + in_quotes(stored.name) +
                           " content is not an object of attribute values; give a JSON object");
      continue;
    }
    for (const auto& [key, value] : stored.content.items()) {
      const std::string problem = content_problem(value);
      if (problem.empty()) continue;
      out.report(path_key(path, key),
                 "stored state " + in_quotes(stored.name) + " attribute " + in_quotes(key) +
                     " holds " + problem +
                     ", which ops cannot store; fix the encoding (docs/state-format.md)");
    }
  }
}

void check_deferred_handle_invalid(const CheckContext& ctx, Reporter& out) {
  for (std::size_t i = 0; i < ctx.state.deferred.size(); ++i) {
    const DeferredEvent& event = ctx.state.deferred[i];
    if (is_deferred_handle(event.handle_path)) continue;
    out.report(path_key(deferred_path(i), "handle_path"),
               deferred_label(event) +
                   " is not an ops event handle path '<owner>/<events>/<name>[<n>]', e.g. "
                   "'MyCharm/on/update_status[1]'; fix it (or make it with "
                   "event.deferred(handler))");
  }
}

void check_deferred_observer_invalid(const CheckContext& ctx, Reporter& out) {
  for (std::size_t i = 0; i < ctx.state.deferred.size(); ++i) {
    const DeferredEvent& event = ctx.state.deferred[i];
    if (!is_handle_path(event.owner)) {
      out.report(path_key(deferred_path(i), "owner"),
                 deferred_label(event) + " has observer owner " + in_quotes(event.owner) +
                     ", which is not an ops handle path such as 'MyCharm'; use the path of "
                     "the object whose method observes it");
    }
    if (!is_identifier(event.observer)) {
      out.report(path_key(deferred_path(i), "observer"),
                 deferred_label(event) + " has observer " + in_quotes(event.observer) +
                     ", which is not a method name; use the observing method's name");
    }
  }
}

void check_deferred_not_deferrable(const CheckContext& ctx, Reporter& out) {
  for (std::size_t i = 0; i < ctx.state.deferred.size(); ++i) {
    const DeferredEvent& event = ctx.state.deferred[i];
    if (charm_event_kind(event) != EventKind::kAction) continue;
    out.report(path_key(deferred_path(i), "handle_path"),
               deferred_label(event) +
                   " is an action event, and ops refuses to defer action "
                   "events; remove it from State.deferred");
  }
}

void check_deferred_snapshot_incomplete(const CheckContext& ctx, Reporter& out) {
  for (std::size_t i = 0; i < ctx.state.deferred.size(); ++i) {
    const DeferredEvent& event = ctx.state.deferred[i];
    EventName name;
    const EventKind kind = charm_event_kind(event, &name);
    std::vector<std::pair<const char*, const char*>> needed;  // key, JSON type
    if (kind == EventKind::kRelation) {
      needed = {{"relation_name", "string"}, {"relation_id", "integer"}};
    } else if (kind == EventKind::kSecret) {
      needed = {{"id", "string"}, {"label", "string or null"}};
      if (name.name != "secret_changed" && name.name != "secret_rotate") {
        needed.emplace_back("revision", "integer");
      }
    }
    const Json& snapshot = event.snapshot_data;
    for (const auto& [key, type] : needed) {
      const auto it = snapshot.is_object() ? snapshot.find(key) : snapshot.end();
      bool ok = snapshot.is_object() && it != snapshot.end();
      if (ok && std::string_view(type) == "string") ok = it->is_string();
      if (ok && std::string_view(type) == "integer") ok = it->is_number_integer();
      if (ok && std::string_view(type) == "string or null") ok = it->is_string() || it->is_null();
      if (ok) continue;
      out.report(path_key(path_key(deferred_path(i), "snapshot_data"), key),
                 deferred_label(event) + " has no " + type + " '" + key +
                     "' in its snapshot, which ops needs to restore it; add it (or make the "
                     "event with event.deferred(handler))");
    }
  }
}

void check_deferred_entity_missing(const CheckContext& ctx, Reporter& out) {
  for (std::size_t i = 0; i < ctx.state.deferred.size(); ++i) {
    const DeferredEvent& event = ctx.state.deferred[i];
    const Json& snap = event.snapshot_data;
    if (!snap.is_object()) continue;
    const auto get = [&](const char* key) -> const Json* {
      const auto it = snap.find(key);
      return it == snap.end() ? nullptr : &*it;
    };
    std::string missing;
    switch (charm_event_kind(event)) {
      case EventKind::kRelation:
        if (const Json* id = get("relation_id");
            id != nullptr && id->is_number_integer() &&
            ctx.state.find_relation(id->get<int>()) == nullptr) {
          missing = "relation id " + id->dump() + " (ops restores it as a dead relation)";
        }
        break;
      case EventKind::kWorkload:
        if (const Json* name = get("container_name");
            name != nullptr && name->is_string() &&
            ctx.state.find_container(name->get<std::string>()) == nullptr) {
          missing = "container " + in_quotes(name->get<std::string>());
        }
        break;
      case EventKind::kStorage: {
        const Json* name = get("storage_name");
        const Json* index = get("storage_index");
        if (name != nullptr && name->is_string() && index != nullptr &&
            index->is_number_integer() &&
            ctx.state.find_storage(name->get<std::string>(), index->get<int>()) == nullptr) {
          missing = "storage " + in_quotes(name->get<std::string>() + "/" + index->dump());
        }
        break;
      }
      case EventKind::kSecret:
        if (const Json* id = get("id"); id != nullptr && id->is_string() &&
                                        ctx.state.find_secret(id->get<std::string>()) == nullptr) {
          missing = "secret " + in_quotes(id->get<std::string>());
        }
        break;
      default:
        break;
    }
    if (missing.empty()) continue;
    out.report(path_key(deferred_path(i), "snapshot_data"),
               deferred_label(event) + " is about " + missing +
                   ", which is not in the State; add it if it still exists, or drop the "
                   "deferred event");
  }
}

}  // namespace scenario::detail
