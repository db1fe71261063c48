// SPDX-License-Identifier: Apache-2.0
// scenario/consistency/juju_version.h: Juju version numbers and the features they gate.

#ifndef SCENARIO_CONSISTENCY_JUJU_VERSION_H_
#define SCENARIO_CONSISTENCY_JUJU_VERSION_H_

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace scenario {

/// A Juju version as `JUJU_VERSION` spells it: `3`, `3.4`, `3.4.2`, `3.4.2.1` or with a
/// pre-release tag, `3.5-beta1` (major 3, minor 5, tag `beta`, patch 1).
struct JujuVersion {
  int major = 0;
  int minor = 0;
  int patch = 0;
  int build = 0;
  /// Pre-release tag (`beta`, `rc`); empty for a release.
  std::string tag;

  /// Orders by number; a tagged pre-release sorts before the release of the same
  /// major.minor (3.5-beta1 < 3.5.0), as in Juju's version package.
  std::strong_ordering operator<=>(const JujuVersion& other) const;
  bool operator==(const JujuVersion& other) const = default;

  /// The canonical spelling: `3.4.2`, `3.5-beta1`, `3.4.2.1`.
  std::string to_string() const;
};

/// Parses a Juju version; nullopt if `text` is not one (components must be decimal
/// numbers below 100000).
std::optional<JujuVersion> parse_juju_version(std::string_view text);

}  // namespace scenario

#endif  // SCENARIO_CONSISTENCY_JUJU_VERSION_H_
