// SPDX-License-Identifier: Apache-2.0
// hooktools/misc_tools_test.cc: goal-state, credential-get, juju-reboot, pod-spec-set and
// state-get/state-set/state-delete.

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include "hooktools_test_util.h"

namespace scenario {
namespace {

using testing::expect_error;
using testing::SessionRunner;
using testing::test_state;

TEST(GoalState, UnitsFollowPlannedUnits) {
  State state = test_state();
  state.planned_units = 5;
  SessionRunner runner(state);
  const Json goal = Json::parse(runner.ok({"goal-state", "--format=json"}));
  const Json active = {{"status", "active"}, {"since", "2024-01-01 00:00:00Z"}};
  EXPECT_EQ(goal["units"], (Json{{"myapp/0", active},
                                 {"myapp/1", active},
                                 {"myapp/2", active},
                                 {"myapp/3", active},
                                 {"myapp/4", active}}));
}

TEST(GoalState, KnownUnitsBeyondPlannedAreDying) {
  SessionRunner runner;  // planned_units 1, peers 1 and 2
  const std::string json = runner.ok({"goal-state", "--format=json"});
  // Structs keep Go's field order (units, relations; status, since); maps are sorted.
  EXPECT_EQ(json,
            "{\"units\":{\"myapp/0\":{\"status\":\"active\",\"since\":\"2024-01-01 00:00:00Z\"},"
            "\"myapp/1\":{\"status\":\"dying\",\"since\":\"2024-01-01 00:00:00Z\"},"
            "\"myapp/2\":{\"status\":\"dying\",\"since\":\"2024-01-01 00:00:00Z\"}},"
            "\"relations\":{\"db\":{\"mysql\":{\"status\":\"joined\",\"since\":"
            "\"2024-01-01 00:00:00Z\"},\"mysql/0\":{\"status\":\"active\",\"since\":"
            "\"2024-01-01 00:00:00Z\"},\"mysql/1\":{\"status\":\"active\",\"since\":"
            "\"2024-01-01 00:00:00Z\"}},\"info\":{\"principal\":{\"status\":\"joined\",\"since\":"
            "\"2024-01-01 00:00:00Z\"},\"principal/5\":{\"status\":\"active\",\"since\":"
            "\"2024-01-01 00:00:00Z\"}}}}\n");
}

TEST(GoalState, DefaultFormatIsYaml) {
  State state;
  SessionRunner runner(state);
  // yaml.v2 reads `2024-01-01 00:00:00Z` as a string (no layout has a space and a
  // zone), so leaves it plain.
  EXPECT_EQ(runner.ok({"goal-state"}),
            "units:\n  myapp/0:\n    status: active\n    since: 2024-01-01 00:00:00Z\n"
            "relations: {}\n");
}

TEST(CredentialGet, UntrustedByDefault) {
  SessionRunner runner;
  expect_error(runner.run({"credential-get", "--format=json"}), 1,
               "cannot access cloud credentials: permission denied");
}

TEST(CredentialGet, ConfiguredCloudSpec) {
  SessionConfig config = SessionRunner::default_config();
  config.cloud_spec = Json{{"type", "lxd"}, {"name", "localhost"}};
  SessionRunner runner(test_state(), {}, config);
  EXPECT_EQ(runner.ok({"credential-get", "--format=json"}),
            "{\"name\":\"localhost\",\"type\":\"lxd\"}\n");
}

TEST(JujuReboot, Records) {
  SessionRunner later;
  later.ok({"juju-reboot"});
  EXPECT_TRUE(later.records().reboot_requested);
  EXPECT_FALSE(later.records().reboot_now);
  SessionRunner now;
  now.ok({"juju-reboot", "--now"});
  EXPECT_TRUE(now.records().reboot_now);
  Event action;
  action.path = "backup_action";
  action.action = Action{"backup"};
  SessionRunner in_action(test_state(), action);
  expect_error(in_action.run({"juju-reboot"}), 1,
               "juju-reboot is not supported when running an action.");
  EXPECT_FALSE(in_action.records().reboot_requested);
}

TEST(PodSpecSet, ReadsTheFilesDuringTheCall) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path();
  const std::filesystem::path spec =
      dir / ("scenario-pod-spec-test-" + std::to_string(::getpid()) + ".yaml");
  const std::filesystem::path resources =
      dir / ("scenario-k8s-resources-test-" + std::to_string(::getpid()) + ".yaml");
  std::ofstream(spec) << "containers: []\n";
  std::ofstream(resources) << "kubernetesResources: {}\n";
  State state = test_state();
  state.leader = true;
  SessionRunner runner(state);
  runner.ok({"pod-spec-set", "--file", spec.string(), "--k8s-resources", resources.string()});
  std::filesystem::remove(spec);
  std::filesystem::remove(resources);
  EXPECT_EQ(runner.records().pod_spec, "containers: []\n");
  EXPECT_EQ(runner.records().k8s_resources, "kubernetesResources: {}\n");
  // --file defaults to standard input.
  runner.ok({"pod-spec-set"}, "spec: 2\n");
  EXPECT_EQ(runner.records().pod_spec, "spec: 2\n");
  EXPECT_EQ(runner.records().k8s_resources, std::nullopt);
}

TEST(PodSpecSet, Errors) {
  SessionRunner follower;
  expect_error(follower.run({"pod-spec-set"}, "spec: 1\n"), 1, "this unit is not the leader");
  expect_error(follower.run({"pod-spec-set"}), 1,
               "no k8s spec specified: pipe k8s spec to command, or specify a file with --file");
  expect_error(follower.run({"pod-spec-set", "--file", "/nonexistent/spec.yaml"}), 1,
               "open /nonexistent/spec.yaml: no such file or directory");
  EXPECT_EQ(follower.records().pod_spec, std::nullopt);
}

TEST(CharmState, SetGetDelete) {
  SessionConfig config = SessionRunner::default_config();
  config.unit_state = {{"old", "1"}};
  SessionRunner runner(test_state(), {}, config);
  runner.ok({"state-set", "a=1", "b=two"});
  // ops' JujuStorage sends a YAML mapping whose values are YAML documents.
  runner.ok({"state-set", "--file", "-"}, "\"MyCharm/StoredStateData[_stored]\": |\n  foo: 1\n");
  expect_error(runner.run({"state-set", "--file", "-"}, "c: \xff\n"), 1,
               "yaml: invalid leading UTF-8 octet");
  EXPECT_EQ(runner.ok({"state-get", "c"}), "");
  EXPECT_EQ(runner.ok({"state-get", "a"}), "1\n");
  EXPECT_EQ(runner.ok({"state-get", "MyCharm/StoredStateData[_stored]"}), "foo: 1\n\n");
  EXPECT_EQ(runner.ok({"state-get", "--format=json", "b"}), "\"two\"\n");
  EXPECT_EQ(runner.ok({"state-get", "missing"}), "");
  EXPECT_EQ(runner.ok({"state-get", "--format=json", "missing"}), "null\n");
  expect_error(runner.run({"state-get", "--strict", "missing"}), 1, "\"missing\" not found");
  runner.ok({"state-delete", "a"});
  runner.ok({"state-set", "b="});
  EXPECT_EQ(runner.records().unit_state,
            (std::map<std::string, std::string>{{"MyCharm/StoredStateData[_stored]", "foo: 1\n"},
                                                {"old", "1"}}));
  EXPECT_EQ(runner.ok({"state-get", "--format=json"}),
            "{\"MyCharm/StoredStateData[_stored]\":\"foo: 1\\n\",\"old\":\"1\"}\n");
  expect_error(runner.run({"state-delete"}), 2, "no key specified");
}

TEST(CharmState, DashMeansEveryKey) {
  // Juju: state-get.go Init maps the key `-` to "".
  SessionConfig config = SessionRunner::default_config();
  config.unit_state = {{"a", "1"}, {"b", "2"}};
  SessionRunner runner(test_state(), {}, config);
  EXPECT_EQ(runner.ok({"state-get", "-", "--format=json"}), "{\"a\":\"1\",\"b\":\"2\"}\n");
  EXPECT_EQ(runner.ok({"state-get", "--strict", "-"}), "a: \"1\"\nb: \"2\"\n");
  expect_error(runner.run({"state-get", "-", "x"}), 2, "unrecognized args: [\"x\"]");
}

}  // namespace
}  // namespace scenario
