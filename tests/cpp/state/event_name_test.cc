// SPDX-License-Identifier: Apache-2.0
// state/event_name_test.cc: taking event paths apart and classifying them.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include <string>
#include <vector>

#include "scenario/state/event.h"

namespace scenario {
namespace {

struct Expected {
  const char* path;
  EventKind kind;
  const char* prefix;
  const char* suffix;
};

void expect_parsed(const Expected& want) {
  const EventName parsed = parse_event_name(want.path);
  EXPECT_EQ(parsed.kind, want.kind) << want.path << " is " << to_string(parsed.kind);
  EXPECT_EQ(parsed.prefix, want.prefix) << want.path;
  EXPECT_EQ(parsed.suffix, want.suffix) << want.path;
}

TEST(EventName, BuiltinEvents) {
  for (const char* name : {"install", "start", "stop", "remove", "update_status", "config_changed",
                           "upgrade_charm", "pre_series_upgrade", "post_series_upgrade",
                           "leader_elected", "leader_settings_changed", "collect_metrics"}) {
    expect_parsed({name, EventKind::kBuiltin, name, ""});
  }
}

TEST(EventName, RelationEvents) {
  for (const char* suffix : {"_relation_created", "_relation_joined", "_relation_changed",
                             "_relation_departed", "_relation_broken"}) {
    const std::string name = std::string("db") + suffix;
    expect_parsed({name.c_str(), EventKind::kRelation, "db", suffix});
  }
  expect_parsed({"my-db-relation-changed", EventKind::kRelation, "my_db", "_relation_changed"});
}

TEST(EventName, ActionEvents) {
  expect_parsed({"backup_action", EventKind::kAction, "backup", "_action"});
  expect_parsed({"do-the-thing-action", EventKind::kAction, "do_the_thing", "_action"});
}

TEST(EventName, SecretEvents) {
  for (const char* name :
       {"secret_changed", "secret_expired", "secret_remove", "secret_rotate", "secret_removed"}) {
    expect_parsed({name, EventKind::kSecret, name, name});
  }
  expect_parsed({"secret-changed", EventKind::kSecret, "secret_changed", "secret_changed"});
  expect_parsed({"secret_expire", EventKind::kCustom, "secret_expire", ""});
}

TEST(EventName, StorageEvents) {
  expect_parsed({"data_storage_attached", EventKind::kStorage, "data", "_storage_attached"});
  expect_parsed(
      {"my-data-storage-detaching", EventKind::kStorage, "my_data", "_storage_detaching"});
}

TEST(EventName, WorkloadEvents) {
  expect_parsed({"workload_pebble_ready", EventKind::kWorkload, "workload", "_pebble_ready"});
  expect_parsed({"web-pebble-custom-notice", EventKind::kWorkload, "web", "_pebble_custom_notice"});
  expect_parsed({"web_pebble_check_failed", EventKind::kWorkload, "web", "_pebble_check_failed"});
  expect_parsed(
      {"web_pebble_check_recovered", EventKind::kWorkload, "web", "_pebble_check_recovered"});
}

TEST(EventName, FrameworkEvents) {
  for (const char* name : {"pre_commit", "commit", "collect_app_status", "collect_unit_status"}) {
    expect_parsed({name, EventKind::kFramework, name, name});
  }
}

TEST(EventName, CustomEvents) {
  expect_parsed({"foo", EventKind::kCustom, "foo", ""});
  expect_parsed({"my-lib.on.something-happened", EventKind::kCustom, "something_happened", ""});
  // A suffix alone names no entity.
  expect_parsed({"_action", EventKind::kCustom, "_action", ""});
  expect_parsed({"", EventKind::kCustom, "", ""});
}

TEST(EventName, OwnerPathDefaultsToOn) {
  const EventName parsed = parse_event_name("update-status");
  EXPECT_EQ(parsed.path, "update_status");
  EXPECT_EQ(parsed.name, "update_status");
  EXPECT_EQ(parsed.owner_path, (std::vector<std::string>{"on"}));
}

TEST(EventName, OwnerPathIsKeptAndNormalised) {
  const EventName parsed = parse_event_name("my-lib.on.db-relation-changed");
  EXPECT_EQ(parsed.path, "my_lib.on.db_relation_changed");
  EXPECT_EQ(parsed.name, "db_relation_changed");
  EXPECT_EQ(parsed.owner_path, (std::vector<std::string>{"my_lib", "on"}));
  EXPECT_EQ(parsed.kind, EventKind::kRelation);
  EXPECT_EQ(parsed.prefix, "db");
}

TEST(EventName, EventParsedNameUsesPath) {
  Event event;
  event.path = "db-relation-joined";
  EXPECT_EQ(event.parsed_name().kind, EventKind::kRelation);
  EXPECT_EQ(to_string(EventKind::kWorkload), "workload");
}

TEST(EventName, FixedNamesAndSuffixesComeFromTheClassificationTables) {
  const std::vector<std::string_view> names = fixed_event_names();
  EXPECT_NE(std::find(names.begin(), names.end(), "update_status"), names.end());
  EXPECT_NE(std::find(names.begin(), names.end(), "secret_remove"), names.end());
  EXPECT_NE(std::find(names.begin(), names.end(), "collect_unit_status"), names.end());
  // ops-scenario's spelling is classified but not offered as a name.
  EXPECT_EQ(std::find(names.begin(), names.end(), "secret_removed"), names.end());
  for (std::string_view name : names) {
    EXPECT_NE(parse_event_name(name).kind, EventKind::kCustom) << name;
  }
  const std::vector<std::string_view> suffixes = entity_event_suffixes();
  EXPECT_EQ(suffixes.size(), 12u);
  for (std::string_view suffix : suffixes) {
    EXPECT_EQ(parse_event_name("x" + std::string(suffix)).suffix, suffix);
  }
}

}  // namespace
}  // namespace scenario
