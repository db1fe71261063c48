// SPDX-License-Identifier: Apache-2.0
// spec/load_dir_test.cc: which files load_charm_spec_dir reads, and their precedence.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "scenario/spec/load.h"
#include "spec_test_util.h"

namespace scenario {
namespace {

using testing::fixture_dir;

TEST(LoadCharmSpecDir, MetadataOnly) {
  const CharmSpec spec = load_charm_spec_dir(fixture_dir("metadata_only"));
  EXPECT_EQ(spec.name, "machine-app");
  EXPECT_EQ(spec.kind, CharmKind::kMachine);
  EXPECT_EQ(spec.sources, std::vector<std::string>{"metadata.yaml"});
  EXPECT_TRUE(spec.config.empty());
  EXPECT_TRUE(spec.actions.empty());
}

TEST(LoadCharmSpecDir, MetadataConfigAndActionsFiles) {
  const CharmSpec spec = load_charm_spec_dir(fixture_dir("legacy_files"));
  EXPECT_EQ(spec.name, "legacy");
  EXPECT_EQ(spec.sources,
            (std::vector<std::string>{"metadata.yaml", "config.yaml", "actions.yaml"}));
  EXPECT_EQ(spec.config.size(), 6u);
  ASSERT_EQ(spec.actions.size(), 2u);
  EXPECT_EQ(spec.actions[0].name, "snapshot");
  EXPECT_EQ(spec.actions[1].name, "restart");
}

TEST(LoadCharmSpecDir, UnifiedCharmcraftYamlWinsOverConfigYamlBesideIt) {
  const CharmSpec spec = load_charm_spec_dir(fixture_dir("unified"));
  EXPECT_EQ(spec.name, "unified");
  EXPECT_EQ(spec.kind, CharmKind::kKubernetes);
  EXPECT_EQ(spec.sources, std::vector<std::string>{"charmcraft.yaml"});
  ASSERT_EQ(spec.config.size(), 1u);
  EXPECT_EQ(spec.config[0].name, "log-level");
  EXPECT_EQ(spec.find_config("ignored"), nullptr);
  ASSERT_EQ(spec.actions.size(), 1u);
  EXPECT_EQ(spec.actions[0].name, "rotate");
}

TEST(LoadCharmSpecDir, UnifiedBuildKeysAreIgnored) {
  const CharmSpec spec = load_charm_spec_dir(fixture_dir("unified"));
  EXPECT_EQ(spec.summary, "Everything in charmcraft.yaml.");
  ASSERT_EQ(spec.containers.size(), 2u);
  EXPECT_EQ(spec.containers[0].resource, "workload-image");
  EXPECT_EQ(spec.containers[1].name, "sidecar");
  EXPECT_EQ(spec.containers[1].resource, std::nullopt);
  ASSERT_EQ(spec.relations.size(), 2u);
  EXPECT_EQ(spec.relations[1].scope, "container");
}

TEST(LoadCharmSpecDir, UnifiedWithoutConfigKeyFallsBackToFiles) {
  const CharmSpec spec = load_charm_spec_dir(fixture_dir("unified_fallback"));
  // metadata.yaml beside a charmcraft.yaml with a name is ignored.
  EXPECT_EQ(spec.name, "fallback");
  EXPECT_EQ(spec.sources,
            (std::vector<std::string>{"charmcraft.yaml", "config.yaml", "actions.yaml"}));
  ASSERT_EQ(spec.config.size(), 1u);
  EXPECT_EQ(spec.config[0].default_value, ConfigValue(std::string("blue")));
  ASSERT_EQ(spec.actions.size(), 1u);
  EXPECT_EQ(spec.actions[0].name, "wave");
}

TEST(LoadCharmSpecDir, CharmcraftWithoutNameUsesMetadataYamlAndLegacyActions) {
  const CharmSpec spec = load_charm_spec_dir(fixture_dir("charmcraft_build_only"));
  EXPECT_EQ(spec.name, "build-only");
  EXPECT_EQ(spec.sources, (std::vector<std::string>{"metadata.yaml", "actions.yaml"}));
  ASSERT_EQ(spec.actions.size(), 1u);
  EXPECT_EQ(spec.actions[0].name, "backup");
  EXPECT_EQ(spec.actions[0].params, Json::parse(R"({"to": {"type": "string"}})"));
}

TEST(LoadCharmSpecDir, CharmcraftConfigKeyWinsInTheClassicLayoutToo) {
  const CharmSpec spec = load_charm_spec_dir(fixture_dir("charmcraft_config_only"));
  EXPECT_EQ(spec.name, "split");
  EXPECT_EQ(spec.sources, (std::vector<std::string>{"metadata.yaml", "charmcraft.yaml"}));
  ASSERT_EQ(spec.config.size(), 1u);
  EXPECT_EQ(spec.config[0].name, "mode");
}

TEST(LoadCharmSpecDir, UnparsableCharmcraftYamlIsReportedEvenBesideMetadataYaml) {
  const std::string dir = fixture_dir("broken_charmcraft");
  try {
    load_charm_spec_dir(dir);
    FAIL() << "expected SpecError";
  } catch (const SpecError& e) {
    ASSERT_EQ(e.problems().size(), 1u);
    EXPECT_EQ(e.problems()[0].file, dir + "/charmcraft.yaml");
    EXPECT_EQ(e.problems()[0].line, 3);
    EXPECT_EQ(e.problems()[0].message,
              "YAML syntax error: end of map flow not found (an unclosed '{'?)");
  }
}

TEST(LoadCharmSpecDir, LegacySeriesKubernetesIsAKubernetesCharm) {
  const CharmSpec spec = load_charm_spec_dir(fixture_dir("legacy_series_k8s"));
  EXPECT_EQ(spec.kind, CharmKind::kKubernetes);
  EXPECT_TRUE(spec.containers.empty());
}

TEST(LoadCharmSpecDir, AssumesK8sApiNestedInGroupsIsAKubernetesCharm) {
  const CharmSpec spec = load_charm_spec_dir(fixture_dir("assumes_k8s"));
  EXPECT_EQ(spec.kind, CharmKind::kKubernetes);
}

TEST(LoadCharmSpecDir, TrailingSlashIsAccepted) {
  const CharmSpec spec = load_charm_spec_dir(fixture_dir("metadata_only") + "/");
  EXPECT_EQ(spec.name, "machine-app");
}

TEST(LoadCharmSpecDir, DirectoryWithoutMetadataRaisesMetadataNotFound) {
  const std::string dir = fixture_dir("no_metadata");
  try {
    load_charm_spec_dir(dir);
    FAIL() << "expected MetadataNotFoundError";
  } catch (const MetadataNotFoundError& e) {
    EXPECT_EQ(std::string(e.what()), "no charm metadata in '" + dir +
                                         "': neither charmcraft.yaml nor metadata.yaml exists");
  }
}

TEST(LoadCharmSpecDir, CharmcraftWithoutNameAndNoMetadataRaisesMetadataNotFound) {
  const std::string dir = fixture_dir("charmcraft_without_name");
  try {
    load_charm_spec_dir(dir);
    FAIL() << "expected MetadataNotFoundError";
  } catch (const MetadataNotFoundError& e) {
    EXPECT_EQ(std::string(e.what()),
              "no charm metadata in '" + dir +
                  "': charmcraft.yaml has no 'name' key and metadata.yaml does not exist");
  }
}

TEST(LoadCharmSpecDir, MissingDirectoryRaisesMetadataNotFound) {
  const std::string dir = fixture_dir("does_not_exist");
  try {
    load_charm_spec_dir(dir);
    FAIL() << "expected MetadataNotFoundError";
  } catch (const MetadataNotFoundError& e) {
    EXPECT_EQ(std::string(e.what()),
              "charm directory '" + dir +
                  "' does not exist; expected a directory holding charmcraft.yaml or "
                  "metadata.yaml");
  }
}

TEST(LoadCharmSpecDir, FileInsteadOfDirectoryRaisesMetadataNotFound) {
  EXPECT_THROW(load_charm_spec_dir(fixture_dir("metadata_only") + "/metadata.yaml"),
               MetadataNotFoundError);
}

TEST(LoadCharmSpecDir, ProblemsNameTheFilesPathAcrossFiles) {
  const std::string dir = fixture_dir("two_roles");
  try {
    load_charm_spec_dir(dir);
    FAIL() << "expected SpecError";
  } catch (const SpecError& e) {
    ASSERT_EQ(e.problems().size(), 2u);
    EXPECT_EQ(e.problems()[0],
              (Problem{"provides.db",
                       "endpoint 'db' is declared under both 'requires' (line 3) and 'provides' "
                       "(line 6); endpoint names must be unique across requires, provides and "
                       "peers",
                       dir + "/metadata.yaml", 6, 3}));
    EXPECT_EQ(e.problems()[1],
              (Problem{"options.port.default",
                       "expected an integer for an 'int' option, got the float 3.5",
                       dir + "/config.yaml", 4, 14}));
  }
}

}  // namespace
}  // namespace scenario
