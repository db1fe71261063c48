// SPDX-License-Identifier: Apache-2.0
// pebble/layers.cc: Pebble layers: parsing and validating layer YAML, combining layers
// into the plan, the plan's YAML, and service start/stop order.
//
// Pebble: internals/plan/plan.go (ParseLayer, Layer.Validate, CombineLayers, the Merge
// methods, Plan.Validate, order) and internals/plan/types.go (optional durations).

#include "layers.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <memory>
#include <mutex>
#include <set>
#include <span>
#include <unordered_map>

#include "api.h"

namespace scenario::pebble::detail {

namespace {

// How a field is decoded from YAML and merged, after Pebble's Go types and Merge methods.
enum class Kind {
  kString,    // replaced when the later value is not empty
  kIntPtr,    // *int: replaced when present
  kNonZero,   // int: replaced when not zero
  kDuration,  // OptionalDuration: replaced when present
  kFloat,     // OptionalFloat: replaced when present
  kList,      // appended
  kMap,       // merged key by key
  kNested,    // a struct merged field by field
  kOverride,  // never merged
};

struct Field {
  std::string_view name;
  Kind kind;
  std::span<const Field> nested = {};
};

constexpr std::array<Field, 2> kHttpFields = {{{"url", Kind::kString}, {"headers", Kind::kMap}}};
constexpr std::array<Field, 2> kTcpFields = {{{"port", Kind::kNonZero}, {"host", Kind::kString}}};
constexpr std::array<Field, 8> kExecFields = {{
    {"command", Kind::kString},
    {"service-context", Kind::kString},
    {"environment", Kind::kMap},
    {"user-id", Kind::kIntPtr},
    {"user", Kind::kString},
    {"group-id", Kind::kIntPtr},
    {"group", Kind::kString},
    {"working-dir", Kind::kString},
}};

// In Pebble's struct order, which is the plan YAML's order.
constexpr std::array<Field, 22> kServiceFields = {{
    {"summary", Kind::kString},
    {"description", Kind::kString},
    {"startup", Kind::kString},
    {"override", Kind::kOverride},
    {"command", Kind::kString},
    {"after", Kind::kList},
    {"before", Kind::kList},
    {"requires", Kind::kList},
    {"workload", Kind::kString},
    {"environment", Kind::kMap},
    {"user-id", Kind::kIntPtr},
    {"user", Kind::kString},
    {"group-id", Kind::kIntPtr},
    {"group", Kind::kString},
    {"working-dir", Kind::kString},
    {"on-success", Kind::kString},
    {"on-failure", Kind::kString},
    {"on-check-failure", Kind::kMap},
    {"backoff-delay", Kind::kDuration},
    {"backoff-factor", Kind::kFloat},
    {"backoff-limit", Kind::kDuration},
    {"kill-delay", Kind::kDuration},
}};

constexpr std::array<Field, 9> kCheckFields = {{
    {"override", Kind::kOverride},
    {"level", Kind::kString},
    {"startup", Kind::kString},
    {"period", Kind::kDuration},
    {"timeout", Kind::kDuration},
    {"threshold", Kind::kNonZero},
    {"http", Kind::kNested, kHttpFields},
    {"tcp", Kind::kNested, kTcpFields},
    {"exec", Kind::kNested, kExecFields},
}};

constexpr std::array<Field, 5> kLogTargetFields = {{
    {"type", Kind::kString},
    {"location", Kind::kString},
    {"services", Kind::kList},
    {"override", Kind::kOverride},
    {"labels", Kind::kMap},
}};

struct Section {
  std::string_view key;      // YAML key of the layer section
  std::string_view noun;     // "service", "check", "log target"
  std::string_view go_type;  // for yaml.v3's messages
  std::span<const Field> fields;
  std::map<std::string, Json> Layer::*entries;
};

const std::array<Section, 3> kSections = {{
    {"services", "service", "plan.Service", kServiceFields, &Layer::services},
    {"checks", "check", "plan.Check", kCheckFields, &Layer::checks},
    {"log-targets", "log target", "plan.LogTarget", kLogTargetFields, &Layer::log_targets},
}};

std::string_view go_type_of(std::string_view field) {
  if (field == "http") return "plan.HTTPCheck";
  if (field == "tcp") return "plan.TCPCheck";
  return "plan.ExecCheck";
}

// A decoding failure in yaml.v3's words.
struct DecodeError {
  std::string message;
  bool type_error;  // collected under "yaml: unmarshal errors:"
};

std::string line_of(const YAML::Node& node) {
  return "line " + std::to_string(node.Mark().line + 1);
}

std::string tag_of(const YAML::Node& node) {
  if (node.IsMap()) return "!!map";
  if (node.IsSequence()) return "!!seq";
  return "!!str";
}

DecodeError type_error(const YAML::Node& node, std::string_view into) {
  std::string text = line_of(node) + ": cannot unmarshal " + tag_of(node);
  if (node.IsScalar()) text += " `" + node.Scalar() + "`";
  return {text + " into " + std::string(into), true};
}

bool is_null(const YAML::Node& node) {
  return !node.IsDefined() || node.IsNull() ||
         (node.IsScalar() && node.Tag() != "!" &&
          (node.Scalar() == "~" || node.Scalar() == "null"));
}

std::optional<long long> parse_int(const std::string& text) {
  if (text.empty()) return std::nullopt;
  std::size_t used = 0;
  try {
    const long long value = std::stoll(text, &used, 0);
    if (used == text.size()) return value;
  } catch (const std::exception&) {
  }
  return std::nullopt;
}

std::variant<Json, DecodeError> decode_value(const YAML::Node& node, const Field& field);

std::variant<Json, DecodeError> decode_struct(const YAML::Node& node, std::span<const Field> fields,
                                              std::string_view go_type) {
  if (is_null(node)) return Json(nullptr);
  if (!node.IsMap()) return type_error(node, go_type);
  Json out = Json::object();
  for (const auto& item : node) {
    const std::string key = item.first.IsScalar() ? item.first.Scalar() : "";
    const auto field =
        std::find_if(fields.begin(), fields.end(), [&](const Field& f) { return f.name == key; });
    if (field == fields.end()) {
      return DecodeError{
          line_of(item.first) + ": field " + key + " not found in type " + std::string(go_type),
          true};
    }
    auto value = decode_value(item.second, *field);
    if (auto* error = std::get_if<DecodeError>(&value)) return *error;
    const Json& decoded = std::get<Json>(value);
    if (!decoded.is_null()) out[key] = decoded;
  }
  return out;
}

std::variant<Json, DecodeError> decode_value(const YAML::Node& node, const Field& field) {
  switch (field.kind) {
    case Kind::kString:
    case Kind::kOverride:
      if (is_null(node)) return Json(nullptr);
      if (!node.IsScalar()) return type_error(node, "string");
      return Json(node.Scalar());
    case Kind::kIntPtr:
    case Kind::kNonZero: {
      if (is_null(node)) return Json(nullptr);
      if (!node.IsScalar()) return type_error(node, "int");
      const auto value = parse_int(node.Scalar());
      if (!value || node.Tag() == "!") return type_error(node, "int");
      return Json(*value);
    }
    case Kind::kDuration:
      if (!node.IsScalar() || is_null(node))
        return DecodeError{"duration must be a YAML string", false};
      if (!parse_go_duration(node.Scalar())) {
        return DecodeError{"invalid duration " + go_quote(node.Scalar()), false};
      }
      return Json(node.Scalar());
    case Kind::kFloat: {
      if (!node.IsScalar() || is_null(node))
        return DecodeError{"value must be a YAML number", false};
      try {
        std::size_t used = 0;
        const double value = std::stod(node.Scalar(), &used);
        if (used == node.Scalar().size() && std::isfinite(value)) return Json(value);
      } catch (const std::exception&) {
      }
      return DecodeError{"invalid floating-point number " + go_quote(node.Scalar()), false};
    }
    case Kind::kList: {
      if (is_null(node)) return Json(nullptr);
      if (!node.IsSequence()) return type_error(node, "[]string");
      Json out = Json::array();
      for (const auto& item : node) {
        if (!item.IsScalar() && !is_null(item)) return type_error(item, "string");
        out.push_back(is_null(item) ? std::string() : item.Scalar());
      }
      return out;
    }
    case Kind::kMap: {
      if (is_null(node)) return Json(nullptr);
      if (!node.IsMap()) return type_error(node, "map[string]string");
      Json out = Json::object();
      for (const auto& item : node) {
        if (!item.first.IsScalar()) return type_error(item.first, "string");
        if (!item.second.IsScalar() && !is_null(item.second))
          return type_error(item.second, "string");
        out[item.first.Scalar()] = is_null(item.second) ? std::string() : item.second.Scalar();
      }
      return out;
    }
    case Kind::kNested:
      return decode_struct(node, field.nested, go_type_of(field.name));
  }
  return Json(nullptr);
}

// A minimal shlex split, enough to find the errors Pebble reports for commands.
std::variant<std::vector<std::string>, std::string> shlex_split(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (in_word) words.push_back(std::exchange(word, {}));
      in_word = false;
    } else if (c == '\'' || c == '"') {
      in_word = true;
      const std::size_t close = text.find(c, i + 1);
      if (close == std::string_view::npos)
        return std::string("EOF found when expecting closing quote");
      word.append(text.substr(i + 1, close - i - 1));
      i = close;
    } else if (c == '\\') {
      in_word = true;
      if (++i >= text.size()) return std::string("EOF found after escape character");
      word += text[i];
    } else {
      in_word = true;
      word += c;
    }
  }
  if (in_word) words.push_back(word);
  return words;
}

