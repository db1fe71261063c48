// SPDX-License-Identifier: Apache-2.0
// tests/cpp/pebble/checks_notices_test.cc: /v1/checks, /v1/notices, and the container's
// check_infos and notices in the state format.

#include "pebble_test_util.h"
#include "scenario/state/json.h"

namespace scenario::pebble {
namespace {

using testing::body_of;
using testing::TempDir;

class PebbleChecks : public ::testing::Test {
 protected:
  void SetUp() override {
    container_.layers["l"].checks["alive"] = {
        {"override", "replace"}, {"level", "alive"}, {"http", {{"url", "http://x"}}}};
    container_.layers["l"].checks["ready"] = {
        {"override", "replace"}, {"level", "ready"}, {"threshold", 5}, {"tcp", {{"port", 80}}}};
    container_.layers["l"].checks["off"] = {
        {"override", "replace"}, {"startup", "disabled"}, {"exec", {{"command", "true"}}}};
  }
  TempDir dir_;
  Container container_{.name = "web"};
};

TEST_F(PebbleChecks, DefinitionsFromLayersStateFromCheckInfos) {
  container_.check_infos["alive"] = {
      .name = "alive", .status = "down", .failures = 4, .threshold = 3};
  ContainerHandler handler(container_, dir_.path());
  const Json checks = body_of(handler.handle(testing::get("/v1/checks")))["result"];
  ASSERT_EQ(checks.size(), 3u);
  EXPECT_EQ(checks[0]["name"], "alive");
  EXPECT_EQ(checks[0]["status"], "down");
  EXPECT_EQ(checks[0]["failures"], 4);
  EXPECT_EQ(checks[0]["level"], "alive");
  EXPECT_TRUE(checks[0]["change-id"].is_string());
  EXPECT_EQ(checks[1]["name"], "off");
  EXPECT_EQ(checks[1]["status"], "inactive");
  EXPECT_EQ(checks[1]["startup"], "disabled");
  EXPECT_FALSE(checks[1].contains("change-id"));
  EXPECT_EQ(checks[2]["threshold"], 5);
  EXPECT_EQ(checks[2]["status"], "up");
  EXPECT_FALSE(checks[2].contains("failures"));
}

TEST_F(PebbleChecks, FiltersByLevelAndNames) {
  ContainerHandler handler(container_, dir_.path());
  EXPECT_EQ(
      body_of(handler.handle(testing::get("/v1/checks", {{"level", "ready"}})))["result"].size(),
      1u);
  const Json named = body_of(
      handler.handle(testing::get("/v1/checks", {{"names", "alive"}, {"names", "off"}})))["result"];
  EXPECT_EQ(named.size(), 2u);
  const Response bad = handler.handle(testing::get("/v1/checks", {{"level", "dead"}}));
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(body_of(bad)["result"]["message"], R"(level must be "alive" or "ready")");
}

TEST_F(PebbleChecks, StartAndStop) {
  ContainerHandler handler(container_, dir_.path());
  auto post = [&](const std::string& action, const Json& checks) {
    return handler.handle(
        testing::post_json("/v1/checks", {{"action", action}, {"checks", checks}}));
  };
  EXPECT_EQ(body_of(post("start", {"off", "alive"}))["result"]["changed"], Json({"off"}));
  EXPECT_EQ(body_of(post("stop", {"alive"}))["result"]["changed"], Json({"alive"}));
  const Json alive =
      body_of(handler.handle(testing::get("/v1/checks", {{"names", "alive"}})))["result"][0];
  EXPECT_EQ(alive["status"], "inactive");
  EXPECT_EQ(body_of(post("stop", {"x", "a"}))["result"]["message"],
            "cannot stop checks: cannot find checks in plan: a, x");
  EXPECT_EQ(body_of(post("stop", Json::array()))["result"]["message"],
            "must specify checks for stop action");
}

TEST_F(PebbleChecks, HealthReflectsDownChecks) {
  container_.check_infos["alive"] = {.name = "alive", .status = "down"};
  ContainerHandler handler(container_, dir_.path());
  const Response health = handler.handle(testing::get("/v1/health"));
  EXPECT_EQ(health.status, 502);
  EXPECT_EQ(body_of(health)["result"]["healthy"], false);
}

class PebbleNotices : public ::testing::Test {
 protected:
  Response notify(const Json& body) {
    return handler_.handle(testing::post_json("/v1/notices", body));
  }
  TempDir dir_;
  Container container_{.name = "web"};
  ContainerHandler handler_{container_, dir_.path()};
};

TEST_F(PebbleNotices, AddRecordsAndRepeats) {
  container_.notices.push_back({.key = "example.com/old", .id = "7", .user_id = std::nullopt});
  const Json added = body_of(notify({{"action", "add"},
                                     {"type", "custom"},
                                     {"key", "example.com/a"},
                                     {"data", {{"k", "v"}}},
                                     {"repeat-after", "1h"}}));
  EXPECT_EQ(added["result"]["id"], "8");
  ASSERT_EQ(container_.notices.size(), 2u);
  const Notice& notice = container_.notices[1];
  EXPECT_EQ(notice.user_id, 0);
  EXPECT_EQ(notice.last_data.at("k"), "v");
  EXPECT_EQ(notice.repeat_after, 3600.0);
  EXPECT_EQ(body_of(notify(
                {{"action", "add"}, {"type", "custom"}, {"key", "example.com/a"}}))["result"]["id"],
            "8");
  EXPECT_EQ(container_.notices[1].occurrences, 2);
  EXPECT_TRUE(container_.notices[1].last_data.empty());
}

TEST_F(PebbleNotices, AddValidation) {
  auto message = [&](const Json& body) {
    return body_of(notify(body))["result"]["message"].get<std::string>();
  };
  EXPECT_EQ(message({{"action", "add"}, {"type", "warning"}, {"key", "example.com/a"}}),
            R"(invalid type "warning" (can only add "custom" notices))");
  EXPECT_EQ(message({{"action", "add"}, {"type", "custom"}, {"key", "nope"}}),
            R"(invalid key "nope" (must be in "example.com/path" format))");
  EXPECT_EQ(
      message(
          {{"action", "add"}, {"type", "custom"}, {"key", "example.com/" + std::string(300, 'a')}}),
      "key must be 256 bytes or less");
  EXPECT_EQ(message({{"action", "remove"}}), R"(invalid action "remove")");
  EXPECT_EQ(
      message(
          {{"action", "add"}, {"type", "custom"}, {"key", "example.com/a"}, {"data", {{"k", 1}}}}),
      "cannot decode notice data: json: cannot unmarshal number into Go value of type string");
  EXPECT_TRUE(container_.notices.empty());
}

TEST_F(PebbleNotices, GetWithFilters) {
  container_.notices = {
      {.key = "example.com/a",
       .id = "1",
       .user_id = std::nullopt,
       .last_repeated = "2024-01-02T00:00:00Z"},
      {.key = "example.com/b", .id = "2", .user_id = 1000, .last_repeated = "2024-01-01T00:00:00Z"},
      {.key = "2",
       .id = "3",
       .user_id = std::nullopt,
       .type = "change-update",
       .last_repeated = "2024-01-03T00:00:00Z"},
  };
  auto ids = [&](std::vector<std::pair<std::string, std::string>> query) {
    std::vector<std::string> out;
    const Json body = body_of(handler_.handle(testing::get("/v1/notices", std::move(query))));
    for (const Json& n : body["result"]) {
      out.push_back(n["id"]);
    }
    return out;
  };
  EXPECT_EQ(ids({}), (std::vector<std::string>{"1", "3"}));
  EXPECT_EQ(ids({{"users", "all"}}), (std::vector<std::string>{"2", "1", "3"}));
  EXPECT_EQ(ids({{"select", "all"}}), (std::vector<std::string>{"2", "1", "3"}));
  EXPECT_EQ(ids({{"user-id", "1000"}}), (std::vector<std::string>{"2", "1", "3"}));
  EXPECT_EQ(ids({{"users", "all"}, {"types", "custom"}, {"keys", "example.com/b"}}),
            std::vector<std::string>{"2"});
  EXPECT_EQ(handler_.handle(testing::get("/v1/notices", {{"users", "some"}})).status, 400);
  EXPECT_EQ(handler_.handle(testing::get("/v1/notices", {{"types", "bogus"}})).status, 400);
  const Json one = body_of(handler_.handle(testing::get("/v1/notices/2")))["result"];
  EXPECT_EQ(one["key"], "example.com/b");
  EXPECT_EQ(one["user-id"], 1000);
  EXPECT_EQ(one["first-occurred"], "1970-01-01T00:00:00Z");
  const Response missing = handler_.handle(testing::get("/v1/notices/9"));
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(body_of(missing)["result"]["message"], R"(cannot find notice with ID "9")");
}

TEST(PebbleStateJson, CheckInfosAndNoticesRoundTrip) {
  const std::string text = R"({"containers": [{"name": "web",
    "check_infos": [{"name": "c", "level": "ready", "status": "down", "failures": 3, "threshold": 3}],
    "notices": [{"key": "example.com/a", "last_data": {"k": "v"}, "repeat_after": 60, "user_id": 0},
                {"key": "example.com/b", "id": "5", "type": "warning"},
                {"key": "example.com/c"}]}]})";
  const State state = state_from_json(text);
  const Container& container = state.containers.at(0);
  EXPECT_EQ(container.check_infos.at("c").status, "down");
  EXPECT_EQ(container.check_infos.at("c").level, "ready");
  ASSERT_EQ(container.notices.size(), 3u);
  EXPECT_EQ(container.notices[0].id, "6");
  EXPECT_EQ(container.notices[2].id, "7");
  EXPECT_EQ(container.notices[0].repeat_after, 60.0);
  EXPECT_EQ(container.notices[0].user_id, 0);
  EXPECT_EQ(state_from_json(state_to_json(state)), state);
}

TEST(PebbleStateJson, BadCheckInfosAndNoticesAreReported) {
  const std::string text = R"({"containers": [{"name": "web",
    "check_infos": [{"name": "c", "status": "sideways"}, {"name": "c"}, {"failures": -1}],
    "notices": [{"key": "a", "id": "1"}, {"key": "b", "id": "1"}, {"id": "2", "repeat_after": "1m"}]}]})";
  const std::vector<Problem> problems = validate_state_json(text);
  std::vector<std::string> paths;
  for (const Problem& problem : problems) paths.push_back(problem.path);
  for (const char* expected :
       {"containers[0].check_infos[0].status", "containers[0].check_infos[1].name",
        "containers[0].check_infos[2]", "containers[0].check_infos[2].failures",
        "containers[0].notices[1].id", "containers[0].notices[2]",
        "containers[0].notices[2].repeat_after"}) {
    EXPECT_NE(std::find(paths.begin(), paths.end(), expected), paths.end()) << expected;
  }
}

}  // namespace
}  // namespace scenario::pebble
