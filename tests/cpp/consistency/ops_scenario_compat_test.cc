// SPDX-License-Identifier: Apache-2.0
// consistency/ops_scenario_compat_test.cc: the scenarios of ops-scenario 5.8.1's own
// checker tests (tests/test_consistency_checker.py), with its verdicts. Where we
// deliberately differ, the test says so and why (docs/consistency.md, "Differences").

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "consistency_test_util.h"

namespace scenario {
namespace {

bool consistent(const CharmSpec& spec, const State& state, const Event& event,
                const std::string& juju = "3.0") {
  for (const Finding& f : check_consistency(spec, state, event, juju)) {
    if (f.severity == Severity::kError) {
      ADD_FAILURE() << "unexpected error: " << f.to_string();
      return false;
    }
  }
  return true;
}

bool inconsistent(const CharmSpec& spec, const State& state, const Event& event,
                  const std::string& juju = "3.0") {
  for (const Finding& f : check_consistency(spec, state, event, juju)) {
    if (f.severity == Severity::kError) return true;
  }
  return false;
}

CharmSpec with_containers(std::vector<std::string> names) {
  CharmSpec spec;
  for (std::string& name : names) spec.containers.push_back(ContainerSpec{std::move(name)});
  return spec;
}

CharmSpec with_relation(RelationRole role, const std::string& name,
                        const std::string& scope = "global") {
  CharmSpec spec;
  spec.relations.push_back(RelationSpec{name, role, "xxx", std::nullopt, scope});
  return spec;
}

CharmSpec with_action(const std::string& name, Json params = Json::object()) {
  CharmSpec spec;
  spec.actions.push_back(ActionSpec{.name = name, .params = std::move(params)});
  return spec;
}

Container container(const std::string& name) {
  Container c;
  c.name = name;
  c.can_connect = true;
  return c;
}

Event action_event(const std::string& path, const std::string& action, Json params) {
  Event e{.path = path};
  e.action = Action{.name = action, .params = std::move(params)};
  return e;
}

const Event kUpdateStatus{.path = "update_status"};

TEST(OpsScenarioCompat, Base) { EXPECT_TRUE(consistent(CharmSpec{}, State{}, kUpdateStatus)); }

TEST(OpsScenarioCompat, WorkloadEventWithoutContainer) {
  Event e{.path = "foo-pebble-ready", .container = "foo"};
  EXPECT_TRUE(inconsistent(CharmSpec{}, State{}, e));
  EXPECT_TRUE(consistent(with_containers({"foo"}), State{.containers = {container("foo")}}, e));
}

TEST(OpsScenarioCompat, ContainerMetaMismatch) {
  const State state{.containers = {container("bar")}};
  EXPECT_TRUE(inconsistent(with_containers({"baz"}), state, Event{.path = "foo"}));
  EXPECT_TRUE(consistent(with_containers({"bar"}), state, Event{.path = "foo"}));
  EXPECT_TRUE(inconsistent(CharmSpec{}, state, Event{.path = "foo"}));
}

TEST(OpsScenarioCompat, EventBadContainerName) {
  EXPECT_TRUE(
      inconsistent(CharmSpec{}, State{}, Event{.path = "foo-pebble-ready", .container = "bar"}));
  EXPECT_TRUE(consistent(with_containers({"bar"}), State{.containers = {container("bar")}},
                         Event{.path = "bar-pebble-ready", .container = "bar"}));
}

TEST(OpsScenarioCompat, RelationEvents) {
  for (const char* suffix : {"-relation-created", "-relation-joined", "-relation-changed",
                             "-relation-departed", "-relation-broken"}) {
    const Relation bar = make_relation(RelationKind::kRegular, "bar", 1);
    // Named after another endpoint, about a relation not in the State.
    EXPECT_TRUE(inconsistent(with_relation(RelationRole::kRequires, "foo"), State{},
                             Event{.path = std::string("foo") + suffix, .relation_id = 1}));
    // No relation at all.
    EXPECT_TRUE(inconsistent(CharmSpec{}, State{}, Event{.path = std::string("foo") + suffix}));
    EXPECT_TRUE(consistent(with_relation(RelationRole::kRequires, "bar"), State{.relations = {bar}},
                           Event{.path = std::string("bar") + suffix, .relation_id = 1}));
  }
}

TEST(OpsScenarioCompat, ConfigKeysAndTypes) {
  CharmSpec spec;
  const State state{.config = {{"foo", true}}};
  EXPECT_TRUE(inconsistent(spec, state, Event{.path = "bar"}));
  spec.config.push_back(ConfigOption{.name = "foo", .type = ConfigType::kString});
  EXPECT_TRUE(inconsistent(spec, state, Event{.path = "bar"}));
  spec.config[0].type = ConfigType::kBoolean;
  EXPECT_TRUE(consistent(spec, state, Event{.path = "bar"}));
}

TEST(OpsScenarioCompat, PeerRelationType) {
  const CharmSpec spec = with_relation(RelationRole::kPeers, "foo");
  EXPECT_TRUE(inconsistent(spec,
                           State{.relations = {make_relation(RelationKind::kRegular, "foo", 1)}},
                           Event{.path = "bar"}));
  // Difference: 5.8's default PeerRelation lists peer 0, which is the default State's own
  // unit id; a unit is never its own peer, so we use another peer id here.
  Relation peer = make_relation(RelationKind::kPeer, "foo", 1);
  peer.remote_units_data = {{1, {}}};
  EXPECT_TRUE(
      consistent(spec, State{.relations = {peer}, .planned_units = 2}, Event{.path = "bar"}));
}

TEST(OpsScenarioCompat, DuplicateEndpoints) {
  CharmSpec spec = with_relation(RelationRole::kRequires, "foo");
  spec.relations.push_back(RelationSpec{"foo", RelationRole::kProvides, "baz"});
  EXPECT_TRUE(inconsistent(spec, State{}, Event{.path = "bar"}));
}

TEST(OpsScenarioCompat, SubordinateRelations) {
  const CharmSpec sub = with_relation(RelationRole::kRequires, "foo", "container");
  EXPECT_TRUE(inconsistent(sub,
                           State{.relations = {make_relation(RelationKind::kRegular, "foo", 1)}},
                           Event{.path = "bar"}));
  EXPECT_TRUE(consistent(sub,
                         State{.relations = {make_relation(RelationKind::kSubordinate, "foo", 1)}},
                         Event{.path = "bar"}));
  EXPECT_TRUE(
      inconsistent(with_relation(RelationRole::kRequires, "foo"),
                   State{.relations = {make_relation(RelationKind::kSubordinate, "foo", 1)}},
                   Event{.path = "bar"}));
}

TEST(OpsScenarioCompat, DuplicateContainers) {
  EXPECT_TRUE(inconsistent(with_containers({"foo"}),
                           State{.containers = {container("foo"), container("foo")}},
                           Event{.path = "bar"}));
}

TEST(OpsScenarioCompat, PebbleReadyOnADashedContainer) {
  EXPECT_TRUE(consistent(with_containers({"foo-bar-baz"}),
                         State{.containers = {container("foo-bar-baz")}},
                         Event{.path = "foo_bar_baz_pebble_ready", .container = "foo-bar-baz"}));
}

TEST(OpsScenarioCompat, Actions) {
  const Json params = {{"bar", "baz"}};
  EXPECT_TRUE(inconsistent(CharmSpec{}, State{}, action_event("foo_action", "foo", params)));
  EXPECT_TRUE(inconsistent(with_action("foo", {{"bar", {{"type", "zabazaba"}}}}), State{},
                           action_event("foo_action", "foo", params)));
  EXPECT_TRUE(inconsistent(with_action("foo", {{"bar", Json::object()}}), State{},
                           action_event("foo_action", "foo", params)));
  EXPECT_TRUE(consistent(with_action("foo", {{"bar", {{"type", "string"}}}}), State{},
                         action_event("foo_action", "foo", params)));
  EXPECT_TRUE(inconsistent(with_action("foo"), State{}, action_event("box_action", "foo", params)));
}

TEST(OpsScenarioCompat, ActionParamTypes) {
  struct TypeCase {
    const char* type;
    Json good;
    Json bad;
  };
  // Difference: 5.8 takes a string as an array (a Python Sequence); Juju's JSON schema
  // does not, and neither do we.
  const std::vector<TypeCase> cases = {
      {"string", "baz", nullptr},
      {"boolean", true, "baz"},
      {"integer", 42, 1.5},
      {"number", 28.8, "baz"},
      {"array", Json::array({"a", "b"}), 1.5},
      {"object", {{"k", "v"}}, "baz"},
  };
  for (const TypeCase& c : cases) {
    const CharmSpec spec = with_action("foo", {{"bar", {{"type", c.type}}}});
    EXPECT_TRUE(consistent(spec, State{}, action_event("foo_action", "foo", {{"bar", c.good}})))
        << c.type;
    if (!c.bad.is_null()) {
      EXPECT_TRUE(inconsistent(spec, State{}, action_event("foo_action", "foo", {{"bar", c.bad}})))
          << c.type;
    }
  }
}

TEST(OpsScenarioCompat, RelationIdsAndEndpoints) {
  CharmSpec spec = with_relation(RelationRole::kRequires, "foo");
  spec.relations.push_back(RelationSpec{"bar", RelationRole::kRequires, "bar"});
  const Event start{.path = "start"};
  EXPECT_TRUE(inconsistent(spec,
                           State{.relations = {make_relation(RelationKind::kRegular, "foo", 1),
                                               make_relation(RelationKind::kRegular, "bar", 1)}},
                           start));
  EXPECT_TRUE(inconsistent(CharmSpec{.name = "charlemagne"},
                           State{.relations = {make_relation(RelationKind::kRegular, "foo", 1),
                                               make_relation(RelationKind::kRegular, "bar", 2)}},
                           start));
  EXPECT_TRUE(consistent(spec,
                         State{.relations = {make_relation(RelationKind::kRegular, "foo", 1),
                                             make_relation(RelationKind::kRegular, "bar", 2)}},
                         start));
}

TEST(OpsScenarioCompat, StorageEvents) {
  CharmSpec spec{.name = "rupert"};
  const State state{.storage = {{"foo", 0}}};
  EXPECT_TRUE(inconsistent(spec, state, Event{.path = "foo-storage-attached"}));
  spec.storage.push_back(StorageSpec{.name = "foo"});
  EXPECT_TRUE(inconsistent(spec, state, Event{.path = "foo-storage-attached"}));
  EXPECT_TRUE(consistent(spec, state,
                         Event{.path = "foo-storage-attached", .storage = StorageRef{"foo", 0}}));
}

TEST(OpsScenarioCompat, StorageStates) {
  CharmSpec spec{.name = "frank"};
  EXPECT_TRUE(
      inconsistent(spec, State{.storage = {{"foo", 1}, {"foo", 1}}}, Event{.path = "start"}));
  spec.storage.push_back(StorageSpec{.name = "foo"});
  spec.storage.push_back(StorageSpec{.name = "marx"});
  EXPECT_TRUE(
      consistent(spec, State{.storage = {{"foo", 1}, {"marx", 1}}}, Event{.path = "start"}));
  // Difference: 5.8 accepts foo/1 and foo/2 for a storage without 'multiple'; Juju
  // attaches at most one instance of such a storage.
  EXPECT_TRUE(
      inconsistent(spec, State{.storage = {{"foo", 1}, {"foo", 2}}}, Event{.path = "start"}));
  spec.storage[0].multiple_range = "1-3";
  EXPECT_TRUE(consistent(spec, State{.storage = {{"foo", 1}, {"foo", 2}}}, Event{.path = "start"}));
}

TEST(OpsScenarioCompat, Resources) {
  CharmSpec spec{.name = "yamlman"};
  spec.resources.push_back(ResourceSpec{.name = "foo", .type = "oci-image"});
  const Event start{.path = "start"};
  EXPECT_TRUE(consistent(spec, State{.resources = {{"foo", "/foo/bar.yaml"}}}, start));
  EXPECT_TRUE(consistent(spec, State{}, start));
  EXPECT_TRUE(inconsistent(spec, State{.resources = {{"bar", "/foo/bar.yaml"}}}, start));
  EXPECT_TRUE(inconsistent(CharmSpec{.name = "yamlman"},
                           State{.resources = {{"bar", "/foo/bar.yaml"}}}, start));
}

}  // namespace
}  // namespace scenario
