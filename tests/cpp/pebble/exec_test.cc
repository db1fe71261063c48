// SPDX-License-Identifier: Apache-2.0
// tests/cpp/pebble/exec_test.cc: /v1/exec and the exec websockets.

#include "pebble_test_util.h"

namespace scenario::pebble {
namespace {

using testing::body_of;
using testing::TempDir;
using Kind = WebsocketMessage::Kind;

class PebbleExec : public ::testing::Test {
 protected:
  void SetUp() override {
    container_.exec_mock.push_back(
        {.command = {"ls", "-l"},
         .output = {.return_code = 2, .stdout_text = "out", .stderr_text = "err"}});
  }
  Json exec(const Json& command, bool split_stderr, Json extra = Json::object()) {
    extra["command"] = command;
    extra["split-stderr"] = split_stderr;
    return body_of(handler_.handle(testing::post_json("/v1/exec", extra)));
  }

  TempDir dir_;
  Container container_{.name = "workload"};
  ContainerHandler handler_{container_, dir_.path()};
};

TEST_F(PebbleExec, SplitStderrStreamsAndExitCode) {
  const Json response =
      exec({"ls", "-l"}, true, {{"environment", {{"A", "1"}}}, {"working-dir", "/srv"}});
  ASSERT_EQ(response["type"], "async") << response;
  const std::string task_id = response["result"]["task-id"];
  EXPECT_EQ(response["result"]["working-dir"], "/srv");
  auto control = handler_.open_websocket(task_id, "control");
  auto stdio = handler_.open_websocket(task_id, "stdio");
  auto stderr_ws = handler_.open_websocket(task_id, "stderr");
  ASSERT_TRUE(control && stdio && stderr_ws);
  EXPECT_EQ(stdio->take_outgoing(),
            (std::vector<WebsocketMessage>{{Kind::kBinary, "out"},
                                           {Kind::kText, R"({"command":"end"})"}}));
  EXPECT_TRUE(stdio->take_outgoing().empty());
  EXPECT_EQ(stderr_ws->take_outgoing(),
            (std::vector<WebsocketMessage>{{Kind::kBinary, "err"},
                                           {Kind::kText, R"({"command":"end"})"}}));
  EXPECT_TRUE(stderr_ws->finished());
  EXPECT_FALSE(stdio->finished());
  stdio->receive({Kind::kBinary, "in1"});
  stdio->receive({Kind::kBinary, "in2"});
  stdio->receive({Kind::kText, R"({"command":"end"})"});
  stdio->receive({Kind::kBinary, "ignored"});
  EXPECT_TRUE(stdio->finished());
  EXPECT_TRUE(control->finished());

  const Json change = body_of(handler_.handle(
      testing::get("/v1/changes/" + response["change"].get<std::string>() + "/wait")))["result"];
  EXPECT_EQ(change["kind"], "exec");
  EXPECT_EQ(change["summary"], R"(Execute command "ls")");
  EXPECT_EQ(change["tasks"][0]["id"], task_id);
  EXPECT_EQ(change["tasks"][0]["data"]["exit-code"], 2);

  ASSERT_EQ(handler_.exec_history().size(), 1u);
  const ExecRecord& record = handler_.exec_history()[0];
  EXPECT_EQ(record.command, (std::vector<std::string>{"ls", "-l"}));
  EXPECT_EQ(record.stdin_data, "in1in2");
  EXPECT_EQ(record.environment.at("A"), "1");
  EXPECT_EQ(record.working_dir, "/srv");
  EXPECT_FALSE(record.combine_stderr);
}

TEST_F(PebbleExec, CombinedStderrGoesToStdio) {
  const std::string task_id = exec({"ls", "-l"}, false)["result"]["task-id"];
  EXPECT_EQ(handler_.open_websocket(task_id, "stderr"), nullptr);
  auto stdio = handler_.open_websocket(task_id, "stdio");
  EXPECT_EQ(stdio->take_outgoing()[0], (WebsocketMessage{Kind::kBinary, "outerr"}));
}

TEST_F(PebbleExec, ControlRecordsSignals) {
  const Json response = exec({"ls", "-l"}, false, {{"timeout", "4.000s"}, {"user-id", 1000}});
  auto control =
      handler_.open_websocket(response["result"]["task-id"].get<std::string>(), "control");
  control->receive({Kind::kText, R"({"command":"signal","signal":{"name":"SIGTERM"}})"});
  control->receive({Kind::kText, "not json"});
  EXPECT_TRUE(control->take_outgoing().empty());
  EXPECT_EQ(handler_.exec_history()[0].signals, std::vector<std::string>{"SIGTERM"});
  EXPECT_EQ(handler_.exec_history()[0].timeout, "4.000s");
  EXPECT_EQ(handler_.exec_history()[0].user_id, 1000);
}

TEST_F(PebbleExec, UnmockedCommandIsAnApiErrorNamingIt) {
  const Json response = exec({"ls", "-la"}, false);
  EXPECT_EQ(response["status-code"], 400);
  const std::string message = response["result"]["message"];
  EXPECT_EQ(message.rfind(R"(cannot find executable "ls")", 0), 0u) << message;
  EXPECT_NE(message.find(R"(["ls", "-la"])"), std::string::npos);
  EXPECT_NE(message.find(R"("workload")"), std::string::npos);
  EXPECT_NE(message.find("exec_mock"), std::string::npos);
  EXPECT_TRUE(handler_.exec_history().empty());
}

TEST_F(PebbleExec, RequestErrors) {
  EXPECT_EQ(exec(Json::array(), false)["result"]["message"], "must specify command");
  EXPECT_EQ(exec({"ls", "-l"}, false, {{"timeout", "soon"}})["result"]["message"],
            R"(invalid timeout: time: invalid duration "soon")");
  EXPECT_EQ(exec({"ls", "-l"}, false, {{"service-context", "nope"}})["result"]["message"],
            R"(context service "nope" not found)");
  EXPECT_EQ(handler_.open_websocket("99", "stdio"), nullptr);
  const std::string task_id = exec({"ls", "-l"}, false)["result"]["task-id"];
  EXPECT_EQ(handler_.open_websocket(task_id, "bogus"), nullptr);
}

TEST_F(PebbleExec, ServiceContextProvidesDefaults) {
  container_.layers["l"].services["svc"] = {{"override", "replace"},
                                            {"command", "x"},
                                            {"environment", {{"A", "svc"}, {"B", "svc"}}},
                                            {"working-dir", "/svc"}};
  ContainerHandler handler(container_, dir_.path());
  handler.handle(testing::post_json(
      "/v1/exec",
      {{"command", {"ls", "-l"}}, {"service-context", "svc"}, {"environment", {{"B", "mine"}}}}));
  ASSERT_EQ(handler.exec_history().size(), 1u);
  EXPECT_EQ(handler.exec_history()[0].environment,
            (std::map<std::string, std::string>{{"A", "svc"}, {"B", "mine"}}));
  EXPECT_EQ(handler.exec_history()[0].working_dir, "/svc");
}

TEST_F(PebbleExec, WebsocketsOutliveTheirHandler) {
  std::unique_ptr<Websocket> stdio;
  {
    ContainerHandler handler(container_, dir_.path());
    const Json response = body_of(handler.handle(
        testing::post_json("/v1/exec", {{"command", {"ls", "-l"}}, {"split-stderr", false}})));
    stdio = handler.open_websocket(response["result"]["task-id"].get<std::string>(), "stdio");
  }
  stdio->receive({Kind::kBinary, "late"});
  EXPECT_EQ(stdio->take_outgoing().size(), 2u);
}

}  // namespace
}  // namespace scenario::pebble