std::optional<std::string> command_error(std::string_view command) {
  auto words = shlex_split(command);
  if (auto* error = std::get_if<std::string>(&words)) return *error;
  bool in_brackets = false, got_brackets = false;
  const auto& args = std::get<std::vector<std::string>>(words);
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (in_brackets) {
      if (arg == "[") return "cannot nest [ ... ] groups";
      if (arg == "]") in_brackets = false;
      continue;
    }
    if (got_brackets) return "cannot have any arguments after [ ... ] group";
    if (arg == "[") {
      if (i == 0) return "cannot start command with [ ... ] group";
      in_brackets = got_brackets = true;
      continue;
    }
    if (arg == "]") return "cannot have ] outside of [ ... ] group";
  }
  return std::nullopt;
}

std::string str(const Json& entry, std::string_view key) {
  const auto it = entry.find(key);
  return it != entry.end() && it->is_string() ? it->get<std::string>() : std::string();
}

bool valid_action(const std::string& action, std::string_view extra) {
  return action.empty() || action == "restart" || action == "shutdown" || action == "ignore" ||
         action == extra;
}

// Pebble's Layer.Validate.
std::optional<std::string> validate_layer(std::string_view label, const Layer& layer) {
  if (label.starts_with("pebble-")) return R"(cannot use reserved label prefix "pebble-")";
  for (const auto& [name, service] : layer.services) {
    if (name.empty()) return "cannot use empty string as service name";
    if (name == "pebble") return "cannot use reserved service name " + go_quote(name);
    if (name.front() == '-') {
      return "cannot use service name " + go_quote(name) + R"(: starting with "-" not allowed)";
    }
    if (service.is_null()) return "service object cannot be null for service " + go_quote(name);
    if (auto error = command_error(str(service, "command"))) {
      return "plan service " + go_quote(name) + " command invalid: cannot parse service " +
             go_quote(name) + " command: " + *error;
    }
    if (!valid_action(str(service, "on-success"), "failure-shutdown")) {
      return "plan service " + go_quote(name) + " on-success action " +
             go_quote(str(service, "on-success")) + " invalid";
    }
    if (!valid_action(str(service, "on-failure"), "success-shutdown")) {
      return "plan service " + go_quote(name) + " on-failure action " +
             go_quote(str(service, "on-failure")) + " invalid";
    }
    if (const auto it = service.find("on-check-failure"); it != service.end()) {
      for (const auto& [check, action] : it->items()) {
        if (!valid_action(action.get<std::string>(), "success-shutdown")) {
          return "plan service " + go_quote(name) + " on-check-failure action " +
                 go_quote(action.get<std::string>()) + " invalid";
        }
      }
    }
    if (const auto it = service.find("backoff-factor");
        it != service.end() && it->get<double>() < 1) {
      char buffer[64];
      std::snprintf(buffer, sizeof buffer, "%g", it->get<double>());
      return "plan service " + go_quote(name) + " backoff-factor must be 1.0 or greater, not " +
             buffer;
    }
  }
  for (const auto& [name, check] : layer.checks) {
    if (name.empty()) return "cannot use empty string as check name";
    if (check.is_null()) return "check object cannot be null for check " + go_quote(name);
    const std::string level = str(check, "level");
    if (!level.empty() && level != "alive" && level != "ready") {
      return "plan check " + go_quote(name) + R"( level must be "alive" or "ready")";
    }
    const std::string startup = str(check, "startup");
    if (!startup.empty() && startup != "enabled" && startup != "disabled") {
      return "plan check " + go_quote(name) + R"( startup must be "enabled" or "disabled")";
    }
    for (std::string_view key : {"period", "timeout"}) {
      if (check.contains(key) && parse_go_duration(str(check, key)).value_or(1) == 0) {
        return "plan check " + go_quote(name) + " " + std::string(key) + " must not be zero";
      }
    }
    if (const auto it = check.find("exec"); it != check.end() && it->is_object()) {
      auto words = shlex_split(str(*it, "command"));
      if (auto* error = std::get_if<std::string>(&words)) {
        return "plan check " + go_quote(name) + " command invalid: " + *error;
      }
    }
  }
  for (const auto& [name, target] : layer.log_targets) {
    if (target.is_null())
      return "log target object cannot be null for log target " + go_quote(name);
    if (const auto it = target.find("labels"); it != target.end()) {
      for (const auto& [label_name, value] : it->items()) {
        if (std::string_view(label_name).starts_with("pebble_")) {
          return "log target " + go_quote(name) + ": label " + go_quote(label_name) +
                 R"( uses reserved prefix "pebble_")";
        }
      }
    }
    const std::string type = str(target, "type");
    if (!type.empty() && type != "loki" && type != "opentelemetry" && type != "syslog") {
      return "log target " + go_quote(name) + " has unsupported type " + go_quote(type) +
             R"(, must be "loki", "opentelemetry" or "syslog")";
    }
  }
  return std::nullopt;
}

