// SPDX-License-Identifier: Apache-2.0
// hooktools/settings_input.cc: key=value arguments and --file mappings.

#include "settings_input.h"

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <string_view>

#include "go_text.h"
#include "scenario/common/files.h"
#include "scenario/common/utf8.h"
#include "scenario/errors.h"
#include "yaml_reader.h"

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

// Which JSON values a JSON-first reader takes; on anything else the YAML reader decides.
enum class JsonValues {
  kScalars,  // go-yaml's results for JSON: null as "", booleans and numbers as written
  kStrings,  // Go's encoding/json into map[string]string: strings, and null as ""
};

// Reads a JSON object of scalars into settings, strings exactly (surrogate pairs and
// all: ops 3.4+ writes characters past U+FFFF so) and numbers as written (as go-yaml
// keeps `1.50`, `1e3`; only an integer's `-0` reads as `0`). It stops at the first
// value it does not take, and at a syntax error, so that the YAML reader reports it.
// Unlike Go's encoding/json, it refuses a lone surrogate escape (`\ud800`), which then
// goes to the YAML reader too.
class SettingsFromJson final : public nlohmann::json_sax<Json> {
 public:
  explicit SettingsFromJson(JsonValues values) : scalars_(values == JsonValues::kScalars) {}

  bool null() override { return scalar(""); }
  bool boolean(bool value) override { return scalars_ && scalar(value ? "true" : "false"); }
  bool number_integer(number_integer_t value) override {
    return scalars_ && scalar(std::to_string(value));
  }
  bool number_unsigned(number_unsigned_t value) override {
    return scalars_ && scalar(std::to_string(value));
  }
  bool number_float(number_float_t, const string_t& text) override {
    return scalars_ && scalar(text);
  }
  bool string(string_t& value) override { return scalar(std::move(value)); }
  bool binary(binary_t&) override { return false; }
  bool start_object(std::size_t) override {
    if (is_object) return false;  // a nested value
    return is_object = true;
  }
  bool key(string_t& key) override {
    key_ = std::move(key);
    return true;
  }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return false; }
  bool end_array() override { return false; }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
    return false;
  }

  Settings settings;
  bool is_object = false;

 private:
  bool scalar(std::string value) {
    if (!is_object) return false;  // a document that is a scalar
    settings[key_] = std::move(value);
    return true;
  }

  bool scalars_;
  std::string key_;
};

// A JSON object of the values `values` takes; nullopt when the text is not one.
std::optional<Settings> settings_from_json(std::string_view text, JsonValues values) {
  SettingsFromJson reader(values);
  if (!Json::sax_parse(text.begin(), text.end(), &reader) || !reader.is_object) {
    return std::nullopt;
  }
  return std::move(reader.settings);
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
  // Before the JSON reader too: go-yaml reads every such --file, JSON included.
  if (const std::optional<std::string_view> problem = go_yaml_reader_problem(text)) {
    fail("yaml: " + std::string(*problem));
  }
  if (std::optional<Settings> settings = settings_from_json(text, JsonValues::kScalars)) {
    return std::move(*settings);
  }
  try {
    return settings_from_yaml(text);
  } catch (const YAML::Exception& e) {
    fail("yaml: " + e.msg);
  }
}

Settings parse_json_or_yaml_mapping(std::string_view text) {
  // Go's encoding/json reads each byte that starts no well-formed UTF-8 sequence as
  // U+FFFD (in a string; elsewhere it is a syntax error either way), and a byte order
  // mark as a syntax error (the JSON reader would skip it).
  if (!text.starts_with("\xef\xbb\xbf")) {
    std::string json;
    json.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
      const std::size_t length = utf8_sequence_length(text, i);
      if (length == 0) {
        json += "\xef\xbf\xbd";
        ++i;
      } else {
        json.append(text, i, length);
        i += length;
      }
    }
    if (std::optional<Settings> settings = settings_from_json(json, JsonValues::kStrings)) {
      return std::move(*settings);
    }
  }
  return parse_settings_mapping(text);
}

}  // namespace scenario::detail
