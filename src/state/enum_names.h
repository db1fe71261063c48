// SPDX-License-Identifier: Apache-2.0
// state/enum_names.h: one table per state enum, shared by to_string and the JSON format.
//
// The spelling of each enumerator lives here once; `to_string`, the JSON reader and the
// JSON writer all look it up, so they cannot drift apart.

#ifndef SCENARIO_SRC_STATE_ENUM_NAMES_H_
#define SCENARIO_SRC_STATE_ENUM_NAMES_H_

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "scenario/errors.h"
#include "scenario/state/container.h"
#include "scenario/state/event.h"
#include "scenario/state/relation.h"
#include "scenario/state/secret.h"

namespace scenario::detail {

/// One enumerator and its spelling.
template <typename E>
struct EnumName {
  E value;
  std::string_view name;
};

inline constexpr std::array<EnumName<RelationKind>, 3> kRelationKindNames = {{
    {RelationKind::kRegular, "regular"},
    {RelationKind::kPeer, "peer"},
    {RelationKind::kSubordinate, "subordinate"},
}};

inline constexpr std::array<EnumName<ServiceStatus>, 4> kServiceStatusNames = {{
    {ServiceStatus::kActive, "active"},
    {ServiceStatus::kInactive, "inactive"},
    {ServiceStatus::kError, "error"},
    {ServiceStatus::kBackoff, "backoff"},
}};

// kNone is spelled "none" by to_string; the JSON format writes it as null (owner) or
// false (granted), following the Python field types.
inline constexpr std::array<EnumName<SecretOwner>, 3> kSecretOwnerNames = {{
    {SecretOwner::kNone, "none"},
    {SecretOwner::kUnit, "unit"},
    {SecretOwner::kApp, "app"},
}};

inline constexpr std::array<EnumName<SecretGrant>, 3> kSecretGrantNames = {{
    {SecretGrant::kNone, "none"},
    {SecretGrant::kUnit, "unit"},
    {SecretGrant::kApp, "app"},
}};

inline constexpr std::array<EnumName<SecretRotate>, 7> kSecretRotateNames = {{
    {SecretRotate::kNever, "never"},
    {SecretRotate::kHourly, "hourly"},
    {SecretRotate::kDaily, "daily"},
    {SecretRotate::kWeekly, "weekly"},
    {SecretRotate::kMonthly, "monthly"},
    {SecretRotate::kQuarterly, "quarterly"},
    {SecretRotate::kYearly, "yearly"},
}};

// The values of ops-scenario's _EventType.
inline constexpr std::array<EnumName<EventKind>, 8> kEventKindNames = {{
    {EventKind::kBuiltin, "builtin"},
    {EventKind::kRelation, "relation"},
    {EventKind::kAction, "action"},
    {EventKind::kSecret, "secret"},
    {EventKind::kStorage, "storage"},
    {EventKind::kWorkload, "workload"},
    {EventKind::kFramework, "framework"},
    {EventKind::kCustom, "custom"},
}};

/// The six workload status names Juju accepts, in the order `status-set --help` lists them.
inline constexpr std::array<std::string_view, 6> kStatusNames = {
    "active", "blocked", "maintenance", "waiting", "unknown", "error"};

/// The model types Juju reports.
inline constexpr std::array<std::string_view, 2> kModelTypes = {"kubernetes", "lxd"};

/// The protocols `open-port` accepts.
inline constexpr std::array<std::string_view, 3> kPortProtocols = {"tcp", "udp", "icmp"};

/// The spelling of `value`. Every enumerator is in its table, so a miss is an engine bug.
template <typename E, std::size_t N>
std::string_view enum_name(const std::array<EnumName<E>, N>& table, E value) {
  for (const EnumName<E>& entry : table) {
    if (entry.value == value) return entry.name;
  }
  SCENARIO_ASSERT(false && "enumerator missing from its name table");
  return {};
}

/// The enumerator spelled `name`, or nullopt.
template <typename E, std::size_t N>
std::optional<E> enum_from_name(const std::array<EnumName<E>, N>& table, std::string_view name) {
  for (const EnumName<E>& entry : table) {
    if (entry.name == name) return entry.value;
  }
  return std::nullopt;
}

/// `'a', 'b' or 'c'`: the choices of a table, for error messages.
template <typename E, std::size_t N>
std::string enum_choices(const std::array<EnumName<E>, N>& table) {
  std::string out;
  for (std::size_t i = 0; i < N; ++i) {
    if (i > 0) out += (i + 1 == N) ? " or " : ", ";
    out += '\'';
    out += table[i].name;
    out += '\'';
  }
  return out;
}

/// The same for a plain list of names.
template <std::size_t N>
std::string name_choices(const std::array<std::string_view, N>& names) {
  std::string out;
  for (std::size_t i = 0; i < N; ++i) {
    if (i > 0) out += (i + 1 == N) ? " or " : ", ";
    out += '\'';
    out += names[i];
    out += '\'';
  }
  return out;
}

/// True if `name` is one of `names`.
template <std::size_t N>
bool is_one_of(const std::array<std::string_view, N>& names, std::string_view name) {
  for (std::string_view candidate : names) {
    if (candidate == name) return true;
  }
  return false;
}

}  // namespace scenario::detail

#endif  // SCENARIO_SRC_STATE_ENUM_NAMES_H_
