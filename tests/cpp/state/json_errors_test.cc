// SPDX-License-Identifier: Apache-2.0
// state/json_errors_test.cc: every problem in a bad State document is found and placed.

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "scenario/errors.h"
#include "scenario/state/json.h"

namespace scenario {
namespace {

std::vector<Problem> problems_of(const std::string& text) { return validate_state_json(text); }

// The only problem of `text`; fails the test if there is not exactly one.
Problem only_problem(const std::string& text) {
  const std::vector<Problem> problems = problems_of(text);
  if (problems.size() != 1) {
    std::string all;
    for (const Problem& p : problems) all += "\n  " + p.to_string();
    ADD_FAILURE() << "expected one problem in " << text << ", got:" << all;
  }
  return problems.empty() ? Problem{} : problems.front();
}

void expect_problem(const std::string& text, const std::string& path, const std::string& message) {
  const Problem problem = only_problem(text);
  EXPECT_EQ(problem.path, path) << text;
  EXPECT_EQ(problem.message, message) << text;
}

bool has_problem(const std::vector<Problem>& problems, const std::string& path,
                 const std::string& message) {
  for (const Problem& p : problems) {
    if (p.path == path && p.message == message) return true;
  }
  return false;
}

TEST(JsonErrors, TruncatedDocumentGivesLineAndColumn) {
  const std::vector<Problem> problems = problems_of("{\"leader\": true,\n  \"relations\": [");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].path, "");
  EXPECT_EQ(problems[0].line, 2);
  EXPECT_EQ(problems[0].column, 17);
  EXPECT_EQ(problems[0].message,
            "invalid JSON at line 2, column 17: unexpected end of input; expected '[', '{', or a "
            "literal");
}

TEST(JsonErrors, SyntaxErrorInTheMiddle) {
  const std::vector<Problem> problems = problems_of("{\n  \"leader\": tru\n}");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].line, 2);
  EXPECT_NE(problems[0].message.find("invalid JSON at line 2, column"), std::string::npos);
  EXPECT_NE(problems[0].message.find("invalid literal"), std::string::npos);
}

TEST(JsonErrors, EmptyTextIsInvalidJson) {
  const std::vector<Problem> problems = problems_of("");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].line, 1);
  EXPECT_EQ(problems[0].column, 1);
}

TEST(JsonErrors, InvalidUtf8InAStringIsASyntaxError) {
  const std::vector<Problem> problems = problems_of("{\"workload_version\": \"ab\xff\"}");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].line, 1);
  EXPECT_EQ(problems[0].column, 25);
  EXPECT_NE(problems[0].message.find("ill-formed UTF-8 byte"), std::string::npos);
  // The message itself stays valid UTF-8: the bad byte is escaped.
  EXPECT_NE(problems[0].message.find("\\xFF"), std::string::npos);
  EXPECT_EQ(problems[0].message.find('\xff'), std::string::npos);
}

TEST(JsonErrors, NonObjectTopLevel) {
  expect_problem("[1, 2]", "", "expected a JSON object at the top level, got an array");
  expect_problem("null", "", "expected a JSON object at the top level, got null");
}

TEST(JsonErrors, DeepNestingIsRefusedWithPosition) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  const std::vector<Problem> problems = problems_of(deep);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].column, 513);
  EXPECT_EQ(problems[0].message,
            "invalid JSON at line 1, column 513: nesting deeper than 512 levels; state documents "
            "are never this deep");
  // Brackets inside strings do not count.
  const std::string in_string = "{\"workload_version\": \"" + std::string(1000, '[') + "\"}";
  EXPECT_TRUE(problems_of(in_string).empty());
}

TEST(JsonErrors, DeepNestingInStoredStateContent) {
  const std::string text = R"({"stored_state": [{"content": {"a": )" + std::string(600, '[') +
                           std::string(600, ']') + "}}]}";
  const std::vector<Problem> problems = problems_of(text);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_NE(problems[0].message.find("nesting deeper than 512 levels"), std::string::npos);
}

