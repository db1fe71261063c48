// SPDX-License-Identifier: Apache-2.0
// consistency/context.h: what every rule sees, how it reports, and shared helpers.
//
// A rule is a plain function `void(const CheckContext&, Reporter&)`. The Reporter is
// made for that rule's table row, so a rule only says where and what: its code and
// severity come from the table and cannot disagree with docs/consistency.md.

#ifndef SCENARIO_SRC_CONSISTENCY_CONTEXT_H_
#define SCENARIO_SRC_CONSISTENCY_CONTEXT_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/consistency/check.h"
#include "scenario/consistency/juju_version.h"
#include "scenario/errors.h"
#include "scenario/state/json_path.h"
#include "scenario/spec/charm_spec.h"
#include "scenario/state/event.h"
#include "scenario/state/state.h"

namespace scenario::detail {

/// The scenario under check, with the parts several rules need computed once.
struct CheckContext {
  const CharmSpec& spec;
  const State& state;
  const Event& event;
  std::string_view juju_version_text;
  /// nullopt when the text is not a version (one rule reports it; the others skip
  /// their version gates).
  std::optional<JujuVersion> juju_version;
  EventName name;
  /// The event is one Juju dispatches to the charm (`charm.on.<name>`): the builtin
  /// rules apply. Events with another owner (`my_lib.on.foo`) are custom.
  bool on_charm = false;

  CheckContext(const CharmSpec& spec_in, const State& state_in, const Event& event_in,
               std::string_view juju_version_in);

  /// The event's kind, with events not on the charm counted as custom.
  EventKind kind() const { return on_charm ? name.kind : EventKind::kCustom; }
  /// True if the Juju version is known and older than `minimum`.
  bool juju_older_than(int major, int minor, int patch = 0) const;
};

/// Collects the findings of one rule.
class Reporter {
 public:
  Reporter(const RuleInfo& rule, std::vector<Finding>& out) : rule_(rule), out_(out) {}

  void report(std::string path, std::string message) {
    out_.push_back(
        Finding{rule_.severity, std::string(rule_.code), std::move(path), std::move(message)});
  }

 private:
  const RuleInfo& rule_;
  std::vector<Finding>& out_;
};

using RuleCheck = void (*)(const CheckContext&, Reporter&);

// --- names ---------------------------------------------------------------------------

/// `name` with '-' replaced by '_': how ops spells entity names in event names.
std::string underscored(std::string_view name);
/// Whether two names are the same up to '-' versus '_'.
bool same_name(std::string_view a, std::string_view b);
/// `name` in single quotes.
std::string in_quotes(std::string_view name);
/// Whether `text` is a Python identifier (ASCII letters, digits and '_', not starting
/// with a digit).
bool is_identifier(std::string_view text);

// --- paths (the JSON state path syntax of docs/state-format.md) ------------------------

inline std::string path_key(std::string_view parent, std::string_view key) {
  return json_path_key(parent, key);
}
inline std::string path_index(std::string_view parent, std::size_t index) {
  return json_path_index(parent, index);
}

// --- the spec ------------------------------------------------------------------------

/// The spec of an endpoint: a declared one, or Juju's implicit `juju-info` (provided by
/// every principal, required by subordinates). nullptr when neither.
const RelationSpec* endpoint_spec(const CharmSpec& spec, std::string_view endpoint);
/// Whether `spec` is the implicit juju-info endpoint (not declared in metadata).
bool is_implicit_endpoint(const CharmSpec& charm, const RelationSpec* spec);
/// Every binding name `network-get` accepts: endpoints, `juju-info` and extra-bindings.
std::vector<std::string> binding_names(const CharmSpec& spec);

/// Index of the relation with `relation_id` in state.relations, if any.
std::optional<std::size_t> relation_index(const State& state, int relation_id);
/// Index of the container named `name`, if any.
std::optional<std::size_t> container_index(const State& state, std::string_view name);

/// A rule's display form for a relation: `relation 'db' (id 3)`.
std::string describe(const Relation& relation);

}  // namespace scenario::detail

#endif  // SCENARIO_SRC_CONSISTENCY_CONTEXT_H_
