// SPDX-License-Identifier: Apache-2.0
// spec/charm_spec_test.cc: enum names and lookups of CharmSpec.

#include "scenario/spec/charm_spec.h"

#include <gtest/gtest.h>

namespace scenario {
namespace {

TEST(CharmSpecNames, RelationRolesUseOpsSpelling) {
  EXPECT_EQ(to_string(RelationRole::kProvides), "provides");
  EXPECT_EQ(to_string(RelationRole::kRequires), "requires");
  EXPECT_EQ(to_string(RelationRole::kPeers), "peer");
}

TEST(CharmSpecNames, ConfigTypesUseConfigYamlSpelling) {
  EXPECT_EQ(to_string(ConfigType::kString), "string");
  EXPECT_EQ(to_string(ConfigType::kInt), "int");
  EXPECT_EQ(to_string(ConfigType::kFloat), "float");
  EXPECT_EQ(to_string(ConfigType::kBoolean), "boolean");
  EXPECT_EQ(to_string(ConfigType::kSecret), "secret");
}

TEST(CharmSpecNames, Kinds) {
  EXPECT_EQ(to_string(CharmKind::kMachine), "machine");
  EXPECT_EQ(to_string(CharmKind::kKubernetes), "kubernetes");
}

CharmSpec sample_spec() {
  CharmSpec spec;
  spec.name = "sample";
  spec.relations = {RelationSpec{"db", RelationRole::kRequires, "mysql"},
                    RelationSpec{"peers", RelationRole::kPeers, "sample-peers"}};
  spec.containers = {ContainerSpec{"app"}};
  spec.storage = {StorageSpec{"data"}};
  spec.resources = {ResourceSpec{"image", "oci-image"}};
  spec.config = {ConfigOption{"port", ConfigType::kInt, ConfigValue(std::int64_t{80})}};
  spec.actions = {ActionSpec{"backup"}};
  return spec;
}

TEST(CharmSpecFind, FindsEachKindOfEntryByName) {
  const CharmSpec spec = sample_spec();
  ASSERT_NE(spec.find_relation("peers"), nullptr);
  EXPECT_EQ(spec.find_relation("peers")->role, RelationRole::kPeers);
  EXPECT_EQ(spec.find_relation("db")->interface, "mysql");
  EXPECT_EQ(spec.find_container("app"), &spec.containers[0]);
  EXPECT_EQ(spec.find_storage("data"), &spec.storage[0]);
  EXPECT_EQ(spec.find_resource("image")->type, "oci-image");
  EXPECT_EQ(spec.find_config("port")->default_value, ConfigValue(std::int64_t{80}));
  EXPECT_EQ(spec.find_action("backup"), &spec.actions[0]);
}

TEST(CharmSpecFind, ReturnsNullWhenAbsent) {
  const CharmSpec spec = sample_spec();
  EXPECT_EQ(spec.find_relation("nope"), nullptr);
  EXPECT_EQ(spec.find_container("db"), nullptr);
  EXPECT_EQ(spec.find_storage(""), nullptr);
  EXPECT_EQ(spec.find_resource("data"), nullptr);
  EXPECT_EQ(spec.find_config("Port"), nullptr);
  EXPECT_EQ(spec.find_action("restore"), nullptr);
}

}  // namespace
}  // namespace scenario
