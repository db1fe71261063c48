// SPDX-License-Identifier: Apache-2.0
// hooktools/action_tools_test.cc: action-get, action-set, action-log and action-fail,
// inside and outside an action, in the argv forms of ops 2.10-3.3 (A) and 3.4+ (B).

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "hooktools_test_util.h"

namespace scenario {
namespace {

using testing::expect_error;
using testing::SessionRunner;
using testing::test_state;

Event backup_event(Json params = Json::object()) {
  Event event;
  event.path = "backup_action";
  event.action = Action{"backup", std::move(params), "1"};
  return event;
}

TEST(ActionGet, ParamsOverSchemaDefaults) {
  SessionRunner runner(test_state(),
                       backup_event({{"filename", "x.tgz"}, {"opts", {{"other", 1}}}}));
  EXPECT_EQ(runner.ok({"action-get", "--format=json"}),
            "{\"compress\":true,\"filename\":\"x.tgz\",\"opts\":{\"level\":9,\"other\":1}}\n");
  EXPECT_EQ(runner.ok({"action-get", "--format=json", "filename"}), "\"x.tgz\"\n");
  EXPECT_EQ(runner.ok({"action-get", "--format=json", "opts.level"}), "9\n");
  EXPECT_EQ(runner.ok({"action-get", "--format=json", "opts.nope"}), "null\n");
  EXPECT_EQ(runner.ok({"action-get", "--format=json", "filename.deeper"}), "null\n");
  EXPECT_EQ(runner.ok({"action-get", "filename"}), "x.tgz\n");
  EXPECT_EQ(runner.ok({"action-get", "compress"}), "True\n");
}

TEST(ActionGet, DefaultsOnly) {
  SessionRunner runner(test_state(), backup_event());
  EXPECT_EQ(runner.ok({"action-get", "--format=json"}),
            "{\"compress\":true,\"filename\":\"db.tgz\"}\n");
  EXPECT_EQ(runner.ok({"action-get"}), "compress: true\nfilename: db.tgz\n");
}

TEST(ActionGet, UndeclaredActionGetsItsParamsAsGiven) {
  Event event = backup_event({{"a", "b"}});
  event.action->name = "other";
  SessionRunner runner(test_state(), event);
  EXPECT_EQ(runner.ok({"action-get", "--format=json"}), "{\"a\":\"b\"}\n");
}

TEST(ActionSet, NestsDottedKeysAndMerges) {
  SessionRunner runner(test_state(), backup_event());
  runner.ok({"action-set", "outfile.size=10G", "foo.bar=2"});
  runner.ok({"action-set", "foo.baz.val=3", "simple=a=b"});
  runner.ok({"action-set", "foo.bar.zab=4", "foo.baz=1"});
  EXPECT_EQ(runner.records().action.results, Json::parse(R"({"outfile": {"size": "10G"},
                            "foo": {"bar": {"zab": "4"}, "baz": "1"},
                            "simple": "a=b"})"));
}

TEST(ActionSet, Errors) {
  SessionRunner runner(test_state(), backup_event());
  expect_error(runner.run({"action-set", "stdout=x"}), 2,
               "cannot set reserved action key \"stdout\"");
  expect_error(runner.run({"action-set", "a.stderr-encoding=x"}), 2,
               "cannot set reserved action key \"stderr-encoding\"");
  const std::string rule =
      " must start and end with lowercase alphanumeric, and contain only lowercase "
      "alphanumeric, hyphens and periods";
  expect_error(runner.run({"action-set", "Foo=1"}), 2, "key \"Foo\"" + rule);
  expect_error(runner.run({"action-set", "a..b=1"}), 2, "key \"\"" + rule);
  expect_error(runner.run({"action-set", "-a=1"}), 2, "option provided but not defined: -a");
  expect_error(runner.run({"action-set", "novalue"}), 2,
               "argument \"novalue\" must be of the form key...=value");
  EXPECT_EQ(runner.records().action.results, Json::object());
}

TEST(ActionLog, FormsAB) {
  SessionRunner runner(test_state(), backup_event());
  runner.ok({"action-log", "step", "one"});       // A (a shell might split)
  runner.ok({"action-log", "--", "-step two-"});  // B
  EXPECT_EQ(runner.records().action.logs, (std::vector<std::string>{"step one", "-step two-"}));
  expect_error(runner.run({"action-log"}), 2, "no message specified");
}

TEST(ActionFail, FormsABAndDefaultMessage) {
  SessionRunner a(test_state(), backup_event());
  a.ok({"action-fail", "disk full"});
  EXPECT_EQ(a.records().action.failure, "disk full");
  SessionRunner b(test_state(), backup_event());
  b.ok({"action-fail", "--", ""});
  EXPECT_EQ(b.records().action.failure, "");
  SessionRunner bare(test_state(), backup_event());
  bare.ok({"action-fail"});
  EXPECT_EQ(bare.records().action.failure,
            "action failed without reason given, check action for errors");
  expect_error(bare.run({"action-fail", "a", "b"}), 2, "unrecognized args: [\"b\"]");
}

TEST(ActionSet, NoArgumentsSucceedsAnywhere) {
  // Juju: Init accepts no arguments and Run never calls UpdateActionResults.
  SessionRunner outside;
  EXPECT_EQ(outside.run({"action-set"}), HookResult{});
  SessionRunner inside(test_state(), backup_event());
  EXPECT_EQ(inside.run({"action-set"}), HookResult{});
  EXPECT_EQ(inside.records().action.results, Json::object());
}

TEST(ActionTools, OutsideAnActionFail) {
  SessionRunner runner;
  expect_error(runner.run({"action-get", "--format=json"}), 1, "not running an action");
  expect_error(runner.run({"action-set", "a=b"}), 1, "not running an action");
  expect_error(runner.run({"action-log", "--", "x"}), 1, "not running an action");
  expect_error(runner.run({"action-fail", "--", "x"}), 1, "not running an action");
  EXPECT_EQ(runner.records().action, ActionRecord{});
}

}  // namespace
}  // namespace scenario
