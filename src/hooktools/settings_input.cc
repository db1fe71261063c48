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

// What go-yaml's reader (readerc.go) says of text it cannot take as YAML characters,
// in the order it checks; nullopt when every character reads. Juju decodes --file
// mappings with go-yaml, so a file that is not UTF-8 fails the hook tool rather than
// putting bytes in the State that no later reader (JSON, Python) can decode. Text
// behind a UTF-16 byte order mark is left to the YAML parser, which decodes it.
std::optional<std::string_view> yaml_reader_problem(std::string_view text) {
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
  if (text.size() >= 2 &&
      ((byte(0) == 0xff && byte(1) == 0xfe) || (byte(0) == 0xfe && byte(1) == 0xff))) {
    return std::nullopt;
  }
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char lead = byte(i);
    std::size_t width = 0;
    char32_t value = 0;
    if (lead < 0x80) {
      width = 1;
      value = lead;
    } else if ((lead & 0xe0) == 0xc0) {
      width = 2;
      value = lead & 0x1f;
    } else if ((lead & 0xf0) == 0xe0) {
      width = 3;
      value = lead & 0x0f;
    } else if ((lead & 0xf8) == 0xf0) {
      width = 4;
      value = lead & 0x07;
    } else {
      return "invalid leading UTF-8 octet";
    }
    if (width > text.size() - i) return "incomplete UTF-8 octet sequence";
    for (std::size_t k = 1; k < width; ++k) {
      if ((byte(i + k) & 0xc0) != 0x80) return "invalid trailing UTF-8 octet";
      value = (value << 6) | (byte(i + k) & 0x3f);
    }
    static constexpr char32_t kLeast[] = {0, 0, 0x80, 0x800, 0x10000};  // by width
    if (value < kLeast[width]) return "invalid length of a UTF-8 sequence";
    if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) {
      return "invalid Unicode character";
    }
    // YAML's printable characters: tab, line feed, carriage return, NEL and the rest
    // outside the C0 and C1 controls, the surrogates and U+FFFE/U+FFFF.
    const bool printable = value == 0x09 || value == 0x0a || value == 0x0d ||
                           (value >= 0x20 && value <= 0x7e) || value == 0x85 ||
                           (value >= 0xa0 && value <= 0xd7ff) ||
                           (value >= 0xe000 && value <= 0xfffd) || value >= 0x10000;
    if (!printable) return "control characters are not allowed";
    i += width;
  }
  return std::nullopt;
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
  // Before the JSON reader too: go-yaml reads every --file, JSON included.
  if (const std::optional<std::string_view> problem = yaml_reader_problem(text)) {
    fail("yaml: " + std::string(*problem));
  }
  if (std::optional<Settings> settings = settings_from_json(text)) return std::move(*settings);
  try {
    return settings_from_yaml(text);
  } catch (const YAML::Exception& e) {
    fail("yaml: " + e.msg);
  }
}

}  // namespace scenario::detail
