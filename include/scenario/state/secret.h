// SPDX-License-Identifier: Apache-2.0
// scenario/state/secret.h: a Juju secret as this unit knows it.

#ifndef SCENARIO_STATE_SECRET_H_
#define SCENARIO_STATE_SECRET_H_

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "scenario/state/types.h"

namespace scenario {

/// Who owns a secret, from this unit's point of view.
enum class SecretOwner { kNone, kUnit, kApp };
/// To whom a secret owned elsewhere was granted, from this unit's point of view.
enum class SecretGrant { kNone, kUnit, kApp };
/// Juju's rotation policies.
enum class SecretRotate { kNever, kHourly, kDaily, kWeekly, kMonthly, kQuarterly, kYearly };

std::string_view to_string(SecretOwner owner);
std::string_view to_string(SecretGrant grant);
std::string_view to_string(SecretRotate rotate);

/// A secret with all its revisions.
struct Secret {
  /// Secret id or URI (`secret:...` or a bare id).
  std::string id;
  /// Revision number -> content of that revision.
  std::map<int, Databag> contents;
  SecretOwner owner = SecretOwner::kNone;
  /// Only meaningful when owner is kNone.
  SecretGrant granted = SecretGrant::kNone;
  /// The revision this unit currently tracks.
  int revision = 0;
  /// Relation id -> names of remote apps or units the owner granted the secret to.
  std::map<int, std::set<std::string>> remote_grants;
  std::optional<std::string> label;
  std::optional<std::string> description;
  /// Expiry as an RFC 3339 timestamp.
  std::optional<std::string> expire;
  SecretRotate rotate = SecretRotate::kNever;

  bool operator==(const Secret&) const = default;
};

}  // namespace scenario

#endif  // SCENARIO_STATE_SECRET_H_
