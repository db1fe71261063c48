// SPDX-License-Identifier: Apache-2.0
// consistency/check_test.cc: the rule table, the checker's contract (every finding at
// once, stable codes, paths) and InconsistentScenarioError.

#include "scenario/consistency/check.h"

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "consistency_test_util.h"

namespace scenario {
namespace {

using testing::codes;
using testing::has_code;
using testing::Scenario;

std::string read_docs() {
  std::ifstream in(std::string(SCENARIO_TEST_DATA_DIR) + "/../../docs/consistency.md");
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(RuleTable, CodesAreUniqueKebabCaseAndDescribed) {
  std::set<std::string_view> seen;
  const std::regex kebab("[a-z]+(-[a-z0-9]+)+");
  for (const RuleInfo& rule : consistency_rules()) {
    EXPECT_TRUE(seen.insert(rule.code).second) << "duplicate code " << rule.code;
    EXPECT_TRUE(std::regex_match(std::string(rule.code), kebab)) << rule.code;
    EXPECT_FALSE(rule.summary.empty()) << rule.code;
    EXPECT_FALSE(rule.area.empty()) << rule.code;
  }
  EXPECT_GE(seen.size(), 80u);
}

TEST(RuleTable, FindsRulesByCode) {
  const RuleInfo* rule = find_consistency_rule("relation-endpoint-undeclared");
  ASSERT_NE(rule, nullptr);
  EXPECT_EQ(rule->severity, Severity::kError);
  EXPECT_EQ(rule->area, "relations");
  EXPECT_EQ(find_consistency_rule("no-such-rule"), nullptr);
}

// docs/consistency.md has one table row per rule: `| `code` | error | ...`.
TEST(RuleTable, EveryRuleIsDocumentedWithItsSeverity) {
  const std::string docs = read_docs();
  ASSERT_FALSE(docs.empty()) << "docs/consistency.md is missing";
  std::set<std::string> documented;
  const std::regex row(R"(\n\| `([a-z0-9-]+)` \| (error|warning) \|)");
  for (auto it = std::sregex_iterator(docs.begin(), docs.end(), row); it != std::sregex_iterator();
       ++it) {
    const std::string code = (*it)[1];
    documented.insert(code);
    const RuleInfo* rule = find_consistency_rule(code);
    ASSERT_NE(rule, nullptr) << "docs/consistency.md documents unknown rule " << code;
    EXPECT_EQ(to_string(rule->severity), (*it)[2].str()) << code;
  }
  for (const RuleInfo& rule : consistency_rules()) {
    EXPECT_TRUE(documented.contains(std::string(rule.code)))
        << "docs/consistency.md lacks a row for " << rule.code;
  }
}

TEST(Checker, ReportsEveryFindingAtOnceInRuleOrder) {
  Scenario s;
  s.juju_version = "2.9";
  s.state.config["colour"] = std::string("red");
  s.state.config["port"] = std::string("80");
  s.state.relations.push_back(make_relation(RelationKind::kRegular, "cache", 1));
  Container c;
  c.name = "nope";
  s.state.containers.push_back(c);
  s.state.secrets.push_back(Secret{.id = "secret:x", .granted = SecretGrant::kApp});
  const std::vector<Finding> findings = s.check();
  const std::vector<std::string> expected = {"juju-feature-unsupported", "config-key-undeclared",
                                             "config-type-mismatch", "relation-endpoint-undeclared",
                                             "container-undeclared"};
  EXPECT_EQ(codes(findings), expected) << testing::render(findings);
}

TEST(Checker, FindingsCarryPathsInTheStateSyntax) {
  Scenario s;
  s.state.config["my key"] = std::string("x");
  s.state.relations.push_back(make_relation(RelationKind::kRegular, "db", 1));
  s.state.relations.push_back(make_relation(RelationKind::kRegular, "db", 2));
  s.state.relations[1].remote_units_data = {{-3, {}}};
  const std::vector<Finding> findings = s.check();
  std::set<std::string> paths;
  for (const Finding& f : findings) paths.insert(f.path);
  EXPECT_TRUE(paths.contains("config[\"my key\"]")) << testing::render(findings);
  EXPECT_TRUE(paths.contains("relations[1].remote_units_data.-3")) << testing::render(findings);
  EXPECT_TRUE(paths.contains("relations[1]")) << testing::render(findings);  // over the limit
}

TEST(Checker, EventsOfOtherOwnersAreCustom) {
  Scenario s;
  s.event = Event{.path = "my_lib.on.nope_relation_changed"};
  EXPECT_EQ(testing::render(s.check()), "");
  s.event = Event{.path = "nope_relation_changed"};
  EXPECT_TRUE(has_code(s.check(), "event-endpoint-undeclared"));
}

TEST(Checker, CustomEventsMayCarryAnything) {
  Scenario s;
  s.event = Event{.path = "something_happened", .relation_id = 4, .container = "x"};
  EXPECT_EQ(testing::render(s.check()), "");
}

TEST(Checker, DashesAndUnderscoresNameTheSameEntity) {
  Scenario s;
  Container c;
  c.name = "side-car";
  c.can_connect = true;
  s.state.containers.push_back(c);
  s.event = Event{.path = "side_car_pebble_ready", .container = "side-car"};
  EXPECT_EQ(testing::render(s.check()), "");
}

TEST(Checker, SecretRemovedIsTheOpsScenarioSpellingOfSecretRemove) {
  Scenario s;
  s.state.secrets.push_back(Secret{.id = "secret:x", .owner = SecretOwner::kUnit});
  s.event = Event{.path = "secret_removed", .secret_id = "secret:x", .secret_revision = 0};
  EXPECT_EQ(testing::render(s.check()), "");
  s.state.secrets[0].owner = SecretOwner::kNone;
  EXPECT_TRUE(has_code(s.check(), "event-secret-owner-mismatch"));
}

TEST(Checker, ActionParamsCheckNestedObjectsAndArrayItems) {
  Scenario s;
  Event e{.path = "backup-action"};
  e.action = Action{
      .name = "backup",
      .params = {{"target", "s3"}, {"tags", {"a", 1}}, {"opts", {{"deep", "yes"}, {"extra", 1}}}}};
  s.event = e;
  const std::vector<Finding> findings = s.check();
  std::set<std::string> paths;
  for (const Finding& f : findings) paths.insert(f.code + " " + f.path);
  EXPECT_TRUE(paths.contains("action-param-type-mismatch event.action.params.tags[1]"))
      << testing::render(findings);
  EXPECT_TRUE(paths.contains("action-param-type-mismatch event.action.params.opts.deep"))
      << testing::render(findings);
  EXPECT_TRUE(paths.contains("action-param-not-allowed event.action.params.opts.extra"))
      << testing::render(findings);
}

TEST(Checker, IntegerParamsAcceptWholeFloatsButNotBooleans) {
  Scenario s;
  s.event = Event{.path = "backup-action"};
  s.event.action = Action{.name = "backup", .params = {{"target", "s3"}, {"count", 2.0}}};
  EXPECT_FALSE(has_code(s.check(), "action-param-type-mismatch"));
  s.event.action->params["count"] = true;
  EXPECT_TRUE(has_code(s.check(), "action-param-type-mismatch"));
  s.event.action->params["count"] =
      Json{{"__scenario__", "int"}, {"value", "123456789012345678901"}};
  EXPECT_FALSE(has_code(s.check(), "action-param-type-mismatch"));
}

TEST(ThrowIfInconsistent, ReturnsTheWarningsWhenThereIsNoError) {
  std::vector<Finding> findings = {{Severity::kWarning, "w", "a", "careful"}};
  EXPECT_EQ(throw_if_inconsistent(findings), findings);
  EXPECT_TRUE(throw_if_inconsistent({}).empty());
}

TEST(ThrowIfInconsistent, ThrowsWithEveryFinding) {
  std::vector<Finding> findings = {{Severity::kError, "e-one", "relations[0].endpoint", "bad"},
                                   {Severity::kWarning, "w-one", "leader", "odd"},
                                   {Severity::kError, "e-two", "", "worse"}};
  try {
    throw_if_inconsistent(findings);
    FAIL() << "did not throw";
  } catch (const InconsistentScenarioError& e) {
    EXPECT_EQ(e.findings(), findings);
    ASSERT_EQ(e.errors().size(), 2u);
    ASSERT_EQ(e.warnings().size(), 1u);
    EXPECT_EQ(e.warnings()[0].code, "w-one");
    EXPECT_STREQ(e.what(),
                 "inconsistent scenario (2 errors):\n"
                 "  - relations[0].endpoint: bad [e-one]\n"
                 "  - worse [e-two]");
  }
}

TEST(InconsistentScenarioError, OneErrorOnOneLine) {
  InconsistentScenarioError e(std::vector<Finding>{{Severity::kError, "c", "p", "m"}});
  EXPECT_STREQ(e.what(), "inconsistent scenario: p: m [c]");
}

TEST(InconsistentScenarioError, IsAScenarioRuntimeErrorAndKeepsItsStringConstructor) {
  try {
    throw InconsistentScenarioError(std::string("relation id 3 is not in the State"));
  } catch (const ScenarioRuntimeError& e) {
    EXPECT_STREQ(e.what(), "relation id 3 is not in the State");
    EXPECT_TRUE(dynamic_cast<const InconsistentScenarioError&>(e).findings().empty());
  }
}

TEST(AssertConsistent, ThrowsOnErrorsAndReturnsWarnings) {
  Scenario s;
  s.event = Event{.path = "leader-elected"};
  const std::vector<Finding> warnings = assert_consistent(s.spec, s.state, s.event, s.juju_version);
  EXPECT_EQ(codes(warnings), std::vector<std::string>{"event-leader-mismatch"});
  s.state.config["colour"] = std::string("red");
  EXPECT_THROW(assert_consistent(s.spec, s.state, s.event, s.juju_version),
               InconsistentScenarioError);
}

TEST(Finding, ToStringAndSeverityNames) {
  EXPECT_EQ((Finding{Severity::kError, "c", "a.b", "bad"}).to_string(), "a.b: bad [c]");
  EXPECT_EQ((Finding{Severity::kWarning, "c", "", "bad"}).to_string(), "bad [c]");
  EXPECT_EQ(to_string(Severity::kError), "error");
  EXPECT_EQ(to_string(Severity::kWarning), "warning");
}

}  // namespace
}  // namespace scenario
