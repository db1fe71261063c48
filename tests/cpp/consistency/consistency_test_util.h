// SPDX-License-Identifier: Apache-2.0
// consistency/consistency_test_util.h: a small charm and helpers for checker tests.

#ifndef SCENARIO_TESTS_CONSISTENCY_CONSISTENCY_TEST_UTIL_H_
#define SCENARIO_TESTS_CONSISTENCY_CONSISTENCY_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "scenario/consistency/check.h"
#include "scenario/spec/load.h"

namespace scenario::testing {

/// A Kubernetes charm with a bit of everything.
inline constexpr const char* kMetadata = R"(
name: web
containers:
  app:
    resource: image
  side-car:
    resource: image
resources:
  image:
    type: oci-image
storage:
  data:
    type: filesystem
    location: /data
  logs:
    type: filesystem
    location: /logs
    multiple:
      range: 1-2
requires:
  db:
    interface: pgsql
    limit: 1
provides:
  website:
    interface: http
peers:
  cluster:
    interface: web-peers
extra-bindings:
  public:
)";

inline constexpr const char* kConfig = R"(
options:
  log-level: {type: string, default: info}
  port: {type: int, default: 8080}
  ratio: {type: float}
  debug: {type: boolean}
  password: {type: secret}
)";

inline constexpr const char* kActions = R"(
backup:
  params:
    target: {type: string, enum: [s3, local]}
    count: {type: integer}
    tags: {type: array, items: {type: string}}
    opts:
      type: object
      properties:
        deep: {type: boolean}
      additionalProperties: false
  required: [target]
strict:
  params:
    level: {type: integer, default: 1}
  required: [level]
  additionalProperties: false
loose:
  params:
    anything: {}
    weird: {type: zabazaba}
)";

/// A machine subordinate charm relating to its principal through juju-info.
inline constexpr const char* kSubordinateMetadata = R"(
name: agent
subordinate: true
requires:
  juju-info:
    interface: juju-info
    scope: container
  logging:
    interface: logs
)";

inline CharmSpec load_spec(const std::string& metadata,
                           const std::optional<std::string>& config = std::nullopt,
                           const std::optional<std::string>& actions = std::nullopt,
                           bool unified = false) {
  SpecSources sources;
  sources.metadata = metadata;
  sources.config = config;
  sources.actions = actions;
  sources.unified = unified;
  try {
    return load_charm_spec(sources);
  } catch (const SpecError& e) {
    ADD_FAILURE() << e.what();
  }
  return CharmSpec{};
}

/// The web charm's spec, loaded once.
inline const CharmSpec& web_spec() {
  static const CharmSpec spec = load_spec(kMetadata, kConfig, kActions);
  return spec;
}

inline const CharmSpec& subordinate_spec() {
  static const CharmSpec spec = load_spec(kSubordinateMetadata);
  return spec;
}

/// Everything a check takes.
struct Scenario {
  CharmSpec spec = web_spec();
  State state;
  Event event{.path = "update-status"};
  std::string juju_version = "3.4";

  std::vector<Finding> check() const { return check_consistency(spec, state, event, juju_version); }
};

inline std::vector<std::string> codes(const std::vector<Finding>& findings) {
  std::vector<std::string> out;
  for (const Finding& f : findings) out.push_back(f.code);
  return out;
}

inline bool has_code(const std::vector<Finding>& findings, const std::string& code) {
  return std::any_of(findings.begin(), findings.end(),
                     [&](const Finding& f) { return f.code == code; });
}

inline std::string render(const std::vector<Finding>& findings) {
  std::string out;
  for (const Finding& f : findings) {
    out += std::string(to_string(f.severity)) + " " + f.to_string() + "\n";
  }
  return out;
}

inline Relation relation(RelationKind kind, const std::string& endpoint, int id) {
  return make_relation(kind, endpoint, id);
}

}  // namespace scenario::testing

#endif  // SCENARIO_TESTS_CONSISTENCY_CONSISTENCY_TEST_UTIL_H_
