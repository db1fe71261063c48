// SPDX-License-Identifier: Apache-2.0
// state/json_event.cc: the Event document of the state format.
//
// An Event refers to State entities by identity (relation id, container name, storage
// name and index, secret id); whether they exist is the consistency checker's business,
// not this reader's. Absent optional fields are written as null.

#include <climits>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "json_internal.h"
#include "json_reader.h"
#include "scenario/state/json.h"

namespace scenario {

namespace {

using detail::JsonReader;
using detail::ObjectReader;

// A non-negative integer or null.
void read_optional_id(ObjectReader& object, std::string_view key, std::optional<int>& out) {
  const Json* value = object.get(key);
  if (value == nullptr || value->is_null()) return;
  out = object.reader().get_int(*value, object.key_path(key), 0, INT_MAX);
}

std::optional<StorageRef> read_storage_ref(JsonReader& reader, const Json& value,
                                           const std::string& path) {
  if (value.is_null()) return std::nullopt;
  StorageRef storage;
  ObjectReader object(reader, value, path);
  object.read_required("name", storage.name);
  object.read("index", storage.index, 0, INT_MAX);
  object.finish();
  return storage;
}

std::optional<Action> read_action(JsonReader& reader, const Json& value, const std::string& path) {
  if (value.is_null()) return std::nullopt;
  Action action;
  ObjectReader object(reader, value, path);
  object.read_required("name", action.name);
  if (const Json* params = object.get("params")) {
    if (reader.expect_object(*params, object.key_path("params"))) action.params = *params;
  }
  object.read("id", action.id);
  object.finish();
  return action;
}

Event read_event(JsonReader& reader, const Json& value) {
  Event event;
  if (!value.is_object()) {
    reader.add_problem(
        "", "expected a JSON object at the top level, got " + detail::json_type_phrase(value));
    return event;
  }
  ObjectReader object(reader, value, "");
  detail::read_format_version(object);
  object.read_required("path", event.path);
  const auto path_value = value.find("path");
  if (path_value != value.end() && path_value->is_string() && event.path.empty()) {
    reader.add_problem("path",
                       "expected an event name such as 'start' or 'db-relation-changed', "
                       "got an empty string");
  }
  read_optional_id(object, "relation_id", event.relation_id);
  read_optional_id(object, "remote_unit_id", event.remote_unit_id);
  object.read("remote_unit_implied", event.remote_unit_implied);
  read_optional_id(object, "departing_unit_id", event.departing_unit_id);
  object.read("container", event.container);
  object.read("notice_id", event.notice_id);
  object.read("check_name", event.check_name);
  if (const Json* storage = object.get("storage")) {
    event.storage = read_storage_ref(reader, *storage, object.key_path("storage"));
  }
  object.read("secret_id", event.secret_id);
  read_optional_id(object, "secret_revision", event.secret_revision);
  if (const Json* action = object.get("action")) {
    event.action = read_action(reader, *action, object.key_path("action"));
  }
  object.finish();
  return event;
}

std::vector<Problem> collect_event_problems(std::string_view text, Event* out) {
  std::vector<Problem> problems;
  const std::optional<Json> value = detail::parse_json_document(text, problems);
  if (!value) return problems;
  JsonReader reader(problems);
  Event event = read_event(reader, *value);
  if (out != nullptr) *out = std::move(event);
  return problems;
}

template <typename T>
Json or_null(const std::optional<T>& value) {
  return value ? Json(*value) : Json(nullptr);
}

}  // namespace

Event event_from_json(std::string_view text) {
  Event event;
  std::vector<Problem> problems = collect_event_problems(text, &event);
  if (!problems.empty()) throw StateValidationError(std::move(problems));
  return event;
}

Event event_from_json_value(const Json& value) {
  std::vector<Problem> problems;
  if (!detail::check_json_depth(value, problems)) throw StateValidationError(std::move(problems));
  JsonReader reader(problems);
  Event event = read_event(reader, value);
  if (!problems.empty()) throw StateValidationError(std::move(problems));
  return event;
}

std::vector<Problem> validate_event_json(std::string_view text) {
  return collect_event_problems(text, nullptr);
}

Json event_to_json_value(const Event& event) {
  Json storage = nullptr;
  if (event.storage) storage = {{"name", event.storage->name}, {"index", event.storage->index}};
  Json action = nullptr;
  if (event.action) {
    action = {
        {"name", event.action->name}, {"params", event.action->params}, {"id", event.action->id}};
  }
  return {
      {"format_version", kStateFormatVersion},
      {"path", event.path},
      {"relation_id", or_null(event.relation_id)},
      {"remote_unit_id", or_null(event.remote_unit_id)},
      {"remote_unit_implied", event.remote_unit_implied},
      {"departing_unit_id", or_null(event.departing_unit_id)},
      {"container", or_null(event.container)},
      {"notice_id", or_null(event.notice_id)},
      {"check_name", or_null(event.check_name)},
      {"storage", std::move(storage)},
      {"secret_id", or_null(event.secret_id)},
      {"secret_revision", or_null(event.secret_revision)},
      {"action", std::move(action)},
  };
}

std::string event_to_json(const Event& event, int indent) {
  return detail::dump_json(event_to_json_value(event), indent);
}

}  // namespace scenario
