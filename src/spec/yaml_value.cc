// SPDX-License-Identifier: Apache-2.0
// spec/yaml_value.cc: YAML 1.1 scalar resolution and YAML-to-JSON conversion.

#include "yaml_value.h"

#include <cerrno>
#include <cstdlib>
#include <initializer_list>
#include <limits>
#include <optional>
#include <string_view>

namespace scenario::detail {

namespace {

constexpr std::string_view kTagPrefix = "tag:yaml.org,2002:";

bool is_one_of(std::string_view text, std::initializer_list<std::string_view> words) {
  for (std::string_view word : words) {
    if (text == word) return true;
  }
  return false;
}

std::optional<bool> resolve_bool(std::string_view text) {
  // YAML 1.1 booleans, as both go-yaml (Juju) and PyYAML (ops) read them. go-yaml also
  // takes y/n, PyYAML does not; those stay strings here.
  if (is_one_of(text, {"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON"})) {
    return true;
  }
  if (is_one_of(text, {"false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF"})) {
    return false;
  }
  return std::nullopt;
}

bool all_digits(std::string_view text, int base) {
  if (text.empty()) return false;
  for (char c : text) {
    int digit = -1;
    if (c >= '0' && c <= '9') digit = c - '0';
    if (c >= 'a' && c <= 'f') digit = c - 'a' + 10;
    if (c >= 'A' && c <= 'F') digit = c - 'A' + 10;
    if (digit < 0 || digit >= base) return false;
  }
  return true;
}

// YAML 1.1 integers: decimal, 0x hex, 0b binary, leading-0 octal, `_` separators.
// Sexagesimal (`1:30`) is left a string, as go-yaml (Juju) reads it.
bool resolve_int(std::string_view text, Scalar& out) {
  std::string digits;
  for (char c : text) {
    if (c != '_') digits += c;
  }
  std::string_view body = digits;
  bool negative = false;
  if (!body.empty() && (body.front() == '-' || body.front() == '+')) {
    negative = body.front() == '-';
    body.remove_prefix(1);
  }
  int base = 10;
  if (body.size() > 2 && body[0] == '0' && (body[1] == 'x' || body[1] == 'X')) {
    base = 16;
    body.remove_prefix(2);
  } else if (body.size() > 2 && body[0] == '0' && (body[1] == 'b' || body[1] == 'B')) {
    base = 2;
    body.remove_prefix(2);
  } else if (body.size() > 1 && body[0] == '0') {
    base = 8;
    body.remove_prefix(1);
  }
  // PyYAML wants a digit first (after the sign): `_1` is a string.
  const std::size_t first = text.find_first_not_of("+-");
  if (first == std::string_view::npos || text[first] < '0' || text[first] > '9') return false;
  if (!all_digits(body, base)) return false;

  out.kind = ScalarKind::kInt;
  errno = 0;
  const std::string number = (negative ? "-" : "") + std::string(body);
  const long long value = std::strtoll(number.c_str(), nullptr, base);
  if (errno == ERANGE) {
    out.out_of_range = true;
    const double huge =
        base == 10 ? std::strtod(number.c_str(), nullptr) : std::numeric_limits<double>::max();
    out.real = negative && base != 10 ? -huge : huge;
  } else {
    out.integer = static_cast<std::int64_t>(value);
  }
  return true;
}

// YAML 1.1 floats (a `.` or an exponent is required, else it is an integer), plus
// .inf and .nan. go-yaml accepts `1e5` where PyYAML wants `1.0e+5`; Juju's reading wins.
bool resolve_float(std::string_view text, Scalar& out) {
  std::string_view body = text;
  bool negative = false;
  if (!body.empty() && (body.front() == '-' || body.front() == '+')) {
    negative = body.front() == '-';
    body.remove_prefix(1);
  }
  if (is_one_of(body, {".inf", ".Inf", ".INF"})) {
    out.kind = ScalarKind::kFloat;
    out.real = negative ? -std::numeric_limits<double>::infinity()
                        : std::numeric_limits<double>::infinity();
    return true;
  }
  if (is_one_of(text, {".nan", ".NaN", ".NAN"})) {
    out.kind = ScalarKind::kFloat;
    out.real = std::numeric_limits<double>::quiet_NaN();
    return true;
  }
  std::string number;
  std::size_t i = 0;
  std::size_t mantissa_digits = 0;
  bool has_dot = false;
  bool has_exponent = false;
  for (; i < body.size(); ++i) {
    const char c = body[i];
    if (c >= '0' && c <= '9') {
      ++mantissa_digits;
      number += c;
    } else if (c == '_' && mantissa_digits > 0) {
      continue;
    } else if (c == '.' && !has_dot) {
      has_dot = true;
      number += c;
    } else {
      break;
    }
  }
  if (mantissa_digits == 0) return false;
  if (i < body.size() && (body[i] == 'e' || body[i] == 'E')) {
    has_exponent = true;
    number += 'e';
    ++i;
    if (i < body.size() && (body[i] == '-' || body[i] == '+')) number += body[i++];
    const std::size_t exponent_start = i;
    while (i < body.size() && body[i] >= '0' && body[i] <= '9') number += body[i++];
    if (i == exponent_start) return false;
  }
  if (i != body.size() || (!has_dot && !has_exponent)) return false;
  out.kind = ScalarKind::kFloat;
  out.real = std::strtod(number.c_str(), nullptr);
  if (negative) out.real = -out.real;
  return true;
}

}  // namespace

Scalar resolve_scalar(const YAML::Node& node) {
  Scalar out;
  if (!node.IsDefined() || node.IsNull()) return out;
  out.text = node.Scalar();
  const std::string& tag = node.Tag();
  out.kind = ScalarKind::kString;
  // `!` marks a quoted or block scalar: always a string. `?` is a plain scalar.
  if (tag == "!" || tag == std::string(kTagPrefix) + "str") return out;
  Scalar resolved = out;
  if (auto boolean = resolve_bool(out.text)) {
    resolved.kind = ScalarKind::kBool;
    resolved.boolean = *boolean;
  } else if (!resolve_int(out.text, resolved)) {
    resolve_float(out.text, resolved);
  }
  if (tag.rfind(kTagPrefix, 0) == 0) {
    // An explicit standard tag only confirms what the text already says; an `!!int` on
    // text that is not an integer stays a string rather than inventing a value.
    const std::string_view wanted = std::string_view(tag).substr(kTagPrefix.size());
    const bool matches = (wanted == "int" && resolved.kind == ScalarKind::kInt) ||
                         (wanted == "float" && (resolved.kind == ScalarKind::kFloat ||
                                                resolved.kind == ScalarKind::kInt)) ||
                         (wanted == "bool" && resolved.kind == ScalarKind::kBool);
    if (!matches) return out;
    if (wanted == "float" && resolved.kind == ScalarKind::kInt) {
      resolved.kind = ScalarKind::kFloat;
      resolved.real = resolved.out_of_range ? resolved.real : static_cast<double>(resolved.integer);
    }
  }
  return resolved;
}

std::string describe(const YAML::Node& node) {
  if (!node.IsDefined() || node.IsNull()) return "null";
  if (node.IsMap()) return "a mapping";
  if (node.IsSequence()) return "a list";
  const Scalar scalar = resolve_scalar(node);
  switch (scalar.kind) {
    case ScalarKind::kNull:
      return "null";
    case ScalarKind::kBool:
      return std::string("the boolean ") + (scalar.boolean ? "true" : "false");
    case ScalarKind::kInt:
      return "the integer " + scalar.text;
    case ScalarKind::kFloat:
      return "the float " + scalar.text;
    case ScalarKind::kString:
      break;
  }
  constexpr std::size_t kMaxShown = 40;
  std::string text = scalar.text;
  if (text.size() > kMaxShown) text = text.substr(0, kMaxShown) + "...";
  for (char& c : text) {
    if (c == '\n') c = ' ';
  }
  return "the string '" + text + "'";
}

Json to_json(const YAML::Node& node) {
  if (node.IsMap()) {
    Json out = Json::object();
    for (auto it = node.begin(); it != node.end(); ++it) {
      const std::string key = it->first.IsScalar() ? it->first.Scalar() : std::string();
      // The first of duplicate keys wins, as everywhere else in the loader (duplicates
      // are reported separately).
      if (!out.contains(key)) out[key] = to_json(it->second);
    }
    return out;
  }
  if (node.IsSequence()) {
    Json out = Json::array();
    for (const YAML::Node& item : node) out.push_back(to_json(item));
    return out;
  }
  const Scalar scalar = resolve_scalar(node);
  switch (scalar.kind) {
    case ScalarKind::kNull:
      return nullptr;
    case ScalarKind::kBool:
      return scalar.boolean;
    case ScalarKind::kInt:
      if (scalar.out_of_range) return scalar.real;
      return scalar.integer;
    case ScalarKind::kFloat:
      return scalar.real;
    case ScalarKind::kString:
      return scalar.text;
  }
  return nullptr;
}

}  // namespace scenario::detail
