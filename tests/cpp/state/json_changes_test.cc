// SPDX-License-Identifier: Apache-2.0
// state/json_changes_test.cc: state_changes_to_json_value writes only what differs.

#include <gtest/gtest.h>

#include <string>

#include "scenario/state/json.h"

namespace scenario {
namespace {

Container container(std::string name) {
  Container out;
  out.name = std::move(name);
  out.can_connect = true;
  return out;
}

Secret secret(std::string id) {
  Secret out;
  out.id = std::move(id);
  out.contents = {{0, {{"key", "value"}}}};
  return out;
}

State base_state() {
  State state;
  state.config = {{"name", std::string("x")}};
  state.relations = {make_relation(RelationKind::kRegular, "db", 1),
                     make_relation(RelationKind::kPeer, "cluster", 2),
                     make_relation(RelationKind::kSubordinate, "info", 3)};
  state.containers = {container("workload"), container("sidecar")};
  state.secrets = {secret("secret:one"), secret("secret:two")};
  return state;
}

// The State document without its entity lists.
Json parts_of(const State& state) {
  Json out = state_to_json_value(state);
  for (const char* key : {"relations", "containers", "secrets"}) out.erase(key);
  return out;
}

TEST(StateChanges, EqualStatesLeaveTheEntityListsOut) {
  const State state = base_state();
  EXPECT_EQ(state_changes_to_json_value(state, state), parts_of(state));
}

TEST(StateChanges, ChangedRelationIsWrittenAndOthersByIdInOrder) {
  const State base = base_state();
  State state = base;
  state.relations[1].local_app_data = {{"leader", "yes"}};
  const Json changes = state_changes_to_json_value(base, state);
  EXPECT_FALSE(changes.contains("containers"));
  EXPECT_FALSE(changes.contains("secrets"));
  const Json& relations = changes.at("relations");
  ASSERT_EQ(relations.size(), 3u);
  EXPECT_EQ(relations[0], Json(1));
  EXPECT_EQ(relations[1], state_to_json_value(state)["relations"][1]);
  EXPECT_EQ(relations[2], Json(3));
}

TEST(StateChanges, AddedRemovedAndMovedEntitiesAreMatchedByIdentity) {
  const State base = base_state();
  State state = base;
  // The second secret is removed and a new one added; the containers swap places.
  state.secrets = {base.secrets[0], secret("secret:three")};
  state.containers = {base.containers[1], base.containers[0]};
  const Json changes = state_changes_to_json_value(base, state);
  EXPECT_FALSE(changes.contains("relations"));
  EXPECT_EQ(changes.at("containers"), Json::parse(R"(["sidecar", "workload"])"));
  const Json& secrets = changes.at("secrets");
  ASSERT_EQ(secrets.size(), 2u);
  EXPECT_EQ(secrets[0], Json("secret:one"));
  EXPECT_EQ(secrets[1], state_to_json_value(state)["secrets"][1]);
}

TEST(StateChanges, EntityWithANewIdentityIsWrittenWhole) {
  const State base = base_state();
  State state = base;
  state.relations[0].relation_id = 9;
  const Json changes = state_changes_to_json_value(base, state);
  EXPECT_EQ(changes.at("relations")[0], state_to_json_value(state)["relations"][0]);
}

TEST(StateChanges, AllEntitiesRemovedGiveAnEmptyList) {
  const State base = base_state();
  State state = base;
  state.containers.clear();
  const Json changes = state_changes_to_json_value(base, state);
  EXPECT_EQ(changes.at("containers"), Json::array());
  EXPECT_FALSE(changes.contains("relations"));
}

TEST(StateChanges, OtherPartsAreWrittenWhole) {
  const State base = base_state();
  State state = base;
  state.unit_status = Status{"active", "ready"};
  state.opened_ports = {Port{"tcp", 80}};
  EXPECT_EQ(state_changes_to_json_value(base, state), parts_of(state));
}

}  // namespace
}  // namespace scenario