TEST(JsonErrors, DeepJsonValueIsRefused) {
  Json deep = Json::object();
  Json* cursor = &deep;
  for (int i = 0; i < 600; ++i) {
    (*cursor)["content"] = Json::object();
    cursor = &(*cursor)["content"];
  }
  Json document = {{"stored_state", Json::array({Json{{"content", deep}}})}};
  try {
    state_from_json_value(document);
    FAIL() << "expected StateValidationError";
  } catch (const StateValidationError& error) {
    ASSERT_EQ(error.problems().size(), 1u);
    EXPECT_NE(error.problems()[0].message.find("nesting deeper"), std::string::npos);
  }
}

TEST(JsonErrors, WrongTypesAtNestedPaths) {
  expect_problem(
      R"({"relations": [{"endpoint": "a"}, {"endpoint": "b", "remote_units_data": []}]})",
      "relations[1].remote_units_data", "expected an object, got an array");
  expect_problem(
      R"({"relations": [{"endpoint": "a"}, {"endpoint": "b", "remote_units_data": {"0": {"foo": 1}}}]})",
      "relations[1].remote_units_data.0.foo",
      "expected a string, got a number; databags hold strings only");
  expect_problem(R"({"leader": "yes"})", "leader", "expected a boolean, got a string");
  expect_problem(R"({"containers": [{"name": "c", "mounts": {"m": {"location": 1, "src": "s"}}}]})",
                 "containers[0].mounts.m.location", "expected a string, got a number");
  expect_problem(
      R"({"networks": [{"name": "n", "bind_addresses": [{"addresses": [{"value": 4}]}]}]})",
      "networks[0].bind_addresses[0].addresses[0].value", "expected a string, got a number");
}

TEST(JsonErrors, KeysThatAreNotIdentifiersAreQuotedInPaths) {
  expect_problem(R"({"config": {"my key": null}})", "config[\"my key\"]",
                 "expected a boolean, number or string, got null; config values are Juju option "
                 "values");
  expect_problem(R"({"resources": {"a.b": 1}})", "resources[\"a.b\"]",
                 "expected a string, got a number; resources map names to file paths");
}

TEST(JsonErrors, UnknownKeysSuggestTheClosestKnownOne) {
  expect_problem(R"({"leadr": true})", "leadr", "unknown key 'leadr'; did you mean 'leader'?");
  expect_problem(R"({"relations": [{"endpiont": "db", "endpoint": "db"}]})",
                 "relations[0].endpiont", "unknown key 'endpiont'; did you mean 'endpoint'?");
  expect_problem(R"({"containers": [{"name": "c", "layers": {"l": {"log_targets": {}}}}]})",
                 "containers[0].layers.l.log_targets",
                 "unknown key 'log_targets'; did you mean 'log-targets'?");
  const Problem far = only_problem(R"({"model": {"zzzzzz": 1}})");
  EXPECT_EQ(far.path, "model.zzzzzz");
  EXPECT_EQ(far.message, "unknown key 'zzzzzz'; expected one of: name, uuid, type");
}

TEST(JsonErrors, FieldOfAnotherRelationKindNamesTheKind) {
  expect_problem(R"({"relations": [{"endpoint": "db", "peers_data": {}}]})",
                 "relations[0].peers_data",
                 "not a field of a regular relation; use remote_units_data, or set kind to 'peer'");
  expect_problem(R"({"relations": [{"kind": "peer", "endpoint": "p", "remote_app_name": "x"}]})",
                 "relations[0].remote_app_name",
                 "not a field of a peer relation; a peer relation's remote app is this app; drop "
                 "it, or set kind to 'regular'");
  expect_problem(
      R"({"relations": [{"kind": "subordinate", "endpoint": "s", "remote_units_data": {}}]})",
      "relations[0].remote_units_data",
      "not a field of a subordinate relation; use remote_unit_id and remote_unit_data, or set "
      "kind to 'regular'");
}

