// SPDX-License-Identifier: Apache-2.0
// spec/config_reader.cc: config options (config.yaml, or charmcraft.yaml's `config`).
//
// Choices, where Juju, charmcraft and ops differ:
//  - A missing `type` is an error. Juju would default it to string (juju/charm
//    config.go), but charmcraft requires it and ops refuses to build CharmMeta without
//    it, so the charm under test could not start.
//  - A default must already have the option's type, as Juju's schema checks it, with
//    one leniency Juju also has: an integer literal is a valid float default. Unlike
//    Juju, a quoted "3" is not an int default: the spec should say what it means.
//  - An empty file, or `options:` with nothing under it, declares no options (ops and
//    charmcraft accept both).

#include <string>
#include <string_view>
#include <utility>

#include "spec_readers.h"
#include "yaml_value.h"

namespace scenario::detail {

namespace {

constexpr std::string_view kTypeList = "'string', 'int', 'float', 'boolean' or 'secret'";

std::optional<ConfigType> parse_type(std::string_view text) {
  if (text == "string") return ConfigType::kString;
  if (text == "int") return ConfigType::kInt;
  if (text == "float") return ConfigType::kFloat;
  if (text == "boolean") return ConfigType::kBoolean;
  if (text == "secret") return ConfigType::kSecret;
  return std::nullopt;
}

// The default as the option's value type, or a reported problem.
std::optional<ConfigValue> read_default(SpecReader& reader, const Field& field, ConfigType type) {
  const Scalar scalar = field.value.IsScalar() ? resolve_scalar(field.value) : Scalar{};
  const bool is_scalar = field.value.IsScalar();
  switch (type) {
    case ConfigType::kString:
    case ConfigType::kSecret:
      if (is_scalar && scalar.kind == ScalarKind::kString) return ConfigValue(scalar.text);
      reader.expected(field, "a string for a '" + std::string(to_string(type)) +
                                 "' option (quote numbers and booleans to make them strings)");
      return std::nullopt;
    case ConfigType::kInt:
      if (is_scalar && scalar.kind == ScalarKind::kInt && !scalar.out_of_range) {
        return ConfigValue(scalar.integer);
      }
      reader.expected(field, scalar.out_of_range ? "a 64-bit integer for an 'int' option"
                                                 : "an integer for an 'int' option");
      return std::nullopt;
    case ConfigType::kFloat:
      if (is_scalar && scalar.kind == ScalarKind::kFloat) return ConfigValue(scalar.real);
      if (is_scalar && scalar.kind == ScalarKind::kInt) {
        return ConfigValue(scalar.out_of_range ? scalar.real : static_cast<double>(scalar.integer));
      }
      reader.expected(field, "a number for a 'float' option");
      return std::nullopt;
    case ConfigType::kBoolean:
      if (is_scalar && scalar.kind == ScalarKind::kBool) return ConfigValue(scalar.boolean);
      reader.expected(field, "true or false for a 'boolean' option");
      return std::nullopt;
  }
  return std::nullopt;
}

void read_option(SpecReader& reader, const Field& entry, std::vector<ConfigOption>& out) {
  ConfigOption option;
  option.name = entry.name();
  if (!reader.expect_mapping(entry,
                             "a mapping with 'type', and optionally 'default' and "
                             "'description'")) {
    return;
  }
  std::optional<ConfigType> type;
  if (const auto type_field = reader.find(entry, "type")) {
    if (auto text = reader.string(*type_field, "one of " + std::string(kTypeList))) {
      type = parse_type(*text);
      if (!type) {
        reader.error(*type_field,
                     "unknown option type '" + *text + "'; expected " + std::string(kTypeList));
      }
    }
  } else {
    reader.missing(entry, "type",
                   "expected " + std::string(kTypeList) + " (charmcraft and ops require it)");
  }
  if (type) option.type = *type;
  if (auto text = reader.optional_string(entry, "description")) option.description = *text;
  if (const auto default_field = reader.find(entry, "default")) {
    // A null default means "no default", for every type (Juju: nil is always valid).
    if (!default_field->is_null() && type) {
      option.default_value = read_default(reader, *default_field, *type);
    }
  }
  out.push_back(std::move(option));
}

}  // namespace

void read_config(SpecReader& reader, const Field& config, std::vector<ConfigOption>& out) {
  if (config.is_null()) return;
  if (!reader.expect_mapping(config, "a mapping with an 'options' key")) return;
  const auto options = reader.find(config, "options");
  if (!options) {
    // Juju ignores other top-level keys, which turns the common mistake of writing
    // options at the top level into a charm with no config at all.
    for (const Field& entry : reader.entries(config)) {
      reader.error_at_key(
          entry, "unknown key '" + entry.name() + "'; config options belong under 'options:'");
    }
    return;
  }
  if (options->is_null()) return;
  if (!reader.expect_mapping(*options, "a mapping of option names to their declarations")) {
    return;
  }
  for (const Field& entry : reader.entries(*options)) read_option(reader, entry, out);
}

}  // namespace scenario::detail
