// SPDX-License-Identifier: Apache-2.0
// hooktools/settings_input.cc: key=value arguments and --file mappings.

#include "settings_input.h"

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <string_view>

#include "go_text.h"
#include "scenario/common/files.h"
#include "scenario/errors.h"

namespace scenario::detail {
namespace {

std::string_view trim(std::string_view text) {
  constexpr std::string_view kSpace = " \t\n\r\v\f";
  const std::size_t begin = text.find_first_not_of(kSpace);
  if (begin == std::string_view::npos) return {};
  const std::size_t end = text.find_last_not_of(kSpace);
  return text.substr(begin, end - begin + 1);
}

std::string yaml_tag(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map:
      return "!!map";
    case YAML::NodeType::Sequence:
      return "!!seq";
    default:
      return "!!str";
  }
}

// go-yaml's decode error for a value that does not fit the target type.
[[noreturn]] void unmarshal_error(const YAML::Node& node, std::string_view target) {
  const int line = node.Mark().line >= 0 ? node.Mark().line + 1 : 1;
  std::string what = yaml_tag(node);
  if (node.IsScalar()) what += " `" + node.Scalar() + "`";
  fail("yaml: unmarshal errors:\n  line " + std::to_string(line) + ": cannot unmarshal " + what +
       " into " + std::string(target));
}

// A JSON object of scalars, read exactly (surrogate pairs and all); nullopt when the
// text is not a JSON object, so the YAML reader decides.
std::optional<Settings> settings_from_json(std::string_view text) {
  const Json value = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!value.is_object()) return std::nullopt;
  Settings settings;
  for (const auto& [key, item] : value.items()) {
    if (item.is_string()) {
      settings[key] = item.get<std::string>();
    } else if (item.is_null()) {
      settings[key] = "";
    } else if (item.is_primitive()) {
      settings[key] = item.dump();
    } else {
      fail("yaml: unmarshal errors:\n  line 1: cannot unmarshal " +
           std::string(item.is_object() ? "!!map" : "!!seq") + " into string");
    }
  }
  return settings;
}

Settings settings_from_yaml(std::string_view text) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    fail("yaml: line " + std::to_string(e.mark.line + 1) + ": " + e.msg);
  }
  Settings settings;
  if (!root.IsDefined() || root.IsNull()) return settings;
  if (!root.IsMap()) unmarshal_error(root, "map[string]string");
  for (const auto& pair : root) {
    if (!pair.first.IsScalar()) unmarshal_error(pair.first, "string");
    const YAML::Node& value = pair.second;
    if (value.IsNull()) {
      settings[pair.first.Scalar()] = "";
    } else if (value.IsScalar()) {
      // go-yaml decodes any scalar into a string field as written: `1`, `yes`, `1.50`.
      settings[pair.first.Scalar()] = value.Scalar();
    } else {
      unmarshal_error(value, "string");
    }
  }
  return settings;
}

}  // namespace

Settings parse_key_values(std::span<const std::string> args) {
  Settings settings;
  for (const std::string& arg : args) {
    const std::size_t eq = arg.find('=');
    if (eq == std::string::npos) usage_error("expected \"key=value\", got " + go_quote(arg));
    const std::string key(trim(std::string_view(arg).substr(0, eq)));
    const std::string value(trim(std::string_view(arg).substr(eq + 1)));
    if (key.empty()) usage_error("expected \"key=value\", got \"" + key + "=" + value + "\"");
    if (settings.contains(key)) usage_error("key " + go_quote(key) + " specified more than once");
    settings[key] = value;
  }
  return settings;
}

std::string read_file_arg(const ToolCall& call, const std::string& path) {
  if (path == "-") return std::string(call.stdin_text);
  std::optional<std::string> content;
  try {
    content = read_file_if_exists(path);
  } catch (const Error&) {
    fail("open " + path + ": permission denied");
  }
  if (!content) fail("open " + path + ": no such file or directory");
  return std::move(*content);
}

Settings parse_settings_mapping(std::string_view text) {
  if (std::optional<Settings> settings = settings_from_json(text)) return std::move(*settings);
  try {
    return settings_from_yaml(text);
  } catch (const YAML::Exception& e) {
    fail("yaml: " + e.msg);
  }
}

}  // namespace scenario::detail
