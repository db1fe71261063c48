// SPDX-License-Identifier: Apache-2.0
// hooktools/leadership_status_test.cc: is-leader, config-get, status-get, status-set,
// application-version-set and juju-log, in the argv forms of ops 2.10-3.3 (A) and 3.4+
// (B) from docs/reference juju-hook-tools.md §2.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "hooktools_test_util.h"

namespace scenario {
namespace {

using testing::expect_error;
using testing::SessionRunner;
using testing::test_state;

State leader_state() {
  State state = test_state();
  state.leader = true;
  return state;
}

TEST(IsLeader, JsonAndSmart) {
  SessionRunner follower;
  EXPECT_EQ(follower.ok({"is-leader", "--format=json"}), "false\n");
  EXPECT_EQ(follower.ok({"is-leader"}), "False\n");
  SessionRunner leader(leader_state());
  EXPECT_EQ(leader.ok({"is-leader", "--format=json"}), "true\n");
  EXPECT_EQ(leader.ok({"is-leader"}), "True\n");
}

TEST(ConfigGet, DefaultsMergedUnderStateAndNullsLeftOut) {
  State state = test_state();
  state.config["name"] = std::string("juju");
  SessionRunner runner(state);
  EXPECT_EQ(runner.ok({"config-get", "--format=json"}),
            "{\"debug\":false,\"name\":\"juju\",\"port\":8080,\"ratio\":0.5}\n");
}

TEST(ConfigGet, AllIncludesOptionsWithoutValue) {
  SessionRunner runner;
  EXPECT_EQ(runner.ok({"config-get", "--all", "--format=json"}),
            "{\"debug\":false,\"name\":\"world\",\"password\":null,\"port\":8080,\"ratio\":0.5}\n");
  EXPECT_EQ(runner.ok({"config-get", "-a", "--format=json"}),
            runner.ok({"config-get", "--all", "--format=json"}));
}

TEST(ConfigGet, SingleKey) {
  SessionRunner runner;
  EXPECT_EQ(runner.ok({"config-get", "--format=json", "port"}), "8080\n");
  EXPECT_EQ(runner.ok({"config-get", "port", "--format=json"}), "8080\n");
  EXPECT_EQ(runner.ok({"config-get", "name"}), "world\n");
  EXPECT_EQ(runner.ok({"config-get", "debug"}), "False\n");
  // Juju: missing keys are null, not an error.
  EXPECT_EQ(runner.ok({"config-get", "--format=json", "nope"}), "null\n");
  EXPECT_EQ(runner.ok({"config-get", "nope"}), "");
}

TEST(ConfigGet, SmartPrintsYaml) {
  SessionRunner runner;
  EXPECT_EQ(runner.ok({"config-get"}), "debug: false\nname: world\nport: 8080\nratio: 0.5\n");
}

TEST(ConfigGet, Errors) {
  SessionRunner runner;
  expect_error(runner.run({"config-get", "--all", "port"}), 2,
               "cannot use argument --all together with key \"port\"");
  expect_error(runner.run({"config-get", "a", "b"}), 2, "unrecognized args: [\"b\"]");
}

TEST(StatusGet, UnitFormsAB) {
  State state = test_state();
  state.unit_status = {"active", "ready"};
  SessionRunner runner(state);
  const std::string expected = "{\"message\":\"ready\",\"status\":\"active\",\"status-data\":{}}\n";
  // A: ops 2.10-3.3.
  EXPECT_EQ(runner.ok({"status-get", "--include-data", "--application=False", "--format=json"}),
            expected);
  // B: ops 3.4+.
  EXPECT_EQ(runner.ok({"status-get", "--include-data", "--format=json", "--application=false"}),
            expected);
  EXPECT_EQ(runner.ok({"status-get"}), "active\n");
  EXPECT_EQ(runner.ok({"status-get", "--format=json"}), "{\"status\":\"active\"}\n");
}

TEST(StatusGet, ApplicationForLeader) {
  State state = leader_state();
  state.app_status = {"blocked", "need db"};
  state.unit_status = {"active", ""};
  SessionRunner runner(state);
  const std::string expected =
      "{\"application-status\":{\"message\":\"need db\",\"status\":\"blocked\","
      "\"status-data\":{},\"units\":{\"myapp/0\":{\"message\":\"\",\"status\":\"active\","
      "\"status-data\":{}}}}}\n";
  EXPECT_EQ(runner.ok({"status-get", "--include-data", "--application=True", "--format=json"}),
            expected);
  EXPECT_EQ(runner.ok({"status-get", "--include-data", "--format=json", "--application=true"}),
            expected);
  EXPECT_EQ(runner.ok({"status-get", "--application"}), "blocked\n");
}

TEST(StatusGet, ApplicationRefusedToNonLeader) {
  SessionRunner runner;
  expect_error(runner.run({"status-get", "--include-data", "--format=json", "--application=true"}),
               1, "finding application status: this unit is not the leader");
}

TEST(StatusSet, UnitFormsABAndHistory) {
  SessionRunner runner;
  runner.ok({"status-set", "--application=False", "maintenance", "installing"});  // A
  runner.ok({"status-set", "--application=False", "active", "--", "-ready-"});    // B
  runner.ok({"status-set", "--application=False", "active", "--", "-ready-"});    // unchanged
  EXPECT_EQ(runner.state().unit_status, (Status{"active", "-ready-"}));
  const std::vector<Status> history = {
      {"unknown", ""}, {"maintenance", "installing"}, {"active", "-ready-"}};
  EXPECT_EQ(runner.records().unit_status_history, history);
  EXPECT_TRUE(runner.records().app_status_history.empty());
  // Reads see the write.
  EXPECT_EQ(runner.ok({"status-get", "--include-data", "--format=json", "--application=false"}),
            "{\"message\":\"-ready-\",\"status\":\"active\",\"status-data\":{}}\n");
}

TEST(StatusSet, MessageIsOptional) {
  SessionRunner runner;
  runner.ok({"status-set", "waiting"});
  EXPECT_EQ(runner.state().unit_status, (Status{"waiting", ""}));
  runner.ok({"status-set", "--application=False", "blocked", ""});
  EXPECT_EQ(runner.state().unit_status, (Status{"blocked", ""}));
}

TEST(StatusSet, ApplicationForLeader) {
  SessionRunner runner(leader_state());
  runner.ok({"status-set", "--application=True", "active", "--", "all good"});
  runner.ok({"status-set", "--application", "blocked", "x"});
  EXPECT_EQ(runner.state().app_status, (Status{"blocked", "x"}));
  const std::vector<Status> history = {{"unknown", ""}, {"active", "all good"}};
  EXPECT_EQ(runner.records().app_status_history, history);
  EXPECT_TRUE(runner.records().unit_status_history.empty());
}

TEST(StatusSet, Errors) {
  SessionRunner runner;
  expect_error(runner.run({"status-set", "--application=True", "active", "x"}), 1,
               "this unit is not the leader");
  EXPECT_EQ(runner.state().app_status, (Status{"unknown", ""}));
  EXPECT_TRUE(runner.records().app_status_history.empty());
  expect_error(runner.run({"status-set", "--application=False", "foo", "bar"}), 2,
               "invalid status \"foo\", expected one of [maintenance blocked waiting active]");
  expect_error(runner.run({"status-set", "error", "x"}), 2,
               "invalid status \"error\", expected one of [maintenance blocked waiting active]");
  expect_error(runner.run({"status-set"}), 2, "invalid args, require <status> [message]");
  expect_error(runner.run({"status-set", "active", "a", "b"}), 2, "unrecognized args: [\"b\"]");
  expect_error(runner.run({"status-set", "--application=maybe", "active"}), 2,
               "invalid value \"maybe\" for option --application: strconv.ParseBool: parsing "
               "\"maybe\": invalid syntax");
  EXPECT_TRUE(runner.records().unit_status_history.empty());
}

TEST(ApplicationVersionSet, SetsAndRecordsNonEmptyPrevious) {
  SessionRunner runner;
  runner.ok({"application-version-set", "--", "1.0"});
  runner.ok({"application-version-set", "--", "-2.0"});
  EXPECT_EQ(runner.state().workload_version, "-2.0");
  EXPECT_EQ(runner.records().workload_version_history, (std::vector<std::string>{"1.0"}));
  expect_error(runner.run({"application-version-set"}), 2, "no version specified");
  expect_error(runner.run({"application-version-set", "1", "2"}), 2, "unrecognized args: [\"2\"]");
}

TEST(JujuLog, LevelsAndMessage) {
  SessionRunner runner;
  runner.ok({"juju-log", "--log-level", "DEBUG", "--", "ops 2.17 up and running."});
  runner.ok({"juju-log", "-l", "WARNING", "two", "words"});
  runner.ok({"juju-log", "--debug", "dbg"});
  runner.ok({"juju-log", "plain"});
  runner.ok({"juju-log", "--log-level", "TRACE", "--", "{\"type\": \"security\"}"});
  const std::vector<JujuLogLine> expected = {
      {"DEBUG", "ops 2.17 up and running."},
      {"WARNING", "two words"},
      {"DEBUG", "dbg"},
      {"INFO", "plain"},
      {"TRACE", "{\"type\": \"security\"}"},
  };
  EXPECT_EQ(runner.records().juju_log, expected);
  expect_error(runner.run({"juju-log", "--log-level", "INFO"}), 2, "no message specified");
}

TEST(JujuLog, DeprecatedFormatWarns) {
  SessionRunner runner;
  const HookResult result = runner.run({"juju-log", "--format=json", "hi"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.stderr_text, "--format flag deprecated for command \"juju-log\"");
}

TEST(JujuLog, NoDeprecationWarningWithBadArguments) {
  // Juju warns in Run; an Init error stops before it.
  SessionRunner runner;
  expect_error(runner.run({"juju-log", "--format", "json"}), 2, "no message specified");
  expect_error(runner.run({"open-port", "--format", "json", "abc"}), 2,
               "invalid port \"abc\": strconv.Atoi: parsing \"abc\": invalid syntax");
  expect_error(runner.run({"relation-set", "--format", "json", "-r", "99", "a=b"}), 2,
               "invalid value \"99\" for option -r: relation not found");
  // A Run error comes after the warning.
  const HookResult ran = runner.run({"open-port", "--format", "json", "8000-8999"});
  EXPECT_EQ(ran.exit_code, 1);
  EXPECT_EQ(ran.stderr_text,
            "--format flag deprecated for command \"open-port\"ERROR port ranges are not "
            "supported by scenario yet: \"8000-8999\"\n");
}

}  // namespace
}  // namespace scenario
