// SPDX-License-Identifier: Apache-2.0
// spec/actions_reader.cc: actions (actions.yaml, or charmcraft.yaml's `actions`).
//
// Actions map names to specs: description, params (JSON-schema properties), required,
// additionalProperties, parallel and execution-group. Juju before 2.0 wrapped them in
// a top-level `actions:` key; that spelling is accepted too. `required` is checked to
// be a list of strings only: Juju does not require the names to be declared params.

#include <string>
#include <string_view>
#include <utility>

#include "spec_readers.h"
#include "yaml_value.h"

namespace scenario::detail {

namespace {

constexpr std::string_view kActionKeys[] = {
    "description", "params",          "required", "additionalProperties",
    "parallel",    "execution-group", "title"};

// Whether `field` reads as one action's spec (rather than a mapping of actions).
bool looks_like_action(const SpecReader& reader, const Field& field) {
  for (std::string_view key : kActionKeys) {
    if (reader.find(field, key)) return true;
  }
  return false;
}

// Juju rejects JSON-schema references in params ("schema key ... not compatible with
// this version of juju"): it has no way to resolve them.
void check_schema_keys(SpecReader& reader, const Field& field) {
  if (field.value.IsMap()) {
    for (const Field& entry : reader.entries(field)) {
      const std::string key = entry.name();
      if (key == "$ref" || key == "$schema") {
        reader.error_at_key(entry, "'" + key +
                                       "' is not supported in action params; Juju "
                                       "rejects JSON-schema references");
      }
      check_schema_keys(reader, entry);
    }
  } else if (field.value.IsSequence()) {
    for (const Field& item : reader.items(field)) check_schema_keys(reader, item);
  }
}

void read_params(SpecReader& reader, const Field& params, ActionSpec& action) {
  if (params.is_null()) return;
  if (!reader.expect_mapping(params, "a mapping of parameter names to JSON schemas")) return;
  bool ok = true;
  for (const Field& param : reader.entries(params)) {
    if (!reader.expect_mapping(param, "a JSON schema mapping, e.g. '{type: string}'")) {
      ok = false;
      continue;
    }
    check_schema_keys(reader, param);
  }
  if (ok) action.params = to_json(params.value);
}

void read_action(SpecReader& reader, const Field& entry, std::vector<ActionSpec>& out) {
  ActionSpec action;
  action.name = entry.name();
  // `snapshot:` with nothing under it is an action without params; ops accepts it.
  if (!entry.is_null() && reader.expect_mapping(entry,
                                                "a mapping with the action's "
                                                "'description' and 'params'")) {
    if (auto text = reader.optional_string(entry, "description")) action.description = *text;
    reader.optional_string(entry, "title");
    if (const auto params = reader.find(entry, "params")) read_params(reader, *params, action);
    if (const auto required = reader.find(entry, "required")) {
      action.required = reader.string_list(*required, "a list of parameter names");
    }
    if (auto flag = reader.optional_boolean(entry, "additionalProperties")) {
      action.additional_properties = *flag;
    }
    if (auto flag = reader.optional_boolean(entry, "parallel")) action.parallel = *flag;
    if (auto text = reader.optional_string(entry, "execution-group")) {
      action.execution_group = *text;
    }
  }
  out.push_back(std::move(action));
}

}  // namespace

void read_actions(SpecReader& reader, const Field& actions, std::vector<ActionSpec>& out) {
  if (actions.is_null()) return;
  if (!reader.expect_mapping(actions, "a mapping of action names to their specs")) return;
  Field list = actions;
  const std::vector<Field> top = reader.entries(actions);
  // The pre-2.0 spelling `actions: {snapshot: {...}}`, told apart from an action that
  // happens to be named `actions` by the keys under it.
  if (top.size() == 1 && top.front().name() == "actions" && top.front().value.IsMap() &&
      !looks_like_action(reader, top.front())) {
    list = top.front();
  }
  for (const Field& entry : reader.entries(list)) read_action(reader, entry, out);
}

}  // namespace scenario::detail
