// SPDX-License-Identifier: Apache-2.0
// hooktools/output.cc: smart, json and yaml output as juju/cmd writes them.

#include "output.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "go_yaml.h"
#include "scenario/common/go_text.h"

namespace scenario::detail {
namespace {

// The shortest decimal digits that read back as a finite, non-zero |value|, with the
// position of the decimal point: value = 0.<digits> * 10^point.
struct Decimal {
  char digits[24];  // a double needs at most 17
  std::size_t count = 0;
  int point = 0;
};

// The digits of `magnitude` when it is n / 10^k with n below 10^15 and k at most 8:
// whole numbers and short decimals, what config values mostly are, without the cost of
// std::to_chars's general algorithm. n / 10^k is checked to read back as `magnitude`
// (both are exact doubles, and IEEE division rounds as parsing the decimal would); the
// first k that does gives the shortest digits, and below 10^15 no other n at that k
// reads back the same.
bool short_decimal(double magnitude, Decimal& decimal) {
  static constexpr double kPowers[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};
  constexpr double kLimit = 1e15;
  for (int k = 0; k < static_cast<int>(std::size(kPowers)); ++k) {
    const double scaled = magnitude * kPowers[k];
    if (scaled >= kLimit) return false;
    const double n = std::nearbyint(scaled);
    if (n == 0 || n / kPowers[k] != magnitude) continue;
    const char* end = std::to_chars(decimal.digits, decimal.digits + sizeof decimal.digits,
                                    static_cast<std::uint64_t>(n))
                          .ptr;
    decimal.count = static_cast<std::size_t>(end - decimal.digits);
    decimal.point = static_cast<int>(decimal.count) - k;
    while (decimal.digits[decimal.count - 1] == '0') --decimal.count;
    return true;
  }
  return false;
}

Decimal shortest_decimal(double value) {
  Decimal decimal;
  if (short_decimal(std::fabs(value), decimal)) return decimal;
  char buffer[40];
  const char* end =
      std::to_chars(buffer, buffer + sizeof buffer, std::fabs(value), std::chars_format::scientific)
          .ptr;
  const char* p = buffer;
  for (; p != end && *p != 'e'; ++p) {
    if (*p != '.') decimal.digits[decimal.count++] = *p;
  }
  // `e-05` or `e+300`; from_chars takes no '+'.
  const char* exponent = p + 1;
  if (exponent != end && *exponent == '+') ++exponent;
  int power = 0;
  std::from_chars(exponent, end, power);
  decimal.point = power + 1;
  return decimal;
}

// %e: d[.ddd]e±XX, at least two exponent digits.
void append_exponent_form(std::string& out, const Decimal& decimal) {
  out += decimal.digits[0];
  if (decimal.count > 1) {
    out += '.';
    out.append(decimal.digits + 1, decimal.count - 1);
  }
  const int exponent = decimal.point - 1;
  out += exponent < 0 ? "e-" : "e+";
  const int magnitude = std::abs(exponent);
  if (magnitude < 10) out += '0';
  char buffer[8];
  out.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, magnitude).ptr);
}

// %f with as many fraction digits as the shortest form needs.
void append_fixed_form(std::string& out, const Decimal& decimal) {
  const std::string_view digits(decimal.digits, decimal.count);
  if (decimal.point <= 0) {
    out += "0.";
    out.append(static_cast<std::size_t>(-decimal.point), '0');
    out += digits;
    return;
  }
  const auto point = static_cast<std::size_t>(decimal.point);
  if (point >= digits.size()) {
    out += digits;
    out.append(point - digits.size(), '0');
    return;
  }
  out += digits.substr(0, point);
  out += '.';
  out += digits.substr(point);
}

template <typename Int>
void append_integer(std::string& out, Int value) {
  char buffer[24];
  out.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
}

// The JSON for a float64: 'f' form, or 'e' form (with a one-digit negative exponent
// where it fits) for magnitudes below 1e-6 or from 1e21 (encoding/json floatEncoder).
void append_json_float(std::string& out, double value) {
  // Go refuses NaN and infinities (UnsupportedValueError); null keeps the output JSON.
  if (!std::isfinite(value)) {
    out += "null";
    return;
  }
  const double magnitude = std::fabs(value);
  const bool exponent = magnitude != 0 && (magnitude < 1e-6 || magnitude >= 1e21);
  append_go_float(out, value, exponent ? 'e' : 'f');
  const std::size_t n = out.size();
  if (exponent && out[n - 4] == 'e' && out[n - 3] == '-' && out[n - 2] == '0') {
    out.erase(n - 2, 1);
  }
}

// encoding/json on data decoded into an interface{}: a map's keys bytewise, which is
// the order nlohmann keeps them in.
void append_json(std::string& out, const Json& value) {
  switch (value.type()) {
    case Json::value_t::string:
      append_go_json_string(out, value.get_ref<const std::string&>());
      return;
    case Json::value_t::number_float:
      append_json_float(out, value.get<double>());
      return;
    case Json::value_t::number_integer:
      append_integer(out, value.get<std::int64_t>());
      return;
    case Json::value_t::number_unsigned:
      append_integer(out, value.get<std::uint64_t>());
      return;
    case Json::value_t::boolean:
      out += value.get<bool>() ? "true" : "false";
      return;
    case Json::value_t::array: {
      out += '[';
      bool first = true;
      for (const Json& item : value.get_ref<const Json::array_t&>()) {
        if (!first) out += ',';
        first = false;
        append_json(out, item);
      }
      out += ']';
      return;
    }
    case Json::value_t::object: {
      out += '{';
      bool first = true;
      for (const auto& [key, item] : value.get_ref<const Json::object_t&>()) {
        if (!first) out += ',';
        first = false;
        append_go_json_string(out, key);
        out += ':';
        append_json(out, item);
      }
      out += '}';
      return;
    }
    default:  // null; no JSON reaching here is binary or discarded
      out += "null";
      return;
  }
}