void merge_fields(Json& into, const Json& other, std::span<const Field> fields) {
  for (const Field& field : fields) {
    const auto it = other.find(field.name);
    if (it == other.end() || it->is_null()) continue;
    const std::string key(field.name);
    switch (field.kind) {
      case Kind::kString:
        if (it->is_string() && !it->get<std::string>().empty()) into[key] = *it;
        break;
      case Kind::kNonZero:
        if (!(it->is_number() && it->get<double>() == 0)) into[key] = *it;
        break;
      case Kind::kIntPtr:
      case Kind::kDuration:
      case Kind::kFloat:
        into[key] = *it;
        break;
      case Kind::kList:
        if (!into.contains(key) || !into[key].is_array()) into[key] = Json::array();
        for (const Json& item : *it) into[key].push_back(item);
        break;
      case Kind::kMap:
        if (!into.contains(key) || !into[key].is_object()) into[key] = Json::object();
        for (const auto& [k, v] : it->items()) into[key][k] = v;
        break;
      case Kind::kNested:
        if (!into.contains(key) || !into[key].is_object()) into[key] = Json::object();
        merge_fields(into[key], *it, field.nested);
        break;
      case Kind::kOverride:
        break;
    }
  }
  // Fields the tables do not know (newer Pebble fields in a State) replace.
  for (const auto& [key, value] : other.items()) {
    const bool known =
        std::any_of(fields.begin(), fields.end(), [&](const Field& f) { return f.name == key; });
    if (!known) into[key] = value;
  }
}