TEST(JsonErrors, UnknownRelationKindIsTheOnlyComplaint) {
  expect_problem(R"({"relations": [{"kind": "peers", "endpoint": "p", "peers_data": {}}]})",
                 "relations[0].kind", "expected 'regular', 'peer' or 'subordinate', got 'peers'");
}

TEST(JsonErrors, MissingRequiredKeys) {
  expect_problem(R"({"relations": [{"interface": "pg"}]})", "relations[0]",
                 "missing required key 'endpoint'");
  expect_problem(R"({"containers": [{}]})", "containers[0]", "missing required key 'name'");
  expect_problem(R"({"secrets": [{"contents": {}}]})", "secrets[0]", "missing required key 'id'");
}

TEST(JsonErrors, SeveralProblemsAreReportedAtOnce) {
  const std::string text = R"({
      "leader": 1,
      "unit_id": -1,
      "relations": [{"endpoint": "db", "limit": "x", "bogus": 1}],
      "opened_ports": [{"protocol": "tcp"}],
      "app_status": {"name": "green"},
      "secrets": [{"id": "s", "rotate": "sometimes"}]})";
  const std::vector<Problem> problems = problems_of(text);
  EXPECT_EQ(problems.size(), 7u);
  try {
    state_from_json(text);
    FAIL() << "expected StateValidationError";
  } catch (const StateValidationError& error) {
    EXPECT_EQ(error.problems(), problems);
    EXPECT_NE(std::string(error.what()).find("(7 problems)"), std::string::npos);
  }
}

TEST(JsonErrors, InvalidPortsAndProtocols) {
  expect_problem(R"({"opened_ports": [{"protocol": "sctp", "port": 1}]})",
                 "opened_ports[0].protocol", "expected 'tcp', 'udp' or 'icmp', got 'sctp'");
  expect_problem(R"({"opened_ports": [{"protocol": "udp"}]})", "opened_ports[0]",
                 "missing required key 'port'; protocol 'udp' needs a port from 1 to 65535");
  expect_problem(R"({"opened_ports": [{"protocol": "icmp", "port": 8}]})", "opened_ports[0].port",
                 "not allowed with protocol 'icmp'; drop it or set it to null");
  expect_problem(R"({"opened_ports": [{"port": 70000}]})", "opened_ports[0].port",
                 "expected an integer from 1 to 65535, got 70000");
  expect_problem(R"({"opened_ports": [{"port": 0}]})", "opened_ports[0].port",
                 "expected an integer from 1 to 65535, got 0");
  EXPECT_TRUE(problems_of(R"({"opened_ports": [{"protocol": "icmp", "port": null}]})").empty());
}

TEST(JsonErrors, BadStatusName) {
  expect_problem(R"({"unit_status": {"name": "green", "message": ""}})", "unit_status.name",
                 "expected 'active', 'blocked', 'maintenance', 'waiting', 'unknown' or 'error', "
                 "got 'green'");
}

TEST(JsonErrors, NonIntegerUnitKey) {
  expect_problem(R"({"relations": [{"endpoint": "db", "remote_units_data": {"zero": {}}}]})",
                 "relations[0].remote_units_data.zero",
                 "expected a unit id (a decimal integer key such as \"0\" or \"42\"), got 'zero'");
  expect_problem(R"({"relations": [{"kind": "peer", "endpoint": "p", "peers_data": {"01": {}}}]})",
                 "relations[0].peers_data.01",
                 "expected a unit id (a decimal integer key such as \"0\" or \"42\"), got '01'");
  expect_problem(R"({"secrets": [{"id": "s", "contents": {"99999999999": {}}}]})",
                 "secrets[0].contents.99999999999",
                 "a revision number '99999999999' is out of range; expected at most 2147483647");
}

TEST(JsonErrors, DuplicateRelationIds) {
  expect_problem(
      R"({"relations": [{"endpoint": "a", "relation_id": 2},
                                   {"endpoint": "b", "relation_id": 2}]})",
      "relations[1].relation_id",
      "duplicate relation id 2; relations[0] has it too, and relation ids must be unique");
}

