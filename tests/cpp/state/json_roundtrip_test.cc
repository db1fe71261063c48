// SPDX-License-Identifier: Apache-2.0
// state/json_roundtrip_test.cc: writing and reading State documents loses nothing.

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "scenario/state/json.h"

namespace scenario {
namespace {

std::string read_data_file(const std::string& name) {
  std::ifstream in(std::string(SCENARIO_TEST_DATA_DIR) + "/state/" + name);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// A State in which every field of every object differs from its default.
State everything_state() {
  State state;
  state.config = {{"flag", true},
                  {"count", std::int64_t{9007199254740993}},
                  {"ratio", 2.0},
                  {"name", std::string("x")},
                  {"my key", std::string("spaced")}};

  Relation regular = make_relation(RelationKind::kRegular, "db", 3);
  regular.interface = "pgsql";
  regular.local_app_data = {{"a", "1"}};
  regular.local_unit_data = {{"b", "2"}};
  regular.remote_app_name = "postgresql";
  regular.remote_app_data = {{"c", "3"}};
  regular.remote_units_data = {{0, {{"d", "4"}}}, {4, {}}};
  regular.limit = 2;
  Relation peer = make_relation(RelationKind::kPeer, "cluster", 4);
  peer.interface = "cluster";
  peer.local_app_data = {{"leader", "me"}};
  peer.remote_units_data = {{1, {{"x", "y"}}}, {2, {}}};
  Relation subordinate = make_relation(RelationKind::kSubordinate, "juju-info", 5);
  subordinate.interface = "juju-info";
  subordinate.remote_app_name = "ubuntu";
  subordinate.remote_app_data = {{"p", "q"}};
  subordinate.remote_units_data = {{6, {{"host", "h"}}}};
  state.relations = {regular, peer, subordinate};

  Network network = make_default_network("db");
  network.bind_addresses[0].interface_name = "eth0";
  network.bind_addresses[0].mac_address = "00:11:22:33:44:55";
  network.bind_addresses[0].addresses[0] = Address{"host", "10.0.0.2", "10.0.0.0/24", "10.0.0.2"};
  state.networks = {network};

  Container container;
  container.name = "workload";
  container.can_connect = true;
  Layer layer;
  layer.summary = "base";
  layer.description = "the base layer";
  layer.services["web"] = Json::parse(R"({
      "override": "replace", "command": "/bin/web --port 80", "summary": "s",
      "description": "d", "startup": "enabled", "after": ["db"], "before": ["x"],
      "requires": ["db"], "environment": {"A": "1"}, "user": "u", "user-id": 1000,
      "group": "g", "group-id": 1000, "working-dir": "/srv", "on-success": "ignore",
      "on-failure": "restart", "on-check-failure": {"up": "restart"},
      "backoff-delay": "1s", "backoff-factor": 1.5, "backoff-limit": "10s",
      "kill-delay": "3s"})");
  layer.checks["up"] = Json::parse(R"({
      "override": "merge", "level": "alive", "startup": "enabled", "period": "5s",
      "timeout": "1s", "threshold": 5, "http": {"url": "http://localhost/", "headers": {"A": "b"}}})");
  layer.checks["port"] = Json::parse(R"({"override": "merge", "tcp": {"port": 80, "host": "h"}})");
  layer.checks["cmd"] = Json::parse(R"({"override": "merge", "exec": {"command": "true",
      "service-context": "web", "environment": {"A": "1"}, "user": "u", "user-id": 1,
      "group": "g", "group-id": 1, "working-dir": "/"}})");
  layer.log_targets["loki"] = Json::parse(R"({"override": "merge", "type": "loki",
      "location": "http://loki/", "services": ["all"], "labels": {"env": "test"}})");
  container.layers["base"] = layer;
  container.service_status = {{"web", ServiceStatus::kActive},
                              {"a", ServiceStatus::kInactive},
                              {"b", ServiceStatus::kError},
                              {"c", ServiceStatus::kBackoff}};
  container.mounts["data"] = Mount{"/var/data", "/tmp/data"};
  container.exec_mock = {ExecMock{{"ls", "-l"}, ExecOutput{1, "out", "err"}}};
  state.containers = {container};

  state.storage = {Storage{"data", 1}, Storage{"logs", 4}};
  state.opened_ports = {Port{"tcp", 80}, Port{"udp", 53}, Port{"icmp", std::nullopt}};
  state.leader = true;
  state.model = Model{"prod", "11111111-2222-4333-8444-555555555555", "lxd"};

  Secret owned;
  owned.id = "secret:owned";
  owned.contents = {{1, {{"password", "a"}}}, {2, {{"password", "b"}}}};
  owned.owner = SecretOwner::kApp;
  owned.revision = 2;
  owned.remote_grants = {{3, {"postgresql", "postgresql/0"}}};
  owned.label = "pw";
  owned.description = "db password";
  owned.expire = "2030-01-01T00:00:00Z";
  owned.rotate = SecretRotate::kMonthly;
  Secret granted;
  granted.id = "secret:granted";
  granted.granted = SecretGrant::kUnit;
  state.secrets = {owned, granted};

  state.resources = {{"image", "/tmp/image.tar"}};
  state.planned_units = 3;
  state.unit_id = 2;
  state.deferred = {
      DeferredEvent{"MyCharm/on/update_status[1]", "MyCharm", "_on_update_status", Json{{"a", 1}}}};
  StoredState stored;
  stored.owner_path = "MyCharm";
  stored.name = "_state";
  stored.content = Json::parse(R"({"n": 1, "t": {"__scenario__": "tuple", "items": [1, 2]}})");
  stored.data_type_name = "OtherData";
  state.stored_state = {stored};
  state.app_status = Status{"active", "ready"};
  state.unit_status = Status{"blocked", "waiting for db"};
  state.workload_version = "1.2.3";
  return state;
}

