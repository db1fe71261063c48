// SPDX-License-Identifier: Apache-2.0
// spec/config_actions_test.cc: config options with typed defaults, and action specs.

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

#include "scenario/spec/load.h"
#include "spec_test_util.h"

namespace scenario {
namespace {

using testing::actions_problems;
using testing::config_problems;
using testing::fixture_dir;
using testing::load_texts;

CharmSpec with_config(const std::string& config) { return load_texts("name: c\n", config); }
CharmSpec with_actions(const std::string& actions) {
  return load_texts("name: c\n", std::nullopt, actions);
}

TEST(Config, ReadsEveryTypeAndDefault) {
  const CharmSpec spec = load_charm_spec_dir(fixture_dir("legacy_files"));
  const std::vector<ConfigOption> expected = {
      {"name", ConfigType::kString, ConfigValue(std::string("world")), "Who to greet."},
      {"port", ConfigType::kInt, ConfigValue(std::int64_t{8080}), ""},
      // An int literal is a valid float default.
      {"ratio", ConfigType::kFloat, ConfigValue(2.0), ""},
      {"debug", ConfigType::kBoolean, ConfigValue(false), ""},
      {"password", ConfigType::kSecret, std::nullopt, "A secret URI."},
      {"empty", ConfigType::kString, ConfigValue(std::string()), ""},
  };
  EXPECT_EQ(spec.config, expected);
}

TEST(Config, DefaultsFollowYaml11Scalars) {
  const CharmSpec spec = with_config(
      "options:\n"
      "  a: {type: int, default: 0x1F}\n"
      "  b: {type: int, default: -1_000}\n"
      "  c: {type: float, default: 1e3}\n"
      "  d: {type: float, default: .inf}\n"
      "  e: {type: boolean, default: yes}\n"
      "  f: {type: boolean, default: Off}\n"
      "  g: {type: string, default: '8080'}\n"
      "  h: {type: string, default: y}\n"
      "  i: {type: int, default: 010}\n"
      "  j: {type: string, default: !!str 12}\n"
      "  k: {type: float, default: -2.5}\n");
  ASSERT_EQ(spec.config.size(), 11u);
  EXPECT_EQ(spec.config[0].default_value, ConfigValue(std::int64_t{31}));
  EXPECT_EQ(spec.config[1].default_value, ConfigValue(std::int64_t{-1000}));
  EXPECT_EQ(spec.config[2].default_value, ConfigValue(1000.0));
  EXPECT_TRUE(std::isinf(std::get<double>(*spec.config[3].default_value)));
  EXPECT_EQ(spec.config[4].default_value, ConfigValue(true));
  EXPECT_EQ(spec.config[5].default_value, ConfigValue(false));
  EXPECT_EQ(spec.config[6].default_value, ConfigValue(std::string("8080")));
  EXPECT_EQ(spec.config[7].default_value, ConfigValue(std::string("y")));
  EXPECT_EQ(spec.config[8].default_value, ConfigValue(std::int64_t{8}));
  EXPECT_EQ(spec.config[9].default_value, ConfigValue(std::string("12")));
  EXPECT_EQ(spec.config[10].default_value, ConfigValue(-2.5));
}

TEST(Config, NullDefaultMeansNoDefault) {
  const CharmSpec spec = with_config(
      "options:\n  a:\n    type: int\n    default:\n  b: {type: boolean, default: ~}\n");
  EXPECT_EQ(spec.config[0].default_value, std::nullopt);
  EXPECT_EQ(spec.config[1].default_value, std::nullopt);
}

TEST(Config, EmptyFileAndEmptyOptionsDeclareNothing) {
  EXPECT_TRUE(with_config("").config.empty());
  EXPECT_TRUE(with_config("# nothing yet\n").config.empty());
  EXPECT_TRUE(with_config("options:\n").config.empty());
  EXPECT_TRUE(with_config("options: {}\n").config.empty());
}

TEST(Config, DefaultOfTheWrongTypeIsAProblem) {
  const auto problems = config_problems(
      "options:\n"
      "  a: {type: int, default: 3.5}\n"
      "  b: {type: int, default: '3'}\n"
      "  c: {type: float, default: x}\n"
      "  d: {type: boolean, default: 'true'}\n"
      "  e: {type: boolean, default: 1}\n"
      "  f: {type: string, default: 8080}\n"
      "  g: {type: secret, default: true}\n"
      "  h: {type: string, default: [a]}\n"
      "  i: {type: int, default: 99999999999999999999}\n");
  EXPECT_EQ(testing::rendered(problems),
            (std::vector<std::string>{
                "config.yaml:2:27: options.a.default: expected an integer for an 'int' option, "
                "got the float 3.5",
                "config.yaml:3:27: options.b.default: expected an integer for an 'int' option, "
                "got the string '3'",
                "config.yaml:4:29: options.c.default: expected a number for a 'float' option, "
                "got the string 'x'",
                "config.yaml:5:31: options.d.default: expected true or false for a 'boolean' "
                "option, got the string 'true'",
                "config.yaml:6:31: options.e.default: expected true or false for a 'boolean' "
                "option, got the integer 1",
                "config.yaml:7:30: options.f.default: expected a string for a 'string' option "
                "(quote numbers and booleans to make them strings), got the integer 8080",
                "config.yaml:8:30: options.g.default: expected a string for a 'secret' option "
                "(quote numbers and booleans to make them strings), got the boolean true",
                "config.yaml:9:30: options.h.default: expected a string for a 'string' option "
                "(quote numbers and booleans to make them strings), got a list",
                "config.yaml:10:27: options.i.default: expected a 64-bit integer for an 'int' "
                "option, got the integer 99999999999999999999",
            }));
}

TEST(Config, MissingOrUnknownTypeIsAProblem) {
  const auto problems = config_problems(
      "options:\n  a:\n    default: x\n  b:\n    type: integer\n  c:\n    type: [int]\n");
  EXPECT_EQ(testing::rendered(problems),
            (std::vector<std::string>{
                "config.yaml:2:3: options.a.type: missing required key 'type'; expected "
                "'string', 'int', 'float', 'boolean' or 'secret' (charmcraft and ops require it)",
                "config.yaml:5:11: options.b.type: unknown option type 'integer'; expected "
                "'string', 'int', 'float', 'boolean' or 'secret'",
                "config.yaml:7:11: options.c.type: expected one of 'string', 'int', 'float', "
                "'boolean' or 'secret', got a list",
            }));
}

TEST(Config, ShapeProblems) {
  EXPECT_EQ(testing::rendered(config_problems("- options\n")),
            std::vector<std::string>{
                "config.yaml:1:1: expected a mapping with an 'options' key, got a list"});
  EXPECT_EQ(testing::rendered(config_problems("options: [a]\n")),
            std::vector<std::string>{"config.yaml:1:10: options: expected a mapping of option "
                                     "names to their declarations, got a list"});
  EXPECT_EQ(testing::rendered(config_problems("options:\n  a: 5\n  b: {type: int, "
                                              "description: [x]}\n")),
            (std::vector<std::string>{
                "config.yaml:2:6: options.a: expected a mapping with 'type', and optionally "
                "'default' and 'description', got the integer 5",
                "config.yaml:3:31: options.b.description: expected a string, got a list"}));
}

TEST(Config, OptionsWrittenAtTheTopLevelAreReported) {
  EXPECT_EQ(testing::rendered(config_problems("port:\n  type: int\nhost:\n  type: string\n")),
            (std::vector<std::string>{
                "config.yaml:1:1: port: unknown key 'port'; config options belong under "
                "'options:'",
                "config.yaml:3:1: host: unknown key 'host'; config options belong under "
                "'options:'"}));
}

TEST(Actions, ReadsEveryField) {
  const CharmSpec spec = load_charm_spec_dir(fixture_dir("legacy_files"));
  ASSERT_EQ(spec.actions.size(), 2u);
  const ActionSpec& snapshot = spec.actions[0];
  EXPECT_EQ(snapshot.name, "snapshot");
  EXPECT_EQ(snapshot.description, "Take a snapshot.");
  EXPECT_EQ(snapshot.required, std::vector<std::string>{"target"});
  EXPECT_FALSE(snapshot.additional_properties);
  EXPECT_TRUE(snapshot.parallel);
  EXPECT_EQ(snapshot.execution_group, "backups");
  EXPECT_EQ(snapshot.params, Json::parse(R"({
    "target": {"type": "string", "description": "Where to write it."},
    "retries": {"type": "integer", "default": 3},
    "ratio": {"type": "number", "default": 0.5},
    "tags": {"type": "array", "items": {"type": "string"}, "default": ["a", "b"]},
    "force": {"type": "boolean", "default": true},
    "extra": {"type": "object", "default": {"nothing": null}}
  })"));
  // `restart:` with nothing under it: defaults everywhere.
  EXPECT_EQ(spec.actions[1], ActionSpec{"restart"});
}

TEST(Actions, ParamsKeepQuotedScalarsAsStrings) {
  const CharmSpec spec =
      with_actions("a:\n  params:\n    p:\n      default: '3'\n      enum: [1, '2', 3.0, null]\n");
  EXPECT_EQ(spec.actions[0].params,
            Json::parse(R"({"p": {"default": "3", "enum": [1, "2", 3.0, null]}})"));
}

TEST(Actions, AliasesAreExpanded) {
  const CharmSpec spec = with_actions("a:\n  params:\n    x: &s {type: string}\n    y: *s\n");
  EXPECT_EQ(spec.actions[0].params["y"], Json::parse(R"({"type": "string"})"));
}

TEST(Actions, LegacyTopLevelActionsKeyIsUnwrapped) {
  const CharmSpec spec = with_actions("actions:\n  snap:\n    description: d\n  go:\n");
  ASSERT_EQ(spec.actions.size(), 2u);
  EXPECT_EQ(spec.actions[0].name, "snap");
  EXPECT_EQ(spec.actions[1].name, "go");
}

TEST(Actions, AnActionNamedActionsIsNotUnwrapped) {
  const CharmSpec spec = with_actions("actions:\n  description: an action named actions\n");
  ASSERT_EQ(spec.actions.size(), 1u);
  EXPECT_EQ(spec.actions[0].name, "actions");
  EXPECT_EQ(spec.actions[0].description, "an action named actions");
}

TEST(Actions, RequiredNeedNotNameDeclaredParams) {
  const CharmSpec spec = with_actions("a:\n  required: [undeclared]\n");
  EXPECT_EQ(spec.actions[0].required, std::vector<std::string>{"undeclared"});
}

TEST(Actions, EveryShapeProblemIsReported) {
  const auto problems = actions_problems(
      "a:\n"
      "  params:\n"
      "    x: 5\n"
      "    y:\n"
      "      $ref: foo\n"
      "  required: [1, x]\n"
      "  additionalProperties: maybe\n"
      "  parallel: 2\n"
      "  execution-group: [g]\n"
      "b: 3\n"
      "c:\n"
      "  params: [x]\n"
      "  required: x\n");
  EXPECT_EQ(testing::rendered(problems),
            (std::vector<std::string>{
                "actions.yaml:3:8: a.params.x: expected a JSON schema mapping, e.g. '{type: "
                "string}', got the integer 5",
                "actions.yaml:5:7: a.params.y.$ref: '$ref' is not supported in action params; "
                "Juju rejects JSON-schema references",
                "actions.yaml:6:14: a.required[0]: expected a string, got the integer 1",
                "actions.yaml:7:25: a.additionalProperties: expected true or false, got the "
                "string 'maybe'",
                "actions.yaml:8:13: a.parallel: expected true or false, got the integer 2",
                "actions.yaml:9:20: a.execution-group: expected a string, got a list",
                "actions.yaml:10:4: b: expected a mapping with the action's 'description' and "
                "'params', got the integer 3",
                "actions.yaml:12:11: c.params: expected a mapping of parameter names to JSON "
                "schemas, got a list",
                "actions.yaml:13:13: c.required: expected a list of parameter names, got the "
                "string 'x'",
            }));
}

TEST(Actions, TopLevelMustBeAMapping) {
  EXPECT_EQ(testing::rendered(actions_problems("- a\n")),
            std::vector<std::string>{
                "actions.yaml:1:1: expected a mapping of action names to their specs, got a "
                "list"});
}

TEST(Actions, EmptyFileDeclaresNothing) { EXPECT_TRUE(with_actions("").actions.empty()); }

}  // namespace
}  // namespace scenario
