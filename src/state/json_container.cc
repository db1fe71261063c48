// SPDX-License-Identifier: Apache-2.0
// state/json_container.cc: containers in the state format, with Pebble layer checks.
//
// Layer entries are kept as JSON under Pebble's YAML field names, so the engine's Pebble
// model sees exactly what the author wrote. What is checked here is the shape: the field
// names Pebble knows (docs: pebble-api.md, "Layers, the plan, and merging", 6.1), their
// JSON types, and the values of the few enumerated fields.

#include <algorithm>
#include <array>
#include <climits>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "enum_names.h"
#include "json_internal.h"
#include "json_reader.h"

namespace scenario::detail {

namespace {

enum class FieldType {
  kString,
  kInteger,
  kNumber,
  kStringList,
  kStringMap,
  kCheckHttp,
  kCheckTcp,
  kCheckExec,
};

// One field of a layer entry; `choices`, when not empty, lists the allowed strings.
struct FieldSpec {
  std::string_view name;
  FieldType type;
  std::span<const std::string_view> choices = {};
};

constexpr std::array<std::string_view, 2> kOverride = {"merge", "replace"};
// Pebble treats an empty startup or level as unset.
constexpr std::array<std::string_view, 3> kStartup = {"enabled", "disabled", ""};
constexpr std::array<std::string_view, 3> kCheckLevel = {"alive", "ready", ""};
constexpr std::array<std::string_view, 4> kOnSuccess = {"restart", "shutdown", "ignore",
                                                        "failure-shutdown"};
constexpr std::array<std::string_view, 4> kOnFailure = {"restart", "shutdown", "ignore",
                                                        "success-shutdown"};
// ops types name loki and opentelemetry; Pebble also accepts syslog.
constexpr std::array<std::string_view, 3> kLogTargetType = {"loki", "opentelemetry", "syslog"};

constexpr std::array<FieldSpec, 22> kServiceFields = {{
    {"override", FieldType::kString, kOverride},
    {"command", FieldType::kString},
    {"summary", FieldType::kString},
    {"description", FieldType::kString},
    {"startup", FieldType::kString, kStartup},
    {"after", FieldType::kStringList},
    {"before", FieldType::kStringList},
    {"requires", FieldType::kStringList},
    {"environment", FieldType::kStringMap},
    {"user", FieldType::kString},
    {"user-id", FieldType::kInteger},
    {"group", FieldType::kString},
    {"group-id", FieldType::kInteger},
    {"working-dir", FieldType::kString},
    {"on-success", FieldType::kString, kOnSuccess},
    {"on-failure", FieldType::kString, kOnFailure},
    {"on-check-failure", FieldType::kStringMap},
    {"backoff-delay", FieldType::kString},
    {"backoff-factor", FieldType::kNumber},
    {"backoff-limit", FieldType::kString},
    {"kill-delay", FieldType::kString},
    // Pebble has it; ops ignores it. Accepted so real Pebble layers load.
    {"workload", FieldType::kString},
}};

constexpr std::array<FieldSpec, 9> kCheckFields = {{
    {"override", FieldType::kString, kOverride},
    {"level", FieldType::kString, kCheckLevel},
    {"startup", FieldType::kString, kStartup},
    {"period", FieldType::kString},
    {"timeout", FieldType::kString},
    {"threshold", FieldType::kInteger},
    {"http", FieldType::kCheckHttp},
    {"tcp", FieldType::kCheckTcp},
    {"exec", FieldType::kCheckExec},
}};

constexpr std::array<FieldSpec, 2> kHttpFields = {{
    {"url", FieldType::kString},
    {"headers", FieldType::kStringMap},
}};

constexpr std::array<FieldSpec, 2> kTcpFields = {{
    {"port", FieldType::kInteger},
    {"host", FieldType::kString},
}};

constexpr std::array<FieldSpec, 8> kExecFields = {{
    {"command", FieldType::kString},
    {"service-context", FieldType::kString},
    {"environment", FieldType::kStringMap},
    {"user", FieldType::kString},
    {"user-id", FieldType::kInteger},
    {"group", FieldType::kString},
    {"group-id", FieldType::kInteger},
    {"working-dir", FieldType::kString},
}};

constexpr std::array<FieldSpec, 5> kLogTargetFields = {{
    {"override", FieldType::kString, kOverride},
    {"type", FieldType::kString, kLogTargetType},
    {"location", FieldType::kString},
    {"services", FieldType::kStringList},
    {"labels", FieldType::kStringMap},
}};

void check_entry(JsonReader& reader, const Json& value, const std::string& path,
                 std::span<const FieldSpec> fields);

void check_field(JsonReader& reader, const Json& value, const std::string& path,
                 const FieldSpec& field) {
  switch (field.type) {
    case FieldType::kString: {
      const std::optional<std::string> text = reader.get_string(value, path);
      if (!text || field.choices.empty()) return;
      for (std::string_view choice : field.choices) {
        if (choice == *text) return;
      }
      std::string expected;
      for (std::size_t i = 0; i < field.choices.size(); ++i) {
        if (i > 0) expected += (i + 1 == field.choices.size()) ? " or " : ", ";
        expected += quote_text(field.choices[i]);
      }
      reader.add_problem(path, "expected " + expected + ", got " + quote_text(*text));
      return;
    }
    case FieldType::kInteger:
      reader.get_int64(value, path, INT64_MIN, INT64_MAX);
      return;
    case FieldType::kNumber:
      reader.get_number(value, path);
      return;
    case FieldType::kStringList:
      reader.get_string_list(value, path);
      return;
    case FieldType::kStringMap:
      reader.get_string_map(value, path, "Pebble expects a map of strings here");
      return;
    case FieldType::kCheckHttp:
      check_entry(reader, value, path, kHttpFields);
      return;
    case FieldType::kCheckTcp:
      check_entry(reader, value, path, kTcpFields);
      return;
    case FieldType::kCheckExec:
      check_entry(reader, value, path, kExecFields);
      return;
  }
}

void check_entry(JsonReader& reader, const Json& value, const std::string& path,
                 std::span<const FieldSpec> fields) {
  ObjectReader object(reader, value, path);
  for (const FieldSpec& field : fields) {
    if (const Json* item = object.get(field.name)) {
      check_field(reader, *item, object.key_path(field.name), field);
    }
  }
  object.finish();
}

// Name -> entry, each entry checked against `fields`; entries are kept as written.
std::map<std::string, Json> read_entries(ObjectReader& layer, std::string_view key,
                                         std::span<const FieldSpec> fields, bool service_names) {
  std::map<std::string, Json> entries;
  const Json* value = layer.get(key);
  if (value == nullptr) return entries;
  JsonReader& reader = layer.reader();
  const std::string path = layer.key_path(key);
  if (!reader.expect_object(*value, path)) return entries;
  for (const auto& [name, entry] : value->items()) {
    const std::string entry_path = json_path_key(path, name);
    // Pebble: service names may not be empty, "pebble", or start with '-'.
    if (service_names && (name.empty() || name == "pebble" || name.front() == '-')) {
      reader.add_problem(entry_path,
                         "invalid service name " + quote_text(name) +
                             "; Pebble forbids empty names, 'pebble' and names starting with '-'");
    }
    check_entry(reader, entry, entry_path, fields);
    entries.emplace(name, entry);
  }
  return entries;
}

Layer read_layer(JsonReader& reader, const Json& value, const std::string& path) {
  Layer layer;
  ObjectReader object(reader, value, path);
  object.read("summary", layer.summary);
  object.read("description", layer.description);
  layer.services = read_entries(object, "services", kServiceFields, true);
  layer.checks = read_entries(object, "checks", kCheckFields, false);
  layer.log_targets = read_entries(object, "log-targets", kLogTargetFields, false);
  object.finish();
  return layer;
}

std::map<std::string, Layer> read_layers(JsonReader& reader, const Json& value,
                                         const std::string& path) {
  std::map<std::string, Layer> layers;
  if (!reader.expect_object(value, path)) return layers;
  for (const auto& [label, layer] : value.items()) {
    const std::string layer_path = json_path_key(path, label);
    if (std::string_view(label).starts_with("pebble-")) {
      reader.add_problem(layer_path,
                         "layer labels may not start with 'pebble-' (Pebble reserves them)");
    }
    layers.emplace(label, read_layer(reader, layer, layer_path));
  }
  return layers;
}

std::map<std::string, ServiceStatus> read_service_status(JsonReader& reader, const Json& value,
                                                         const std::string& path) {
  std::map<std::string, ServiceStatus> statuses;
  if (!reader.expect_object(value, path)) return statuses;
  for (const auto& [name, status] : value.items()) {
    if (auto parsed = reader.get_enum(status, json_path_key(path, name), kServiceStatusNames)) {
      statuses.emplace(name, *parsed);
    }
  }
  return statuses;
}

std::map<std::string, Mount> read_mounts(JsonReader& reader, const Json& value,
                                         const std::string& path) {
  std::map<std::string, Mount> mounts;
  if (!reader.expect_object(value, path)) return mounts;
  for (const auto& [name, item] : value.items()) {
    Mount mount;
    ObjectReader object(reader, item, json_path_key(path, name));
    object.read_required("location", mount.location);
    object.read_required("src", mount.src);
    object.finish();
    mounts.emplace(name, std::move(mount));
  }
  return mounts;
}

ExecMock read_exec_mock(JsonReader& reader, const Json& value, const std::string& path) {
  ExecMock mock;
  ObjectReader object(reader, value, path);
  if (const Json* command = object.require("command")) {
    mock.command = reader.get_string_list(*command, object.key_path("command"));
    if (command->is_array() && command->empty()) {
      reader.add_problem(object.key_path("command"),
                         "expected at least one word; an exec mock matches a whole command line");
    }
  }
  object.read("return_code", mock.output.return_code);
  object.read("stdout", mock.output.stdout_text);
  object.read("stderr", mock.output.stderr_text);
  object.finish();
  return mock;
}

std::vector<ExecMock> read_exec_mocks(JsonReader& reader, const Json& value,
                                      const std::string& path) {
  std::vector<ExecMock> mocks = read_list<ExecMock>(reader, value, path, read_exec_mock);
  // Python keys exec mocks by command, so a command can only have one result.
  std::map<std::vector<std::string>, std::size_t> first_with_command;
  for (std::size_t i = 0; i < mocks.size(); ++i) {
    if (mocks[i].command.empty()) continue;
    const auto [it, inserted] = first_with_command.emplace(mocks[i].command, i);
    if (!inserted) {
      reader.add_problem(json_path_key(json_path_index(path, i), "command"),
                         "duplicate exec mock command; " + json_path_index(path, it->second) +
                             " already mocks it");
    }
  }
  return mocks;
}

constexpr std::array<std::string_view, 3> kCheckInfoLevel = {"", "alive", "ready"};
constexpr std::array<std::string_view, 2> kCheckInfoStatus = {"up", "down"};

CheckInfo read_check_info(JsonReader& reader, const Json& value, const std::string& path) {
  CheckInfo info;
  ObjectReader object(reader, value, path);
  object.read_required("name", info.name);
  if (const Json* level = object.get("level"); level != nullptr && !level->is_null()) {
    info.level = reader.get_choice(*level, object.key_path("level"), kCheckInfoLevel).value_or("");
  }
  if (const Json* status = object.get("status")) {
    info.status = reader.get_choice(*status, object.key_path("status"), kCheckInfoStatus)
                      .value_or(info.status);
  }
  object.read("failures", info.failures, 0);
  object.read("threshold", info.threshold, 1);
  object.finish();
  return info;
}

std::map<std::string, CheckInfo> read_check_infos(JsonReader& reader, const Json& value,
                                                  const std::string& path) {
  std::map<std::string, CheckInfo> infos;
  std::vector<CheckInfo> list = read_list<CheckInfo>(reader, value, path, read_check_info);
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (list[i].name.empty()) continue;  // already reported as missing
    if (!infos.emplace(list[i].name, list[i]).second) {
      reader.add_problem(
          json_path_key(json_path_index(path, i), "name"),
          "duplicate check name " + quote_text(list[i].name) + "; a check has one state");
    }
  }
  return infos;
}

// A number of seconds or null (no duration).
void read_seconds(ObjectReader& object, std::string_view key, std::optional<double>& out) {
  const Json* value = object.get(key);
  if (value == nullptr || value->is_null()) return;
  if (auto seconds = object.reader().get_number(*value, object.key_path(key))) {
    if (*seconds < 0) {
      object.reader().add_problem(object.key_path(key), "expected a duration of 0 seconds or more");
      return;
    }
    out = *seconds;
  }
}

Notice read_notice(JsonReader& reader, const Json& value, const std::string& path) {
  Notice notice;
  ObjectReader object(reader, value, path);
  object.read_required("key", notice.key);
  object.read("id", notice.id);
  if (const Json* user_id = object.get("user_id"); user_id != nullptr && !user_id->is_null()) {
    notice.user_id = reader.get_int(*user_id, object.key_path("user_id"), 0);
  }
  object.read("type", notice.type);
  object.read("first_occurred", notice.first_occurred);
  object.read("last_occurred", notice.last_occurred);
  object.read("last_repeated", notice.last_repeated);
  object.read("occurrences", notice.occurrences, 1);
  object.read_string_map("last_data", notice.last_data);
  read_seconds(object, "repeat_after", notice.repeat_after);
  read_seconds(object, "expire_after", notice.expire_after);
  object.finish();
  return notice;
}

// Notices without an id get the next number after the largest numeric id given, in
// list order, so ids never depend on anything outside this container.
std::vector<Notice> read_notices(JsonReader& reader, const Json& value, const std::string& path) {
  std::vector<Notice> notices = read_list<Notice>(reader, value, path, read_notice);
  std::map<std::string, std::size_t> first_with_id;
  for (std::size_t i = 0; i < notices.size(); ++i) {
    if (notices[i].id.empty()) notices[i].id = next_notice_id(notices);
    const auto [it, inserted] = first_with_id.emplace(notices[i].id, i);
    if (!inserted) {
      reader.add_problem(json_path_key(json_path_index(path, i), "id"),
                         "duplicate notice id " + quote_text(notices[i].id) + "; " +
                             json_path_index(path, it->second) + " has it too");
    }
  }
  return notices;
}

Json seconds_to_json(const std::optional<double>& seconds) {
  return seconds ? Json(*seconds) : Json(nullptr);
}

Container read_container(JsonReader& reader, const Json& value, const std::string& path) {
  Container container;
  ObjectReader object(reader, value, path);
  object.read_required("name", container.name);
  object.read("can_connect", container.can_connect);
  if (const Json* layers = object.get("layers")) {
    container.layers = read_layers(reader, *layers, object.key_path("layers"));
  }
  if (const Json* status = object.get("service_status")) {
    container.service_status =
        read_service_status(reader, *status, object.key_path("service_status"));
  }
  if (const Json* mounts = object.get("mounts")) {
    container.mounts = read_mounts(reader, *mounts, object.key_path("mounts"));
  }
  if (const Json* mocks = object.get("exec_mock")) {
    container.exec_mock = read_exec_mocks(reader, *mocks, object.key_path("exec_mock"));
  }
  if (const Json* infos = object.get("check_infos")) {
    container.check_infos = read_check_infos(reader, *infos, object.key_path("check_infos"));
  }
  if (const Json* notices = object.get("notices")) {
    container.notices = read_notices(reader, *notices, object.key_path("notices"));
  }
  object.finish();
  return container;
}

Json layer_to_json(const Layer& layer) {
  return {
      {"summary", layer.summary}, {"description", layer.description}, {"services", layer.services},
      {"checks", layer.checks},   {"log-targets", layer.log_targets},
  };
}

}  // namespace

