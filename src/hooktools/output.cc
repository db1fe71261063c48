// SPDX-License-Identifier: Apache-2.0
// hooktools/output.cc: smart, json and yaml output as juju/cmd writes them.

#include "output.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <string_view>

namespace scenario::detail {
namespace {

// True if YAML 1.1 (go-yaml, PyYAML) would read `text` as a plain null, bool, number or
// timestamp, so a string spelled like one must be quoted. Errs towards quoting, which
// is always correct. Hand-written rather than a regex: values can be long (a PEM
// certificate in a databag) and std::regex recurses per character.
bool reads_as_non_string(std::string_view text) {
  static constexpr std::string_view kWords[] = {
      "~",  "null", "Null", "NULL", "y",    "Y",    "yes",  "Yes",   "YES",   "n",
      "N",  "no",   "No",   "NO",   "true", "True", "TRUE", "false", "False", "FALSE",
      "on", "On",   "ON",   "off",  "Off",  "OFF",  ".nan", ".NaN",  ".NAN"};
  for (const std::string_view word : kWords) {
    if (text == word) return true;
  }
  std::string_view body = text;
  if (!body.empty() && (body.front() == '+' || body.front() == '-')) body.remove_prefix(1);
  if (body == ".inf" || body == ".Inf" || body == ".INF") return true;
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (body.empty()) return false;
  const bool numeric_start =
      digit(body.front()) || (body.front() == '.' && body.size() > 1 && digit(body[1]));
  if (!numeric_start) return false;
  auto only = [&](std::string_view allowed) {
    return body.find_first_not_of(allowed) == std::string_view::npos;
  };
  // 0x, 0o and 0b integers; base-60 numbers (`1:30`); decimal integers and floats (one
  // dot at most, so addresses such as 10.0.0.1 stay plain); dates.
  const bool date = text.size() >= 10 && digit(text[0]) && digit(text[1]) && digit(text[2]) &&
                    digit(text[3]) && text[4] == '-';
  if (date) return true;
  if (body.starts_with("0x") || body.starts_with("0o") || body.starts_with("0b")) {
    return only("0123456789abcdefABCDEF_xob");
  }
  if (body.find(':') != std::string_view::npos) return only("0123456789_.:");
  return only("0123456789_.eE+-") && std::count(body.begin(), body.end(), '.') <= 1;
}

void emit_string(YAML::Emitter& out, const std::string& text) {
  if (reads_as_non_string(text)) out << YAML::DoubleQuoted;
  out << text;
}

void emit(YAML::Emitter& out, const Json& value) {
  switch (value.type()) {
    case Json::value_t::null:
    case Json::value_t::discarded:
      out << YAML::Null;
      break;
    case Json::value_t::boolean:
      out << value.get<bool>();
      break;
    case Json::value_t::number_integer:
      out << value.get<std::int64_t>();
      break;
    case Json::value_t::number_unsigned:
      out << value.get<std::uint64_t>();
      break;
    case Json::value_t::number_float: {
      const double real = value.get<double>();
      if (std::isnan(real)) {
        out << ".nan";
      } else if (std::isinf(real)) {
        out << (real > 0 ? ".inf" : "-.inf");
      } else {
        // JSON's spelling keeps a float a float (`2.0`, not `2`).
        out << value.dump();
      }
      break;
    }
    case Json::value_t::string:
      emit_string(out, value.get<std::string>());
      break;
    case Json::value_t::array:
      out << YAML::BeginSeq;
      for (const Json& item : value) emit(out, item);
      out << YAML::EndSeq;
      break;
    case Json::value_t::object:
      out << YAML::BeginMap;
      for (const auto& [key, item] : value.items()) {
        out << YAML::Key;
        emit_string(out, key);
        out << YAML::Value;
        emit(out, item);
      }
      out << YAML::EndMap;
      break;
    case Json::value_t::binary:
      out << YAML::Null;
      break;
  }
}

}  // namespace

std::optional<OutputFormat> output_format_named(std::string_view name) {
  if (name == "smart") return OutputFormat::kSmart;
  if (name == "json") return OutputFormat::kJson;
  if (name == "yaml") return OutputFormat::kYaml;
  return std::nullopt;
}

std::string_view to_string(OutputFormat format) {
  switch (format) {
    case OutputFormat::kSmart:
      return "smart";
    case OutputFormat::kJson:
      return "json";
    case OutputFormat::kYaml:
      return "yaml";
  }
  return "smart";
}

std::string format_json(const Json& value) {
  return value.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::string format_yaml(const Json& value) {
  if (value.is_null()) return "";
  YAML::Emitter out;
  out.SetNullFormat(YAML::LowerNull);
  emit(out, value);
  std::string text = out.c_str();
  if (text.empty()) return "";
  return text + "\n";
}

std::string format_smart(const Json& value, GoShape shape) {
  if (value.is_null()) return "";
  if (value.is_string()) {
    const auto& text = value.get_ref<const std::string&>();
    return text.empty() ? "" : text + "\n";
  }
  if (value.is_boolean()) return value.get<bool>() ? "True\n" : "False\n";
  if (shape == GoShape::kStringList && value.is_array()) {
    std::string text;
    bool first = true;
    for (const Json& item : value) {
      if (!first) text += '\n';
      first = false;
      text += item.is_string() ? item.get<std::string>() : item.dump();
    }
    return text.empty() ? "" : text + "\n";
  }
  return format_yaml(value);
}

std::string format_output(OutputFormat format, const Json& value, GoShape shape) {
  switch (format) {
    case OutputFormat::kJson:
      return format_json(value);
    case OutputFormat::kYaml:
      return format_yaml(value);
    case OutputFormat::kSmart:
      return format_smart(value, shape);
  }
  return format_smart(value, shape);
}

}  // namespace scenario::detail
