// SPDX-License-Identifier: Apache-2.0
// spec/charm_spec.cc: names of the spec enums, and lookups in a CharmSpec.

#include "scenario/spec/charm_spec.h"

#include <algorithm>

namespace scenario {

namespace {

// Specs hold a handful of entries, so a linear search beats keeping indexes in step.
template <typename T>
const T* find_named(const std::vector<T>& items, std::string_view name) {
  auto it =
      std::find_if(items.begin(), items.end(), [&](const T& item) { return item.name == name; });
  return it == items.end() ? nullptr : &*it;
}

}  // namespace

// The values of ops.RelationRole, which the Python front end maps these to.
std::string_view to_string(RelationRole role) {
  switch (role) {
    case RelationRole::kProvides:
      return "provides";
    case RelationRole::kRequires:
      return "requires";
    case RelationRole::kPeers:
      return "peer";
  }
  return "unknown";
}

// The spellings of config.yaml's `type` key.
std::string_view to_string(ConfigType type) {
  switch (type) {
    case ConfigType::kString:
      return "string";
    case ConfigType::kInt:
      return "int";
    case ConfigType::kFloat:
      return "float";
    case ConfigType::kBoolean:
      return "boolean";
    case ConfigType::kSecret:
      return "secret";
  }
  return "unknown";
}

std::string_view to_string(CharmKind kind) {
  switch (kind) {
    case CharmKind::kMachine:
      return "machine";
    case CharmKind::kKubernetes:
      return "kubernetes";
  }
  return "unknown";
}

const RelationSpec* CharmSpec::find_relation(std::string_view wanted) const {
  return find_named(relations, wanted);
}

const ContainerSpec* CharmSpec::find_container(std::string_view wanted) const {
  return find_named(containers, wanted);
}

const StorageSpec* CharmSpec::find_storage(std::string_view wanted) const {
  return find_named(storage, wanted);
}

const ResourceSpec* CharmSpec::find_resource(std::string_view wanted) const {
  return find_named(resources, wanted);
}

const ConfigOption* CharmSpec::find_config(std::string_view wanted) const {
  return find_named(config, wanted);
}

const ActionSpec* CharmSpec::find_action(std::string_view wanted) const {
  return find_named(actions, wanted);
}

}  // namespace scenario