void combine_section(std::map<std::string, Json>& combined,
                     const std::map<std::string, Json>& entries, std::span<const Field> fields) {
  for (const auto& [name, entry] : entries) {
    const auto old = combined.find(name);
    if (str(entry, "override") == "merge" && old != combined.end()) {
      merge_fields(old->second, entry, fields);
    } else {
      combined[name] = entry;
    }
  }
}

// Go's yaml.v3 style: plain scalars when unambiguous, double-quoted otherwise.
std::string yaml_scalar(const std::string& text) {
  static const std::set<std::string> kSpecial = {
      "",      "~",     "null", "Null", "NULL", "true", "True", "TRUE", "false",
      "False", "FALSE", "yes",  "Yes",  "YES",  "no",   "No",   "NO",   "on",
      "On",    "ON",    "off",  "Off",  "OFF",  "y",    "Y",    "n",    "N"};
  bool plain = kSpecial.count(text) == 0 && text.front() != ' ' && text.back() != ' ';
  if (plain) {
    const unsigned char first = static_cast<unsigned char>(text.front());
    // A leading digit is fine when a letter shows it is no number, date or hex ("1m0s").
    const bool wordy_number =
        std::isdigit(first) &&
        text.find_first_of("ghijklmnpqrstuvwyzGHIJKLMNPQRSTUVWYZ") != std::string::npos;
    plain = std::isalpha(first) || first == '/' || first == '_' || wordy_number;
    for (char c : text) {
      const auto u = static_cast<unsigned char>(c);
      if (!(std::isalnum(u) ||
            std::string_view("_-./ ='+,()$@").find(c) != std::string_view::npos)) {
        plain = false;
      }
    }
    // Plain scalars that YAML would read as numbers stay quoted.
    if (plain && text.find(" #") != std::string::npos) {
      plain = false;
    }
  }
  if (plain) return text;
  return Json(text).dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string yaml_number(const Json& value) {
  if (value.is_number_float()) {
    const double d = value.get<double>();
    if (std::floor(d) == d && std::fabs(d) < 1e15) return std::to_string(static_cast<long long>(d));
  }
  return value.dump();
}

void emit_yaml(std::string& out, const Json& value, int indent);

void emit_entry(std::string& out, const std::string& key, const Json& value, int indent) {
  out += std::string(static_cast<std::size_t>(indent), ' ') + yaml_scalar(key) + ":";
  if ((value.is_object() || value.is_array()) && !value.empty()) {
    out += "\n";
    emit_yaml(out, value, indent + 4);
  } else {
    out += " ";
    emit_yaml(out, value, -1);
  }
}

// `indent` < 0: inline after a key.
void emit_yaml(std::string& out, const Json& value, int indent) {
  const std::string pad(static_cast<std::size_t>(std::max(indent, 0)), ' ');
  if (value.is_object()) {
    if (value.empty()) {
      out += "{}\n";
      return;
    }
    for (const auto& [key, item] : value.items()) emit_entry(out, key, item, indent);
  } else if (value.is_array()) {
    if (value.empty()) {
      out += "[]\n";
      return;
    }
    for (const Json& item : value) {
      out += pad + "- ";
      emit_yaml(out, item, -1);
    }
  } else if (value.is_string()) {
    out += yaml_scalar(value.get<std::string>()) + "\n";
  } else if (value.is_number()) {
    out += yaml_number(value) + "\n";
  } else if (value.is_boolean()) {
    out += value.get<bool>() ? "true\n" : "false\n";
  } else {
    out += "null\n";
  }
}

bool is_empty_value(const Json& value) {
  return value.is_null() || (value.is_string() && value.get<std::string>().empty()) ||
         ((value.is_array() || value.is_object()) && value.empty());
}

// One plan entry as Pebble marshals it, in field order, as (key, value) pairs.
std::vector<std::pair<std::string, Json>> render_entry(const Json& entry,
                                                       std::span<const Field> fields,
                                                       bool log_target) {
  std::vector<std::pair<std::string, Json>> out;
  for (const Field& field : fields) {
    const std::string key(field.name);
    const auto it = entry.find(key);
    Json value = it == entry.end() ? Json(nullptr) : *it;
    if (log_target && (key == "type" || key == "location")) {
      out.emplace_back(key, value.is_string() ? value : Json(""));
      continue;
    }
    if (log_target && key == "services") {
      out.emplace_back(key, value.is_array() ? value : Json::array());
      continue;
    }
    if (field.kind == Kind::kDuration && value.is_string()) {
      if (const auto nanos = parse_go_duration(value.get<std::string>())) {
        value = go_duration_string(*nanos);
      }
    }
    if (field.kind == Kind::kNonZero && value.is_number() && value.get<double>() == 0) continue;
    if (field.kind == Kind::kNested && value.is_object()) {
      Json nested = Json::object();
      for (auto& [k, v] : render_entry(value, field.nested, false)) nested[k] = v;
      value = nested;
      if (value.empty()) {
        out.emplace_back(key, Json::object());
        continue;
      }
    }
    if (field.kind != Kind::kIntPtr && field.kind != Kind::kFloat && is_empty_value(value))
      continue;
    if (value.is_null()) continue;
    out.emplace_back(key, value);
  }
  return out;
}

std::vector<std::pair<std::string, Json>> render_check(const Json& check) {
  Json copy = check;
  if (!copy.contains("threshold") || (copy["threshold"].is_number() && copy["threshold"] == 0)) {
    copy["threshold"] = 3;  // Pebble's defaultCheckThreshold, which the plan shows
  }
  return render_entry(copy, kCheckFields, false);
}

}  // namespace

