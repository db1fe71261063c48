// SPDX-License-Identifier: Apache-2.0
// state/json_state.cc: the State document and its smaller parts (config, networks,
// storage, ports, model, statuses, stored state, deferred events).
//
// Relations, containers and secrets have files of their own (json_relation.cc,
// json_container.cc, json_secret.cc).

#include <climits>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <variant>
#include <vector>

#include "enum_names.h"
#include "json_internal.h"
#include "json_reader.h"
#include "scenario/state/json.h"

namespace scenario {

namespace detail {

void read_format_version(ObjectReader& object) {
  if (const Json* version = object.get("format_version")) {
    object.reader().get_int(*version, object.key_path("format_version"), 1, kStateFormatVersion);
  }
}

std::string dump_json(const Json& value, int indent) {
  return value.dump(indent < 0 ? -1 : indent, ' ', false, Json::error_handler_t::replace);
}

}  // namespace detail

namespace {

using detail::JsonReader;
using detail::ObjectReader;
using detail::quote_text;

std::map<std::string, ConfigValue> read_config(JsonReader& reader, const Json& value,
                                               const std::string& path) {
  std::map<std::string, ConfigValue> config;
  if (!reader.expect_object(value, path)) return config;
  for (const auto& [key, item] : value.items()) {
    const std::string item_path = json_path_key(path, key);
    if (item.is_boolean()) {
      config.emplace(key, item.get<bool>());
    } else if (item.is_number_integer()) {
      // Juju int options are 64-bit; the JSON number type keeps int and float apart.
      if (auto number = reader.get_int64(item, item_path, INT64_MIN, INT64_MAX)) {
        config.emplace(key, *number);
      }
    } else if (item.is_number_float()) {
      config.emplace(key, item.get<double>());
    } else if (item.is_string()) {
      config.emplace(key, item.get<std::string>());
    } else {
      reader.add_problem(item_path, "expected a boolean, number or string, got " +
                                        detail::json_type_phrase(item) +
                                        "; config values are Juju option values");
    }
  }
  return config;
}

Address read_address(JsonReader& reader, const Json& value, const std::string& path) {
  Address address;
  ObjectReader object(reader, value, path);
  object.read("hostname", address.hostname);
  object.read("value", address.value);
  object.read("cidr", address.cidr);
  object.read("address", address.address);
  object.finish();
  return address;
}

BindAddress read_bind_address(JsonReader& reader, const Json& value, const std::string& path) {
  BindAddress bind;
  ObjectReader object(reader, value, path);
  object.read("interface_name", bind.interface_name);
  if (const Json* addresses = object.get("addresses")) {
    bind.addresses =
        detail::read_list<Address>(reader, *addresses, object.key_path("addresses"), read_address);
  }
  object.read("mac_address", bind.mac_address);
  object.finish();
  return bind;
}

Network read_network(JsonReader& reader, const Json& value, const std::string& path) {
  Network network;
  ObjectReader object(reader, value, path);
  object.read_required("name", network.name);
  if (const Json* binds = object.get("bind_addresses")) {
    network.bind_addresses = detail::read_list<BindAddress>(
        reader, *binds, object.key_path("bind_addresses"), read_bind_address);
  }
  object.read("ingress_addresses", network.ingress_addresses);
  object.read("egress_subnets", network.egress_subnets);
  object.finish();
  return network;
}

// Reports the second and later items whose `key_of(item)` repeats an earlier one.
template <typename T, typename KeyOf>
void report_duplicates(JsonReader& reader, const std::vector<T>& items, const std::string& path,
                       std::string_view field, std::string_view what, KeyOf key_of) {
  std::map<std::string, std::size_t> first;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string key = key_of(items[i]);
    if (key.empty()) continue;  // a missing identity, already reported
    const auto [it, inserted] = first.emplace(key, i);
    if (!inserted) {
      reader.add_problem(json_path_key(json_path_index(path, i), field),
                         "duplicate " + std::string(what) + " " + quote_text(key) + "; " +
                             json_path_index(path, it->second) + " has it too");
    }
  }
}

// Storage without an index gets max given index of its name + 1 (or 0), in list order.
std::vector<Storage> read_storage(JsonReader& reader, const Json& value, const std::string& path) {
  std::vector<Storage> storage;
  std::vector<bool> has_index;
  if (!reader.expect_array(value, path)) return storage;
  for (std::size_t i = 0; i < value.size(); ++i) {
    Storage item;
    bool given = false;
    ObjectReader object(reader, value[i], json_path_index(path, i));
    object.read_required("name", item.name);
    if (const Json* index = object.get("index")) {
      if (auto number = reader.get_int(*index, object.key_path("index"), 0, INT_MAX)) {
        item.index = *number;
        given = true;
      }
    }
    object.finish();
    storage.push_back(std::move(item));
    has_index.push_back(given);
  }
  std::map<std::string, std::int64_t> next_index;
  for (std::size_t i = 0; i < storage.size(); ++i) {
    if (!has_index[i]) continue;
    std::int64_t& next = next_index[storage[i].name];
    next = std::max<std::int64_t>(next, std::int64_t{storage[i].index} + 1);
  }
  for (std::size_t i = 0; i < storage.size(); ++i) {
    if (has_index[i]) continue;
    std::int64_t& next = next_index[storage[i].name];
    if (next > INT_MAX) {
      reader.add_problem(json_path_index(path, i), "no storage index left to assign; give one");
      continue;
    }
    storage[i].index = static_cast<int>(next++);
  }
  report_duplicates(reader, storage, path, "index", "storage", [](const Storage& item) {
    return item.name.empty() ? std::string() : item.name + "/" + std::to_string(item.index);
  });
  return storage;
}

Port read_port(JsonReader& reader, const Json& value, const std::string& path) {
  Port port;
  ObjectReader object(reader, value, path);
  bool protocol_known = true;
  if (const Json* protocol = object.get("protocol")) {
    auto parsed = reader.get_choice(*protocol, object.key_path("protocol"), detail::kPortProtocols);
    protocol_known = parsed.has_value();
    if (parsed) port.protocol = std::move(*parsed);
  }
  const Json* number = object.get("port");
  const bool has_number = number != nullptr && !number->is_null();
  if (protocol_known && port.protocol == "icmp" && has_number) {
    reader.add_problem(object.key_path("port"),
                       "not allowed with protocol 'icmp'; drop it or set it to null");
  } else if (protocol_known && port.protocol != "icmp" && !has_number) {
    reader.add_problem(path, "missing required key 'port'; protocol " + quote_text(port.protocol) +
                                 " needs a port from 1 to 65535");
  } else if (has_number) {
    port.port = reader.get_int(*number, object.key_path("port"), 1, 65535);
  }
  object.finish();
  return port;
}

Status read_status(JsonReader& reader, const Json& value, const std::string& path) {
  Status status;
  ObjectReader object(reader, value, path);
  if (const Json* name = object.get("name")) {
    if (auto parsed = reader.get_choice(*name, object.key_path("name"), detail::kStatusNames)) {
      status.name = std::move(*parsed);
    }
  }
  object.read("message", status.message);
  object.finish();
  return status;
}

Model read_model(JsonReader& reader, const Json& value, const std::string& path) {
  Model model;
  ObjectReader object(reader, value, path);
  object.read("name", model.name);
  object.read("uuid", model.uuid);
  if (const Json* type = object.get("type")) {
    if (auto parsed = reader.get_choice(*type, object.key_path("type"), detail::kModelTypes)) {
      model.type = std::move(*parsed);
    }
  }
  object.finish();
  return model;
}

// An opaque JSON object (stored-state content, snapshots): only its type is checked.
void read_opaque_object(ObjectReader& object, std::string_view key, Json& out) {
  if (const Json* value = object.get(key)) {
    if (object.reader().expect_object(*value, object.key_path(key))) out = *value;
  }
}

StoredState read_stored_state(JsonReader& reader, const Json& value, const std::string& path) {
  StoredState stored;
  ObjectReader object(reader, value, path);
  object.read("owner_path", stored.owner_path);
  object.read("name", stored.name);
  read_opaque_object(object, "content", stored.content);
  object.read("data_type_name", stored.data_type_name);
  object.finish();
  return stored;
}

DeferredEvent read_deferred(JsonReader& reader, const Json& value, const std::string& path) {
  DeferredEvent event;
  ObjectReader object(reader, value, path);
  object.read_required("handle_path", event.handle_path);
  object.read_required("owner", event.owner);
  object.read_required("observer", event.observer);
  read_opaque_object(object, "snapshot_data", event.snapshot_data);
  object.finish();
  return event;
}

State read_state(JsonReader& reader, const Json& value) {
  State state;
  if (!value.is_object()) {
    reader.add_problem(
        "", "expected a JSON object at the top level, got " + detail::json_type_phrase(value));
    return state;
  }
  ObjectReader object(reader, value, "");
  detail::read_format_version(object);
  const auto field = [&object](std::string_view key) { return object.get(key); };
  const auto path_of = [&object](std::string_view key) { return object.key_path(key); };

  if (const Json* v = field("config")) state.config = read_config(reader, *v, path_of("config"));
  if (const Json* v = field("relations")) {
    state.relations = detail::read_relations(reader, *v, path_of("relations"));
  }
  if (const Json* v = field("networks")) {
    state.networks = detail::read_list<Network>(reader, *v, path_of("networks"), read_network);
    report_duplicates(reader, state.networks, path_of("networks"), "name", "network name",
                      [](const Network& network) { return network.name; });
  }
  if (const Json* v = field("containers")) {
    state.containers = detail::read_containers(reader, *v, path_of("containers"));
  }
  if (const Json* v = field("storage"))
    state.storage = read_storage(reader, *v, path_of("storage"));
  if (const Json* v = field("opened_ports")) {
    state.opened_ports = detail::read_list<Port>(reader, *v, path_of("opened_ports"), read_port);
  }
  object.read("leader", state.leader);
  if (const Json* v = field("model")) state.model = read_model(reader, *v, path_of("model"));
  if (const Json* v = field("secrets")) {
    state.secrets = detail::read_secrets(reader, *v, path_of("secrets"));
  }
  if (const Json* v = field("resources")) {
    const Databag resources =
        reader.get_string_map(*v, path_of("resources"), "resources map names to file paths");
    for (const auto& [name, path] : resources) {
      state.resources.emplace_hint(state.resources.end(), name, path);
    }
  }
  object.read("planned_units", state.planned_units, 0, INT_MAX);
  object.read("unit_id", state.unit_id, 0, INT_MAX);
  if (const Json* v = field("deferred")) {
    state.deferred =
        detail::read_list<DeferredEvent>(reader, *v, path_of("deferred"), read_deferred);
  }
  if (const Json* v = field("stored_state")) {
    state.stored_state =
        detail::read_list<StoredState>(reader, *v, path_of("stored_state"), read_stored_state);
    report_duplicates(reader, state.stored_state, path_of("stored_state"), "name", "stored state",
                      [](const StoredState& stored) { return stored.handle_path(); });
  }
  if (const Json* v = field("app_status")) {
    state.app_status = read_status(reader, *v, path_of("app_status"));
  }
  if (const Json* v = field("unit_status")) {
    state.unit_status = read_status(reader, *v, path_of("unit_status"));
  }
  object.read("workload_version", state.workload_version);
  object.finish();
  return state;
}

std::vector<Problem> collect_state_problems(std::string_view text, State* out) {
  std::vector<Problem> problems;
  const std::optional<Json> value = detail::parse_json_document(text, problems);
  if (!value) return problems;
  JsonReader reader(problems);
  State state = read_state(reader, *value);
  if (out != nullptr) *out = std::move(state);
  return problems;
}

Json status_to_json(const Status& status) {
  return {{"name", status.name}, {"message", status.message}};
}

Json config_to_json(const std::map<std::string, ConfigValue>& config) {
  Json out = Json::object();
  for (const auto& [key, value] : config) {
    out[key] = std::visit([](const auto& item) { return Json(item); }, value);
  }
  return out;
}

Json network_to_json(const Network& network) {
  Json binds = Json::array();
  for (const BindAddress& bind : network.bind_addresses) {
    Json addresses = Json::array();
    for (const Address& address : bind.addresses) {
      addresses.push_back({{"hostname", address.hostname},
                           {"value", address.value},
                           {"cidr", address.cidr},
                           {"address", address.address}});
    }
    binds.push_back({{"interface_name", bind.interface_name},
                     {"addresses", std::move(addresses)},
                     {"mac_address", bind.mac_address ? Json(*bind.mac_address) : Json(nullptr)}});
  }
  return {{"name", network.name},
          {"bind_addresses", std::move(binds)},
          {"ingress_addresses", network.ingress_addresses},
          {"egress_subnets", network.egress_subnets}};
}

template <typename T, typename ToJson>
Json list_to_json(const std::vector<T>& items, ToJson to_json) {
  Json out = Json::array();
  for (const T& item : items) out.push_back(to_json(item));
  return out;
}

Json storage_to_json(const Storage& storage) {
  return {{"name", storage.name}, {"index", storage.index}};
}

Json port_to_json(const Port& port) {
  return {{"protocol", port.protocol}, {"port", port.port ? Json(*port.port) : Json(nullptr)}};
}

Json model_to_json(const Model& model) {
  return {{"name", model.name}, {"uuid", model.uuid}, {"type", model.type}};
}

Json deferred_to_json(const DeferredEvent& event) {
  return {{"handle_path", event.handle_path},
          {"owner", event.owner},
          {"observer", event.observer},
          {"snapshot_data", event.snapshot_data}};
}

Json stored_state_to_json(const StoredState& stored) {
  return {{"owner_path", stored.owner_path ? Json(*stored.owner_path) : Json(nullptr)},
          {"name", stored.name},
          {"content", stored.content},
          {"data_type_name", stored.data_type_name}};
}

// Every part of the State document but its relations, containers and secrets.
Json parts_to_json(const State& state) {
  return {
      {"format_version", kStateFormatVersion},
      {"config", config_to_json(state.config)},
      {"networks", list_to_json(state.networks, network_to_json)},
      {"storage", list_to_json(state.storage, storage_to_json)},
      {"opened_ports", list_to_json(state.opened_ports, port_to_json)},
      {"leader", state.leader},
      {"model", model_to_json(state.model)},
      {"resources", state.resources},
      {"planned_units", state.planned_units},
      {"unit_id", state.unit_id},
      {"deferred", list_to_json(state.deferred, deferred_to_json)},
      {"stored_state", list_to_json(state.stored_state, stored_state_to_json)},
      {"app_status", status_to_json(state.app_status)},
      {"unit_status", status_to_json(state.unit_status)},
      {"workload_version", state.workload_version},
  };
}

// Writes `key` when `state` differs from `base`: each entity of `state`, in order, as its
// document if it is new or changed, or as its identity if `base` holds an equal entity
// with that identity. Entities usually keep their positions, so the one at the same index
// is tried before a lookup.
template <typename T, typename IdOf, typename ToJson>
void add_entity_changes(Json& out, const char* key, const std::vector<T>& base,
                        const std::vector<T>& state, IdOf id_of, ToJson to_json) {
  if (state == base) return;
  using Id = std::decay_t<decltype(id_of(state.front()))>;
  std::map<Id, const T*> base_by_id;
  bool indexed = false;
  Json items = Json::array();
  for (std::size_t i = 0; i < state.size(); ++i) {
    const T& item = state[i];
    const T* counterpart = nullptr;
    if (i < base.size() && id_of(base[i]) == id_of(item)) {
      counterpart = &base[i];
    } else {
      if (!indexed) {
        for (const T& old : base) base_by_id.emplace(id_of(old), &old);
        indexed = true;
      }
      const auto found = base_by_id.find(id_of(item));
      if (found != base_by_id.end()) counterpart = found->second;
    }
    items.push_back(counterpart != nullptr && *counterpart == item ? Json(id_of(item))
                                                                   : to_json(item));
  }
  out[key] = std::move(items);
}

}  // namespace

