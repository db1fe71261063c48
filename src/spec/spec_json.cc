// SPDX-License-Identifier: Apache-2.0
// spec/spec_json.cc: a CharmSpec as JSON, the output of `scenario spec CHARM_DIR`.
//
// Every key is always present (null for absent optionals) so that consumers can index
// without checking; lists keep the spec's order, which is the files' order.

#include <optional>
#include <string>
#include <variant>

#include "scenario/spec/load.h"

namespace scenario {

namespace {

template <typename T>
Json optional_json(const std::optional<T>& value) {
  if (!value) return nullptr;
  return Json(*value);
}

Json config_value_json(const std::optional<ConfigValue>& value) {
  if (!value) return nullptr;
  return std::visit([](const auto& v) { return Json(v); }, *value);
}

Json relation_json(const RelationSpec& relation) {
  return Json{{"name", relation.name},           {"role", std::string(to_string(relation.role))},
              {"interface", relation.interface}, {"limit", optional_json(relation.limit)},
              {"scope", relation.scope},         {"optional", relation.optional}};
}

Json container_json(const ContainerSpec& container) {
  Json mounts = Json::array();
  for (const ContainerMountSpec& mount : container.mounts) {
    mounts.push_back(Json{{"storage", mount.storage}, {"location", mount.location}});
  }
  return Json{{"name", container.name},
              {"resource", optional_json(container.resource)},
              {"mounts", std::move(mounts)}};
}

Json storage_json(const StorageSpec& storage) {
  return Json{{"name", storage.name},
              {"type", storage.type},
              {"description", storage.description},
              {"location", optional_json(storage.location)},
              {"shared", storage.shared},
              {"read_only", storage.read_only},
              {"multiple_range", optional_json(storage.multiple_range)},
              {"minimum_size", optional_json(storage.minimum_size)}};
}

Json resource_json(const ResourceSpec& resource) {
  return Json{{"name", resource.name},
              {"type", resource.type},
              {"filename", optional_json(resource.filename)},
              {"description", resource.description}};
}

Json config_json(const ConfigOption& option) {
  return Json{{"name", option.name},
              {"type", std::string(to_string(option.type))},
              {"default", config_value_json(option.default_value)},
              {"description", option.description}};
}

Json action_json(const ActionSpec& action) {
  return Json{{"name", action.name},
              {"description", action.description},
              {"params", action.params},
              {"required", action.required},
              {"additional_properties", action.additional_properties},
              {"parallel", action.parallel},
              {"execution_group", action.execution_group}};
}

template <typename T, typename F>
Json list_json(const std::vector<T>& items, F convert) {
  Json out = Json::array();
  for (const T& item : items) out.push_back(convert(item));
  return out;
}

}  // namespace

Json charm_spec_to_json(const CharmSpec& spec) {
  return Json{{"name", spec.name},
              {"summary", spec.summary},
              {"description", spec.description},
              {"subordinate", spec.subordinate},
              {"kind", std::string(to_string(spec.kind))},
              {"relations", list_json(spec.relations, relation_json)},
              {"containers", list_json(spec.containers, container_json)},
              {"storage", list_json(spec.storage, storage_json)},
              {"resources", list_json(spec.resources, resource_json)},
              {"extra_bindings", spec.extra_bindings},
              {"config", list_json(spec.config, config_json)},
              {"actions", list_json(spec.actions, action_json)},
              {"sources", spec.sources}};
}

}  // namespace scenario
