// SPDX-License-Identifier: Apache-2.0
// spec/spec_test_util.h: helpers shared by the spec tests.

#ifndef SCENARIO_TESTS_SPEC_SPEC_TEST_UTIL_H_
#define SCENARIO_TESTS_SPEC_SPEC_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "scenario/spec/load.h"

namespace scenario::testing {

/// The fixture directory tests/data/spec/<name>.
inline std::string fixture_dir(const std::string& name) {
  return std::string(SCENARIO_TEST_DATA_DIR) + "/spec/" + name;
}

/// Loads `metadata` (and optionally config and actions texts); fails the test and
/// returns an empty spec if loading throws.
inline CharmSpec load_texts(const std::string& metadata,
                            const std::optional<std::string>& config = std::nullopt,
                            const std::optional<std::string>& actions = std::nullopt,
                            bool unified = false) {
  SpecSources sources;
  sources.metadata = metadata;
  sources.config = config;
  sources.actions = actions;
  sources.unified = unified;
  if (unified) sources.metadata_file = "charmcraft.yaml";
  try {
    return load_charm_spec(sources);
  } catch (const SpecError& e) {
    ADD_FAILURE() << e.what();
  }
  return CharmSpec{};
}

/// The problems loading `sources` reports; fails the test if it loads.
inline std::vector<Problem> problems_of(const SpecSources& sources) {
  try {
    load_charm_spec(sources);
  } catch (const SpecError& e) {
    return e.problems();
  }
  ADD_FAILURE() << "expected SpecError";
  return {};
}

/// The problems of a metadata text alone.
inline std::vector<Problem> metadata_problems(const std::string& metadata) {
  SpecSources sources;
  sources.metadata = metadata;
  return problems_of(sources);
}

/// The problems of a config text under a minimal valid metadata.yaml.
inline std::vector<Problem> config_problems(const std::string& config) {
  SpecSources sources;
  sources.metadata = "name: charm\n";
  sources.config = config;
  return problems_of(sources);
}

/// The problems of an actions text under a minimal valid metadata.yaml.
inline std::vector<Problem> actions_problems(const std::string& actions) {
  SpecSources sources;
  sources.metadata = "name: charm\n";
  sources.actions = actions;
  return problems_of(sources);
}

/// `file:line:column: path: message`, for readable assertions.
inline std::vector<std::string> rendered(const std::vector<Problem>& problems) {
  std::vector<std::string> out;
  for (const Problem& problem : problems) out.push_back(problem.to_string());
  return out;
}

}  // namespace scenario::testing

#endif  // SCENARIO_TESTS_SPEC_SPEC_TEST_UTIL_H_
