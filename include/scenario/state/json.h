// SPDX-License-Identifier: Apache-2.0
// scenario/state/json.h: the JSON state format (docs/state-format.md).
//
// Reading collects every problem in the document, each with its JSON path
// (`relations[1].remote_units_data`), and throws one StateValidationError carrying
// all of them. Writing emits every field, so write(read(x)) is a fixed point.

#ifndef SCENARIO_STATE_JSON_H_
#define SCENARIO_STATE_JSON_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/errors.h"
#include "scenario/state/event.h"
#include "scenario/state/state.h"
#include "scenario/state/types.h"

namespace scenario {

/// The format version written into state documents and the newest one read.
inline constexpr int kStateFormatVersion = 1;

/// Parses a State document. Throws StateValidationError listing every problem.
State state_from_json(std::string_view text);
/// Converts an already-parsed JSON value. Throws StateValidationError.
State state_from_json_value(const Json& value);
/// Every problem in a State document; empty when it is valid. Never throws for bad input.
std::vector<Problem> validate_state_json(std::string_view text);
/// The State as a JSON value / text. `indent` < 0 writes one line.
Json state_to_json_value(const State& state);
std::string state_to_json(const State& state, int indent = 2);
/// `state` for a reader that holds `base` already: its State document, except that
/// `relations`, `containers` and `secrets` list each entity of `state` in order as its
/// document only when it is new or changed, and otherwise as its identity alone
/// (relation id, container name, secret id) standing for `base`'s equal entity; a list
/// whose entities all stand so, in `base`'s order, is left out.
Json state_changes_to_json_value(const State& base, const State& state);

/// A unit id (or revision, relation id) as a State document writes a map key: decimal,
/// no leading zero, fitting an int ("0", "42"); else nullopt. Records nothing.
std::optional<int> parse_int_key(std::string_view key);

/// Same for an Event document.
Event event_from_json(std::string_view text);
Event event_from_json_value(const Json& value);
std::vector<Problem> validate_event_json(std::string_view text);
Json event_to_json_value(const Event& event);
std::string event_to_json(const Event& event, int indent = 2);

}  // namespace scenario

#endif  // SCENARIO_STATE_JSON_H_
