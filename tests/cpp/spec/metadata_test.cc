// SPDX-License-Identifier: Apache-2.0
// spec/metadata_test.cc: every metadata field is read, and the machine/Kubernetes rule.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "scenario/spec/load.h"
#include "spec_test_util.h"

namespace scenario {
namespace {

using testing::fixture_dir;
using testing::load_texts;

TEST(Metadata, ReadsIdentity) {
  const CharmSpec spec = load_charm_spec_dir(fixture_dir("metadata_only"));
  EXPECT_EQ(spec.name, "machine-app");
  EXPECT_EQ(spec.summary, "A machine charm.");
  EXPECT_EQ(spec.description, "Serves files from local storage.\n");
  EXPECT_FALSE(spec.subordinate);
}

TEST(Metadata, ReadsRelationsInFileOrderWithEveryField) {
  const CharmSpec spec = load_charm_spec_dir(fixture_dir("metadata_only"));
  const std::vector<RelationSpec> expected = {
      {"db", RelationRole::kRequires, "mysql", 1, "global", true},
      // The `logs: syslog` shorthand.
      {"logs", RelationRole::kRequires, "syslog", std::nullopt, "global", false},
      {"website", RelationRole::kProvides, "http", std::nullopt, "global", false},
      {"replicas", RelationRole::kPeers, "machine-app-peers", std::nullopt, "global", false},
  };
  EXPECT_EQ(spec.relations, expected);
}

TEST(Metadata, ReadsStorageWithEveryField) {
  const CharmSpec spec = load_charm_spec_dir(fixture_dir("metadata_only"));
  ASSERT_EQ(spec.storage.size(), 2u);
  EXPECT_EQ(spec.storage[0], (StorageSpec{"files", "filesystem", "Served files.", "/srv/files",
                                          false, true, "1-3", "10G"}));
  EXPECT_EQ(spec.storage[1], (StorageSpec{"scratch", "block"}));
}

TEST(Metadata, ReadsResourcesAndExtraBindings) {
  const CharmSpec spec = load_charm_spec_dir(fixture_dir("metadata_only"));
  ASSERT_EQ(spec.resources.size(), 1u);
  EXPECT_EQ(spec.resources[0], (ResourceSpec{"tarball", "file", "app.tar.gz", "The application."}));
  EXPECT_EQ(spec.extra_bindings, std::vector<std::string>{"admin-api"});
}

TEST(Metadata, ReadsContainersWithMounts) {
  const CharmSpec spec = load_charm_spec_dir(fixture_dir("unified"));
  ASSERT_EQ(spec.containers.size(), 2u);
  EXPECT_EQ(spec.containers[0],
            (ContainerSpec{"workload", "workload-image", {ContainerMountSpec{"data", "/data"}}}));
  EXPECT_EQ(spec.containers[1], ContainerSpec{"sidecar"});
}

TEST(Metadata, LimitNullMeansUnlimited) {
  const CharmSpec spec = load_texts("name: c\nrequires:\n  db:\n    interface: pg\n    limit:\n");
  ASSERT_EQ(spec.relations.size(), 1u);
  EXPECT_EQ(spec.relations[0].limit, std::nullopt);
}

TEST(Metadata, SubordinateAndContainerScope) {
  const CharmSpec spec = load_texts(
      "name: c\nsubordinate: true\nrequires:\n  juju-info:\n    interface: juju-info\n"
      "    scope: container\n");
  EXPECT_TRUE(spec.subordinate);
  EXPECT_EQ(spec.relations[0].scope, "container");
}

TEST(Metadata, UnknownKeysAreIgnoredAtEveryLevel) {
  const CharmSpec spec = load_texts(
      "name: c\nfuture: 1\nrequires:\n  db:\n    interface: pg\n    colour: blue\n"
      "storage:\n  s:\n    type: block\n    speed: fast\n");
  EXPECT_EQ(spec.relations[0].interface, "pg");
  EXPECT_EQ(spec.storage[0].type, "block");
}

TEST(Metadata, OtherKnownKeysAreAccepted) {
  const CharmSpec spec = load_texts(
      "name: c\ndisplay-name: C\nmaintainers: [a]\nmaintainer: b\nterms: [t]\ntags: [x]\n"
      "docs: https://d\nissues: https://i\nsource: [https://s]\nwebsite: https://w\n"
      "min-juju-version: 2.9.0\ncharm-user: non-root\ndevices:\n  gpu: {type: gpu}\n"
      "payloads:\n  p: {type: docker}\n");
  EXPECT_EQ(spec.name, "c");
}

TEST(MetadataKind, MachineByDefault) {
  EXPECT_EQ(load_texts("name: c\n").kind, CharmKind::kMachine);
  EXPECT_EQ(load_texts("name: c\nseries: [jammy, focal]\n").kind, CharmKind::kMachine);
  EXPECT_EQ(load_texts("name: c\nassumes: [juju >= 3.1]\n").kind, CharmKind::kMachine);
  // An empty `containers` mapping declares no container.
  EXPECT_EQ(load_texts("name: c\ncontainers: {}\n").kind, CharmKind::kMachine);
}

TEST(MetadataKind, ContainersMakeAKubernetesCharm) {
  EXPECT_EQ(load_texts("name: c\ncontainers:\n  app: {}\n").kind, CharmKind::kKubernetes);
}

TEST(MetadataKind, AssumesK8sApi) {
  EXPECT_EQ(load_texts("name: c\nassumes: [k8s-api]\n").kind, CharmKind::kKubernetes);
  EXPECT_EQ(load_texts("name: c\nassumes:\n  - all-of: [juju >= 3, k8s-api]\n").kind,
            CharmKind::kKubernetes);
  EXPECT_EQ(load_texts("name: c\nassumes:\n  - any-of:\n    - all-of: [k8s-api]\n").kind,
            CharmKind::kKubernetes);
  // A feature merely starting with the same letters is another feature.
  EXPECT_EQ(load_texts("name: c\nassumes: [k8s-api-v2]\n").kind, CharmKind::kMachine);
}

TEST(MetadataKind, LegacySeriesKubernetes) {
  EXPECT_EQ(load_texts("name: c\nseries: [kubernetes]\n").kind, CharmKind::kKubernetes);
}

TEST(Metadata, JsonTextsAreYaml) {
  const CharmSpec spec =
      load_texts(R"({"name": "foo", "requires": {"db": {"interface": "pg", "limit": 2}}})");
  EXPECT_EQ(spec.name, "foo");
  EXPECT_EQ(spec.relations[0].limit, 2);
}

TEST(Metadata, ByteOrderMarkIsSkipped) {
  EXPECT_EQ(load_texts("\xEF\xBB\xBFname: bom\n").name, "bom");
}

TEST(Metadata, SourcesOfTextsUseTheGivenFileNames) {
  SpecSources sources;
  sources.metadata = "name: c\n";
  sources.actions = "go: {}\n";
  sources.metadata_file = "meta.yaml";
  sources.actions_file = "acts.yaml";
  EXPECT_EQ(load_charm_spec(sources).sources, (std::vector<std::string>{"meta.yaml", "acts.yaml"}));
}

TEST(Metadata, UnifiedTextsTakeConfigAndActionsFromTheirKeys) {
  const CharmSpec spec = load_texts(
      "name: u\nconfig:\n  options:\n    a: {type: int, default: 1}\n"
      "actions:\n  go: {}\n",
      "options: {b: {type: int}}", "other: {}", /*unified=*/true);
  ASSERT_EQ(spec.config.size(), 1u);
  EXPECT_EQ(spec.config[0].name, "a");
  ASSERT_EQ(spec.actions.size(), 1u);
  EXPECT_EQ(spec.actions[0].name, "go");
  EXPECT_EQ(spec.sources, std::vector<std::string>{"charmcraft.yaml"});
}

TEST(Metadata, NonUnifiedTextsIgnoreConfigKeysInMetadata) {
  const CharmSpec spec = load_texts("name: m\nconfig:\n  options:\n    a: {type: int}\n");
  EXPECT_TRUE(spec.config.empty());
}

}  // namespace
}  // namespace scenario