TEST(JsonRoundTrip, EverythingSurvivesWriteThenRead) {
  const State state = everything_state();
  EXPECT_EQ(state_from_json(state_to_json(state)), state);
  EXPECT_EQ(state_from_json_value(state_to_json_value(state)), state);
  EXPECT_EQ(state_from_json(state_to_json(state, -1)), state);
}

TEST(JsonRoundTrip, EverythingStateSetsEveryTopLevelKey) {
  const Json written = state_to_json_value(everything_state());
  const Json defaults = state_to_json_value(State{});
  ASSERT_EQ(written.size(), 18u);
  for (const auto& [key, value] : written.items()) {
    if (key == "format_version") continue;
    EXPECT_NE(value, defaults.at(key)) << key << " keeps its default in the fixture";
  }
}

TEST(JsonRoundTrip, WriteOfReadIsAFixedPoint) {
  const std::string first = state_to_json(everything_state());
  const std::string second = state_to_json(state_from_json(first));
  EXPECT_EQ(first, second);
}

TEST(JsonRoundTrip, DefaultStateRoundTrips) {
  const State state;
  EXPECT_EQ(state_from_json(state_to_json(state)), state);
  const Json written = state_to_json_value(state);
  EXPECT_EQ(written.at("format_version"), 1);
  EXPECT_EQ(written.at("planned_units"), 1);
  EXPECT_EQ(written.at("unit_status"), (Json{{"name", "unknown"}, {"message", ""}}));
}

TEST(JsonRoundTrip, RelationKindsUseTheirPythonFieldNames) {
  const Json written = state_to_json_value(everything_state());
  const Json& relations = written.at("relations");
  EXPECT_EQ(relations[0].at("kind"), "regular");
  EXPECT_TRUE(relations[0].contains("remote_units_data"));
  EXPECT_EQ(relations[1].at("kind"), "peer");
  EXPECT_EQ(relations[1].at("peers_data").at("1").at("x"), "y");
  EXPECT_FALSE(relations[1].contains("remote_app_name"));
  EXPECT_EQ(relations[2].at("kind"), "subordinate");
  EXPECT_EQ(relations[2].at("remote_unit_id"), 6);
  EXPECT_EQ(relations[2].at("remote_unit_data").at("host"), "h");
  EXPECT_FALSE(relations[2].contains("remote_units_data"));
}

TEST(JsonRoundTrip, ConfigKeepsIntAndFloatApart) {
  const State state =
      state_from_json(R"({"config": {"i": 2, "f": 2.0, "big": -9223372036854775808}})");
  EXPECT_EQ(state.config.at("i"), ConfigValue(std::int64_t{2}));
  EXPECT_EQ(state.config.at("f"), ConfigValue(2.0));
  EXPECT_EQ(state.config.at("big"), ConfigValue(INT64_MIN));
  EXPECT_EQ(state_to_json_value(state).at("config").at("f").dump(), "2.0");
}

