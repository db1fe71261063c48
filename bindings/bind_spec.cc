// SPDX-License-Identifier: Apache-2.0
// bindings/bind_spec.cc: charm specs from Python.

#include <nanobind/nanobind.h>
#include <nanobind/operators.h>
#include <nanobind/stl/optional.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/string_view.h>
#include <nanobind/stl/variant.h>
#include <nanobind/stl/vector.h>

#include "bindings.h"
#include "json_caster.h"
#include "scenario/spec/load.h"

namespace nb = nanobind;

namespace scenario::bindings {

namespace {

void bind_spec_types(nb::module_& m) {
  nb::enum_<RelationRole>(m, "RelationRole")
      .value("provides", RelationRole::kProvides)
      .value("requires", RelationRole::kRequires)
      .value("peer", RelationRole::kPeers);
  nb::enum_<ConfigType>(m, "ConfigType")
      .value("string", ConfigType::kString)
      .value("int", ConfigType::kInt)
      .value("float", ConfigType::kFloat)
      .value("boolean", ConfigType::kBoolean)
      .value("secret", ConfigType::kSecret);
  nb::enum_<CharmKind>(m, "CharmKind")
      .value("machine", CharmKind::kMachine)
      .value("kubernetes", CharmKind::kKubernetes);

  nb::class_<RelationSpec>(m, "RelationSpec")
      .def_ro("name", &RelationSpec::name)
      .def_ro("role", &RelationSpec::role)
      .def_ro("interface", &RelationSpec::interface)
      .def_ro("limit", &RelationSpec::limit)
      .def_ro("scope", &RelationSpec::scope)
      .def_ro("optional", &RelationSpec::optional)
      .def(nb::self == nb::self);
  nb::class_<ContainerMountSpec>(m, "ContainerMountSpec")
      .def_ro("storage", &ContainerMountSpec::storage)
      .def_ro("location", &ContainerMountSpec::location)
      .def(nb::self == nb::self);
  nb::class_<ContainerSpec>(m, "ContainerSpec")
      .def_ro("name", &ContainerSpec::name)
      .def_ro("resource", &ContainerSpec::resource)
      .def_ro("mounts", &ContainerSpec::mounts)
      .def(nb::self == nb::self);
  nb::class_<StorageSpec>(m, "StorageSpec")
      .def_ro("name", &StorageSpec::name)
      .def_ro("type", &StorageSpec::type)
      .def_ro("description", &StorageSpec::description)
      .def_ro("location", &StorageSpec::location)
      .def_ro("shared", &StorageSpec::shared)
      .def_ro("read_only", &StorageSpec::read_only)
      .def_ro("multiple_range", &StorageSpec::multiple_range)
      .def_ro("minimum_size", &StorageSpec::minimum_size)
      .def(nb::self == nb::self);
  nb::class_<ResourceSpec>(m, "ResourceSpec")
      .def_ro("name", &ResourceSpec::name)
      .def_ro("type", &ResourceSpec::type)
      .def_ro("filename", &ResourceSpec::filename)
      .def_ro("description", &ResourceSpec::description)
      .def(nb::self == nb::self);
  nb::class_<ConfigOption>(m, "ConfigOption")
      .def_ro("name", &ConfigOption::name)
      .def_ro("type", &ConfigOption::type)
      .def_ro("default", &ConfigOption::default_value)
      .def_ro("description", &ConfigOption::description)
      .def(nb::self == nb::self);
  nb::class_<ActionSpec>(m, "ActionSpec")
      .def_ro("name", &ActionSpec::name)
      .def_ro("description", &ActionSpec::description)
      .def_ro("params", &ActionSpec::params)
      .def_ro("required", &ActionSpec::required)
      .def_ro("additional_properties", &ActionSpec::additional_properties)
      .def_ro("parallel", &ActionSpec::parallel)
      .def_ro("execution_group", &ActionSpec::execution_group)
      .def(nb::self == nb::self);
}

void bind_charm_spec(nb::module_& m) {
  nb::class_<CharmSpec>(m, "CharmSpec", "Everything a charm declares about itself.")
      .def_ro("name", &CharmSpec::name)
      .def_ro("summary", &CharmSpec::summary)
      .def_ro("description", &CharmSpec::description)
      .def_ro("subordinate", &CharmSpec::subordinate)
      .def_ro("relations", &CharmSpec::relations)
      .def_ro("containers", &CharmSpec::containers)
      .def_ro("storage", &CharmSpec::storage)
      .def_ro("resources", &CharmSpec::resources)
      .def_ro("extra_bindings", &CharmSpec::extra_bindings)
      .def_ro("config", &CharmSpec::config)
      .def_ro("actions", &CharmSpec::actions)
      .def_ro("kind", &CharmSpec::kind)
      .def_ro("sources", &CharmSpec::sources)
      .def("find_relation", &CharmSpec::find_relation, nb::arg("name"),
           nb::rv_policy::reference_internal)
      .def("find_container", &CharmSpec::find_container, nb::arg("name"),
           nb::rv_policy::reference_internal)
      .def("find_storage", &CharmSpec::find_storage, nb::arg("name"),
           nb::rv_policy::reference_internal)
      .def("find_resource", &CharmSpec::find_resource, nb::arg("name"),
           nb::rv_policy::reference_internal)
      .def("find_config", &CharmSpec::find_config, nb::arg("name"),
           nb::rv_policy::reference_internal)
      .def("find_action", &CharmSpec::find_action, nb::arg("name"),
           nb::rv_policy::reference_internal)
      .def("to_json", &charm_spec_to_json, "The spec as JSON-shaped Python data.")
      .def(nb::self == nb::self);
}

}  // namespace

void bind_spec(nb::module_& m) {
  bind_spec_types(m);
  bind_charm_spec(m);
  m.def(
      "load_charm_spec",
      [](std::string metadata, std::optional<std::string> config,
         std::optional<std::string> actions, bool unified, std::string metadata_file,
         std::string config_file, std::string actions_file) {
        SpecSources sources;
        sources.metadata = std::move(metadata);
        sources.config = std::move(config);
        sources.actions = std::move(actions);
        sources.unified = unified;
        sources.metadata_file = std::move(metadata_file);
        sources.config_file = std::move(config_file);
        sources.actions_file = std::move(actions_file);
        return load_charm_spec(sources);
      },
      nb::arg("metadata"), nb::arg("config") = nb::none(), nb::arg("actions") = nb::none(),
      nb::kw_only(), nb::arg("unified") = false, nb::arg("metadata_file") = "metadata.yaml",
      nb::arg("config_file") = "config.yaml", nb::arg("actions_file") = "actions.yaml",
      "Loads a spec from YAML (or JSON) texts; raises SpecError listing every problem.");
  m.def("load_charm_spec_dir", &load_charm_spec_dir, nb::arg("charm_dir"),
        "Loads the spec of the charm in a directory (charmcraft.yaml or metadata.yaml).");
}

}  // namespace scenario::bindings