TEST(JsonErrors, DuplicateIdentitiesElsewhere) {
  expect_problem(R"({"storage": [{"name": "d", "index": 1}, {"name": "d", "index": 1}]})",
                 "storage[1].index", "duplicate storage 'd/1'; storage[0] has it too");
  expect_problem(R"({"containers": [{"name": "c"}, {"name": "c"}]})", "containers[1].name",
                 "duplicate container name 'c'; containers[0] has it too");
  expect_problem(R"({"secrets": [{"id": "s"}, {"id": "s"}]})", "secrets[1].id",
                 "duplicate secret id 's'; secrets[0] has it too");
}

TEST(JsonErrors, DuplicateObjectKeysInTheText) {
  const std::vector<Problem> problems = problems_of(
      R"({"leader": true, "relations": [{"endpoint": "a", "endpoint": "b"}], "leader": false})");
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].path, "relations[0].endpoint");
  EXPECT_EQ(problems[0].message, "duplicate key 'endpoint'; each key may appear once in an object");
  EXPECT_EQ(problems[1].path, "leader");
}

TEST(JsonErrors, HugeIntegersAreOutOfRange) {
  expect_problem(R"({"unit_id": 99999999999})", "unit_id",
                 "expected an integer from 0 to 2147483647, got 99999999999");
  expect_problem(R"({"planned_units": 18446744073709551615})", "planned_units",
                 "expected an integer from 0 to 2147483647, got 18446744073709551615");
  expect_problem(R"({"unit_id": 1000000000000000000000000000000})", "unit_id",
                 "expected an integer from 0 to 2147483647, got 1e+30");
  expect_problem(R"({"config": {"n": 9223372036854775808}})", "config.n",
                 "expected an integer from -9223372036854775808 to 9223372036854775807, got "
                 "9223372036854775808");
  expect_problem(R"({"unit_id": 1.5})", "unit_id", "expected an integer, got the number 1.5");
}

TEST(JsonErrors, SecretFieldValues) {
  expect_problem(R"({"secrets": [{"id": "s", "expire": "tomorrow"}]})", "secrets[0].expire",
                 "expected an RFC 3339 timestamp such as '2024-05-01T12:00:00Z', got 'tomorrow'");
  expect_problem(R"({"secrets": [{"id": "s", "expire": "2024-02-30T00:00:00Z"}]})",
                 "secrets[0].expire",
                 "expected an RFC 3339 timestamp such as '2024-05-01T12:00:00Z', got "
                 "'2024-02-30T00:00:00Z'");
  EXPECT_TRUE(problems_of(R"({"secrets": [{"id": "s", "expire": "2024-02-29t23:59:60.25+05:30"}]})")
                  .empty());
  expect_problem(R"({"secrets": [{"id": "s", "owner": "everyone"}]})", "secrets[0].owner",
                 "expected null, 'unit' or 'app', got 'everyone'");
  expect_problem(R"({"secrets": [{"id": "s", "granted": true}]})", "secrets[0].granted",
                 "expected false, 'unit' or 'app', got true");
  expect_problem(R"({"secrets": [{"id": "s", "rotate": "sometimes"}]})", "secrets[0].rotate",
                 "expected 'never', 'hourly', 'daily', 'weekly', 'monthly', 'quarterly' or "
                 "'yearly', got 'sometimes'");
  expect_problem(R"({"secrets": [{"id": "s", "remote_grants": {"x": []}}]})",
                 "secrets[0].remote_grants.x",
                 "expected a relation id (a decimal integer key such as \"0\" or \"42\"), got 'x'");
}

