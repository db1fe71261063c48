// SPDX-License-Identifier: Apache-2.0
// tests/cpp/pebble/services_test.cc: /v1/services, /v1/changes, /v1/signals, routing,
// system info and health.

#include "pebble_test_util.h"

namespace scenario::pebble {
namespace {

using testing::body_of;
using testing::TempDir;

class PebbleServices : public ::testing::Test {
 protected:
  void SetUp() override {
    Layer layer;
    layer.services["web"] = {
        {"override", "replace"}, {"command", "web"}, {"startup", "enabled"}, {"requires", {"db"}}};
    layer.services["db"] = {{"override", "replace"}, {"command", "db"}};
    layer.services["idle"] = {{"override", "replace"}, {"command", "idle"}};
    container_.layers["base"] = layer;
  }
  Response action(ContainerHandler& handler, const std::string& name, const Json& services) {
    return handler.handle(
        testing::post_json("/v1/services", {{"action", name}, {"services", services}}));
  }
  Json change(ContainerHandler& handler, const Response& response) {
    const std::string id = body_of(response)["change"];
    return body_of(handler.handle(
        testing::get("/v1/changes/" + id + "/wait", {{"timeout", "4.000s"}})))["result"];
  }

  TempDir dir_;
  Container container_{.name = "web"};
};

TEST_F(PebbleServices, ListsPlanServicesWithStatus) {
  container_.service_status["db"] = ServiceStatus::kActive;
  ContainerHandler handler(container_, dir_.path());
  const Json all = body_of(handler.handle(testing::get("/v1/services")))["result"];
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0], Json({{"name", "db"}, {"startup", "disabled"}, {"current", "active"}}));
  EXPECT_EQ(all[2]["startup"], "enabled");
  EXPECT_EQ(all[2]["current"], "inactive");
  const Json some =
      body_of(handler.handle(testing::get("/v1/services", {{"names", "web,nope"}})))["result"];
  ASSERT_EQ(some.size(), 1u);
  EXPECT_EQ(some[0]["name"], "web");
}

TEST_F(PebbleServices, ServiceWhoseCommandIsMockedToFailDoesNotStart) {
  container_.layers["base"].services["idle"]["command"] = "idle --mode 'very slow' [ -v ]";
  container_.exec_mock.push_back(
      {.command = {"idle", "--mode", "very slow", "-v"}, .output = {.return_code = 3}});
  container_.exec_mock.push_back({.command = {"db"}, .output = {.return_code = 0}});
  ContainerHandler handler(container_, dir_.path());
  const Response response = action(handler, "start", {"idle", "db"});
  ASSERT_EQ(response.status, 202) << response.body;
  const Json info = change(handler, response);
  EXPECT_EQ(info["status"], "Error");
  EXPECT_EQ(info["err"],
            "cannot perform the following tasks:\n- Start service \"idle\" (cannot start "
            "service: exited quickly with code 3)");
  EXPECT_EQ(container_.service_status["idle"], ServiceStatus::kError);
  // A mock that succeeds does not stop a service from starting.
  EXPECT_EQ(container_.service_status["db"], ServiceStatus::kActive);
}

TEST_F(PebbleServices, StartStartsRequiredServicesAsOneChange) {
  ContainerHandler handler(container_, dir_.path());
  const Response response = action(handler, "start", {"web"});
  ASSERT_EQ(response.status, 202) << response.body;
  EXPECT_EQ(body_of(response)["type"], "async");
  EXPECT_EQ(container_.service_status["web"], ServiceStatus::kActive);
  EXPECT_EQ(container_.service_status["db"], ServiceStatus::kActive);
  const Json info = change(handler, response);
  EXPECT_EQ(info["id"], "1");
  EXPECT_EQ(info["kind"], "start");
  EXPECT_EQ(info["status"], "Done");
  EXPECT_EQ(info["ready"], true);
  EXPECT_EQ(info["summary"], R"(Start service "web" and 1 more)");
  ASSERT_EQ(info["tasks"].size(), 2u);
  EXPECT_EQ(info["tasks"][0]["summary"], R"(Start service "db")");
}

TEST_F(PebbleServices, StopAlsoStopsDependents) {
  container_.service_status = {{"web", ServiceStatus::kActive}, {"db", ServiceStatus::kActive}};
  ContainerHandler handler(container_, dir_.path());
  const Json info = change(handler, action(handler, "stop", {"db"}));
  EXPECT_EQ(info["summary"], R"(Stop service "db" and 1 more)");
  EXPECT_EQ(container_.service_status["web"], ServiceStatus::kInactive);
  EXPECT_EQ(container_.service_status["db"], ServiceStatus::kInactive);
}

TEST_F(PebbleServices, AutostartStartsEnabledServices) {
  ContainerHandler handler(container_, dir_.path());
  const Json info = change(handler, action(handler, "autostart", Json::array()));
  EXPECT_EQ(info["kind"], "autostart");
  EXPECT_EQ(container_.service_status["web"], ServiceStatus::kActive);
  EXPECT_EQ(container_.service_status.count("idle"), 0u);
}

TEST_F(PebbleServices, AutostartWithoutDefaultsIsNoDefaultServices) {
  container_.layers["base"].services["web"]["startup"] = "disabled";
  ContainerHandler handler(container_, dir_.path());
  const Response response = action(handler, "autostart", Json::array());
  EXPECT_EQ(response.status, 400);
  EXPECT_EQ(body_of(response)["result"],
            Json({{"message", "no default services"}, {"kind", "no-default-services"}}));
}

