// SPDX-License-Identifier: Apache-2.0
// runtime/hook_environment_test.cc: the JUJU_* variables of each kind of dispatch.

#include "scenario/runtime/hook_environment.h"

#include <gtest/gtest.h>

#include "scenario/errors.h"

namespace scenario {
namespace {

HookEnvironmentOptions options() {
  HookEnvironmentOptions o;
  o.app_name = "webapp";
  o.juju_version = "3.4.2";
  o.charm_dir = "/charm";
  return o;
}

Event event(std::string path) {
  Event e;
  e.path = std::move(path);
  return e;
}

State state_with_relations() {
  State state;
  state.unit_id = 2;
  Relation db = make_relation(RelationKind::kRegular, "db", 3);
  db.remote_app_name = "postgresql";
  db.remote_units_data = {{4, {}}, {7, {}}};
  Relation peers = make_relation(RelationKind::kPeer, "cluster", 5);
  peers.remote_units_data = {{1, {}}};
  state.relations = {db, peers};
  return state;
}

TEST(HookEnvironment, BaseVariables) {
  State state;
  state.unit_id = 1;
  state.model.name = "prod";
  auto env = hook_environment(state, event("update-status"), CharmSpec{}, options());
  EXPECT_EQ(env["JUJU_UNIT_NAME"], "webapp/1");
  EXPECT_EQ(env["JUJU_MODEL_NAME"], "prod");
  EXPECT_EQ(env["JUJU_MODEL_UUID"], state.model.uuid);
  EXPECT_EQ(env["JUJU_VERSION"], "3.4.2");
  EXPECT_EQ(env["JUJU_CHARM_DIR"], "/charm");
  EXPECT_EQ(env["JUJU_DISPATCH_PATH"], "hooks/update-status");
  EXPECT_EQ(env["JUJU_HOOK_NAME"], "update-status");
  EXPECT_EQ(env.count("JUJU_RELATION"), 0u);
}

TEST(HookEnvironment, RelationChangedDefaultsToTheFirstRemoteUnit) {
  Event e = event("db_relation_changed");
  e.relation_id = 3;
  auto env = hook_environment(state_with_relations(), e, CharmSpec{}, options());
  EXPECT_EQ(env["JUJU_DISPATCH_PATH"], "hooks/db-relation-changed");
  EXPECT_EQ(env["JUJU_RELATION"], "db");
  EXPECT_EQ(env["JUJU_RELATION_ID"], "db:3");
  EXPECT_EQ(env["JUJU_REMOTE_APP"], "postgresql");
  EXPECT_EQ(env["JUJU_REMOTE_UNIT"], "postgresql/4");
  EXPECT_EQ(env.count("JUJU_DEPARTING_UNIT"), 0u);
}

TEST(HookEnvironment, ExplicitRemoteUnitWins) {
  Event e = event("db-relation-joined");
  e.relation_id = 3;
  e.remote_unit_id = 7;
  auto env = hook_environment(state_with_relations(), e, CharmSpec{}, options());
  EXPECT_EQ(env["JUJU_REMOTE_UNIT"], "postgresql/7");
}

TEST(HookEnvironment, DepartedSetsTheDepartingUnit) {
  Event e = event("db-relation-departed");
  e.relation_id = 3;
  e.remote_unit_id = 7;
  auto env = hook_environment(state_with_relations(), e, CharmSpec{}, options());
  EXPECT_EQ(env["JUJU_DEPARTING_UNIT"], "postgresql/7");
  e.departing_unit_id = 4;
  env = hook_environment(state_with_relations(), e, CharmSpec{}, options());
  EXPECT_EQ(env["JUJU_REMOTE_UNIT"], "postgresql/7");
  EXPECT_EQ(env["JUJU_DEPARTING_UNIT"], "postgresql/4");
}

TEST(HookEnvironment, CreatedAndBrokenHaveNoRemoteUnit) {
  for (const char* path : {"db-relation-created", "db-relation-broken"}) {
    Event e = event(path);
    e.relation_id = 3;
    auto env = hook_environment(state_with_relations(), e, CharmSpec{}, options());
    EXPECT_EQ(env.count("JUJU_REMOTE_UNIT"), 0u) << path;
    EXPECT_EQ(env["JUJU_REMOTE_APP"], "postgresql") << path;
  }
}

TEST(HookEnvironment, PeerRemoteAppIsThisApp) {
  Event e = event("cluster-relation-changed");
  e.relation_id = 5;
  auto env = hook_environment(state_with_relations(), e, CharmSpec{}, options());
  EXPECT_EQ(env["JUJU_REMOTE_APP"], "webapp");
  EXPECT_EQ(env["JUJU_REMOTE_UNIT"], "webapp/1");
}

TEST(HookEnvironment, EndpointSpellingComesFromTheState) {
  State state;
  state.relations = {make_relation(RelationKind::kRegular, "foo_bar", 1)};
  Event e = event("foo-bar-relation-changed");
  e.relation_id = 1;
  EXPECT_EQ(dispatch_path(state, e, CharmSpec{}), "hooks/foo_bar-relation-changed");
}

TEST(HookEnvironment, MissingRelationIsInconsistent) {
  Event e = event("db-relation-changed");
  EXPECT_THROW(hook_environment(State{}, e, CharmSpec{}, options()), InconsistentScenarioError);
  e.relation_id = 99;
  try {
    hook_environment(state_with_relations(), e, CharmSpec{}, options());
    FAIL();
  } catch (const InconsistentScenarioError& err) {
    EXPECT_NE(std::string(err.what()).find("relation id 99"), std::string::npos);
  }
}

TEST(HookEnvironment, WithoutRequiredEntitiesAMissingRelationComesFromTheEvent) {
  Event e = event("db-relation-changed");
  e.relation_id = 99;
  HookEnvironmentOptions lenient = options();
  lenient.require_entities = false;
  auto env = hook_environment(State{}, e, CharmSpec{}, lenient);
  EXPECT_EQ(env["JUJU_RELATION"], "db");
  EXPECT_EQ(env["JUJU_RELATION_ID"], "db:99");
  EXPECT_EQ(env["JUJU_DISPATCH_PATH"], "hooks/db-relation-changed");
  EXPECT_EQ(env.count("JUJU_REMOTE_APP"), 0u);
}

TEST(HookEnvironment, ActionUsesTheSpecSpellingAndId) {
  CharmSpec spec;
  spec.actions = {ActionSpec{"do-backup"}};
  Event e = event("do_backup_action");
  e.action = Action{"do_backup", Json::object(), "42"};
  auto env = hook_environment(State{}, e, spec, options());
  EXPECT_EQ(env["JUJU_DISPATCH_PATH"], "actions/do-backup");
  EXPECT_EQ(env["JUJU_ACTION_NAME"], "do-backup");
  EXPECT_EQ(env["JUJU_ACTION_UUID"], "42");
  EXPECT_EQ(env["JUJU_HOOK_NAME"], "");
  e.action->id.clear();
  EXPECT_EQ(hook_environment(State{}, e, spec, options())["JUJU_ACTION_UUID"], "1");
}

TEST(HookEnvironment, StorageWorkloadAndSecretVariables) {
  State state;
  state.storage = {Storage{"data", 1}};
  state.containers = {Container{"web"}};
  Secret secret;
  secret.id = "secret:abc";
  secret.label = "db-pass";
  secret.revision = 3;
  state.secrets = {secret};

  Event storage = event("data-storage-attached");
  storage.storage = StorageRef{"data", 1};
  EXPECT_EQ(hook_environment(state, storage, CharmSpec{}, options())["JUJU_STORAGE_ID"], "data/1");

  Event ready = event("web-pebble-ready");
  ready.container = "web";
  auto env = hook_environment(state, ready, CharmSpec{}, options());
  EXPECT_EQ(env["JUJU_WORKLOAD_NAME"], "web");
  EXPECT_EQ(env["JUJU_DISPATCH_PATH"], "hooks/web-pebble-ready");

  Event changed = event("secret-changed");
  changed.secret_id = "secret:abc";
  env = hook_environment(state, changed, CharmSpec{}, options());
  EXPECT_EQ(env["JUJU_SECRET_ID"], "secret:abc");
  EXPECT_EQ(env["JUJU_SECRET_LABEL"], "db-pass");
  EXPECT_EQ(env.count("JUJU_SECRET_REVISION"), 0u);

  Event removed = event("secret-remove");
  removed.secret_id = "secret:abc";
  EXPECT_EQ(hook_environment(state, removed, CharmSpec{}, options())["JUJU_SECRET_REVISION"], "3");
  removed.secret_revision = 2;
  EXPECT_EQ(hook_environment(state, removed, CharmSpec{}, options())["JUJU_SECRET_REVISION"], "2");
}

TEST(HookEnvironment, CustomNoticeNamesTheNotice) {
  State state;
  Container web{"web"};
  Notice notice;
  notice.key = "example.com/db-ready";
  notice.id = "7";
  web.notices = {notice};
  state.containers = {web};
  Event e = event("web-pebble-custom-notice");
  e.container = "web";
  e.notice_id = "7";
  auto env = hook_environment(state, e, CharmSpec{}, options());
  EXPECT_EQ(env["JUJU_WORKLOAD_NAME"], "web");
  EXPECT_EQ(env["JUJU_NOTICE_ID"], "7");
  EXPECT_EQ(env["JUJU_NOTICE_TYPE"], "custom");
  EXPECT_EQ(env["JUJU_NOTICE_KEY"], "example.com/db-ready");
  EXPECT_EQ(env["JUJU_DISPATCH_PATH"], "hooks/web-pebble-custom-notice");
}

TEST(HookEnvironment, CustomNoticeWithoutAKnownNoticeIsInconsistent) {
  State state;
  state.containers = {Container{"web"}};
  Event e = event("web-pebble-custom-notice");
  e.container = "web";
  EXPECT_THROW(hook_environment(state, e, CharmSpec{}, options()), InconsistentScenarioError);
  e.notice_id = "1";
  try {
    hook_environment(state, e, CharmSpec{}, options());
    FAIL() << "expected InconsistentScenarioError";
  } catch (const InconsistentScenarioError& error) {
    EXPECT_NE(std::string(error.what()).find("notice id '1'"), std::string::npos);
  }
}

TEST(HookEnvironment, CheckEventsNameTheCheck) {
  State state;
  state.containers = {Container{"web"}};
  for (const char* path : {"web-pebble-check-failed", "web-pebble-check-recovered"}) {
    Event e = event(path);
    e.container = "web";
    EXPECT_THROW(hook_environment(state, e, CharmSpec{}, options()), InconsistentScenarioError);
    e.check_name = "http";
    auto env = hook_environment(state, e, CharmSpec{}, options());
    EXPECT_EQ(env["JUJU_PEBBLE_CHECK_NAME"], "http");
    EXPECT_EQ(env.count("JUJU_NOTICE_ID"), 0u);
  }
  Event ready = event("web-pebble-ready");
  ready.container = "web";
  EXPECT_EQ(hook_environment(state, ready, CharmSpec{}, options()).count("JUJU_PEBBLE_CHECK_NAME"),
            0u);
}

TEST(HookEnvironment, EntitiesMissingFromTheStateAreInconsistent) {
  Event storage = event("data-storage-attached");
  storage.storage = StorageRef{"data", 0};
  EXPECT_THROW(hook_environment(State{}, storage, CharmSpec{}, options()),
               InconsistentScenarioError);
  Event ready = event("web-pebble-ready");
  ready.container = "web";
  EXPECT_THROW(hook_environment(State{}, ready, CharmSpec{}, options()),
               InconsistentScenarioError);
  Event secret = event("secret-changed");
  secret.secret_id = "nope";
  EXPECT_THROW(hook_environment(State{}, secret, CharmSpec{}, options()),
               InconsistentScenarioError);
}

TEST(HookEnvironment, CustomEventsKeepTheirName) {
  EXPECT_EQ(dispatch_path(State{}, event("my_lib.on.foo"), CharmSpec{}), "hooks/foo");
}

}  // namespace
}  // namespace scenario