TEST(JsonErrors, PebbleLayerFieldsAreChecked) {
  const std::string text = R"({"containers": [{"name": "c", "layers": {"base": {
      "services": {"web": {"override": "replace", "comand": "x", "user-id": "root",
                           "startup": "on", "after": "db"},
                   "-bad": {"override": "merge"}},
      "checks": {"up": {"threshold": "3", "http": {"url": 1}, "tcp": {"prot": 80}}},
      "log-targets": {"loki": {"type": "graylog", "services": ["all", 1]}}}}}]})";
  const std::vector<Problem> problems = problems_of(text);
  const std::string base = "containers[0].layers.base";
  EXPECT_TRUE(has_problem(problems, base + ".services.web.comand",
                          "unknown key 'comand'; did you mean 'command'?"));
  EXPECT_TRUE(
      has_problem(problems, base + ".services.web.user-id", "expected an integer, got a string"));
  EXPECT_TRUE(has_problem(problems, base + ".services.web.startup",
                          "expected 'enabled', 'disabled' or '', got 'on'"));
  EXPECT_TRUE(
      has_problem(problems, base + ".services.web.after", "expected an array, got a string"));
  EXPECT_TRUE(has_problem(problems, base + ".services.-bad",
                          "invalid service name '-bad'; Pebble forbids empty names, 'pebble' and "
                          "names starting with '-'"));
  EXPECT_TRUE(
      has_problem(problems, base + ".checks.up.threshold", "expected an integer, got a string"));
  EXPECT_TRUE(
      has_problem(problems, base + ".checks.up.http.url", "expected a string, got a number"));
  EXPECT_TRUE(has_problem(problems, base + ".checks.up.tcp.prot",
                          "unknown key 'prot'; did you mean 'port'?"));
  EXPECT_TRUE(has_problem(problems, base + ".log-targets.loki.type",
                          "expected 'loki', 'opentelemetry' or 'syslog', got 'graylog'"));
  EXPECT_TRUE(has_problem(problems, base + ".log-targets.loki.services[1]",
                          "expected a string, got a number"));
  EXPECT_EQ(problems.size(), 10u);
}

TEST(JsonErrors, ContainerValues) {
  expect_problem(R"({"containers": [{"name": "c", "service_status": {"web": "running"}}]})",
                 "containers[0].service_status.web",
                 "expected 'active', 'inactive', 'error' or 'backoff', got 'running'");
  expect_problem(R"({"containers": [{"name": "c", "exec_mock": [{"command": []}]}]})",
                 "containers[0].exec_mock[0].command",
                 "expected at least one word; an exec mock matches a whole command line");
  expect_problem(R"({"containers": [{"name": "c", "exec_mock": {"ls": {}}}]})",
                 "containers[0].exec_mock", "expected an array, got an object");
  expect_problem(R"({"containers": [{"name": "c", "layers": {"pebble-x": {}}}]})",
                 "containers[0].layers.pebble-x",
                 "layer labels may not start with 'pebble-' (Pebble reserves them)");
}

TEST(JsonErrors, FormatVersionMustBeKnown) {
  expect_problem(R"({"format_version": 2})", "format_version",
                 "expected an integer from 1 to 1, got 2");
}

TEST(JsonErrors, IntKeysAreDecimalWithoutLeadingZeroAndFitAnInt) {
  EXPECT_EQ(parse_int_key("0"), 0);
  EXPECT_EQ(parse_int_key("42"), 42);
  EXPECT_EQ(parse_int_key("2147483647"), 2147483647);
  for (const char* bad : {"", "01", "-1", "+1", "4x", " 4", "2147483648", "99999999999"}) {
    EXPECT_EQ(parse_int_key(bad), std::nullopt) << bad;
  }
}

TEST(JsonErrors, ThrowingReadersCarryTheProblems) {
  EXPECT_THROW(state_from_json("{"), StateValidationError);
  EXPECT_THROW(state_from_json_value(Json::array()), StateValidationError);
  try {
    state_from_json(R"({"leader": 1})");
    FAIL() << "expected StateValidationError";
  } catch (const StateValidationError& error) {
    EXPECT_STREQ(error.what(), "invalid state: leader: expected a boolean, got a number");
  }
}

}  // namespace
}  // namespace scenario