void append_json(std::string& out, const GoValue& value) {
  switch (value.kind()) {
    case GoValue::Kind::kJson:
      append_json(out, value.json());
      return;
    case GoValue::Kind::kTime:
      append_go_json_string(out, value.text());
      return;
    case GoValue::Kind::kList: {
      out += '[';
      bool first = true;
      for (const GoValue& item : value.items()) {
        if (!first) out += ',';
        first = false;
        append_json(out, item);
      }
      out += ']';
      return;
    }
    case GoValue::Kind::kMap:
    case GoValue::Kind::kStruct: {
      std::vector<const GoValue::Fields::value_type*> entries;
      entries.reserve(value.fields().size());
      for (const auto& entry : value.fields()) entries.push_back(&entry);
      // encoding/json sorts a map's keys bytewise.
      if (value.kind() == GoValue::Kind::kMap) {
        std::sort(entries.begin(), entries.end(),
                  [](const auto* a, const auto* b) { return a->first < b->first; });
      }
      out += '{';
      bool first = true;
      for (const auto* entry : entries) {
        if (!first) out += ',';
        first = false;
        append_go_json_string(out, entry->first);
        out += ':';
        append_json(out, entry->second);
      }
      out += '}';
      return;
    }
  }
}

}  // namespace

GoValue GoValue::go_struct(Fields fields) {
  GoValue value;
  value.kind_ = Kind::kStruct;
  value.fields_ = std::move(fields);
  return value;
}

GoValue GoValue::go_map(Fields entries) {
  GoValue value = go_struct(std::move(entries));
  value.kind_ = Kind::kMap;
  return value;
}

GoValue GoValue::list(std::vector<GoValue> items) {
  GoValue value;
  value.kind_ = Kind::kList;
  value.items_ = std::move(items);
  return value;
}

GoValue GoValue::time(std::string rfc3339) {
  GoValue value;
  value.kind_ = Kind::kTime;
  value.text_ = std::move(rfc3339);
  return value;
}

Json with_float64_numbers(Json value) {
  if (value.is_number_integer()) return static_cast<double>(value.get<std::int64_t>());
  if (value.is_number_unsigned()) return static_cast<double>(value.get<std::uint64_t>());
  if (value.is_structured()) {
    for (Json& item : value) item = with_float64_numbers(std::move(item));
  }
  return value;
}

void append_go_float(std::string& out, double value, char style) {
  if (std::isnan(value)) {
    out += "NaN";
    return;
  }
  if (std::isinf(value)) {
    out += value > 0 ? "+Inf" : "-Inf";
    return;
  }
  if (std::signbit(value)) out += '-';
  if (value == 0) {
    out += style == 'e' ? "0e+00" : "0";
    return;
  }
  const Decimal decimal = shortest_decimal(value);
  // 'g' turns to %e below 1e-4 and, as the shortest form counts as precision 6, from 1e6.
  const int exponent = decimal.point - 1;
  if (style == 'e' || (style == 'g' && (exponent < -4 || exponent >= 6))) {
    append_exponent_form(out, decimal);
  } else {
    append_fixed_form(out, decimal);
  }
}

std::string go_format_float(double value, char style) {
  std::string text;
  append_go_float(text, value, style);
  return text;
}

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

std::string format_json(const GoValue& value) {
  std::string out;
  append_json(out, value);
  out += '\n';
  return out;
}

std::string format_yaml(const GoValue& value) {
  if (value.is_null()) return "";
  std::string text = yaml_marshal(value);
  // juju/cmd FormatYaml: trailing newlines (a `|+` block keeps some) become one.
  while (text.size() > 1 && text.back() == '\n') text.pop_back();
  if (!text.empty()) text += '\n';
  return text;
}

std::string format_smart(const GoValue& value, GoShape shape) {
  if (value.kind() != GoValue::Kind::kJson) return format_yaml(value);
  const Json& json = value.json();
  if (json.is_null()) return "";
  if (json.is_string()) {
    const auto& text = json.get_ref<const std::string&>();
    return text.empty() ? "" : text + "\n";
  }
  if (json.is_boolean()) return json.get<bool>() ? "True\n" : "False\n";
  if (shape == GoShape::kStringList && json.is_array()) {
    std::string text;
    bool first = true;
    for (const Json& item : json) {
      if (!first) text += '\n';
      first = false;
      text += item.is_string() ? item.get_ref<const std::string&>() : item.dump();
    }
    if (!text.empty()) text += '\n';
    return text;
  }
  return format_yaml(value);
}

std::string format_output(OutputFormat format, const GoValue& value, GoShape shape) {
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
