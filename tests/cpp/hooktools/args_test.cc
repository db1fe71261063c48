// SPDX-License-Identifier: Apache-2.0
// hooktools/args_test.cc: gnuflag-style parsing, and the dispatcher's handling of
// unknown tools, unknown flags, --format, --help and unsupported tools.

#include "scenario/hooktools/args.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "hooktools_test_util.h"

namespace scenario {
namespace {

using testing::expect_error;
using testing::SessionRunner;

const std::vector<FlagSpec> kFlags = {
    {"r", FlagKind::kValue, "relation"},
    {"app", FlagKind::kBool},
    {"format", FlagKind::kValue},
    {"a", FlagKind::kBool},
    {"b", FlagKind::kBool},
};

ArgsParseResult parse(std::vector<std::string> args) { return parse_gnu_args(kFlags, args); }

TEST(ParseArgs, FlagsAndPositionalsInAnyOrder) {
  const ArgsParseResult result = parse({"key", "-r", "3", "unit/0", "--app", "--format=json"});
  ASSERT_FALSE(result.error);
  EXPECT_EQ(result.args.positionals, (std::vector<std::string>{"key", "unit/0"}));
  EXPECT_EQ(*result.args.value("r"), "3");
  EXPECT_TRUE(result.args.is_set("app"));
  EXPECT_EQ(*result.args.value("format"), "json");
}

TEST(ParseArgs, DoubleDashEndsFlags) {
  const ArgsParseResult result = parse({"--app", "--", "--format=json", "-r"});
  ASSERT_FALSE(result.error);
  EXPECT_EQ(result.args.positionals, (std::vector<std::string>{"--format=json", "-r"}));
  EXPECT_FALSE(result.args.has("format"));
}

TEST(ParseArgs, DashAndEmptyArePositionals) {
  const ArgsParseResult result = parse({"-", "", "x"});
  ASSERT_FALSE(result.error);
  EXPECT_EQ(result.args.positionals, (std::vector<std::string>{"-", "", "x"}));
}

TEST(ParseArgs, ValueSpellings) {
  for (const auto& argv : std::vector<std::vector<std::string>>{
           {"-r", "7"}, {"-r7"}, {"-r=7"}, {"--relation", "7"}, {"--relation=7"}, {"--r=7"}}) {
    const ArgsParseResult result = parse(argv);
    ASSERT_FALSE(result.error) << argv[0];
    EXPECT_EQ(*result.args.value("r"), "7") << argv[0];
  }
}

TEST(ParseArgs, ValueFlagTakesNextArgumentEvenIfDashed) {
  const ArgsParseResult result = parse({"-r", "--app"});
  ASSERT_FALSE(result.error);
  EXPECT_EQ(*result.args.value("r"), "--app");
  EXPECT_FALSE(result.args.has("app"));
}

TEST(ParseArgs, SpellingIsKeptForMessages) {
  EXPECT_EQ(parse({"--relation", "1"}).args.spelling("r"), "--relation");
  EXPECT_EQ(parse({"-r", "1"}).args.spelling("r"), "-r");
  EXPECT_EQ(parse({}).args.spelling("app"), "--app");
}

TEST(ParseArgs, BooleanForms) {
  EXPECT_TRUE(parse({"--app"}).args.is_set("app"));
  EXPECT_TRUE(parse({"--app=True"}).args.is_set("app"));
  EXPECT_TRUE(parse({"--app=true"}).args.is_set("app"));
  EXPECT_TRUE(parse({"--app=1"}).args.is_set("app"));
  const ArgsParseResult off = parse({"--app=False"});
  EXPECT_TRUE(off.args.has("app"));
  EXPECT_FALSE(off.args.is_set("app"));
  EXPECT_FALSE(parse({"--app=false"}).args.is_set("app"));
  // A boolean never consumes the next argument.
  EXPECT_EQ(parse({"--app", "true"}).args.positionals, (std::vector<std::string>{"true"}));
}

TEST(ParseArgs, ClusteredShortBooleans) {
  const ArgsParseResult result = parse({"-ab"});
  ASSERT_FALSE(result.error);
  EXPECT_TRUE(result.args.is_set("a"));
  EXPECT_TRUE(result.args.is_set("b"));
}

TEST(ParseArgs, Errors) {
  EXPECT_EQ(parse({"--xy"}).error, "option provided but not defined: --xy");
  EXPECT_EQ(parse({"-x"}).error, "option provided but not defined: -x");
  // gnuflag spells one-letter names with one dash, however they were given.
  EXPECT_EQ(parse({"--x"}).error, "option provided but not defined: -x");
  EXPECT_EQ(parse({"--app=maybe"}).error,
            "invalid value \"maybe\" for option --app: strconv.ParseBool: parsing \"maybe\": "
            "invalid syntax");
  EXPECT_EQ(parse({"-r"}).error, "option needs an argument: -r");
  EXPECT_EQ(parse({"--format"}).error, "option needs an argument: --format");
  EXPECT_EQ(parse({"--=x"}).error, "empty flag in argument \"--=x\"");
}

TEST(ParseArgs, HelpStopsParsing) {
  EXPECT_TRUE(parse({"--help", "--bogus"}).args.help);
  EXPECT_TRUE(parse({"-h"}).args.help);
  EXPECT_FALSE(parse({"--help"}).error);
}

TEST(ParseArgs, GoBool) {
  for (const char* yes : {"1", "t", "T", "TRUE", "true", "True"})
    EXPECT_EQ(parse_go_bool(yes), true);
  for (const char* no : {"0", "f", "F", "FALSE", "false", "False"})
    EXPECT_EQ(parse_go_bool(no), false);
  EXPECT_EQ(parse_go_bool("yes"), std::nullopt);
  EXPECT_EQ(flag_with_minus("r"), "-r");
  EXPECT_EQ(flag_with_minus("app"), "--app");
}

TEST(Dispatch, UnknownToolExitsOne) {
  SessionRunner runner;
  expect_error(runner.run({"no-such-tool", "x"}), 1, "unknown hook tool \"no-such-tool\"");
  expect_error(runner.run({}), 1, "no hook tool given");
}

TEST(Dispatch, UnknownFlagExitsTwoWithGnuflagText) {
  SessionRunner runner;
  expect_error(runner.run({"is-leader", "--bogus"}), 2, "option provided but not defined: --bogus");
  // ops 2.x reads this exact text from relation-list to mean "no --app support".
  expect_error(runner.run({"status-set", "--app", "active"}), 2,
               "option provided but not defined: --app");
}

TEST(Dispatch, FormatAnywhere) {
  SessionRunner runner;
  EXPECT_EQ(runner.ok({"relation-ids", "--format=json", "db"}), "[\"db:1\"]\n");
  EXPECT_EQ(runner.ok({"relation-ids", "db", "--format=json"}), "[\"db:1\"]\n");
  EXPECT_EQ(runner.ok({"relation-ids", "db", "--format", "json"}), "[\"db:1\"]\n");
}

TEST(Dispatch, SmartAndYamlFormats) {
  SessionRunner runner;
  EXPECT_EQ(runner.ok({"is-leader"}), "False\n");
  EXPECT_EQ(runner.ok({"is-leader", "--format=yaml"}), "false\n");
  EXPECT_EQ(runner.ok({"relation-get", "-r", "1", "-", "mysql/0", "--format=yaml"}),
            "host: 10.0.0.1\n");
  EXPECT_EQ(runner.ok({"config-get", "port", "--format=yaml"}), "8080\n");
}

TEST(Dispatch, YamlQuotesStringsThatLookLikeOtherTypes) {
  State state = testing::test_state();
  state.relations[0].remote_units_data[0] = {{"port", "5432"}, {"on", "yes"}, {"n", "null"}};
  SessionRunner runner(state);
  EXPECT_EQ(runner.ok({"relation-get", "-r", "1", "-", "mysql/0"}),
            "\"n\": \"null\"\n\"on\": \"yes\"\nport: \"5432\"\n");
}

TEST(Dispatch, LongAndOddValuesAreSafe) {
  State state = testing::test_state();
  const std::string long_value = "2024-" + std::string(200000, '7');
  state.relations[0].remote_units_data[0] = {{"cert", long_value}, {"raw", "\xff\xfe"}};
  SessionRunner runner(state);
  const std::string yaml = runner.ok({"relation-get", "-r", "1", "-", "mysql/0"});
  EXPECT_NE(yaml.find("cert: \"2024-777"), std::string::npos);
  // Invalid UTF-8 is replaced rather than failing the tool.
  const std::string json =
      runner.ok({"relation-get", "--format=json", "-r", "1", "raw", "mysql/0"});
  EXPECT_EQ(json, "\"\xEF\xBF\xBD\xEF\xBF\xBD\"\n");
  Event action;
  action.action = Action{"backup"};
  SessionRunner in_action(testing::test_state(), action);
  in_action.ok({"action-set", std::string(100000, 'a') + "=1"});
}

TEST(Dispatch, UnknownFormatIsAUsageError) {
  SessionRunner runner;
  expect_error(runner.run({"is-leader", "--format=xml"}), 2,
               "invalid value \"xml\" for option --format: unknown format \"xml\"");
  // goal-state offers only yaml and json.
  expect_error(runner.run({"goal-state", "--format=smart"}), 2,
               "invalid value \"smart\" for option --format: unknown format \"smart\"");
}

TEST(Dispatch, ExtraPositionalsAreUsageErrors) {
  SessionRunner runner;
  expect_error(runner.run({"is-leader", "a", "b"}), 2, "unrecognized args: [\"a\" \"b\"]");
}

TEST(Dispatch, HelpPrintsUsageAndExitsZero) {
  SessionRunner runner;
  const HookResult result = runner.run({"relation-get", "--help"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_NE(result.stdout_text.find("Usage: relation-get [options] <key> <unit id>"),
            std::string::npos);
  EXPECT_NE(result.stdout_text.find("-r, --relation  (= \"\")"), std::string::npos);
  EXPECT_NE(result.stdout_text.find("--format  (= smart)"), std::string::npos);
}

TEST(Dispatch, SecretToolsRejectUnknownFlagsAsGnuflagDoes) {
  SessionRunner runner;
  for (const char* tool : {"secret-add", "secret-get", "secret-set", "secret-grant",
                           "secret-revoke", "secret-remove", "secret-ids", "secret-info-get"}) {
    EXPECT_TRUE(Session::has_tool(tool)) << tool;
    expect_error(runner.run({tool, "secret:abc", "--whatever"}), 2,
                 "option provided but not defined: --whatever");
  }
}

TEST(Dispatch, DeprecatedToolsAreUnsupported) {
  SessionRunner runner;
  EXPECT_EQ(runner.run({"leader-set", "a=b"}).exit_code, 1);
  EXPECT_EQ(runner.run({"leader-get"}).exit_code, 1);
  expect_error(runner.run({"add-metric", "a=1"}), 1,
               "add-metric is not supported by scenario: metrics are deprecated");
}

TEST(Dispatch, ToolNamesAreSortedAndComplete) {
  const std::vector<std::string> names = Session::tool_names();
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  for (
      const char* tool :
      {"action-fail",  "action-get",   "action-log",     "action-set",    "application-version-set",
       "close-port",   "config-get",   "credential-get", "goal-state",    "is-leader",
       "juju-log",     "juju-reboot",  "network-get",    "open-port",     "opened-ports",
       "pod-spec-set", "relation-get", "relation-ids",   "relation-list", "relation-model-get",
       "relation-set", "resource-get", "state-delete",   "state-get",     "state-set",
       "status-get",   "status-set",   "storage-add",    "storage-get",   "storage-list"}) {
    EXPECT_TRUE(Session::has_tool(tool)) << tool;
  }
  EXPECT_FALSE(Session::has_tool("unit-get"));
}

TEST(Dispatch, SessionMovesAndHandsOverItsState) {
  SessionRunner runner;
  runner.ok({"status-set", "active", "ready"});
  Session moved = std::move(runner.session());
  EXPECT_EQ(moved.state().unit_status, (Status{"active", "ready"}));
  const State state = std::move(moved).take_state();
  EXPECT_EQ(state.unit_status.message, "ready");
}

}  // namespace
}  // namespace scenario