State state_from_json(std::string_view text) {
  State state;
  std::vector<Problem> problems = collect_state_problems(text, &state);
  if (!problems.empty()) throw StateValidationError(std::move(problems));
  return state;
}

State state_from_json_value(const Json& value) {
  std::vector<Problem> problems;
  if (!detail::check_json_depth(value, problems)) throw StateValidationError(std::move(problems));
  JsonReader reader(problems);
  State state = read_state(reader, value);
  if (!problems.empty()) throw StateValidationError(std::move(problems));
  return state;
}

std::vector<Problem> validate_state_json(std::string_view text) {
  return collect_state_problems(text, nullptr);
}

Json state_to_json_value(const State& state) {
  Json out = parts_to_json(state);
  out["relations"] = list_to_json(state.relations, detail::relation_to_json);
  out["containers"] = list_to_json(state.containers, detail::container_to_json);
  out["secrets"] = list_to_json(state.secrets, detail::secret_to_json);
  return out;
}

Json state_changes_to_json_value(const State& base, const State& state) {
  Json out = parts_to_json(state);
  add_entity_changes(
      out, "relations", base.relations, state.relations,
      [](const Relation& relation) { return relation.relation_id; }, detail::relation_to_json);
  add_entity_changes(
      out, "containers", base.containers, state.containers,
      [](const Container& container) { return container.name; }, detail::container_to_json);
  add_entity_changes(
      out, "secrets", base.secrets, state.secrets, [](const Secret& secret) { return secret.id; },
      detail::secret_to_json);
  return out;
}

std::string state_to_json(const State& state, int indent) {
  return detail::dump_json(state_to_json_value(state), indent);
}

}  // namespace scenario
