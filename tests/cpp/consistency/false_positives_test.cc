// SPDX-License-Identifier: Apache-2.0
// consistency/false_positives_test.cc: scenarios ops-scenario 5.8's users report as
// wrongly rejected. Each is valid on Juju and must pass without an error or warning.

#include <gtest/gtest.h>

#include <string>

#include "consistency_test_util.h"

namespace scenario {
namespace {

using testing::Scenario;

// Juju: every principal provides juju-info without declaring it.
TEST(FalsePositives, JujuInfoOnAPrincipalNeedsNoDeclaration) {
  Scenario s;
  Relation relation = make_relation(RelationKind::kRegular, "juju-info", 1);
  relation.interface = "juju-info";
  relation.remote_app_name = "telegraf";
  s.state.relations.push_back(relation);
  s.state.networks.push_back(make_default_network("juju-info"));
  s.event = Event{.path = "juju-info-relation-joined", .relation_id = 1, .remote_unit_id = 0};
  EXPECT_EQ(testing::render(s.check()), "");
  // Seen from the principal, the relation to a subordinate may be modelled either way.
  s.state.relations[0].kind = RelationKind::kSubordinate;
  EXPECT_EQ(testing::render(s.check()), "");
}

TEST(FalsePositives, JujuInfoOnASubordinate) {
  Scenario s;
  s.spec = testing::subordinate_spec();
  s.state.relations.push_back(make_relation(RelationKind::kSubordinate, "juju-info", 1));
  s.event = Event{.path = "juju_info_relation_changed", .relation_id = 1};
  EXPECT_EQ(testing::render(s.check()), "");

  // A subordinate that does not declare juju-info still relates through it.
  s.spec = testing::load_spec("name: agent\nsubordinate: true\n");
  EXPECT_EQ(testing::render(s.check()), "");
}

TEST(FalsePositives, RemoteUnitZeroIsAUnit) {
  Scenario s;
  Relation relation = make_relation(RelationKind::kRegular, "db", 0);
  relation.remote_units_data = {{0, {{"host", "10.0.0.1"}}}};
  s.state.relations.push_back(relation);
  for (const char* path : {"db-relation-joined", "db-relation-changed"}) {
    s.event = Event{.path = path, .relation_id = 0, .remote_unit_id = 0};
    EXPECT_EQ(testing::render(s.check()), "") << path;
  }
  s.event = Event{.path = "db-relation-departed",
                  .relation_id = 0,
                  .remote_unit_id = 0,
                  .departing_unit_id = 0};
  EXPECT_EQ(testing::render(s.check()), "");

  Scenario sub;
  sub.spec = testing::subordinate_spec();
  Relation principal = make_relation(RelationKind::kSubordinate, "juju-info", 2);
  principal.remote_units_data = {{0, {}}};
  sub.state.relations.push_back(principal);
  sub.event = Event{.path = "juju-info-relation-joined", .relation_id = 2, .remote_unit_id = 0};
  EXPECT_EQ(testing::render(sub.check()), "");
}

TEST(FalsePositives, ARelationReusedAcrossStates) {
  const Relation shared = make_relation(RelationKind::kRegular, "db", 3);
  Scenario first;
  first.state.relations.push_back(shared);
  first.event = Event{.path = "db-relation-created", .relation_id = 3};
  Scenario second;
  second.state.leader = true;
  second.state.relations.push_back(shared);
  second.state.relations.push_back(make_relation(RelationKind::kRegular, "website", 4));
  second.event = Event{.path = "db-relation-broken", .relation_id = 3};
  EXPECT_EQ(testing::render(first.check()), "");
  EXPECT_EQ(testing::render(second.check()), "");
}

TEST(FalsePositives, CharmcraftYamlMetadata) {
  const CharmSpec spec = testing::load_spec(R"(
name: unified
type: charm
bases:
  - build-on: [{name: ubuntu, channel: "22.04"}]
    run-on: [{name: ubuntu, channel: "22.04"}]
containers:
  workload:
    resource: workload-image
resources:
  workload-image: {type: oci-image}
requires:
  db: {interface: pgsql}
peers:
  replicas: {interface: unified-replicas}
config:
  options:
    log-level: {type: string, default: info}
    replicas: {type: int, default: 1}
actions:
  snapshot:
    params:
      name: {type: string}
    required: [name]
)",
                                            std::nullopt, std::nullopt, /*unified=*/true);
  ASSERT_EQ(spec.name, "unified");
  Scenario s;
  s.spec = spec;
  s.state.unit_id = 1;
  s.state.planned_units = 2;
  s.state.config = {{"log-level", std::string("debug")}, {"replicas", std::int64_t{2}}};
  s.state.relations.push_back(make_relation(RelationKind::kRegular, "db", 1));
  s.state.relations.push_back(make_relation(RelationKind::kPeer, "replicas", 2));
  Container workload;
  workload.name = "workload";
  workload.can_connect = true;
  s.state.containers.push_back(workload);
  s.state.resources["workload-image"] = "/tmp/image.json";
  s.event = Event{.path = "snapshot-action"};
  s.event.action = Action{.name = "snapshot", .params = {{"name", "nightly"}}};
  EXPECT_EQ(testing::render(s.check()), "");
}

TEST(FalsePositives, SecretTypedConfigOptionsTakeSecretUris) {
  Scenario s;
  s.state.secrets.push_back(
      Secret{.id = "secret:cp9vlcfmp25c7a3hk5u0",
             .contents = {{0, {{"password", "hunter2"}}}},
             .granted = SecretGrant::kApp});
  s.state.config["password"] = std::string("secret:cp9vlcfmp25c7a3hk5u0");
  EXPECT_EQ(testing::render(s.check()), "");
  // The model-qualified spelling names the same secret.
  s.state.config["password"] =
      std::string("secret://00000000-0000-4000-8000-000000000000/cp9vlcfmp25c7a3hk5u0");
  EXPECT_EQ(testing::render(s.check()), "");
}

// Juju: owners always read the latest revision; the tracked revision is an observer's.
TEST(FalsePositives, AnOwnedSecretNeedsNoTrackedRevision) {
  Scenario s;
  Secret secret;
  secret.id = "secret:a";
  secret.owner = SecretOwner::kUnit;
  secret.contents = {{1, {{"key", "value"}}}};
  s.state.secrets.push_back(secret);
  EXPECT_EQ(testing::render(s.check()), "");
}

TEST(FalsePositives, ContainerNamesWithDashes) {
  Scenario s;
  s.spec = testing::load_spec(
      "name: c\ncontainers:\n  foo-bar-baz:\n    resource: img\n"
      "resources:\n  img: {type: oci-image}\n");
  Container c;
  c.name = "foo-bar-baz";
  c.can_connect = true;
  s.state.containers.push_back(c);
  s.event = Event{.path = "foo-bar-baz-pebble-ready", .container = "foo-bar-baz"};
  EXPECT_EQ(testing::render(s.check()), "");
}

TEST(FalsePositives, APeerRelationOfAnotherUnit) {
  Scenario s;
  s.state.unit_id = 2;
  s.state.planned_units = 3;
  Relation peers = make_relation(RelationKind::kPeer, "cluster", 1);
  peers.remote_units_data = {{0, {}}, {1, {}}};
  s.state.relations.push_back(peers);
  s.event = Event{.path = "cluster-relation-changed", .relation_id = 1, .remote_unit_id = 0};
  EXPECT_EQ(testing::render(s.check()), "");
}

// ops-scenario 5.8's PeerRelation defaults to peers_data={0: {}} and its State to
// unit_id=0; tests built from the defaults must keep running.
TEST(FalsePositives, TheDefaultPeerRelationOfTheDefaultUnit) {
  Scenario s;
  s.state.relations.push_back(make_relation(RelationKind::kPeer, "cluster", 1));
  EXPECT_EQ(testing::render(s.check()), "");
}

// ops-scenario 5.8 States leave planned_units at 1 whatever their peers.
TEST(FalsePositives, PeersWithTheDefaultPlannedUnits) {
  Scenario s;
  s.state.unit_id = 0;
  Relation peers = make_relation(RelationKind::kPeer, "cluster", 1);
  peers.remote_units_data = {{1, {}}, {2, {}}};
  s.state.relations.push_back(peers);
  EXPECT_EQ(testing::render(s.check()), "");
}

TEST(FalsePositives, ContainersDeclaredButAbsentFromTheState) {
  Scenario s;  // the web charm declares two containers; the State has none yet
  s.event = Event{.path = "install"};
  EXPECT_EQ(testing::render(s.check()), "");
}

TEST(FalsePositives, ResourcesDeclaredButNotGiven) {
  Scenario s;
  s.event = Event{.path = "start"};
  EXPECT_TRUE(s.state.resources.empty());
  EXPECT_EQ(testing::render(s.check()), "");
}

TEST(FalsePositives, FrameworkOwnedStoredStateAndLibraryDeferredEvents) {
  Scenario s;
  s.state.stored_state.push_back(StoredState{});  // owner_path None: the framework's
  s.state.deferred.push_back(DeferredEvent{
      "MyCharm/ingress/on/ready[3]", "MyCharm/ingress", "_on_ready", {{"anything", 1}}});
  EXPECT_EQ(testing::render(s.check()), "");
}

}  // namespace
}  // namespace scenario
