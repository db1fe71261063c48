// SPDX-License-Identifier: Apache-2.0
// state/json_internal.h: the per-concept readers and writers of the state format, shared
// between the json_*.cc files (docs/state-format.md).
//
// Each reader takes the value at `path`, records every problem through the JsonReader
// and returns its best effort; the result is only used when no problem was recorded.

#ifndef SCENARIO_SRC_STATE_JSON_INTERNAL_H_
#define SCENARIO_SRC_STATE_JSON_INTERNAL_H_

#include <string>
#include <vector>

#include "json_reader.h"
#include "scenario/state/container.h"
#include "scenario/state/relation.h"
#include "scenario/state/secret.h"
#include "scenario/state/types.h"

namespace scenario::detail {

/// The `relations` list: reads each relation, assigns ids to those without one (max
/// given id + 1, or 1, in list order) and reports repeated ids.
std::vector<Relation> read_relations(JsonReader& reader, const Json& value,
                                     const std::string& path);
Json relation_to_json(const Relation& relation);

/// The `containers` list: reads each container and reports repeated names.
std::vector<Container> read_containers(JsonReader& reader, const Json& value,
                                       const std::string& path);
Json container_to_json(const Container& container);

/// The `secrets` list: reads each secret and reports repeated ids.
std::vector<Secret> read_secrets(JsonReader& reader, const Json& value, const std::string& path);
Json secret_to_json(const Secret& secret);

/// The optional `format_version` key of State and Event documents.
void read_format_version(ObjectReader& object);

/// A list whose items are read by `read_item(reader, item_value, item_path)`.
template <typename T, typename ReadItem>
std::vector<T> read_list(JsonReader& reader, const Json& value, const std::string& path,
                         ReadItem read_item) {
  std::vector<T> items;
  if (!reader.expect_array(value, path)) return items;
  items.reserve(value.size());
  for (std::size_t i = 0; i < value.size(); ++i) {
    items.push_back(read_item(reader, value[i], json_path_index(path, i)));
  }
  return items;
}

/// Writes a string for JSON text; bytes that are not valid UTF-8 become U+FFFD instead
/// of making nlohmann throw.
std::string dump_json(const Json& value, int indent);

}  // namespace scenario::detail

#endif  // SCENARIO_SRC_STATE_JSON_INTERNAL_H_