std::variant<Layer, std::string> parse_layer(std::string_view label, std::string_view yaml) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const std::exception& error) {
    return "cannot parse layer " + go_quote(label) + ": yaml: " + error.what();
  }
  Layer layer;
  if (!is_null(root)) {
    if (!root.IsMap()) {
      return "cannot parse layer " + go_quote(label) + ": yaml: unmarshal errors:\n  " +
             type_error(root, "map[string]yaml.Node").message;
    }
    for (const auto& item : root) {
      const std::string key = item.first.IsScalar() ? item.first.Scalar() : "";
      const std::string where =
          "cannot parse layer " + go_quote(label) + " section " + go_quote(key) + ": ";
      if (key == "summary" || key == "description") {
        if (!item.second.IsScalar() && !is_null(item.second)) {
          return where + "yaml: unmarshal errors:\n  " + type_error(item.second, "string").message;
        }
        (key == "summary" ? layer.summary : layer.description) =
            is_null(item.second) ? std::string() : item.second.Scalar();
        continue;
      }
      const auto section = std::find_if(kSections.begin(), kSections.end(),
                                        [&](const Section& s) { return s.key == key; });
      if (section == kSections.end()) {
        return "cannot parse layer " + go_quote(label) + ": unknown section " + go_quote(key);
      }
      if (is_null(item.second)) continue;
      if (!item.second.IsMap()) {
        return where + "yaml: unmarshal errors:\n  " +
               type_error(item.second, "map[string]*" + std::string(section->go_type)).message;
      }
      for (const auto& entry : item.second) {
        const std::string name = entry.first.IsScalar() ? entry.first.Scalar() : "";
        auto decoded = decode_struct(entry.second, section->fields, section->go_type);
        if (auto* error = std::get_if<DecodeError>(&decoded)) {
          return where + (error->type_error ? "yaml: unmarshal errors:\n  " : "") + error->message;
        }
        (layer.*(section->entries))[name] = std::get<Json>(decoded);
      }
    }
  }
  if (auto error = validate_layer(label, layer)) return *error;
  return layer;
}

