// SPDX-License-Identifier: Apache-2.0
// state/json_event_test.cc: the Event document.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "scenario/errors.h"
#include "scenario/state/json.h"

namespace scenario {
namespace {

Event everything_event() {
  Event event;
  event.path = "my-lib.on.db-relation-departed";
  event.relation_id = 3;
  event.remote_unit_id = 1;
  event.remote_unit_implied = true;
  event.departing_unit_id = 2;
  event.container = "workload";
  event.notice_id = "12";
  event.check_name = "http";
  event.storage = StorageRef{"data", 4};
  event.secret_id = "secret:abc";
  event.secret_revision = 7;
  event.action = Action{"backup", Json{{"to", "s3"}, {"n", 2}}, "42"};
  return event;
}

TEST(EventJson, EverythingRoundTrips) {
  const Event event = everything_event();
  EXPECT_EQ(event_from_json(event_to_json(event)), event);
  EXPECT_EQ(event_from_json_value(event_to_json_value(event)), event);
  const std::string first = event_to_json(event, -1);
  EXPECT_EQ(event_to_json(event_from_json(first), -1), first);
}

TEST(EventJson, EveryFieldIsWritten) {
  const Json written = event_to_json_value(Event{.path = "start"});
  EXPECT_EQ(written.size(), 13u);
  EXPECT_EQ(written.at("remote_unit_implied"), false);
  EXPECT_TRUE(written.at("notice_id").is_null());
  EXPECT_TRUE(written.at("check_name").is_null());
  EXPECT_TRUE(written.at("relation_id").is_null());
  EXPECT_TRUE(written.at("action").is_null());
  EXPECT_EQ(event_from_json_value(written), Event{.path = "start"});
}

TEST(EventJson, OnlyPathIsRequired) {
  const Event event = event_from_json(R"({"path": "start"})");
  EXPECT_EQ(event, Event{.path = "start"});
  const Event with_action = event_from_json(R"({"path": "do_action", "action": {"name": "do"}})");
  ASSERT_TRUE(with_action.action.has_value());
  EXPECT_EQ(with_action.action->params, Json::object());
  EXPECT_EQ(with_action.action->id, "");
  const Event with_storage =
      event_from_json(R"({"path": "d_storage_attached", "storage": {"name": "d"}})");
  EXPECT_EQ(with_storage.storage, (StorageRef{"d", 0}));
}

TEST(EventJson, ProblemsAreCollectedWithPaths) {
  const std::vector<Problem> problems = validate_event_json(R"({
      "relation_id": "3", "storage": {"index": -1}, "action": {"name": "a", "params": []},
      "remote_unit": 1})");
  ASSERT_EQ(problems.size(), 6u);
  EXPECT_EQ(problems[0].path, "");
  EXPECT_EQ(problems[0].message, "missing required key 'path'");
  EXPECT_EQ(problems[1].path, "relation_id");
  EXPECT_EQ(problems[1].message, "expected an integer, got a string");
  EXPECT_EQ(problems[2].path, "storage");
  EXPECT_EQ(problems[2].message, "missing required key 'name'");
  EXPECT_EQ(problems[3].path, "storage.index");
  EXPECT_EQ(problems[4].path, "action.params");
  EXPECT_EQ(problems[4].message, "expected an object, got an array");
  EXPECT_EQ(problems[5].path, "remote_unit");
  EXPECT_EQ(problems[5].message, "unknown key 'remote_unit'; did you mean 'remote_unit_id'?");
}

TEST(EventJson, EmptyPathAndBadTextAreRejected) {
  const std::vector<Problem> empty = validate_event_json(R"({"path": ""})");
  ASSERT_EQ(empty.size(), 1u);
  EXPECT_EQ(empty[0].path, "path");
  EXPECT_THROW(event_from_json("{\"path\": "), StateValidationError);
  EXPECT_THROW(event_from_json("\"start\""), StateValidationError);
}

}  // namespace
}  // namespace scenario