TEST_F(PebbleServices, ReplanRestartsChangedServicesOnly) {
  container_.service_status = {{"web", ServiceStatus::kActive},
                               {"db", ServiceStatus::kActive},
                               {"idle", ServiceStatus::kActive}};
  ContainerHandler handler(container_, dir_.path());
  handler.handle(testing::post_json(
      "/v1/layers", {{"action", "add"},
                     {"label", "z"},
                     {"format", "yaml"},
                     {"layer", "services:\n  idle: {override: merge, command: idle --new}\n"}}));
  const Json info = change(handler, action(handler, "replan", Json::array()));
  EXPECT_EQ(info["kind"], "replan");
  EXPECT_EQ(info["data"]["service-names"], Json({"db", "idle", "web"}));
  EXPECT_EQ(info["tasks"][0]["summary"], R"(Stop service "idle")");
  EXPECT_EQ(container_.service_status["idle"], ServiceStatus::kActive);
}

TEST_F(PebbleServices, ReplanWithNothingToDoIsADoneChange) {
  container_.layers["base"].services["web"]["startup"] = "disabled";
  ContainerHandler handler(container_, dir_.path());
  const Json info = change(handler, action(handler, "replan", Json::array()));
  EXPECT_EQ(info["summary"], "Replan - no services");
  EXPECT_EQ(info["ready"], true);
  EXPECT_FALSE(info.contains("tasks"));
}

TEST_F(PebbleServices, ErrorsAsPebbleAnswersThem) {
  ContainerHandler handler(container_, dir_.path());
  auto message = [&](const Response& r) {
    return body_of(r)["result"]["message"].get<std::string>();
  };
  EXPECT_EQ(message(action(handler, "start", {"nope"})),
            R"(cannot start services: service "nope" does not exist)");
  EXPECT_EQ(message(action(handler, "stop", Json::array())),
            "must specify services for stop action");
  EXPECT_EQ(message(action(handler, "replan", {"web"})), "replan accepts no service names");
  EXPECT_EQ(message(action(handler, "frobnicate", {"web"})), R"(invalid action "frobnicate")");
  EXPECT_EQ(handler.handle({.method = "POST", .path = "/v1/services", .body = "nope"}).status, 400);
  EXPECT_TRUE(container_.service_status.empty());
}

TEST_F(PebbleServices, ChangeIdsArePerHandler) {
  ContainerHandler first(container_, dir_.path());
  EXPECT_EQ(body_of(action(first, "start", {"db"}))["change"], "1");
  EXPECT_EQ(body_of(action(first, "stop", {"db"}))["change"], "2");
  ContainerHandler second(container_, dir_.path());
  EXPECT_EQ(body_of(action(second, "start", {"db"}))["change"], "1");
}

TEST_F(PebbleServices, UnknownChangeIsNotFound) {
  ContainerHandler handler(container_, dir_.path());
  const Response response = handler.handle(testing::get("/v1/changes/42"));
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(body_of(response),
            Json({{"type", "error"},
                  {"status-code", 404},
                  {"status", "Not Found"},
                  {"result", {{"message", R"(cannot find change with id "42")"}}}}));
  EXPECT_EQ(handler.handle(testing::get("/v1/changes/42/wait")).status, 404);
}

TEST_F(PebbleServices, ChangesListFiltersBySelect) {
  ContainerHandler handler(container_, dir_.path());
  action(handler, "start", {"db"});
  EXPECT_TRUE(body_of(handler.handle(testing::get("/v1/changes")))["result"].empty());
  EXPECT_EQ(
      body_of(handler.handle(testing::get("/v1/changes", {{"select", "all"}})))["result"].size(),
      1u);
  EXPECT_EQ(handler.handle(testing::get("/v1/changes", {{"select", "x"}})).status, 400);
}

TEST_F(PebbleServices, SignalsNeedRunningServices) {
  container_.service_status["db"] = ServiceStatus::kActive;
  ContainerHandler handler(container_, dir_.path());
  auto signal = [&](const Json& services) {
    return handler.handle(
        testing::post_json("/v1/signals", {{"signal", "SIGHUP"}, {"services", services}}));
  };
  EXPECT_EQ(body_of(signal({"db"}))["result"], true);
  const Response stopped = signal({"web"});
  EXPECT_EQ(stopped.status, 500);
  EXPECT_EQ(body_of(stopped)["result"]["message"],
            R"(cannot send signal to "web": service is not running)");
}

TEST_F(PebbleServices, SystemInfoAndRouting) {
  ContainerHandler handler(container_, dir_.path());
  const Response info = handler.handle(testing::get("/v1/system-info"));
  EXPECT_EQ(info.status, 200);
  EXPECT_EQ(info.headers.at(0),
            (std::pair<std::string, std::string>{"Content-Type", "application/json"}));
  EXPECT_TRUE(body_of(info)["result"]["version"].is_string());
  EXPECT_EQ(handler.handle(testing::get("/v1/nothing")).status, 404);
  EXPECT_EQ(handler.handle({.method = "DELETE", .path = "/v1/services"}).status, 405);
  EXPECT_EQ(body_of(handler.handle(testing::get("/v1/health")))["result"]["healthy"], true);
}

}  // namespace
}  // namespace scenario::pebble