std::vector<Container> read_containers(JsonReader& reader, const Json& value,
                                       const std::string& path) {
  std::vector<Container> containers = read_list<Container>(reader, value, path, read_container);
  std::map<std::string, std::size_t> first_with_name;
  for (std::size_t i = 0; i < containers.size(); ++i) {
    if (containers[i].name.empty()) continue;  // already reported as missing
    const auto [it, inserted] = first_with_name.emplace(containers[i].name, i);
    if (!inserted) {
      reader.add_problem(json_path_key(json_path_index(path, i), "name"),
                         "duplicate container name " + quote_text(containers[i].name) + "; " +
                             json_path_index(path, it->second) + " has it too");
    }
  }
  return containers;
}

Json container_to_json(const Container& container) {
  Json layers = Json::object();
  for (const auto& [label, layer] : container.layers) layers[label] = layer_to_json(layer);
  Json statuses = Json::object();
  for (const auto& [name, status] : container.service_status) {
    statuses[name] = std::string(to_string(status));
  }
  Json mounts = Json::object();
  for (const auto& [name, mount] : container.mounts) {
    mounts[name] = {{"location", mount.location}, {"src", mount.src}};
  }
  Json mocks = Json::array();
  for (const ExecMock& mock : container.exec_mock) {
    mocks.push_back({
        {"command", mock.command},
        {"return_code", mock.output.return_code},
        {"stdout", mock.output.stdout_text},
        {"stderr", mock.output.stderr_text},
    });
  }
  Json infos = Json::array();
  for (const auto& [name, info] : container.check_infos) {
    infos.push_back({
        {"name", info.name},
        {"level", info.level},
        {"status", info.status},
        {"failures", info.failures},
        {"threshold", info.threshold},
    });
  }
  Json notices = Json::array();
  for (const Notice& notice : container.notices) {
    notices.push_back({
        {"key", notice.key},
        {"id", notice.id},
        {"user_id", notice.user_id ? Json(*notice.user_id) : Json(nullptr)},
        {"type", notice.type},
        {"first_occurred", notice.first_occurred},
        {"last_occurred", notice.last_occurred},
        {"last_repeated", notice.last_repeated},
        {"occurrences", notice.occurrences},
        {"last_data", notice.last_data},
        {"repeat_after", seconds_to_json(notice.repeat_after)},
        {"expire_after", seconds_to_json(notice.expire_after)},
    });
  }
  return {
      {"name", container.name},          {"can_connect", container.can_connect},
      {"layers", std::move(layers)},     {"service_status", std::move(statuses)},
      {"mounts", std::move(mounts)},     {"exec_mock", std::move(mocks)},
      {"check_infos", std::move(infos)}, {"notices", std::move(notices)},
  };
}

}  // namespace scenario::detail
