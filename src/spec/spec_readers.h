// SPDX-License-Identifier: Apache-2.0
// spec/spec_readers.h: the readers of the three parts of a spec (metadata, config,
// actions), each filling its part of a CharmSpec and reporting every problem.

#ifndef SCENARIO_SPEC_SPEC_READERS_H_
#define SCENARIO_SPEC_SPEC_READERS_H_

#include <vector>

#include "scenario/spec/charm_spec.h"
#include "spec_reader.h"

namespace scenario::detail {

/// Reads metadata.yaml (or the metadata keys of a unified charmcraft.yaml) into `spec`:
/// name, summary, description, subordinate, relations, containers, storage, resources,
/// extra bindings and kind. Keys it does not know are ignored, as Juju ignores them.
void read_metadata(SpecReader& reader, CharmSpec& spec);

/// Parts of metadata, read by metadata_workload.cc for read_metadata.
void read_storage(SpecReader& reader, const Field& storage, std::vector<StorageSpec>& out);
void read_resources(SpecReader& reader, const Field& resources, std::vector<ResourceSpec>& out);
/// Containers are read after storage and resources: mounts and images must name them.
void read_containers(SpecReader& reader, const Field& containers,
                     const std::vector<StorageSpec>& storage,
                     const std::vector<ResourceSpec>& resources, std::vector<ContainerSpec>& out);

/// Reads config options from `config`, a config.yaml root or charmcraft.yaml's `config`
/// value (both hold an `options` mapping).
void read_config(SpecReader& reader, const Field& config, std::vector<ConfigOption>& out);

/// Reads actions from `actions`, an actions.yaml root or charmcraft.yaml's `actions`
/// value (both map action names to their specs).
void read_actions(SpecReader& reader, const Field& actions, std::vector<ActionSpec>& out);

}  // namespace scenario::detail

#endif  // SCENARIO_SPEC_SPEC_READERS_H_
