// SPDX-License-Identifier: Apache-2.0
// state/model_test.cc: defaults, equality and helpers of the plain state types.

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "scenario/errors.h"
#include "scenario/state/state.h"

namespace scenario {
namespace {

// Applies each mutation to a copy of `base` and expects the copy to differ: every field
// must take part in operator==.
template <typename T>
void expect_each_field_compared(const T& base, const std::vector<std::function<void(T&)>>& edits) {
  EXPECT_EQ(base, base);
  for (std::size_t i = 0; i < edits.size(); ++i) {
    T changed = base;
    edits[i](changed);
    EXPECT_NE(changed, base) << "mutation " << i << " did not change equality";
  }
}

TEST(ModelDefaults, StateMatchesPythonDefaults) {
  const State state;
  EXPECT_TRUE(state.config.empty());
  EXPECT_TRUE(state.relations.empty());
  EXPECT_TRUE(state.networks.empty());
  EXPECT_TRUE(state.containers.empty());
  EXPECT_TRUE(state.storage.empty());
  EXPECT_TRUE(state.opened_ports.empty());
  EXPECT_FALSE(state.leader);
  EXPECT_TRUE(state.secrets.empty());
  EXPECT_TRUE(state.resources.empty());
  EXPECT_EQ(state.planned_units, 1);
  EXPECT_EQ(state.unit_id, 0);
  EXPECT_TRUE(state.deferred.empty());
  EXPECT_TRUE(state.stored_state.empty());
  EXPECT_EQ(state.app_status, (Status{"unknown", ""}));
  EXPECT_EQ(state.unit_status, (Status{"unknown", ""}));
  EXPECT_EQ(state.workload_version, "");
}

TEST(ModelDefaults, ModelIsFixedKubernetes) {
  const Model model;
  EXPECT_EQ(model.name, "test-model");
  EXPECT_EQ(model.uuid, "00000000-0000-4000-8000-000000000000");
  EXPECT_EQ(model.type, "kubernetes");
}

TEST(ModelDefaults, RelationMatchesPythonDefaults) {
  const Relation relation;
  EXPECT_EQ(relation.kind, RelationKind::kRegular);
  EXPECT_EQ(relation.remote_app_name, "remote");
  EXPECT_EQ(relation.limit, 1);
  EXPECT_TRUE(relation.local_app_data.empty());
  EXPECT_TRUE(relation.local_unit_data.empty());
  EXPECT_TRUE(relation.remote_app_data.empty());
  ASSERT_EQ(relation.remote_units_data.size(), 1u);
  EXPECT_TRUE(relation.remote_units_data.at(0).empty());
}

TEST(ModelDefaults, ContainerSecretAndOthersMatchPythonDefaults) {
  const Container container;
  EXPECT_FALSE(container.can_connect);
  EXPECT_TRUE(container.layers.empty());
  EXPECT_TRUE(container.service_status.empty());
  EXPECT_TRUE(container.mounts.empty());
  EXPECT_TRUE(container.exec_mock.empty());
  const ExecOutput output;
  EXPECT_EQ(output.return_code, 0);
  EXPECT_EQ(output.stdout_text, "");
  const Secret secret;
  EXPECT_EQ(secret.owner, SecretOwner::kNone);
  EXPECT_EQ(secret.granted, SecretGrant::kNone);
  EXPECT_EQ(secret.revision, 0);
  EXPECT_EQ(secret.rotate, SecretRotate::kNever);
  EXPECT_FALSE(secret.label.has_value());
  EXPECT_FALSE(secret.expire.has_value());
  const StoredState stored;
  EXPECT_FALSE(stored.owner_path.has_value());
  EXPECT_EQ(stored.name, "_stored");
  EXPECT_EQ(stored.data_type_name, "StoredStateData");
  EXPECT_EQ(stored.content, Json::object());
  EXPECT_EQ(DeferredEvent{}.snapshot_data, Json::object());
  EXPECT_EQ(Storage{}.index, 0);
  EXPECT_EQ(Port{}.protocol, "tcp");
  EXPECT_FALSE(Port{}.port.has_value());
  EXPECT_FALSE(BindAddress{}.mac_address.has_value());
}

TEST(ModelEquality, EveryStateFieldParticipates) {
  expect_each_field_compared<State>(
      State{}, {
                   [](State& s) { s.config["a"] = true; },
                   [](State& s) { s.relations.push_back(Relation{}); },
                   [](State& s) { s.networks.push_back(make_default_network("db")); },
                   [](State& s) { s.containers.push_back(Container{}); },
                   [](State& s) {
                     s.storage.push_back(Storage{"data", 0});
                   },
                   [](State& s) {
                     s.opened_ports.push_back(Port{"tcp", 80});
                   },
                   [](State& s) { s.leader = true; },
                   [](State& s) { s.model.name = "other"; },
                   [](State& s) { s.secrets.push_back(Secret{}); },
                   [](State& s) { s.resources["r"] = "/path"; },
                   [](State& s) { s.planned_units = 3; },
                   [](State& s) { s.unit_id = 2; },
                   [](State& s) { s.deferred.push_back(DeferredEvent{}); },
                   [](State& s) { s.stored_state.push_back(StoredState{}); },
                   [](State& s) { s.app_status.name = "active"; },
                   [](State& s) { s.unit_status.message = "hi"; },
                   [](State& s) { s.workload_version = "1.0"; },
               });
}

TEST(ModelEquality, EveryRelationFieldParticipates) {
  expect_each_field_compared<Relation>(Relation{},
                                       {
                                           [](Relation& r) { r.kind = RelationKind::kPeer; },
                                           [](Relation& r) { r.endpoint = "db"; },
                                           [](Relation& r) { r.interface = "pg"; },
                                           [](Relation& r) { r.relation_id = 4; },
                                           [](Relation& r) { r.local_app_data["k"] = "v"; },
                                           [](Relation& r) { r.local_unit_data["k"] = "v"; },
                                           [](Relation& r) { r.remote_app_name = "x"; },
                                           [](Relation& r) { r.remote_app_data["k"] = "v"; },
                                           [](Relation& r) { r.remote_units_data[1] = {}; },
                                           [](Relation& r) { r.limit = 2; },
                                       });
}

TEST(ModelEquality, EveryContainerAndSecretFieldParticipates) {
  expect_each_field_compared<Container>(
      Container{}, {
                       [](Container& c) { c.name = "w"; },
                       [](Container& c) { c.can_connect = true; },
                       [](Container& c) { c.layers["l"] = Layer{}; },
                       [](Container& c) { c.service_status["s"] = ServiceStatus::kActive; },
                       [](Container& c) {
                         c.mounts["m"] = Mount{"/a", "/b"};
                       },
                       [](Container& c) {
                         c.exec_mock.push_back(ExecMock{{"ls"}, {}});
                       },
                   });
  expect_each_field_compared<Layer>(Layer{},
                                    {
                                        [](Layer& l) { l.summary = "s"; },
                                        [](Layer& l) { l.description = "d"; },
                                        [](Layer& l) { l.services["a"] = Json::object(); },
                                        [](Layer& l) { l.checks["a"] = Json::object(); },
                                        [](Layer& l) { l.log_targets["a"] = Json::object(); },
                                    });
  expect_each_field_compared<Secret>(Secret{},
                                     {
                                         [](Secret& s) { s.id = "x"; },
                                         [](Secret& s) { s.contents[1] = {}; },
                                         [](Secret& s) { s.owner = SecretOwner::kApp; },
                                         [](Secret& s) { s.granted = SecretGrant::kUnit; },
                                         [](Secret& s) { s.revision = 1; },
                                         [](Secret& s) { s.remote_grants[1] = {"app"}; },
                                         [](Secret& s) { s.label = "l"; },
                                         [](Secret& s) { s.description = "d"; },
                                         [](Secret& s) { s.expire = "2024-01-01T00:00:00Z"; },
                                         [](Secret& s) { s.rotate = SecretRotate::kDaily; },
                                     });
}

TEST(ModelEquality, SmallTypesCompareEveryField) {
  expect_each_field_compared<StoredState>(StoredState{},
                                          {
                                              [](StoredState& s) { s.owner_path = "C"; },
                                              [](StoredState& s) { s.name = "n"; },
                                              [](StoredState& s) { s.content["a"] = 1; },
                                              [](StoredState& s) { s.data_type_name = "D"; },
                                          });
  expect_each_field_compared<DeferredEvent>(DeferredEvent{},
                                            {
                                                [](DeferredEvent& d) { d.handle_path = "h"; },
                                                [](DeferredEvent& d) { d.owner = "o"; },
                                                [](DeferredEvent& d) { d.observer = "f"; },
                                                [](DeferredEvent& d) { d.snapshot_data["a"] = 1; },
                                            });
  expect_each_field_compared<Address>(Address{}, {
                                                     [](Address& a) { a.hostname = "h"; },
                                                     [](Address& a) { a.value = "v"; },
                                                     [](Address& a) { a.cidr = "c"; },
                                                     [](Address& a) { a.address = "a"; },
                                                 });
  expect_each_field_compared<Network>(Network{},
                                      {
                                          [](Network& n) { n.name = "n"; },
                                          [](Network& n) { n.bind_addresses.emplace_back(); },
                                          [](Network& n) { n.ingress_addresses = {"a"}; },
                                          [](Network& n) { n.egress_subnets = {"a"}; },
                                      });
  expect_each_field_compared<Port>(Port{}, {
                                               [](Port& p) { p.protocol = "udp"; },
                                               [](Port& p) { p.port = 1; },
                                           });
  expect_each_field_compared<ExecMock>(ExecMock{},
                                       {
                                           [](ExecMock& m) { m.command = {"ls"}; },
                                           [](ExecMock& m) { m.output.return_code = 1; },
                                           [](ExecMock& m) { m.output.stdout_text = "o"; },
                                           [](ExecMock& m) { m.output.stderr_text = "e"; },
                                       });
}

TEST(RelationHelpers, RemoteUnitIdsAreAscending) {
  Relation relation = make_relation(RelationKind::kRegular, "db", 3);
  relation.remote_units_data = {{5, {}}, {1, {}}, {3, {}}};
  EXPECT_EQ(relation.remote_unit_ids(), (std::vector<UnitId>{1, 3, 5}));
}

TEST(RelationHelpers, RemoteUnitNameUsesRemoteAppOrLocalAppForPeers) {
  Relation regular = make_relation(RelationKind::kRegular, "db", 1);
  regular.remote_app_name = "postgresql";
  EXPECT_EQ(regular.remote_unit_name(2, "mycharm"), "postgresql/2");
  const Relation peer = make_relation(RelationKind::kPeer, "peers", 2);
  EXPECT_EQ(peer.remote_unit_name(1, "mycharm"), "mycharm/1");
}

TEST(RelationHelpers, SubordinateRemoteUnitId) {
  Relation relation = make_relation(RelationKind::kSubordinate, "juju-info", 1);
  relation.remote_units_data = {{7, {{"a", "b"}}}};
  EXPECT_EQ(relation.remote_unit_id(), 7);
  EXPECT_THROW(make_relation(RelationKind::kRegular, "db", 1).remote_unit_id(), InternalError);
}

TEST(RelationHelpers, MakeRelationUsesConstructorDefaults) {
  const Relation relation = make_relation(RelationKind::kPeer, "peers", 9);
  EXPECT_EQ(relation.kind, RelationKind::kPeer);
  EXPECT_EQ(relation.endpoint, "peers");
  EXPECT_EQ(relation.relation_id, 9);
  EXPECT_EQ(relation.remote_unit_ids(), (std::vector<UnitId>{0}));
  EXPECT_EQ(to_string(RelationKind::kSubordinate), "subordinate");
}

TEST(ModelHelpers, DefaultNetworkMatchesPython) {
  const Network network = make_default_network("db");
  EXPECT_EQ(network.name, "db");
  ASSERT_EQ(network.bind_addresses.size(), 1u);
  EXPECT_EQ(network.bind_addresses[0].interface_name, "");
  EXPECT_FALSE(network.bind_addresses[0].mac_address.has_value());
  ASSERT_EQ(network.bind_addresses[0].addresses.size(), 1u);
  EXPECT_EQ(network.bind_addresses[0].addresses[0].value, "1.1.1.1");
  EXPECT_EQ(network.ingress_addresses, (std::vector<std::string>{"1.1.1.2"}));
  EXPECT_EQ(network.egress_subnets, (std::vector<std::string>{"1.1.1.2/32"}));
}

TEST(ModelHelpers, StoredStateHandlePath) {
  StoredState stored;
  EXPECT_EQ(stored.handle_path(), "/StoredStateData[_stored]");
  stored.owner_path = "MyCharm/MyLib";
  stored.name = "_state";
  EXPECT_EQ(stored.handle_path(), "MyCharm/MyLib/StoredStateData[_state]");
}

TEST(ModelHelpers, DeferredEventName) {
  DeferredEvent event;
  event.handle_path = "MyCharm/on/update_status[1]";
  EXPECT_EQ(event.name(), "update_status");
  event.handle_path = "start";
  EXPECT_EQ(event.name(), "start");
  event.handle_path = "MyCharm/lib/on/foo[12]";
  EXPECT_EQ(event.name(), "foo");
}

TEST(StatusNames, SixKnownNames) {
  for (const char* name : {"active", "blocked", "maintenance", "waiting", "unknown", "error"}) {
    EXPECT_TRUE(is_known_status_name(name)) << name;
  }
  EXPECT_FALSE(is_known_status_name("Active"));
  EXPECT_FALSE(is_known_status_name(""));
  EXPECT_FALSE(is_known_status_name("green"));
}

TEST(ModelEnums, ToStringSpellings) {
  EXPECT_EQ(to_string(ServiceStatus::kBackoff), "backoff");
  EXPECT_EQ(to_string(SecretOwner::kApp), "app");
  EXPECT_EQ(to_string(SecretGrant::kNone), "none");
  EXPECT_EQ(to_string(SecretRotate::kQuarterly), "quarterly");
  EXPECT_EQ(to_string(RelationKind::kPeer), "peer");
}

TEST(StateLookup, FindsEntitiesByIdentity) {
  State state;
  state.relations = {make_relation(RelationKind::kRegular, "db", 3),
                     make_relation(RelationKind::kRegular, "cache-a", 5)};
  state.containers = {Container{.name = "workload"}};
  state.secrets = {Secret{.id = "secret:abc"}};
  state.storage = {Storage{"data", 0}, Storage{"data", 2}};
  ASSERT_NE(state.find_relation(5), nullptr);
  EXPECT_EQ(state.find_relation(5)->endpoint, "cache-a");
  EXPECT_EQ(state.find_relation(4), nullptr);
  EXPECT_NE(state.find_container("workload"), nullptr);
  EXPECT_EQ(state.find_container("other"), nullptr);
  EXPECT_NE(state.find_secret("secret:abc"), nullptr);
  EXPECT_EQ(state.find_secret("abc"), nullptr);
  EXPECT_NE(state.find_storage("data", 2), nullptr);
  EXPECT_EQ(state.find_storage("data", 1), nullptr);
}

TEST(StateLookup, RelationsOnTreatsDashAndUnderscoreAlike) {
  State state;
  state.relations = {make_relation(RelationKind::kRegular, "cache-a", 1),
                     make_relation(RelationKind::kRegular, "cache_a", 2),
                     make_relation(RelationKind::kRegular, "cache-b", 3)};
  EXPECT_EQ(state.relations_on("cache_a").size(), 2u);
  EXPECT_EQ(state.relations_on("cache-a").size(), 2u);
  EXPECT_EQ(state.relations_on("cache").size(), 0u);
}

TEST(StateLookup, NextRelationIdAndStorageIndex) {
  State state;
  EXPECT_EQ(state.next_relation_id(), 1);
  EXPECT_EQ(state.next_storage_index("data"), 0);
  state.relations = {make_relation(RelationKind::kRegular, "db", 7),
                     make_relation(RelationKind::kRegular, "db", 2)};
  EXPECT_EQ(state.next_relation_id(), 8);
  state.storage = {Storage{"data", 3}, Storage{"logs", 9}};
  EXPECT_EQ(state.next_storage_index("data"), 4);
  EXPECT_EQ(state.next_storage_index("cache"), 0);
}

}  // namespace
}  // namespace scenario
