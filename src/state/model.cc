// SPDX-License-Identifier: Apache-2.0
// state/model.cc: helpers of the plain state value types: enum spellings, relations,
// networks, stored state, and State lookups by identity.

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "enum_names.h"
#include "scenario/errors.h"
#include "scenario/state/container.h"
#include "scenario/state/network.h"
#include "scenario/state/relation.h"
#include "scenario/state/secret.h"
#include "scenario/state/state.h"
#include "scenario/state/status.h"
#include "scenario/state/stored_state.h"

namespace scenario {

std::string_view to_string(RelationKind kind) {
  return detail::enum_name(detail::kRelationKindNames, kind);
}

std::string next_notice_id(const std::vector<Notice>& notices) {
  long long max_id = 0;
  for (const Notice& notice : notices) {
    if (!notice.id.empty() && notice.id.size() < 10 &&
        notice.id.find_first_not_of("0123456789") == std::string::npos) {
      max_id = std::max(max_id, std::stoll(notice.id));
    }
  }
  return std::to_string(max_id + 1);
}

std::string_view to_string(ServiceStatus status) {
  return detail::enum_name(detail::kServiceStatusNames, status);
}

std::string_view to_string(SecretOwner owner) {
  return detail::enum_name(detail::kSecretOwnerNames, owner);
}

std::string_view to_string(SecretGrant grant) {
  return detail::enum_name(detail::kSecretGrantNames, grant);
}

std::string_view to_string(SecretRotate rotate) {
  return detail::enum_name(detail::kSecretRotateNames, rotate);
}

bool is_known_status_name(std::string_view name) {
  return detail::is_one_of(detail::kStatusNames, name);
}

std::vector<UnitId> Relation::remote_unit_ids() const {
  // std::map iterates in key order, so the ids come out ascending.
  std::vector<UnitId> ids;
  ids.reserve(remote_units_data.size());
  for (const auto& [id, databag] : remote_units_data) ids.push_back(id);
  return ids;
}

std::string Relation::remote_unit_name(UnitId id, std::string_view app_name) const {
  // A peer's remote units belong to this very application.
  std::string name = kind == RelationKind::kPeer ? std::string(app_name) : remote_app_name;
  name += '/';
  name += std::to_string(id);
  return name;
}

UnitId Relation::remote_unit_id() const {
  SCENARIO_ASSERT(kind == RelationKind::kSubordinate);
  // The JSON reader and the Python constructor both create exactly one entry; an empty
  // map means a caller bypassed them.
  SCENARIO_ASSERT(!remote_units_data.empty());
  return remote_units_data.begin()->first;
}

Relation make_relation(RelationKind kind, std::string endpoint, int relation_id) {
  Relation relation;
  relation.kind = kind;
  relation.endpoint = std::move(endpoint);
  relation.relation_id = relation_id;
  return relation;
}

Network make_default_network(std::string name) {
  Network network;
  network.name = std::move(name);
  BindAddress bind;
  bind.addresses.push_back(Address{.hostname = "", .value = "1.1.1.1", .cidr = "", .address = ""});
  network.bind_addresses.push_back(std::move(bind));
  network.ingress_addresses = {"1.1.1.2"};
  network.egress_subnets = {"1.1.1.2/32"};
  return network;
}

std::string StoredState::handle_path() const {
  // ops: Handle(parent=owner or framework, kind=data_type_name, key=name); the
  // framework's own path is empty, hence the leading '/' for framework-owned state.
  std::string path = owner_path.value_or("");
  path += '/';
  path += data_type_name;
  path += '[';
  path += name;
  path += ']';
  return path;
}

std::string DeferredEvent::name() const {
  std::string_view path = handle_path;
  const std::size_t slash = path.rfind('/');
  if (slash != std::string_view::npos) path.remove_prefix(slash + 1);
  const std::size_t bracket = path.find('[');
  if (bracket != std::string_view::npos) path = path.substr(0, bracket);
  return std::string(path);
}

namespace {

// Juju event names spell endpoints with '_' where metadata may use '-'; the two are
// the same endpoint.
bool same_endpoint(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const char ca = a[i] == '-' ? '_' : a[i];
    const char cb = b[i] == '-' ? '_' : b[i];
    if (ca != cb) return false;
  }
  return true;
}

}  // namespace

const Relation* State::find_relation(int relation_id) const {
  for (const Relation& relation : relations) {
    if (relation.relation_id == relation_id) return &relation;
  }
  return nullptr;
}

const Container* State::find_container(std::string_view name) const {
  for (const Container& container : containers) {
    if (container.name == name) return &container;
  }
  return nullptr;
}

const Secret* State::find_secret(std::string_view id) const {
  for (const Secret& secret : secrets) {
    if (secret.id == id) return &secret;
  }
  return nullptr;
}

const Storage* State::find_storage(std::string_view name, int index) const {
  for (const Storage& item : storage) {
    if (item.name == name && item.index == index) return &item;
  }
  return nullptr;
}

std::vector<const Relation*> State::relations_on(std::string_view endpoint) const {
  std::vector<const Relation*> found;
  for (const Relation& relation : relations) {
    if (same_endpoint(relation.endpoint, endpoint)) found.push_back(&relation);
  }
  return found;
}

int State::next_relation_id() const {
  // Computed wide: an id of INT_MAX must not overflow. The result saturates there.
  std::int64_t next = 1;
  for (const Relation& relation : relations) {
    next = std::max<std::int64_t>(next, std::int64_t{relation.relation_id} + 1);
  }
  return static_cast<int>(std::min<std::int64_t>(next, std::numeric_limits<int>::max()));
}

int State::next_storage_index(std::string_view name) const {
  std::int64_t next = 0;
  for (const Storage& item : storage) {
    if (item.name == name) next = std::max<std::int64_t>(next, std::int64_t{item.index} + 1);
  }
  return static_cast<int>(std::min<std::int64_t>(next, std::numeric_limits<int>::max()));
}

}  // namespace scenario
