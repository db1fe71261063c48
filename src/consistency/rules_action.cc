// SPDX-License-Identifier: Apache-2.0
// consistency/rules_action.cc: action events, and their parameters against the action's
// JSON schema.
//
// Juju validates `juju run` parameters against the action's schema (JSON-schema draft
// 4, after inserting defaults) before the action runs, so parameters a charm sees
// always conform. We check the parts of the schema tests get wrong: types, enums,
// required parameters, and undeclared ones. Values are JSON; the tagged encodings of
// the state format (docs/state-format.md) count as the Python types they stand for.

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "context.h"
#include "rules.h"

namespace scenario::detail {

namespace {

constexpr std::array<std::string_view, 7> kSchemaTypes = {"string", "integer", "number", "boolean",
                                                          "array",  "object",  "null"};

// What a parameter check found; each rule reports one kind.
enum class Issue {
  kUntyped,
  kTypeUnknown,
  kTypeMismatch,
  kNotInEnum,
  kRequired,
  kNotAllowed,
  kUndeclared
};

struct ParamIssue {
  Issue issue;
  std::string path;
  std::string message;
};

const ActionSpec* declared_action(const CheckContext& ctx) {
  if (ctx.kind() != EventKind::kAction || !ctx.event.action) return nullptr;
  for (const ActionSpec& action : ctx.spec.actions) {
    if (same_name(action.name, ctx.event.action->name)) return &action;
  }
  return nullptr;
}

std::string tag_of(const Json& value) {
  if (!value.is_object()) return "";
  const auto it = value.find("__scenario__");
  return it != value.end() && it->is_string() ? it->get<std::string>() : "";
}

bool matches_type(const Json& value, std::string_view type) {
  const std::string tag = tag_of(value);
  if (type == "string") return value.is_string();
  if (type == "boolean") return value.is_boolean();
  if (type == "null") return value.is_null();
  if (type == "integer") {
    if (value.is_number_integer() || tag == "int") return true;
    if (!value.is_number_float()) return false;
    const double number = value.get<double>();
    return std::isfinite(number) && std::trunc(number) == number;
  }
  if (type == "number") return value.is_number() || tag == "int" || tag == "float";
  if (type == "array") return value.is_array() || tag == "tuple";
  if (type == "object") return value.is_object() && (tag.empty() || tag == "dict");
  return false;
}

// The schema's type names: `type: x` or `type: [x, y]`.
std::vector<std::string> declared_types(const Json& schema) {
  std::vector<std::string> types;
  if (!schema.is_object()) return types;
  const auto it = schema.find("type");
  if (it == schema.end()) return types;
  if (it->is_string()) types.push_back(it->get<std::string>());
  if (it->is_array()) {
    for (const Json& item : *it) {
      if (item.is_string()) types.push_back(item.get<std::string>());
    }
  }
  return types;
}

bool is_known_type(std::string_view type) {
  return std::find(kSchemaTypes.begin(), kSchemaTypes.end(), type) != kSchemaTypes.end();
}

std::string joined(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

std::string json_type_name(const Json& value) {
  const std::string tag = tag_of(value);
  if (!tag.empty() && tag != "dict") return tag;
  switch (value.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::boolean:
      return "boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
      return "integer";
    case Json::value_t::number_float:
      return "number";
    case Json::value_t::string:
      return "string";
    case Json::value_t::array:
      return "array";
    default:
      return "object";
  }
}

class ParamWalker {
 public:
  explicit ParamWalker(std::string action) : action_(std::move(action)) {}

  void walk_object(const Json& properties, const Json& required, bool additional,
                   const Json& values, const std::string& path, bool top) {
    for (const auto& [name, value] : values.items()) {
      const std::string at = path_key(path, name);
      if (properties.is_object() && properties.contains(name)) {
        check_value(value, properties[name], at);
      } else if (!additional) {
        add(Issue::kNotAllowed, at,
            "parameter " + in_quotes(name) + " is not declared and action " + in_quotes(action_) +
                " sets additionalProperties: false, so Juju refuses it; drop it or declare it");
      } else if (top) {
        add(Issue::kUndeclared, at,
            "parameter " + in_quotes(name) + " is not declared by action " + in_quotes(action_) +
                "; Juju passes it on, but the charm probably does not expect it: declare it "
                "or drop it");
      }
    }
    if (!required.is_array()) return;
    for (const Json& name : required) {
      if (!name.is_string() || values.contains(name.get<std::string>())) continue;
      const std::string key = name.get<std::string>();
      const bool has_default = properties.is_object() && properties.contains(key) &&
                               properties[key].is_object() && properties[key].contains("default");
      if (has_default) continue;  // Juju inserts the default before validating
      add(Issue::kRequired, path_key(path, key),
          "action " + in_quotes(action_) + " requires parameter " + in_quotes(key) +
              ", which is not given and has no default; give it a value");
    }
  }

  std::vector<ParamIssue> take() { return std::move(issues_); }

 private:
  void check_value(const Json& value, const Json& schema, const std::string& path) {
    if (!schema.is_object()) return;
    std::vector<std::string> types = declared_types(schema);
    std::erase_if(types, [](const std::string& t) { return !is_known_type(t); });
    if (!types.empty() && std::none_of(types.begin(), types.end(), [&](const std::string& t) {
          return matches_type(value, t);
        })) {
      add(Issue::kTypeMismatch, path,
          "parameter value " + value.dump(-1, ' ', false, Json::error_handler_t::replace) + " is " +
              article(json_type_name(value)) + ", but action " + in_quotes(action_) +
              " declares it as " + joined(types, " or ") + "; give a value of that type");
      return;
    }
    if (const auto it = schema.find("enum"); it != schema.end() && it->is_array()) {
      if (std::find(it->begin(), it->end(), value) == it->end()) {
        add(Issue::kNotInEnum, path,
            "parameter value " + value.dump(-1, ' ', false, Json::error_handler_t::replace) +
                " is not one of " + it->dump(-1, ' ', false, Json::error_handler_t::replace) +
                ", the values action " + in_quotes(action_) + " allows; use one of them");
      }
    }
    if (value.is_object() && tag_of(value).empty()) {
      const auto props = schema.find("properties");
      const auto required = schema.find("required");
      const auto additional = schema.find("additionalProperties");
      const bool allow =
          additional == schema.end() || !additional->is_boolean() || additional->get<bool>();
      walk_object(props != schema.end() ? *props : Json::object(),
                  required != schema.end() ? *required : Json::array(), allow, value, path, false);
    }
    if (value.is_array()) {
      const auto items = schema.find("items");
      if (items == schema.end() || !items->is_object()) return;
      for (std::size_t i = 0; i < value.size(); ++i) {
        check_value(value[i], *items, path_index(path, i));
      }
    }
  }

  static std::string article(const std::string& noun) {
    const bool vowel =
        !noun.empty() && std::string_view("aeiou").find(noun[0]) != std::string_view::npos;
    return (vowel ? "an " : "a ") + noun;
  }

  void add(Issue issue, std::string path, std::string message) {
    issues_.push_back(ParamIssue{issue, std::move(path), std::move(message)});
  }

  std::string action_;
  std::vector<ParamIssue> issues_;
};

// Every parameter issue of the event's action; empty when it is not a declared action.
std::vector<ParamIssue> param_issues(const CheckContext& ctx) {
  const ActionSpec* spec = declared_action(ctx);
  if (spec == nullptr) return {};
  std::vector<ParamIssue> issues;
  const std::string schema_path = path_key(path_key("spec.actions", spec->name), "params");
  if (spec->params.is_object()) {
    for (const auto& [name, schema] : spec->params.items()) {
      if (!schema.is_object()) continue;
      const std::vector<std::string> types = declared_types(schema);
      const bool constrained = schema.contains("type") || schema.contains("enum") ||
                               schema.contains("const") || schema.contains("oneOf") ||
                               schema.contains("anyOf") || schema.contains("allOf");
      if (!constrained) {
        issues.push_back({Issue::kUntyped, path_key(schema_path, name),
                          "parameter " + in_quotes(name) + " of action " + in_quotes(spec->name) +
                              " has no 'type'; give it one (string, integer, number, boolean, "
                              "array or object) so values can be checked"});
      }
      for (const std::string& type : types) {
        if (is_known_type(type)) continue;
        issues.push_back({Issue::kTypeUnknown, path_key(path_key(schema_path, name), "type"),
                          "parameter " + in_quotes(name) + " of action " + in_quotes(spec->name) +
                              " has type " + in_quotes(type) +
                              ", which is not a JSON-schema type and Juju rejects; use string, "
                              "integer, number, boolean, array, object or null"});
      }
    }
  }
  ParamWalker walker(spec->name);
  const Json& values = ctx.event.action->params;
  if (values.is_object()) {
    Json required = Json::array();
    for (const std::string& name : spec->required) required.push_back(name);
    walker.walk_object(spec->params, required, spec->additional_properties, values,
                       "event.action.params", true);
  }
  for (ParamIssue& issue : walker.take()) issues.push_back(std::move(issue));
  return issues;
}

void report_issues(const CheckContext& ctx, Reporter& out, Issue wanted) {
  for (const ParamIssue& issue : param_issues(ctx)) {
    if (issue.issue == wanted) out.report(issue.path, issue.message);
  }
}

std::string event_label(const CheckContext& ctx) {
  return "action event " + in_quotes(ctx.name.name);
}

}  // namespace

void check_event_action_missing(const CheckContext& ctx, Reporter& out) {
  if (ctx.kind() != EventKind::kAction || ctx.event.action) return;
  out.report("event.action", event_label(ctx) +
                                 " carries no action; run it with an Action (ctx.run_action("
                                 "Action(...))) that names the action and its parameters");
}

void check_event_action_name_mismatch(const CheckContext& ctx, Reporter& out) {
  if (ctx.kind() != EventKind::kAction || !ctx.event.action) return;
  if (same_name(ctx.event.action->name, ctx.name.prefix)) return;
  out.report("event.path", event_label(ctx) + " carries action " +
                               in_quotes(ctx.event.action->name) + " but is named after " +
                               in_quotes(ctx.name.prefix) + "; name the event " +
                               in_quotes(underscored(ctx.event.action->name) + "_action"));
}

void check_event_action_undeclared(const CheckContext& ctx, Reporter& out) {
  if (ctx.kind() != EventKind::kAction || !ctx.event.action) return;
  if (declared_action(ctx) != nullptr) return;
  out.report("event.action.name", "action " + in_quotes(ctx.event.action->name) +
                                      " is not declared by the charm (actions.yaml or "
                                      "charmcraft.yaml 'actions'); declare it or fix the name");
}

void check_event_action_unexpected(const CheckContext& ctx, Reporter& out) {
  if (ctx.kind() == EventKind::kAction || !ctx.event.action) return;
  out.report("event.action", "event " + in_quotes(ctx.name.name) +
                                 " is not an action event but "
                                 "carries action " +
                                 in_quotes(ctx.event.action->name) +
                                 "; run the action's own event (e.g. " +
                                 in_quotes(underscored(ctx.event.action->name) + "_action") +
                                 ") or drop the action");
}

void check_action_param_untyped(const CheckContext& ctx, Reporter& out) {
  report_issues(ctx, out, Issue::kUntyped);
}

void check_action_param_type_unknown(const CheckContext& ctx, Reporter& out) {
  report_issues(ctx, out, Issue::kTypeUnknown);
}

void check_action_param_type_mismatch(const CheckContext& ctx, Reporter& out) {
  report_issues(ctx, out, Issue::kTypeMismatch);
}

void check_action_param_not_in_enum(const CheckContext& ctx, Reporter& out) {
  report_issues(ctx, out, Issue::kNotInEnum);
}

void check_action_param_required_missing(const CheckContext& ctx, Reporter& out) {
  report_issues(ctx, out, Issue::kRequired);
}

void check_action_param_not_allowed(const CheckContext& ctx, Reporter& out) {
  report_issues(ctx, out, Issue::kNotAllowed);
}

void check_action_param_undeclared(const CheckContext& ctx, Reporter& out) {
  report_issues(ctx, out, Issue::kUndeclared);
}

}  // namespace scenario::detail
