// SPDX-License-Identifier: Apache-2.0
// hooktools/hooktools_test_util.h: a charm spec, a State and a Session runner shared by
// the hook-tool tests.

#ifndef SCENARIO_TESTS_HOOKTOOLS_TEST_UTIL_H_
#define SCENARIO_TESTS_HOOKTOOLS_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "scenario/hooktools/session.h"

namespace scenario::testing {

/// A charm `myapp` declaring a bit of everything: endpoints db (requires), website
/// (provides), cluster (peers), info (subordinate requires); extra binding `metrics`;
/// config options with and without defaults; storage data (filesystem) and cache
/// (block); resource `software`; action `backup` with defaults.
inline const CharmSpec& test_spec() {
  static const CharmSpec spec = [] {
    CharmSpec s;
    s.name = "myapp";
    s.relations = {
        {"db", RelationRole::kRequires, "mysql"},
        {"website", RelationRole::kProvides, "http"},
        {"cluster", RelationRole::kPeers, "cluster"},
        {"info", RelationRole::kRequires, "juju-info", std::nullopt, "container"},
    };
    s.extra_bindings = {"metrics"};
    s.config = {
        {"name", ConfigType::kString, ConfigValue(std::string("world")), ""},
        {"port", ConfigType::kInt, ConfigValue(std::int64_t{8080}), ""},
        {"ratio", ConfigType::kFloat, ConfigValue(0.5), ""},
        {"debug", ConfigType::kBoolean, ConfigValue(false), ""},
        {"password", ConfigType::kSecret, std::nullopt, ""},
    };
    s.storage = {{"data", "filesystem"}, {"cache", "block"}};
    s.resources = {{"software", "file"}};
    ActionSpec backup;
    backup.name = "backup";
    backup.params = Json::parse(R"({
        "filename": {"type": "string", "default": "db.tgz"},
        "compress": {"type": "boolean", "default": true},
        "opts": {"type": "object", "properties": {"level": {"type": "integer", "default": 9}}}
    })");
    s.actions = {backup};
    return s;
  }();
  return spec;
}

/// Relations: db:1 (mysql, units 0 and 1), cluster:2 (peers 1 and 2), info:3
/// (subordinate of principal/5). The unit is myapp/0, not leader.
inline State test_state() {
  State state;
  Relation db = make_relation(RelationKind::kRegular, "db", 1);
  db.remote_app_name = "mysql";
  db.remote_units_data = {{0, {{"host", "10.0.0.1"}}}, {1, {}}};
  db.remote_app_data = {{"secret", "s3"}};
  db.local_unit_data = {{"mine", "yes"}};
  db.local_app_data = {{"app-key", "app-value"}};
  Relation cluster = make_relation(RelationKind::kPeer, "cluster", 2);
  cluster.remote_units_data = {{1, {{"peer", "one"}}}, {2, {}}};
  cluster.local_app_data = {{"shared", "yes"}};
  Relation info = make_relation(RelationKind::kSubordinate, "info", 3);
  info.remote_app_name = "principal";
  info.remote_units_data = {{5, {{"p", "v"}}}};
  state.relations = {db, cluster, info};
  return state;
}

/// Runs hook tools against one session and keeps the session for inspection.
class SessionRunner {
 public:
  explicit SessionRunner(State state = test_state(), Event event = {},
                         SessionConfig config = default_config())
      : session_(test_spec(), std::move(state), std::move(event), std::move(config)) {}

  static SessionConfig default_config() {
    SessionConfig config;
    config.app_name = "myapp";
    return config;
  }

  HookResult run(std::vector<std::string> argv, std::string_view stdin_text = {}) {
    return session_.run(argv, stdin_text);
  }
  /// Runs and expects success; returns stdout.
  std::string ok(std::vector<std::string> argv, std::string_view stdin_text = {}) {
    const HookResult result = run(argv, stdin_text);
    EXPECT_EQ(result.exit_code, 0) << "stderr: " << result.stderr_text;
    return result.stdout_text;
  }

  Session& session() { return session_; }
  const State& state() const { return session_.state(); }
  const SessionRecords& records() const { return session_.records(); }

 private:
  Session session_;
};

/// An Event on relation `relation_id` named `<endpoint>-relation-<kind>`.
inline Event relation_event(std::string endpoint, int relation_id, std::string kind,
                            std::optional<int> remote_unit = std::nullopt) {
  Event event;
  event.path = endpoint + "_relation_" + kind;
  event.relation_id = relation_id;
  event.remote_unit_id = remote_unit;
  return event;
}

/// A failure with `exit_code` whose stderr is exactly `ERROR <message>\n`.
inline void expect_error(const HookResult& result, int exit_code, std::string_view message) {
  EXPECT_EQ(result.exit_code, exit_code);
  EXPECT_EQ(result.stderr_text, "ERROR " + std::string(message) + "\n");
  EXPECT_EQ(result.stdout_text, "");
}

}  // namespace scenario::testing

#endif  // SCENARIO_TESTS_HOOKTOOLS_TEST_UTIL_H_