TEST(JsonRoundTrip, SecretOwnerAndGrantSpellings) {
  const State state = state_from_json(R"({"secrets": [
      {"id": "a", "owner": "application", "granted": null},
      {"id": "b", "owner": null, "granted": "app"},
      {"id": "c", "owner": "unit", "granted": false}]})");
  EXPECT_EQ(state.secrets[0].owner, SecretOwner::kApp);
  EXPECT_EQ(state.secrets[1].granted, SecretGrant::kApp);
  EXPECT_EQ(state.secrets[2].owner, SecretOwner::kUnit);
  const Json written = state_to_json_value(state);
  EXPECT_EQ(written["secrets"][0]["owner"], "app");
  EXPECT_EQ(written["secrets"][0]["granted"], false);
  EXPECT_TRUE(written["secrets"][1]["owner"].is_null());
}

TEST(JsonDefaults, EmptyObjectIsTheDefaultState) {
  EXPECT_EQ(state_from_json("{}"), State{});
  EXPECT_EQ(state_from_json(R"({"format_version": 1})"), State{});
}

TEST(JsonDefaults, MissingKeysTakeConstructorDefaults) {
  const State state = state_from_json(R"({
      "relations": [{"endpoint": "db"}, {"kind": "peer", "endpoint": "p"},
                    {"kind": "subordinate", "endpoint": "s"}],
      "containers": [{"name": "c"}],
      "secrets": [{"id": "s"}],
      "stored_state": [{}],
      "opened_ports": [{"port": 8080}],
      "networks": [{"name": "n"}],
      "app_status": {}})");
  Relation regular = make_relation(RelationKind::kRegular, "db", 1);
  EXPECT_EQ(state.relations[0], regular);
  EXPECT_EQ(state.relations[1], make_relation(RelationKind::kPeer, "p", 2));
  EXPECT_EQ(state.relations[2], make_relation(RelationKind::kSubordinate, "s", 3));
  EXPECT_EQ(state.containers[0], Container{.name = "c"});
  EXPECT_EQ(state.secrets[0], Secret{.id = "s"});
  EXPECT_EQ(state.stored_state[0], StoredState{});
  EXPECT_EQ(state.opened_ports[0], (Port{"tcp", 8080}));
  EXPECT_EQ(state.networks[0], Network{.name = "n"});
  EXPECT_EQ(state.app_status, Status{});
}

TEST(JsonDefaults, RelationIdsAreAssignedAfterTheLargestGivenOne) {
  const State state = state_from_json(R"({"relations": [
      {"endpoint": "a"}, {"endpoint": "b", "relation_id": 5}, {"endpoint": "c"},
      {"endpoint": "d", "relation_id": 0}]})");
  ASSERT_EQ(state.relations.size(), 4u);
  EXPECT_EQ(state.relations[0].relation_id, 6);
  EXPECT_EQ(state.relations[1].relation_id, 5);
  EXPECT_EQ(state.relations[2].relation_id, 7);
  EXPECT_EQ(state.relations[3].relation_id, 0);
  EXPECT_EQ(state_from_json(R"({"relations": [{"endpoint": "a"}]})").relations[0].relation_id, 1);
}

TEST(JsonDefaults, StorageIndexesAreAssignedPerName) {
  const State state = state_from_json(R"({"storage": [
      {"name": "data"}, {"name": "data", "index": 3}, {"name": "logs"}, {"name": "data"}]})");
  ASSERT_EQ(state.storage.size(), 4u);
  EXPECT_EQ(state.storage[0], (Storage{"data", 4}));
  EXPECT_EQ(state.storage[1], (Storage{"data", 3}));
  EXPECT_EQ(state.storage[2], (Storage{"logs", 0}));
  EXPECT_EQ(state.storage[3], (Storage{"data", 5}));
}

TEST(JsonRoundTrip, DocumentedExampleReadsAndIsStable) {
  const std::string text = read_data_file("example.json");
  ASSERT_FALSE(text.empty());
  EXPECT_TRUE(validate_state_json(text).empty());
  const State state = state_from_json(text);
  EXPECT_TRUE(state.leader);
  EXPECT_EQ(state.relations.size(), 3u);
  const std::string written = state_to_json(state);
  EXPECT_EQ(state_to_json(state_from_json(written)), written);
}

TEST(JsonRoundTrip, DocumentedMinimalExampleReads) {
  const State state = state_from_json(read_data_file("minimal.json"));
  EXPECT_TRUE(state.leader);
  ASSERT_EQ(state.relations.size(), 1u);
  EXPECT_EQ(state.relations[0].relation_id, 1);
}

TEST(JsonRoundTrip, InvalidUtf8InAStateIsReplacedWhenWritten) {
  State state;
  state.workload_version = "\xff";
  const State read_back = state_from_json(state_to_json(state));
  EXPECT_EQ(read_back.workload_version, "\xEF\xBF\xBD");
}

}  // namespace
}  // namespace scenario