std::variant<Layer, std::string> parse_layer_memoized(std::string_view label,
                                                      std::string_view yaml) {
  // Bounded: a text too long to be worth keeping is parsed each time, and a full table is
  // emptied rather than managed entry by entry (a test suite adds a handful of layers).
  constexpr std::size_t kMaxText = 64 * 1024;
  constexpr std::size_t kMaxEntries = 256;
  using Parsed = std::variant<Layer, std::string>;
  static std::mutex mutex;
  static std::unordered_map<std::string, std::shared_ptr<const Parsed>> table;
  if (label.size() + yaml.size() > kMaxText) return parse_layer(label, yaml);
  std::string key;
  key.reserve(label.size() + 1 + yaml.size());
  key.append(label).push_back('\0');
  key.append(yaml);
  std::shared_ptr<const Parsed> parsed;
  {
    const std::lock_guard<std::mutex> lock(mutex);
    if (const auto it = table.find(key); it != table.end()) parsed = it->second;
  }
  if (parsed == nullptr) {
    parsed = std::make_shared<const Parsed>(parse_layer(label, yaml));
    const std::lock_guard<std::mutex> lock(mutex);
    if (table.size() >= kMaxEntries) table.clear();
    table.emplace(std::move(key), parsed);
  }
  return *parsed;
}

std::optional<std::string> check_overrides(std::string_view label, const Layer& layer) {
  for (const Section& section : kSections) {
    for (const auto& [name, entry] : layer.*(section.entries)) {
      const std::string override_value = str(entry, "override");
      if (override_value.empty()) {
        return "layer " + go_quote(label) + R"( must define "override" for )" +
               std::string(section.noun) + " " + go_quote(name);
      }
      if (override_value != "merge" && override_value != "replace") {
        return "layer " + go_quote(label) + R"( has invalid "override" value for )" +
               std::string(section.noun) + " " + go_quote(name);
      }
    }
  }
  return std::nullopt;
}

Plan combine(const std::vector<const Layer*>& layers) {
  Plan plan;
  for (const Layer* layer : layers) {
    combine_section(plan.services, layer->services, kServiceFields);
    combine_section(plan.checks, layer->checks, kCheckFields);
    combine_section(plan.log_targets, layer->log_targets, kLogTargetFields);
  }
  return plan;
}

