// SPDX-License-Identifier: Apache-2.0
// scenario/spec/charm_spec.h: what a charm declares about itself.

#ifndef SCENARIO_SPEC_CHARM_SPEC_H_
#define SCENARIO_SPEC_CHARM_SPEC_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/state/types.h"

namespace scenario {

/// The three sections of metadata an endpoint can be declared in.
enum class RelationRole { kProvides, kRequires, kPeers };
std::string_view to_string(RelationRole role);

/// One relation endpoint.
struct RelationSpec {
  std::string name;
  RelationRole role = RelationRole::kRequires;
  std::string interface;
  /// Maximum number of relations on this endpoint; nullopt when unlimited.
  std::optional<int> limit;
  /// `global` or `container` (subordinate relations).
  std::string scope = "global";
  bool optional = false;

  bool operator==(const RelationSpec&) const = default;
};

/// A storage mount inside a container.
struct ContainerMountSpec {
  std::string storage;
  std::string location;

  bool operator==(const ContainerMountSpec&) const = default;
};

/// A workload container (Kubernetes charms).
struct ContainerSpec {
  std::string name;
  /// The oci-image resource the container runs, when declared.
  std::optional<std::string> resource;
  std::vector<ContainerMountSpec> mounts;

  bool operator==(const ContainerSpec&) const = default;
};

/// A storage declaration.
struct StorageSpec {
  std::string name;
  /// `filesystem` or `block`.
  std::string type = "filesystem";
  std::string description;
  std::optional<std::string> location;
  bool shared = false;
  bool read_only = false;
  /// Juju's `multiple.range`, e.g. `1-3` or `2+`, as written.
  std::optional<std::string> multiple_range;
  std::optional<std::string> minimum_size;

  bool operator==(const StorageSpec&) const = default;
};

/// A resource declaration.
struct ResourceSpec {
  std::string name;
  /// `file` or `oci-image`.
  std::string type = "file";
  std::optional<std::string> filename;
  std::string description;

  bool operator==(const ResourceSpec&) const = default;
};

/// Juju config option types.
enum class ConfigType { kString, kInt, kFloat, kBoolean, kSecret };
std::string_view to_string(ConfigType type);

/// One config option.
struct ConfigOption {
  std::string name;
  ConfigType type = ConfigType::kString;
  /// The default, already of `type`'s value alternative; nullopt when none.
  std::optional<ConfigValue> default_value;
  std::string description;

  bool operator==(const ConfigOption&) const = default;
};

/// One action with its parameter schema.
struct ActionSpec {
  std::string name;
  std::string description;
  /// JSON-schema `properties` of the parameters: name -> schema object.
  Json params = Json::object();
  /// Parameters that must be given.
  std::vector<std::string> required;
  /// Whether parameters not in `params` are accepted (Juju's default: true).
  bool additional_properties = true;
  bool parallel = false;
  std::string execution_group;

  bool operator==(const ActionSpec&) const = default;
};

/// Machine or Kubernetes charm.
enum class CharmKind { kMachine, kKubernetes };
std::string_view to_string(CharmKind kind);

/// Everything a charm declares, loaded once and shared by all runs.
struct CharmSpec {
  std::string name;
  std::string summary;
  std::string description;
  bool subordinate = false;
  /// All endpoints of provides, requires and peers, in file order.
  std::vector<RelationSpec> relations;
  std::vector<ContainerSpec> containers;
  std::vector<StorageSpec> storage;
  std::vector<ResourceSpec> resources;
  /// `extra-bindings` names.
  std::vector<std::string> extra_bindings;
  std::vector<ConfigOption> config;
  std::vector<ActionSpec> actions;
  CharmKind kind = CharmKind::kMachine;
  /// Which files the spec came from (e.g. `charmcraft.yaml`), for messages.
  std::vector<std::string> sources;

  bool operator==(const CharmSpec&) const = default;

  /// Lookups by name; nullptr when absent.
  const RelationSpec* find_relation(std::string_view name) const;
  const ContainerSpec* find_container(std::string_view name) const;
  const StorageSpec* find_storage(std::string_view name) const;
  const ResourceSpec* find_resource(std::string_view name) const;
  const ConfigOption* find_config(std::string_view name) const;
  const ActionSpec* find_action(std::string_view name) const;
};

}  // namespace scenario

#endif  // SCENARIO_SPEC_CHARM_SPEC_H_
