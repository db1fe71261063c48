// SPDX-License-Identifier: Apache-2.0
// hooktools/relation_tools_test.cc: relation-ids, relation-list, relation-get,
// relation-set and relation-model-get in the argv forms A (ops 2.10-3.3), B (3.4-3.7)
// and C (3.8: `-r endpoint:id`).

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "hooktools_test_util.h"

namespace scenario {
namespace {

using testing::expect_error;
using testing::relation_event;
using testing::SessionRunner;
using testing::test_state;

State leader_state() {
  State state = test_state();
  state.leader = true;
  return state;
}

TEST(RelationIds, ListsStateRelationsOnEndpoint) {
  State state = test_state();
  state.relations.push_back(make_relation(RelationKind::kRegular, "db", 7));
  SessionRunner runner(state);
  EXPECT_EQ(runner.ok({"relation-ids", "db", "--format=json"}), "[\"db:1\",\"db:7\"]\n");
  EXPECT_EQ(runner.ok({"relation-ids", "--format=json", "db"}), "[\"db:1\",\"db:7\"]\n");
  EXPECT_EQ(runner.ok({"relation-ids", "db"}), "db:1\ndb:7\n");
  EXPECT_EQ(runner.ok({"relation-ids", "cluster", "--format=json"}), "[\"cluster:2\"]\n");
}

TEST(RelationIds, SortedAsTextNotInStateOrder) {
  // Juju: relation-ids.go sorts the `name:id` strings with sort.Strings.
  State state = test_state();
  state.relations.push_back(make_relation(RelationKind::kRegular, "db", 9));
  state.relations.push_back(make_relation(RelationKind::kRegular, "db", 10));
  state.relations.push_back(make_relation(RelationKind::kRegular, "db", 2));
  SessionRunner runner(state);
  EXPECT_EQ(runner.ok({"relation-ids", "db", "--format=json"}),
            "[\"db:1\",\"db:10\",\"db:2\",\"db:9\"]\n");
  EXPECT_EQ(runner.ok({"relation-ids", "db"}), "db:1\ndb:10\ndb:2\ndb:9\n");
}

TEST(RelationIds, UnknownOrEmptyEndpointListsNothing) {
  SessionRunner runner;
  EXPECT_EQ(runner.ok({"relation-ids", "website", "--format=json"}), "[]\n");
  EXPECT_EQ(runner.ok({"relation-ids", "nope", "--format=json"}), "[]\n");
  EXPECT_EQ(runner.ok({"relation-ids", "nope"}), "");
}

TEST(RelationIds, DefaultsToHookRelation) {
  SessionRunner in_hook(test_state(), relation_event("db", 1, "changed", 0));
  EXPECT_EQ(in_hook.ok({"relation-ids", "--format=json"}), "[\"db:1\"]\n");
  SessionRunner outside;
  expect_error(outside.run({"relation-ids", "--format=json"}), 2, "no relation name specified");
}

TEST(RelationList, RegularFormsABC) {
  SessionRunner runner;
  const std::string units = "[\"mysql/0\",\"mysql/1\"]\n";
  EXPECT_EQ(runner.ok({"relation-list", "-r", "1", "--format=json"}), units);     // A
  EXPECT_EQ(runner.ok({"relation-list", "--format=json", "-r", "1"}), units);     // B
  EXPECT_EQ(runner.ok({"relation-list", "--format=json", "-r", "db:1"}), units);  // C
  EXPECT_EQ(runner.ok({"relation-list", "-r", "1", "--app", "--format=json"}), "\"mysql\"\n");
  EXPECT_EQ(runner.ok({"relation-list", "--format=json", "--app", "-r", "db:1"}), "\"mysql\"\n");
  EXPECT_EQ(runner.ok({"relation-list", "-r", "1"}), "mysql/0\nmysql/1\n");
}

TEST(RelationList, SortsUnitNamesAsText) {
  // Juju: RelationCache.MemberNames uses sort.Strings.
  State state = test_state();
  state.relations[0].remote_units_data = {{9, {}}, {10, {}}, {2, {}}};
  state.relations[1].remote_units_data = {{12, {}}, {3, {}}};
  SessionRunner runner(state);
  EXPECT_EQ(runner.ok({"relation-list", "-r", "1", "--format=json"}),
            "[\"mysql/10\",\"mysql/2\",\"mysql/9\"]\n");
  EXPECT_EQ(runner.ok({"relation-list", "-r", "1"}), "mysql/10\nmysql/2\nmysql/9\n");
  EXPECT_EQ(runner.ok({"relation-list", "-r", "2", "--format=json"}),
            "[\"myapp/12\",\"myapp/3\"]\n");
}

TEST(RelationList, SortsAnyUnitIdsAsTheirNamesText) {
  // Every length of id, the ones a prefix of others, the int's ends, and negative ids
  // (which only a State built in C++ can hold): the order of the names as bytes.
  std::vector<int> ids = {0,         1,          2,          9,           10,  11,
                          19,        20,         99,         100,         101, 1000,
                          21474836,  214748364,  999999999,  1000000000,  -1,  -10,
                          -2,        2147483647, 2147483646, -2147483648, 3};
  for (int id = 0; id < 1000; ++id) ids.push_back(id * 7);
  State state = test_state();
  state.relations[0].remote_units_data.clear();
  std::vector<std::string> names;
  for (const int id : ids) {
    if (state.relations[0].remote_units_data.emplace(id, Databag{}).second) {
      names.push_back("mysql/" + std::to_string(id));
    }
  }
  std::sort(names.begin(), names.end());
  std::string expected = "[";
  for (const std::string& name : names) {
    expected += (expected.size() > 1 ? ",\"" : "\"") + name + "\"";
  }
  expected += "]\n";
  SessionRunner runner(state);
  EXPECT_EQ(runner.ok({"relation-list", "-r", "1", "--format=json"}), expected);
}

TEST(RelationList, PeerAndSubordinate) {
  SessionRunner runner;
  EXPECT_EQ(runner.ok({"relation-list", "-r", "2", "--format=json"}),
            "[\"myapp/1\",\"myapp/2\"]\n");
  EXPECT_EQ(runner.ok({"relation-list", "-r", "2", "--app", "--format=json"}), "\"myapp\"\n");
  EXPECT_EQ(runner.ok({"relation-list", "-r", "info:3", "--format=json"}), "[\"principal/5\"]\n");
  EXPECT_EQ(runner.ok({"relation-list", "-r", "3", "--app", "--format=json"}), "\"principal\"\n");
}

TEST(RelationList, DepartingUnitHasLeftScope) {
  SessionRunner runner(test_state(), relation_event("db", 1, "departed", 1));
  EXPECT_EQ(runner.ok({"relation-list", "--format=json"}), "[\"mysql/0\"]\n");
  // Its databag stays readable during the hook.
  EXPECT_EQ(runner.ok({"relation-get", "--format=json", "-", "mysql/1"}), "{}\n");
}

TEST(RelationList, ImpliedDepartingUnitStaysListed) {
  // The test named no remote unit: the first was chosen for JUJU_REMOTE_UNIT, and the
  // State's units are taken as they are after the departure.
  Event event = relation_event("db", 1, "departed", 0);
  event.remote_unit_implied = true;
  SessionRunner runner(test_state(), event);
  EXPECT_EQ(runner.ok({"relation-list", "--format=json"}), "[\"mysql/0\",\"mysql/1\"]\n");
  // With none chosen at all (as the CLI leaves it) the State's units are listed too.
  SessionRunner unnamed(test_state(), relation_event("db", 1, "departed"));
  EXPECT_EQ(unnamed.ok({"relation-list", "--format=json"}), "[\"mysql/0\",\"mysql/1\"]\n");
}

TEST(RelationList, Errors) {
  SessionRunner runner;
  expect_error(runner.run({"relation-list", "-r", "9", "--format=json"}), 2,
               "invalid value \"9\" for option -r: relation not found");
  expect_error(runner.run({"relation-list", "--format=json", "-r", "db:9"}), 2,
               "invalid value \"db:9\" for option -r: relation not found");
  expect_error(runner.run({"relation-list", "--relation", "x"}), 2,
               "invalid value \"x\" for option --relation: invalid relation id");
  expect_error(runner.run({"relation-list", "--format=json"}), 2, "no relation id specified");
  expect_error(runner.run({"relation-list", "-r", "1", "extra"}), 2,
               "unrecognized args: [\"extra\"]");
}

TEST(RelationGet, RemoteUnitFormsABC) {
  SessionRunner runner;
  const std::string data = "{\"host\":\"10.0.0.1\"}\n";
  EXPECT_EQ(runner.ok({"relation-get", "-r", "1", "-", "mysql/0", "--format=json"}), data);
  EXPECT_EQ(runner.ok({"relation-get", "--format=json", "-r", "1", "-", "mysql/0"}), data);
  EXPECT_EQ(runner.ok({"relation-get", "--format=json", "-r", "db:1", "-", "mysql/0"}), data);
  EXPECT_EQ(runner.ok({"relation-get", "-r", "1", "-", "mysql/1", "--format=json"}), "{}\n");
}

TEST(RelationGet, RemoteAppFormsAB) {
  SessionRunner runner;
  const std::string data = "{\"secret\":\"s3\"}\n";
  EXPECT_EQ(runner.ok({"relation-get", "-r", "1", "-", "mysql", "--app", "--format=json"}), data);
  EXPECT_EQ(runner.ok({"relation-get", "--format=json", "-r", "1", "--app", "-", "mysql"}), data);
  // With --app a unit name stands for its application.
  EXPECT_EQ(runner.ok({"relation-get", "--format=json", "-r", "1", "--app", "-", "mysql/0"}), data);
}

TEST(RelationGet, LocalDatabags) {
  SessionRunner follower;
  EXPECT_EQ(follower.ok({"relation-get", "--format=json", "-r", "1", "-", "myapp/0"}),
            "{\"mine\":\"yes\"}\n");
  expect_error(follower.run({"relation-get", "--format=json", "-r", "1", "--app", "-", "myapp"}), 1,
               "permission denied");
  SessionRunner leader(leader_state());
  EXPECT_EQ(leader.ok({"relation-get", "--format=json", "-r", "1", "--app", "-", "myapp"}),
            "{\"app-key\":\"app-value\"}\n");
}

TEST(RelationGet, PeerDatabags) {
  SessionRunner follower;
  // Every unit reads the peer application databag.
  EXPECT_EQ(follower.ok({"relation-get", "--format=json", "-r", "2", "--app", "-", "myapp"}),
            "{\"shared\":\"yes\"}\n");
  EXPECT_EQ(follower.ok({"relation-get", "--format=json", "-r", "2", "-", "myapp/1"}),
            "{\"peer\":\"one\"}\n");
}

TEST(RelationGet, Subordinate) {
  SessionRunner runner;
  EXPECT_EQ(runner.ok({"relation-get", "--format=json", "-r", "3", "-", "principal/5"}),
            "{\"p\":\"v\"}\n");
  EXPECT_EQ(runner.ok({"relation-get", "--format=json", "-r", "3", "--app", "-", "principal"}),
            "{}\n");
}

TEST(RelationGet, SingleKey) {
  SessionRunner runner;
  EXPECT_EQ(runner.ok({"relation-get", "--format=json", "-r", "1", "host", "mysql/0"}),
            "\"10.0.0.1\"\n");
  EXPECT_EQ(runner.ok({"relation-get", "-r", "1", "host", "mysql/0"}), "10.0.0.1\n");
  EXPECT_EQ(runner.ok({"relation-get", "--format=json", "-r", "1", "nope", "mysql/0"}), "null\n");
  EXPECT_EQ(runner.ok({"relation-get", "-r", "1", "nope", "mysql/0"}), "");
}

TEST(RelationGet, DefaultsFromTheHook) {
  SessionRunner changed(test_state(), relation_event("db", 1, "changed", 0));
  EXPECT_EQ(changed.ok({"relation-get", "--format=json", "host"}), "\"10.0.0.1\"\n");
  EXPECT_EQ(changed.ok({"relation-get", "--format=json"}), "{\"host\":\"10.0.0.1\"}\n");
  EXPECT_EQ(changed.ok({"relation-get", "--format=json", "--app"}), "{\"secret\":\"s3\"}\n");
  // Without a remote unit (relation-broken) the remote application is the default.
  SessionRunner broken(test_state(), relation_event("db", 1, "broken"));
  EXPECT_EQ(broken.ok({"relation-get", "--format=json", "-"}), "{\"secret\":\"s3\"}\n");
  SessionRunner outside;
  expect_error(outside.run({"relation-get", "-r", "1", "-"}), 2,
               "no unit or application specified");
}

TEST(RelationGet, Errors) {
  SessionRunner runner;
  expect_error(runner.run({"relation-get", "--format=json", "-r", "9", "-", "mysql/0"}), 2,
               "invalid value \"9\" for option -r: relation not found");
  expect_error(runner.run({"relation-get", "--format=json", "-r", "1", "-", "mysql/7"}), 1,
               "cannot read settings for unit \"mysql/7\" in relation \"db:1\": settings not "
               "found");
  expect_error(runner.run({"relation-get", "--format=json", "-r", "1", "-", "other/0"}), 1,
               "cannot read settings for unit \"other/0\" in relation \"db:1\": settings not "
               "found");
  expect_error(runner.run({"relation-get", "--format=json", "-r", "1", "--app", "-", "other"}), 1,
               "cannot read settings for application \"other\" in relation \"db:1\": settings "
               "not found");
  expect_error(runner.run({"relation-get", "-r", "1", "-", "mysql/0", "extra"}), 2,
               "unrecognized args: [\"extra\"]");
  expect_error(runner.run({"relation-get", "-", "mysql/0"}), 2, "no relation id specified");
}

TEST(RelationSet, UnitDatabagFromYamlStdinAndReadBack) {
  SessionRunner runner;
  // ops 2.10-3.3 send YAML (safe_dump).
  runner.ok({"relation-set", "-r", "1", "--file", "-"}, "a: b\nport: 5432\nflag: yes\n");
  EXPECT_EQ(runner.state().relations[0].local_unit_data,
            (Databag{{"a", "b"}, {"flag", "yes"}, {"mine", "yes"}, {"port", "5432"}}));
  EXPECT_EQ(runner.ok({"relation-get", "--format=json", "-r", "1", "-", "myapp/0"}),
            "{\"a\":\"b\",\"flag\":\"yes\",\"mine\":\"yes\",\"port\":\"5432\"}\n");
}

TEST(RelationSet, InputStateKeepsWhatTheSessionWasOpenedWith) {
  SessionRunner runner;
  runner.ok({"relation-set", "-r", "1", "a=b"});
  EXPECT_EQ(runner.session().input_state(), test_state());
  EXPECT_NE(runner.state(), test_state());
}

TEST(RelationSet, JsonStdinAndEmptyValueDeletes) {
  SessionRunner runner;
  // ops 3.4+ send JSON; C uses endpoint:id.
  runner.ok({"relation-set", "-r", "db:1", "--file", "-"},
            "{\"mine\": \"\", \"emoji\": \"\\ud83d\\ude00\", \"n\": 3}");
  EXPECT_EQ(runner.state().relations[0].local_unit_data,
            (Databag{{"emoji", "\xF0\x9F\x98\x80"}, {"n", "3"}}));
}

TEST(RelationSet, KeyValueArgumentsOverrideTheFile) {
  SessionRunner runner;
  runner.ok({"relation-set", "-r", "1", "a=1", "mine=", "--file", "-", " b = 2 "},
            "a: from-file\nc: 3\n");
  EXPECT_EQ(runner.state().relations[0].local_unit_data,
            (Databag{{"a", "1"}, {"b", "2"}, {"c", "3"}}));
}

TEST(RelationSet, FileFromDisk) {
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() /
      ("scenario-relation-set-test-" + std::to_string(::getpid()) + ".yaml");
  std::ofstream(path) << "k: v\n";
  SessionRunner runner;
  runner.ok({"relation-set", "-r", "1", "--file", path.string()});
  std::filesystem::remove(path);
  EXPECT_EQ(runner.state().relations[0].local_unit_data.at("k"), "v");
  expect_error(runner.run({"relation-set", "-r", "1", "--file", "/nonexistent/x.yaml"}), 1,
               "open /nonexistent/x.yaml: no such file or directory");
}

TEST(RelationSet, AppDatabagNeedsLeadership) {
  SessionRunner follower;
  expect_error(follower.run({"relation-set", "-r", "1", "--app", "--file", "-"}, "a: b\n"), 1,
               "cannot write relation settings");
  EXPECT_EQ(follower.state().relations[0].local_app_data, (Databag{{"app-key", "app-value"}}));
  SessionRunner leader(leader_state());
  leader.ok({"relation-set", "-r", "1", "--app", "--file", "-"},
            "{\"app-key\": \"\", \"x\": \"y\"}");
  EXPECT_EQ(leader.state().relations[0].local_app_data, (Databag{{"x", "y"}}));
  EXPECT_EQ(leader.ok({"relation-get", "--format=json", "-r", "1", "--app", "-", "myapp"}),
            "{\"x\":\"y\"}\n");
}

TEST(RelationSet, Errors) {
  SessionRunner runner;
  expect_error(runner.run({"relation-set", "-r", "9", "a=b"}), 2,
               "invalid value \"9\" for option -r: relation not found");
  expect_error(runner.run({"relation-set", "-r", "1", "novalue"}), 2,
               "expected \"key=value\", got \"novalue\"");
  expect_error(runner.run({"relation-set", "-r", "1", "a=1", "a=2"}), 2,
               "key \"a\" specified more than once");
  expect_error(runner.run({"relation-set", "-r", "1", "--file", "-"}, "a: {b: c}\n"), 1,
               "yaml: unmarshal errors:\n  line 1: cannot unmarshal !!map into string");
  expect_error(runner.run({"relation-set", "-r", "1", "--file", "-"}, "- a\n- b\n"), 1,
               "yaml: unmarshal errors:\n  line 1: cannot unmarshal !!seq into "
               "map[string]string");
  const HookResult bad_yaml = runner.run({"relation-set", "-r", "1", "--file", "-"}, "a: [b\n");
  EXPECT_EQ(bad_yaml.exit_code, 1);
  EXPECT_EQ(bad_yaml.stderr_text.rfind("ERROR yaml: line ", 0), 0u) << bad_yaml.stderr_text;
  expect_error(runner.run({"relation-set", "a=b"}), 2, "no relation id specified");
  EXPECT_EQ(runner.state().relations[0].local_unit_data, (Databag{{"mine", "yes"}}));
}

// go-yaml reads a --file as YAML characters first: text that is not UTF-8, or holds a
// control character, fails with its reader's message and changes nothing.
TEST(RelationSet, FileMustBeYamlText) {
  SessionRunner runner;
  const auto refused = [&](const std::string& text, const std::string& message) {
    SCOPED_TRACE(::testing::PrintToString(text));
    expect_error(runner.run({"relation-set", "-r", "1", "--file", "-"}, text), 1,
                 "yaml: " + message);
  };
  refused("k: caf\xe9 au lait\n", "invalid trailing UTF-8 octet");  // Latin-1
  refused("k: caf\xe9\n", "incomplete UTF-8 octet sequence");       // 3 bytes announced, 2 left
  refused("k: \xff\n", "invalid leading UTF-8 octet");
  refused("k: \x80\n", "invalid leading UTF-8 octet");
  refused("k: v\xe2\x82", "incomplete UTF-8 octet sequence");
  refused("k: \xc0\xaf\n", "invalid length of a UTF-8 sequence");
  refused("k: \xed\xa0\x80\n", "invalid Unicode character");      // a surrogate
  refused("k: \xf5\x80\x80\x80\n", "invalid Unicode character");  // past U+10FFFF
  refused(std::string("k: a\0b\n", 7), "control characters are not allowed");
  refused("k: \x7f\n", "control characters are not allowed");
  refused("k: \xc2\x80\n", "control characters are not allowed");      // C1
  refused("k: \xef\xbf\xbe\n", "control characters are not allowed");  // U+FFFE
  refused("{\"k\": \"\x7f\"}", "control characters are not allowed");  // JSON too
  EXPECT_EQ(runner.state().relations[0].local_unit_data, (Databag{{"mine", "yes"}}));
  // UTF-16, after its byte order mark, is checked the same way.
  refused(std::string("\xff\xfek\0:\0 \0a\0\x01\0", 12), "control characters are not allowed");
  refused(std::string("\xfe\xff\0k\xdc\0", 6), "unexpected low surrogate area");
  refused(std::string("\xff\xfek\0\x00\xd8"
                      "A\0",
                      8),
          "expected low surrogate area");
  refused(std::string("\xff\xfek\0\x00\xd8", 6), "incomplete UTF-16 surrogate pair");
  refused(std::string("\xff\xfek\0k", 5), "incomplete UTF-16 character");
  // A byte order mark, tabs, carriage returns and characters past the controls read.
  runner.ok({"relation-set", "-r", "1", "--file", "-"},
            "\xef\xbb\xbfk: \"caf\xc3\xa9\t\xf0\x9f\x98\x80\"\r\n");
  EXPECT_EQ(runner.state().relations[0].local_unit_data.at("k"), "caf\xc3\xa9\t\xf0\x9f\x98\x80");
  // JSON with a nested value, or a syntax error, is the YAML reader's to report, with
  // its line.
  expect_error(
      runner.run({"relation-set", "-r", "1", "--file", "-"}, "{\"a\":\n 1,\n \"b\": [1]\n}"), 1,
      "yaml: unmarshal errors:\n  line 3: cannot unmarshal !!seq into string");
  const HookResult truncated =
      runner.run({"relation-set", "-r", "1", "--file", "-"}, "{\"a\": {\"b\": 1}, \"c\": ");
  EXPECT_EQ(truncated.exit_code, 1);
  EXPECT_EQ(truncated.stderr_text.rfind("ERROR yaml: line ", 0), 0u) << truncated.stderr_text;
  // A number in JSON is kept as written, as go-yaml keeps it.
  runner.ok({"relation-set", "-r", "1", "--file", "-"}, "{\"n\": 1.50, \"e\": 1e3}");
  EXPECT_EQ(runner.state().relations[0].local_unit_data.at("n"), "1.50");
  EXPECT_EQ(runner.state().relations[0].local_unit_data.at("e"), "1e3");
}

TEST(RelationSet, DefaultsToHookRelation) {
  SessionRunner runner(test_state(), relation_event("cluster", 2, "joined", 1));
  runner.ok({"relation-set", "k=v"});
  EXPECT_EQ(runner.state().relations[1].local_unit_data, (Databag{{"k", "v"}}));
}

TEST(RelationModelGet, FormsABC) {
  SessionRunner runner;
  const std::string expected = "{\"uuid\":\"00000000-0000-4000-8000-000000000000\"}\n";
  EXPECT_EQ(runner.ok({"relation-model-get", "-r", "1", "--format=json"}), expected);
  EXPECT_EQ(runner.ok({"relation-model-get", "--format=json", "-r", "1"}), expected);
  EXPECT_EQ(runner.ok({"relation-model-get", "--format=json", "-r", "db:1"}), expected);
  expect_error(runner.run({"relation-model-get", "--format=json", "-r", "4"}), 2,
               "invalid value \"4\" for option -r: relation not found");
}

}  // namespace
}  // namespace scenario