Layer combine_into(const Layer& base, const Layer& layer) {
  Plan plan = combine({&base, &layer});
  Layer combined;
  // Pebble's CombineLayers takes the last layer's summary and description.
  combined.summary = layer.summary;
  combined.description = layer.description;
  combined.services = std::move(plan.services);
  combined.checks = std::move(plan.checks);
  combined.log_targets = std::move(plan.log_targets);
  return combined;
}

std::optional<std::string> validate_plan(const Plan& plan) {
  for (const auto& [name, service] : plan.services) {
    if (str(service, "command").empty()) {
      return R"(plan must define "command" for service )" + go_quote(name);
    }
  }
  for (const auto& [name, check] : plan.checks) {
    int types = 0;
    if (const auto it = check.find("http"); it != check.end() && it->is_object()) {
      if (str(*it, "url").empty()) return R"(plan must set "url" for http check )" + go_quote(name);
      ++types;
    }
    if (const auto it = check.find("tcp"); it != check.end() && it->is_object()) {
      if (!it->contains("port") || (*it)["port"] == 0) {
        return R"(plan must set "port" for tcp check )" + go_quote(name);
      }
      ++types;
    }
    if (const auto it = check.find("exec"); it != check.end() && it->is_object()) {
      if (str(*it, "command").empty())
        return R"(plan must set "command" for exec check )" + go_quote(name);
      const std::string context = str(*it, "service-context");
      if (!context.empty() && plan.services.count(context) == 0) {
        return "plan check " + go_quote(name) + " service context specifies non-existent service " +
               go_quote(context);
      }
      ++types;
    }
    if (types != 1) {
      return R"(plan must specify one of "http", "tcp", or "exec" for check )" + go_quote(name);
    }
  }
  for (const auto& [name, target] : plan.log_targets) {
    if (str(target, "type").empty()) {
      return R"(plan must define "type" ("loki", "opentelemetry" or "syslog") for log target )" +
             go_quote(name);
    }
    if (const auto it = target.find("services"); it != target.end() && it->is_array()) {
      for (const Json& item : *it) {
        std::string service = item.is_string() ? item.get<std::string>() : "";
        if (service.starts_with("-")) service.erase(0, 1);
        if (service == "all" || plan.services.count(service) != 0) continue;
        return "log target " + go_quote(name) + " specifies unknown service " + go_quote(service);
      }
    }
    if (str(target, "location").empty()) {
      return R"(plan must define "location" for log target )" + go_quote(name);
    }
  }
  std::vector<std::string> all;
  for (const auto& [name, service] : plan.services) all.push_back(name);
  auto sorted = start_order(plan, all);
  if (auto* error = std::get_if<std::string>(&sorted)) return *error;
  return std::nullopt;
}

Json plan_to_json(const Plan& plan) {
  Json out = Json::object();
  auto section = [&](std::string_view key, const std::map<std::string, Json>& entries,
                     auto render) {
    if (entries.empty()) return;
    Json rendered = Json::object();
    for (const auto& [name, entry] : entries) {
      Json item = Json::object();
      for (auto& [k, v] : render(entry)) item[k] = v;
      rendered[name] = item;
    }
    out[std::string(key)] = rendered;
  };
  section("services", plan.services,
          [](const Json& e) { return render_entry(e, kServiceFields, false); });
  section("checks", plan.checks, [](const Json& e) { return render_check(e); });
  section("log-targets", plan.log_targets,
          [](const Json& e) { return render_entry(e, kLogTargetFields, true); });
  return out;
}

std::string plan_to_yaml(const Plan& plan) {
  std::string out;
  auto section = [&](std::string_view key, const std::map<std::string, Json>& entries,
                     auto render) {
    if (entries.empty()) return;
    out += std::string(key) + ":\n";
    for (const auto& [name, entry] : entries) {
      const auto fields = render(entry);
      out += "    " + yaml_scalar(name) + ":";
      if (fields.empty()) {
        out += " {}\n";
        continue;
      }
      out += "\n";
      for (const auto& [k, v] : fields) emit_entry(out, k, v, 8);
    }
  };
  section("services", plan.services,
          [](const Json& e) { return render_entry(e, kServiceFields, false); });
  section("checks", plan.checks, [](const Json& e) { return render_check(e); });
  section("log-targets", plan.log_targets,
          [](const Json& e) { return render_entry(e, kLogTargetFields, true); });
  return out.empty() ? "{}\n" : out;
}

}  // namespace scenario::pebble::detail
