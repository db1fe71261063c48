// SPDX-License-Identifier: Apache-2.0
// state/json_relation.cc: relations in the state format, one JSON shape per kind.
//
// A relation object names its kind (`regular`, `peer`, `subordinate`) and then uses the
// field names of the matching Python class. All kinds share the C++ Relation, so the
// per-kind fields are mapped onto it here:
//   peer:        peers_data                        <-> remote_units_data
//   subordinate: remote_unit_id + remote_unit_data <-> remote_units_data (one entry)

#include <array>
#include <climits>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "enum_names.h"
#include "json_internal.h"
#include "json_reader.h"
#include "scenario/state/json.h"

namespace scenario::detail {

namespace {

// A field that only some kinds have. `hints[kind]` is empty when the field belongs to
// that kind, and otherwise tells the author what to write instead.
struct KindField {
  std::string_view key;
  std::array<std::string_view, 3> hints;  // indexed by RelationKind
};

constexpr std::string_view kPeerHasNoRemoteApp =
    "a peer relation's remote app is this app; drop it, or set kind to 'regular'";
constexpr std::string_view kOnlyRegularLimit =
    "only regular relations have a limit; drop it, or set kind to 'regular'";

constexpr std::array<KindField, 7> kKindFields = {{
    {"remote_app_name", {"", kPeerHasNoRemoteApp, ""}},
    {"remote_app_data", {"", kPeerHasNoRemoteApp, ""}},
    {"limit", {"", kOnlyRegularLimit, kOnlyRegularLimit}},
    {"remote_units_data",
     {"", "use peers_data, or set kind to 'regular'",
      "use remote_unit_id and remote_unit_data, or set kind to 'regular'"}},
    {"peers_data",
     {"use remote_units_data, or set kind to 'peer'", "",
      "use remote_unit_id and remote_unit_data, or set kind to 'peer'"}},
    {"remote_unit_data",
     {"use remote_units_data, or set kind to 'subordinate'",
      "use peers_data, or set kind to 'subordinate'", ""}},
    {"remote_unit_id",
     {"use the keys of remote_units_data, or set kind to 'subordinate'",
      "use the keys of peers_data, or set kind to 'subordinate'", ""}},
}};

std::size_t kind_index(RelationKind kind) { return static_cast<std::size_t>(kind); }

// Unit id ("0", "42") -> databag.
std::map<UnitId, Databag> read_unit_databags(JsonReader& reader, const Json& value,
                                             const std::string& path) {
  std::map<UnitId, Databag> out;
  if (!reader.expect_object(value, path)) return out;
  for (const auto& [key, databag] : value.items()) {
    const std::optional<int> valid_unit = parse_int_key(key);
    std::optional<Databag> valid_data = read_databag(databag);
    if (valid_unit && valid_data) {
      out.emplace(*valid_unit, std::move(*valid_data));
      continue;
    }
    const std::string key_path = json_path_key(path, key);
    const std::optional<int> unit = reader.get_int_key(key, key_path, "a unit id");
    Databag data = reader.get_string_map(databag, key_path);
    if (unit) out[*unit] = std::move(data);
  }
  return out;
}

Json unit_databags_to_json(const std::map<UnitId, Databag>& databags) {
  Json out = Json::object();
  for (const auto& [unit, databag] : databags) out[std::to_string(unit)] = databag;
  return out;
}

// Reads the fields of `relation.kind` into `relation`.
void read_kind_fields(ObjectReader& object, Relation& relation) {
  JsonReader& reader = object.reader();
  switch (relation.kind) {
    case RelationKind::kRegular:
      object.read("remote_app_name", relation.remote_app_name);
      object.read("limit", relation.limit, 1, INT_MAX);
      object.read_string_map("remote_app_data", relation.remote_app_data);
      if (const Json* units = object.get("remote_units_data")) {
        relation.remote_units_data =
            read_unit_databags(reader, *units, object.key_path("remote_units_data"));
      }
      break;
    case RelationKind::kPeer:
      if (const Json* peers = object.get("peers_data")) {
        relation.remote_units_data =
            read_unit_databags(reader, *peers, object.key_path("peers_data"));
      }
      break;
    case RelationKind::kSubordinate: {
      object.read("remote_app_name", relation.remote_app_name);
      object.read_string_map("remote_app_data", relation.remote_app_data);
      // Python's SubordinateRelation defaults: remote_unit_id 0, empty databag.
      int unit = 0;
      Databag data;
      object.read("remote_unit_id", unit, 0, INT_MAX);
      object.read_string_map("remote_unit_data", data);
      relation.remote_units_data = {{unit, std::move(data)}};
      break;
    }
  }
}

Relation read_relation(JsonReader& reader, const Json& value, const std::string& path,
                       bool& has_id) {
  Relation relation;
  has_id = false;
  ObjectReader object(reader, value, path);
  bool kind_known = true;
  if (const Json* kind = object.get("kind")) {
    if (auto parsed = reader.get_enum(*kind, object.key_path("kind"), kRelationKindNames)) {
      relation.kind = *parsed;
    } else {
      kind_known = false;
    }
  }
  object.read_required("endpoint", relation.endpoint);
  object.read("interface", relation.interface);
  if (const Json* id = object.get("relation_id")) {
    // An invalid id is reported here and the relation then gets a fresh one, so it does
    // not also show up as a duplicate.
    if (auto number = reader.get_int(*id, object.key_path("relation_id"), 0, INT_MAX)) {
      relation.relation_id = *number;
      has_id = true;
    }
  }
  object.read_string_map("local_app_data", relation.local_app_data);
  object.read_string_map("local_unit_data", relation.local_unit_data);

  if (!kind_known) {
    // Without a kind no field can be judged; the kind error is the one to fix first.
    for (const KindField& field : kKindFields) object.ignore(field.key);
  } else {
    read_kind_fields(object, relation);
    for (const KindField& field : kKindFields) {
      const std::string_view hint = field.hints[kind_index(relation.kind)];
      if (hint.empty()) continue;
      if (!object.contains(field.key)) {
        object.reject(field.key, {});  // absent: nothing to report
        continue;
      }
      object.reject(field.key, "not a field of a " + std::string(to_string(relation.kind)) +
                                   " relation; " + std::string(hint));
    }
  }
  object.finish();
  return relation;
}

}  // namespace

std::vector<Relation> read_relations(JsonReader& reader, const Json& value,
                                     const std::string& path) {
  std::vector<Relation> relations;
  std::vector<bool> has_id;
  if (!reader.expect_array(value, path)) return relations;
  for (std::size_t i = 0; i < value.size(); ++i) {
    bool given = false;
    relations.push_back(read_relation(reader, value[i], json_path_index(path, i), given));
    has_id.push_back(given);
  }

  std::map<int, std::size_t> owner_of_id;
  std::int64_t next_id = 1;
  for (std::size_t i = 0; i < relations.size(); ++i) {
    if (!has_id[i]) continue;
    const int id = relations[i].relation_id;
    next_id = std::max<std::int64_t>(next_id, std::int64_t{id} + 1);
    const auto [it, inserted] = owner_of_id.emplace(id, i);
    if (!inserted) {
      reader.add_problem(json_path_key(json_path_index(path, i), "relation_id"),
                         "duplicate relation id " + std::to_string(id) + "; " +
                             json_path_index(path, it->second) +
                             " has it too, and relation ids must be unique");
    }
  }
  for (std::size_t i = 0; i < relations.size(); ++i) {
    if (has_id[i]) continue;
    if (next_id > INT_MAX) {
      reader.add_problem(json_path_index(path, i), "no relation id left to assign; give one");
      continue;
    }
    relations[i].relation_id = static_cast<int>(next_id++);
  }
  return relations;
}

Json relation_to_json(const Relation& relation) {
  Json out = {
      {"kind", std::string(to_string(relation.kind))},
      {"endpoint", relation.endpoint},
      {"interface", relation.interface},
      {"relation_id", relation.relation_id},
      {"local_app_data", relation.local_app_data},
      {"local_unit_data", relation.local_unit_data},
  };
  switch (relation.kind) {
    case RelationKind::kRegular:
      out["remote_app_name"] = relation.remote_app_name;
      out["limit"] = relation.limit;
      out["remote_app_data"] = relation.remote_app_data;
      out["remote_units_data"] = unit_databags_to_json(relation.remote_units_data);
      break;
    case RelationKind::kPeer:
      out["peers_data"] = unit_databags_to_json(relation.remote_units_data);
      break;
    case RelationKind::kSubordinate: {
      out["remote_app_name"] = relation.remote_app_name;
      out["remote_app_data"] = relation.remote_app_data;
      // A subordinate relation has exactly one remote unit (the principal); a Relation
      // built with another count keeps its lowest unit, or unit 0 when it has none.
      const auto principal = relation.remote_units_data.begin();
      const bool has_principal = principal != relation.remote_units_data.end();
      out["remote_unit_id"] = has_principal ? principal->first : 0;
      out["remote_unit_data"] = has_principal ? principal->second : Databag{};
      break;
    }
  }
  return out;
}

}  // namespace scenario::detail
