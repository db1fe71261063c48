// SPDX-License-Identifier: Apache-2.0
// scenario/consistency/check.h: could this (spec, State, Event) happen on a real Juju?
//
// The checker runs every rule of one table (docs/consistency.md) and collects every
// finding before returning; it never stops at the first. Errors are scenarios Juju
// cannot produce; warnings are possible but most likely not what the test meant.
// Nothing here throws for bad input except throw_if_inconsistent.
//
// Thread-safety: the functions are pure; call them from any thread.

#ifndef SCENARIO_CONSISTENCY_CHECK_H_
#define SCENARIO_CONSISTENCY_CHECK_H_

#include <span>
#include <string_view>
#include <vector>

#include "scenario/errors.h"
#include "scenario/spec/charm_spec.h"
#include "scenario/state/event.h"
#include "scenario/state/state.h"

namespace scenario {

/// One row of the rule table: a stable code, its severity, the part of the scenario it
/// looks at and what it checks.
struct RuleInfo {
  std::string_view code;
  Severity severity;
  /// `event`, `action`, `config`, `relations`, `containers`, `storage`, `resources`,
  /// `networks`, `secrets`, `ports`, `stored_state`, `deferred`, `units`, `juju` or `spec`.
  std::string_view area;
  std::string_view summary;
};

/// Every rule, in the order they run. Codes are unique and never change meaning.
std::span<const RuleInfo> consistency_rules();

/// The rule with `code`, or nullptr.
const RuleInfo* find_consistency_rule(std::string_view code);

/// Checks `state` and `event` against `spec` and the Juju version the run imitates
/// (`3.4`, `3.4.2`, ...). Returns every finding, errors and warnings, in rule order;
/// empty when the scenario is consistent.
std::vector<Finding> check_consistency(const CharmSpec& spec, const State& state,
                                       const Event& event, std::string_view juju_version);

/// Throws InconsistentScenarioError carrying all `findings` if any is an error;
/// otherwise returns the warnings (for the caller to report, e.g. as Python warnings).
std::vector<Finding> throw_if_inconsistent(std::vector<Finding> findings);

/// check_consistency followed by throw_if_inconsistent.
std::vector<Finding> assert_consistent(const CharmSpec& spec, const State& state,
                                       const Event& event, std::string_view juju_version);

}  // namespace scenario

#endif  // SCENARIO_CONSISTENCY_CHECK_H_
