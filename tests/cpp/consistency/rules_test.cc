// SPDX-License-Identifier: Apache-2.0
// consistency/rules_test.cc: every rule, on a scenario that breaks it (the rule fires)
// and on the nearest one that does not (the rule stays silent).

#include <gtest/gtest.h>

#include <functional>
#include <set>
#include <string>
#include <vector>

#include "consistency_test_util.h"

namespace scenario {
namespace {

using testing::relation;
using testing::Scenario;

using Mutate = std::function<void(Scenario&)>;

struct RuleCase {
  std::string code;
  Mutate bad;
  Mutate good;
};

Event ev(std::string path) { return Event{.path = std::move(path)}; }

Event relation_event(std::string path, int id) {
  Event e = ev(std::move(path));
  e.relation_id = id;
  return e;
}

Event action_event(std::string action, Json params = Json::object()) {
  Event e = ev(action + "-action");
  e.action = Action{.name = action, .params = std::move(params)};
  return e;
}

Event container_event(std::string path, std::string container) {
  Event e = ev(std::move(path));
  e.container = std::move(container);
  return e;
}

Event storage_event(std::string path, std::string name, int index = 0) {
  Event e = ev(std::move(path));
  e.storage = StorageRef{std::move(name), index};
  return e;
}

Event secret_event(std::string path, std::string id) {
  Event e = ev(std::move(path));
  e.secret_id = std::move(id);
  return e;
}

Secret secret(std::string id, SecretOwner owner = SecretOwner::kNone) {
  Secret s;
  s.id = std::move(id);
  s.contents = {{0, {{"key", "value"}}}, {1, {{"key", "value2"}}}};
  s.owner = owner;
  return s;
}

void add_db(Scenario& s, int id = 1) {
  s.state.relations.push_back(relation(RelationKind::kRegular, "db", id));
}

void add_container(Scenario& s, std::string name, bool can_connect = true) {
  Container c;
  c.name = std::move(name);
  c.can_connect = can_connect;
  s.state.containers.push_back(std::move(c));
}

DeferredEvent deferred(std::string handle, Json snapshot = Json::object()) {
  return DeferredEvent{std::move(handle), "MyCharm", "_on_event", std::move(snapshot)};
}

const Mutate kNothing = [](Scenario&) {};

std::vector<RuleCase> rule_cases() {
  return {
      // Juju version and spec.
      {"juju-version-invalid", [](Scenario& s) { s.juju_version = "3.x"; },
       [](Scenario& s) { s.juju_version = "3.1.6"; }},
      {"juju-feature-unsupported",
       [](Scenario& s) {
         s.state.secrets.push_back(secret("secret:a"));
         s.juju_version = "2.9.44";
       },
       [](Scenario& s) {
         s.state.secrets.push_back(secret("secret:a"));
         s.juju_version = "3.0";
       }},
      {"spec-endpoint-duplicate",
       [](Scenario& s) { s.spec.relations.push_back(s.spec.relations.front()); }, kNothing},
      {"model-type-mismatch", [](Scenario& s) { s.state.model.type = "lxd"; }, kNothing},

      // Event names.
      {"event-name-invalid", [](Scenario& s) { s.event = ev("update status"); },
       [](Scenario& s) { s.event = ev("my_lib.on.thing-happened"); }},
      {"event-name-unknown", [](Scenario& s) { s.event = ev("update-stauts"); },
       [](Scenario& s) { s.event = ev("restart-workload"); }},

      // Relation events.
      {"event-relation-missing",
       [](Scenario& s) {
         add_db(s);
         s.event = ev("db-relation-changed");
       },
       [](Scenario& s) {
         add_db(s);
         s.event = relation_event("db-relation-changed", 1);
       }},
      {"event-relation-not-in-state",
       [](Scenario& s) {
         add_db(s);
         s.event = relation_event("db-relation-changed", 7);
       },
       [](Scenario& s) {
         add_db(s, 7);
         s.event = relation_event("db-relation-changed", 7);
       }},
      {"event-relation-endpoint-mismatch",
       [](Scenario& s) {
         add_db(s);
         s.event = relation_event("website-relation-changed", 1);
       },
       [](Scenario& s) {
         add_db(s);
         s.event = relation_event("db_relation_changed", 1);
       }},
      {"event-endpoint-undeclared", [](Scenario& s) { s.event = ev("nope-relation-joined"); },
       [](Scenario& s) { s.event = ev("db-relation-joined"); }},
      {"event-remote-unit-unknown",
       [](Scenario& s) {
         add_db(s);
         s.event = relation_event("db-relation-joined", 1);
         s.event.remote_unit_id = 5;
       },
       [](Scenario& s) {
         add_db(s);
         s.event = relation_event("db-relation-joined", 1);
         s.event.remote_unit_id = 0;
       }},
      {"event-remote-unit-unexpected",
       [](Scenario& s) {
         add_db(s);
         s.event = relation_event("db-relation-broken", 1);
         s.event.remote_unit_id = 0;
       },
       [](Scenario& s) {
         add_db(s);
         s.event = relation_event("db-relation-broken", 1);
       }},
      {"event-departing-unit-unexpected",
       [](Scenario& s) {
         add_db(s);
         s.event = relation_event("db-relation-changed", 1);
         s.event.departing_unit_id = 0;
       },
       [](Scenario& s) {
         add_db(s);
         s.event = relation_event("db-relation-departed", 1);
         s.event.departing_unit_id = 0;
       }},

      // Workload events.
      {"event-container-missing",
       [](Scenario& s) {
         add_container(s, "app");
         s.event = ev("app-pebble-ready");
       },
       [](Scenario& s) {
         add_container(s, "app");
         s.event = container_event("app-pebble-ready", "app");
       }},
      {"event-container-not-in-state",
       [](Scenario& s) { s.event = container_event("app-pebble-ready", "app"); },
       [](Scenario& s) {
         add_container(s, "app");
         s.event = container_event("app-pebble-ready", "app");
       }},
      {"event-container-undeclared",
       [](Scenario& s) { s.event = container_event("nope-pebble-ready", "nope"); },
       [](Scenario& s) { s.event = container_event("side-car-pebble-ready", "side-car"); }},
      {"event-container-name-mismatch",
       [](Scenario& s) {
         add_container(s, "side-car");
         s.event = container_event("app-pebble-ready", "side-car");
       },
       [](Scenario& s) {
         add_container(s, "side-car");
         s.event = container_event("side_car_pebble_ready", "side-car");
       }},
      {"event-container-cannot-connect",
       [](Scenario& s) {
         add_container(s, "app", false);
         s.event = container_event("app-pebble-ready", "app");
       },
       [](Scenario& s) {
         add_container(s, "app", true);
         s.event = container_event("app-pebble-ready", "app");
       }},

      // Storage events.
      {"event-storage-missing",
       [](Scenario& s) {
         s.state.storage.push_back({"data", 0});
         s.event = ev("data-storage-attached");
       },
       [](Scenario& s) {
         s.state.storage.push_back({"data", 0});
         s.event = storage_event("data-storage-attached", "data");
       }},
      {"event-storage-not-in-state",
       [](Scenario& s) {
         s.state.storage.push_back({"data", 0});
         s.event = storage_event("data-storage-attached", "data", 1);
       },
       [](Scenario& s) {
         s.state.storage.push_back({"data", 1});
         s.event = storage_event("data-storage-attached", "data", 1);
       }},
      {"event-storage-undeclared",
       [](Scenario& s) { s.event = storage_event("cache-storage-detaching", "cache"); },
       [](Scenario& s) { s.event = storage_event("logs-storage-detaching", "logs"); }},
      {"event-storage-name-mismatch",
       [](Scenario& s) {
         s.state.storage.push_back({"logs", 0});
         s.event = storage_event("data-storage-attached", "logs");
       },
       [](Scenario& s) {
         s.state.storage.push_back({"logs", 0});
         s.event = storage_event("logs-storage-attached", "logs");
       }},

      // Secret events.
      {"event-secret-missing",
       [](Scenario& s) {
         s.state.secrets.push_back(secret("secret:a"));
         s.event = ev("secret-changed");
       },
       [](Scenario& s) {
         s.state.secrets.push_back(secret("secret:a"));
         s.event = secret_event("secret-changed", "secret:a");
       }},
      {"event-secret-not-in-state",
       [](Scenario& s) { s.event = secret_event("secret-changed", "secret:a"); },
       [](Scenario& s) {
         s.state.secrets.push_back(secret("secret:a"));
         s.event = secret_event("secret-changed", "secret:a");
       }},
      {"event-secret-owner-mismatch",
       [](Scenario& s) {
         s.state.secrets.push_back(secret("secret:a", SecretOwner::kUnit));
         s.event = secret_event("secret-changed", "secret:a");
       },
       [](Scenario& s) {
         s.state.secrets.push_back(secret("secret:a", SecretOwner::kUnit));
         s.event = secret_event("secret-rotate", "secret:a");
       }},
      {"event-secret-not-leader",
       [](Scenario& s) {
         s.state.secrets.push_back(secret("secret:a", SecretOwner::kApp));
         s.event = secret_event("secret-rotate", "secret:a");
       },
       [](Scenario& s) {
         s.state.secrets.push_back(secret("secret:a", SecretOwner::kApp));
         s.state.leader = true;
         s.event = secret_event("secret-rotate", "secret:a");
       }},
      {"event-secret-revision-unknown",
       [](Scenario& s) {
         s.state.secrets.push_back(secret("secret:a", SecretOwner::kUnit));
         s.event = secret_event("secret-remove", "secret:a");
         s.event.secret_revision = 9;
       },
       [](Scenario& s) {
         s.state.secrets.push_back(secret("secret:a", SecretOwner::kUnit));
         s.event = secret_event("secret-remove", "secret:a");
         s.event.secret_revision = 0;
       }},

      // Action events.
      {"event-action-missing", [](Scenario& s) { s.event = ev("backup-action"); },
       [](Scenario& s) {
         s.event = action_event("backup", {{"target", "s3"}});
       }},
      {"event-action-name-mismatch",
       [](Scenario& s) {
         s.event = action_event("strict");
         s.event.path = "backup-action";
       },
       [](Scenario& s) { s.event = action_event("strict"); }},
      {"event-action-undeclared", [](Scenario& s) { s.event = action_event("restore"); },
       [](Scenario& s) { s.event = action_event("strict"); }},
      {"event-action-unexpected", [](Scenario& s) { s.event.action = Action{.name = "backup"}; },
       kNothing},
      {"event-field-ignored", [](Scenario& s) { s.event.container = "app"; }, kNothing},
      {"event-leader-mismatch", [](Scenario& s) { s.event = ev("leader-elected"); },
       [](Scenario& s) {
         s.event = ev("leader-elected");
         s.state.leader = true;
       }},
      {"event-not-on-kubernetes", [](Scenario& s) { s.event = ev("pre-series-upgrade"); },
       [](Scenario& s) {
         s.spec = testing::subordinate_spec();
         s.event = ev("pre-series-upgrade");
       }},

      // Action parameters.
      {"action-param-untyped", [](Scenario& s) { s.event = action_event("loose"); },
       [](Scenario& s) {
         s.event = action_event("backup", {{"target", "s3"}});
       }},
      {"action-param-type-unknown", [](Scenario& s) { s.event = action_event("loose"); },
       [](Scenario& s) { s.event = action_event("strict"); }},
      {"action-param-type-mismatch",
       [](Scenario& s) {
         s.event = action_event("backup", {{"target", "s3"}, {"count", "two"}});
       },
       [](Scenario& s) {
         s.event = action_event("backup", {{"target", "s3"}, {"count", 2}});
       }},
      {"action-param-not-in-enum",
       [](Scenario& s) {
         s.event = action_event("backup", {{"target", "ftp"}});
       },
       [](Scenario& s) {
         s.event = action_event("backup", {{"target", "local"}});
       }},
      {"action-param-required-missing", [](Scenario& s) { s.event = action_event("backup"); },
       // `level` is required but has a default, which Juju inserts.
       [](Scenario& s) { s.event = action_event("strict"); }},
      {"action-param-not-allowed",
       [](Scenario& s) {
         s.event = action_event("strict", {{"verbose", true}});
       },
       [](Scenario& s) {
         s.event = action_event("strict", {{"level", 3}});
       }},
      {"action-param-undeclared",
       [](Scenario& s) {
         s.event = action_event("backup", {{"target", "s3"}, {"verbose", true}});
       },
       [](Scenario& s) {
         s.event = action_event("backup", {{"target", "s3"}, {"count", 1}});
       }},

      // Config.
      {"config-key-undeclared", [](Scenario& s) { s.state.config["colour"] = std::string("red"); },
       [](Scenario& s) { s.state.config["log-level"] = std::string("debug"); }},
      {"config-type-mismatch", [](Scenario& s) { s.state.config["port"] = std::string("8080"); },
       [](Scenario& s) {
         s.state.config["port"] = std::int64_t{8080};
         s.state.config["ratio"] = std::int64_t{1};  // a whole number is a valid float
         s.state.config["debug"] = true;
       }},
      {"config-secret-uri-invalid",
       [](Scenario& s) { s.state.config["password"] = std::string("hunter2"); },
       [](Scenario& s) {
         s.state.secrets.push_back(secret("secret:abc"));
         s.state.config["password"] = std::string("secret:abc");
       }},
      {"config-secret-unknown",
       [](Scenario& s) { s.state.config["password"] = std::string("secret:abc"); },
       [](Scenario& s) {
         s.state.secrets.push_back(secret("secret://0000-model/abc"));
         s.state.config["password"] = std::string("secret:abc");
       }},

      // Relations.
      {"relation-endpoint-undeclared",
       [](Scenario& s) {
         s.state.relations.push_back(relation(RelationKind::kRegular, "cache", 1));
       },
       [](Scenario& s) { add_db(s); }},
      {"relation-interface-mismatch",
       [](Scenario& s) {
         add_db(s);
         s.state.relations[0].interface = "mysql";
       },
       [](Scenario& s) {
         add_db(s);
         s.state.relations[0].interface = "pgsql";
       }},
      {"relation-id-invalid", [](Scenario& s) { add_db(s, -1); },
       [](Scenario& s) { add_db(s, 0); }},
      {"relation-id-duplicate",
       [](Scenario& s) {
         add_db(s, 1);
         s.state.relations.push_back(relation(RelationKind::kRegular, "website", 1));
       },
       [](Scenario& s) {
         add_db(s, 1);
         s.state.relations.push_back(relation(RelationKind::kRegular, "website", 2));
       }},
      {"relation-kind-mismatch",
       [](Scenario& s) {
         s.state.relations.push_back(relation(RelationKind::kRegular, "cluster", 1));
       },
       [](Scenario& s) {
         s.state.unit_id = 1;
         s.state.relations.push_back(relation(RelationKind::kPeer, "cluster", 1));
       }},
      {"relation-peer-self",
       [](Scenario& s) {
         Relation peers = relation(RelationKind::kPeer, "cluster", 1);
         peers.remote_units_data = {{0, {}}, {1, {}}};  // unit 0 is this unit
         s.state.relations.push_back(peers);
       },
       [](Scenario& s) {
         s.state.unit_id = 3;
         s.state.relations.push_back(relation(RelationKind::kPeer, "cluster", 1));
       }},
      {"relation-peer-duplicate",
       [](Scenario& s) {
         s.state.unit_id = 3;
         s.state.relations.push_back(relation(RelationKind::kPeer, "cluster", 1));
         s.state.relations.push_back(relation(RelationKind::kPeer, "cluster", 2));
       },
       [](Scenario& s) {
         s.state.unit_id = 3;
         s.state.relations.push_back(relation(RelationKind::kPeer, "cluster", 1));
       }},
      {"relation-subordinate-units",
       [](Scenario& s) {
         s.spec = testing::subordinate_spec();
         Relation r = relation(RelationKind::kSubordinate, "juju-info", 1);
         r.remote_units_data = {{0, {}}, {1, {}}};
         s.state.relations.push_back(r);
       },
       [](Scenario& s) {
         s.spec = testing::subordinate_spec();
         s.state.relations.push_back(relation(RelationKind::kSubordinate, "juju-info", 1));
       }},
      {"relation-unit-id-invalid",
       [](Scenario& s) {
         add_db(s);
         s.state.relations[0].remote_units_data = {{-1, {}}};
       },
       [](Scenario& s) {
         add_db(s);
         s.state.relations[0].remote_units_data = {{0, {}}};
       }},
      {"relation-limit-exceeded",
       [](Scenario& s) {
         add_db(s, 1);
         add_db(s, 2);
       },
       [](Scenario& s) {
         add_db(s, 1);
         s.state.relations.push_back(relation(RelationKind::kRegular, "website", 2));
         s.state.relations.push_back(relation(RelationKind::kRegular, "website", 3));
       }},
      {"relation-app-data-not-leader",
       [](Scenario& s) {
         add_db(s);
         s.state.relations[0].local_app_data = {{"k", "v"}};
       },
       [](Scenario& s) {
         add_db(s);
         s.state.relations[0].local_app_data = {{"k", "v"}};
         s.state.leader = true;
       }},

      // Containers.
      {"container-undeclared", [](Scenario& s) { add_container(s, "nope"); },
       [](Scenario& s) {
         add_container(s, "app");
         add_container(s, "side-car");
       }},
      {"container-duplicate",
       [](Scenario& s) {
         add_container(s, "app");
         add_container(s, "app");
       },
       [](Scenario& s) { add_container(s, "app"); }},
      {"container-service-unknown",
       [](Scenario& s) {
         add_container(s, "app");
         s.state.containers[0].service_status["web"] = ServiceStatus::kActive;
       },
       [](Scenario& s) {
         add_container(s, "app");
         Layer layer;
         layer.services["web"] = Json{{"command", "/bin/web"}};
         s.state.containers[0].layers["base"] = layer;
         s.state.containers[0].service_status["web"] = ServiceStatus::kActive;
       }},

      // Storage.
      {"storage-undeclared",
       [](Scenario& s) {
         s.state.storage.push_back({"cache", 0});
       },
       [](Scenario& s) {
         s.state.storage.push_back({"data", 0});
       }},
      {"storage-duplicate",
       [](Scenario& s) {
         s.state.storage = {{"logs", 1}, {"logs", 1}};
       },
       [](Scenario& s) {
         s.state.storage = {{"logs", 1}, {"logs", 2}};
       }},
      {"storage-index-invalid",
       [](Scenario& s) {
         s.state.storage = {{"data", -1}};
       },
       [](Scenario& s) {
         s.state.storage = {{"data", 0}};
       }},
      {"storage-count-exceeded",
       [](Scenario& s) {
         s.state.storage = {{"data", 0}, {"data", 1}};
       },
       [](Scenario& s) {
         s.state.storage = {{"data", 0}, {"logs", 0}, {"logs", 1}};
       }},

      // Resources and networks.
      {"resource-undeclared", [](Scenario& s) { s.state.resources["model"] = "/tmp/model.bin"; },
       [](Scenario& s) { s.state.resources["image"] = "/tmp/image.json"; }},
      {"network-binding-undeclared",
       [](Scenario& s) { s.state.networks.push_back(make_default_network("private")); },
       [](Scenario& s) {
         s.state.networks.push_back(make_default_network("public"));
         s.state.networks.push_back(make_default_network("db"));
         s.state.networks.push_back(make_default_network("juju-info"));
       }},
      {"network-duplicate",
       [](Scenario& s) {
         s.state.networks.push_back(make_default_network("db"));
         s.state.networks.push_back(make_default_network("db"));
       },
       [](Scenario& s) { s.state.networks.push_back(make_default_network("db")); }},

      // Secrets.
      {"secret-id-duplicate",
       [](Scenario& s) {
         s.state.secrets = {secret("secret:a"), secret("secret:a")};
       },
       [](Scenario& s) {
         s.state.secrets = {secret("secret:a"), secret("secret:b")};
       }},
      {"secret-revision-missing",
       [](Scenario& s) {
         s.state.secrets = {secret("secret:a")};
         s.state.secrets[0].revision = 5;
       },
       [](Scenario& s) {
         s.state.secrets = {secret("secret:a")};
         s.state.secrets[0].revision = 1;
       }},
      {"secret-not-granted", [](Scenario& s) { s.state.secrets = {secret("secret:a")}; },
       [](Scenario& s) {
         s.state.secrets = {secret("secret:a")};
         s.state.secrets[0].granted = SecretGrant::kApp;
       }},
      {"secret-grant-relation-missing",
       [](Scenario& s) {
         s.state.secrets = {secret("secret:a", SecretOwner::kApp)};
         s.state.secrets[0].remote_grants[9] = {"remote"};
       },
       [](Scenario& s) {
         add_db(s);
         s.state.secrets = {secret("secret:a", SecretOwner::kApp)};
         s.state.secrets[0].remote_grants[1] = {"remote"};
       }},

      // Ports.
      {"port-protocol-invalid",
       [](Scenario& s) {
         s.state.opened_ports = {{"sctp", 80}};
       },
       [](Scenario& s) {
         s.state.opened_ports = {{"tcp", 80}, {"udp", 53}, {"icmp", std::nullopt}};
       }},
      {"port-number-invalid",
       [](Scenario& s) {
         s.state.opened_ports = {{"tcp", 0}, {"icmp", 8}, {"udp", std::nullopt}};
       },
       [](Scenario& s) {
         s.state.opened_ports = {{"tcp", 65535}, {"icmp", std::nullopt}};
       }},
      {"port-duplicate",
       [](Scenario& s) {
         s.state.opened_ports = {{"tcp", 80}, {"tcp", 80}};
       },
       [](Scenario& s) {
         s.state.opened_ports = {{"tcp", 80}, {"udp", 80}};
       }},

      // The unit.
      {"unit-id-invalid", [](Scenario& s) { s.state.unit_id = -1; },
       [](Scenario& s) { s.state.unit_id = 0; }},
      {"planned-units-invalid", [](Scenario& s) { s.state.planned_units = -1; },
       [](Scenario& s) { s.state.planned_units = 0; }},
      {"planned-units-below-peers",
       [](Scenario& s) {
         Relation peers = relation(RelationKind::kPeer, "cluster", 1);
         peers.remote_units_data = {{1, {}}, {2, {}}};
         s.state.relations.push_back(peers);
         s.state.planned_units = 2;
       },
       [](Scenario& s) {
         Relation peers = relation(RelationKind::kPeer, "cluster", 1);
         peers.remote_units_data = {{1, {}}, {2, {}}};
         s.state.relations.push_back(peers);
         s.state.planned_units = 3;
       }},
      {"status-name-invalid", [](Scenario& s) { s.state.unit_status.name = "happy"; },
       [](Scenario& s) { s.state.unit_status.name = "active"; }},
      {"app-status-not-leader",
       [](Scenario& s) {
         s.state.app_status = {"active", "ok"};
       },
       [](Scenario& s) {
         s.state.app_status = {"active", "ok"};
         s.state.leader = true;
       }},

      // Stored state.
      {"stored-state-owner-invalid",
       [](Scenario& s) { s.state.stored_state = {StoredState{.owner_path = "My Charm//lib"}}; },
       [](Scenario& s) {
         s.state.stored_state = {StoredState{.owner_path = "MyCharm/MyLib[db]"}, StoredState{}};
       }},
      {"stored-state-name-invalid",
       [](Scenario& s) {
         s.state.stored_state = {StoredState{.owner_path = "MyCharm", .name = "my-attr"}};
       },
       [](Scenario& s) {
         s.state.stored_state = {StoredState{.owner_path = "MyCharm", .name = "_stored"}};
       }},
      {"stored-state-duplicate",
       [](Scenario& s) {
         s.state.stored_state = {StoredState{.owner_path = "MyCharm"},
                                 StoredState{.owner_path = "MyCharm"}};
       },
       [](Scenario& s) {
         s.state.stored_state = {StoredState{.owner_path = "MyCharm"},
                                 StoredState{.owner_path = "MyCharm", .name = "_other"}};
       }},
      {"stored-state-content-invalid",
       [](Scenario& s) {
         StoredState st{.owner_path = "MyCharm"};
         st.content = {
             {"blob", {{"__scenario__", "bytes"}, {"base64", "!!"}}},
             {"ids", {{"__scenario__", "set"}, {"items", Json::array({Json::array({1})})}}}};
         s.state.stored_state = {st};
       },
       [](Scenario& s) {
         StoredState st{.owner_path = "MyCharm"};
         st.content = {
             {"blob", {{"__scenario__", "bytes"}, {"base64", "aGVsbG8="}}},
             {"pair", {{"__scenario__", "tuple"}, {"items", {1, "a"}}}},
             {"ids", {{"__scenario__", "set"}, {"items", {1, 2}}}},
             {"map", {{"__scenario__", "dict"}, {"items", Json::array({Json::array({1, "one"})})}}},
             {"big", {{"__scenario__", "int"}, {"value", "-1180591620717411303424"}}},
             {"nan", {{"__scenario__", "float"}, {"value", "nan"}}},
             {"plain", {{"a", {1, 2, 3}}}}};
         s.state.stored_state = {st};
       }},

      // Deferred events.
      {"deferred-handle-invalid",
       [](Scenario& s) { s.state.deferred = {deferred("update_status")}; },
       [](Scenario& s) { s.state.deferred = {deferred("MyCharm/on/update_status[1]")}; }},
      {"deferred-observer-invalid",
       [](Scenario& s) {
         DeferredEvent d = deferred("MyCharm/on/update_status[1]");
         d.observer = "on update";
         s.state.deferred = {d};
       },
       [](Scenario& s) { s.state.deferred = {deferred("MyCharm/on/update_status[1]")}; }},
      {"deferred-not-deferrable",
       [](Scenario& s) { s.state.deferred = {deferred("MyCharm/on/backup_action[1]")}; },
       [](Scenario& s) { s.state.deferred = {deferred("MyCharm/on/start[1]")}; }},
      {"deferred-snapshot-incomplete",
       [](Scenario& s) {
         add_db(s);
         s.state.deferred = {
             deferred("MyCharm/on/db_relation_changed[1]", {{"relation_name", "db"}})};
       },
       [](Scenario& s) {
         add_db(s);
         s.state.deferred = {deferred("MyCharm/on/db_relation_changed[1]",
                                      {{"relation_name", "db"}, {"relation_id", 1}})};
       }},
      {"deferred-entity-missing",
       [](Scenario& s) {
         s.state.deferred = {deferred("MyCharm/on/db_relation_changed[1]",
                                      {{"relation_name", "db"}, {"relation_id", 9}})};
       },
       [](Scenario& s) {
         add_db(s, 9);
         s.state.deferred = {deferred("MyCharm/on/db_relation_changed[1]",
                                      {{"relation_name", "db"}, {"relation_id", 9}})};
       }},
  };
}

class RuleTest : public ::testing::TestWithParam<RuleCase> {};

TEST_P(RuleTest, FiresOnTheBrokenScenario) {
  Scenario s;
  GetParam().bad(s);
  const std::vector<Finding> findings = s.check();
  EXPECT_TRUE(testing::has_code(findings, GetParam().code)) << testing::render(findings);
  const RuleInfo* rule = find_consistency_rule(GetParam().code);
  ASSERT_NE(rule, nullptr);
  for (const Finding& f : findings) {
    if (f.code != GetParam().code) continue;
    EXPECT_EQ(f.severity, rule->severity);
    EXPECT_FALSE(f.message.empty());
  }
}

TEST_P(RuleTest, SilentOnTheFixedScenario) {
  Scenario s;
  GetParam().good(s);
  const std::vector<Finding> findings = s.check();
  EXPECT_FALSE(testing::has_code(findings, GetParam().code)) << testing::render(findings);
}

std::string case_name(const ::testing::TestParamInfo<RuleCase>& info) {
  std::string name = info.param.code;
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(EveryRule, RuleTest, ::testing::ValuesIn(rule_cases()), case_name);

TEST(RuleCases, EveryRuleHasACase) {
  std::set<std::string> covered;
  for (const RuleCase& c : rule_cases()) covered.insert(c.code);
  for (const RuleInfo& rule : consistency_rules()) {
    EXPECT_TRUE(covered.contains(std::string(rule.code))) << "no test case for " << rule.code;
  }
  for (const std::string& code : covered) {
    EXPECT_NE(find_consistency_rule(code), nullptr) << "test case for unknown rule " << code;
  }
}

TEST(RuleCases, TheBaseScenarioIsClean) { EXPECT_EQ(testing::render(Scenario{}.check()), ""); }

}  // namespace
}  // namespace scenario
