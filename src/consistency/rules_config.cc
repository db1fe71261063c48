// SPDX-License-Identifier: Apache-2.0
// consistency/rules_config.cc: State.config against the charm's config options.
//
// Juju: config-get only ever returns declared options, each with a value of its type.
// A float option set to a whole number comes back as a JSON integer, so an int value
// is a valid float; a secret option holds a secret URI string.

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>

#include "context.h"
#include "rules.h"

namespace scenario::detail {

namespace {

std::string value_text(const ConfigValue& value) {
  return std::visit(
      [](const auto& v) -> std::string {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, bool>) {
          return v ? "True" : "False";
        } else if constexpr (std::is_same_v<T, std::string>) {
          return Json(v).dump(-1, ' ', false, Json::error_handler_t::replace);
        } else {
          return Json(v).dump();
        }
      },
      value);
}

std::string_view value_type(const ConfigValue& value) {
  if (std::holds_alternative<bool>(value)) return "a boolean";
  if (std::holds_alternative<std::int64_t>(value)) return "an int";
  if (std::holds_alternative<double>(value)) return "a float";
  return "a string";
}

bool has_type(const ConfigValue& value, ConfigType type) {
  switch (type) {
    case ConfigType::kString:
    case ConfigType::kSecret:
      return std::holds_alternative<std::string>(value);
    case ConfigType::kInt:
      return std::holds_alternative<std::int64_t>(value);
    case ConfigType::kFloat:
      return std::holds_alternative<double>(value) || std::holds_alternative<std::int64_t>(value);
    case ConfigType::kBoolean:
      return std::holds_alternative<bool>(value);
  }
  return false;
}

// The string value of a secret-typed option, or nullptr.
const std::string* secret_value(const CharmSpec& spec, const std::string& key,
                                const ConfigValue& value) {
  const ConfigOption* option = spec.find_config(key);
  if (option == nullptr || option->type != ConfigType::kSecret) return nullptr;
  return std::get_if<std::string>(&value);
}

bool is_secret_uri(std::string_view text) {
  return text.starts_with("secret:") && text.size() > std::string_view("secret:").size();
}

// The unique part of a secret id: `secret:ID`, `secret://MODEL/ID` and `ID` all give ID.
std::string_view secret_xid(std::string_view id) {
  if (id.starts_with("secret:")) id.remove_prefix(7);
  if (id.starts_with("//")) {
    id.remove_prefix(2);
    const std::size_t slash = id.find('/');
    if (slash != std::string_view::npos) id.remove_prefix(slash + 1);
  }
  return id;
}

}  // namespace

void check_config_key_undeclared(const CheckContext& ctx, Reporter& out) {
  for (const auto& [key, value] : ctx.state.config) {
    if (ctx.spec.find_config(key) != nullptr) continue;
    std::string hint;
    for (const ConfigOption& option : ctx.spec.config) {
      if (same_name(option.name, key)) hint = " (did you mean " + in_quotes(option.name) + "?)";
    }
    out.report(path_key("config", key),
               "config option " + in_quotes(key) + hint +
                   " is not declared by the charm, and config-get only returns declared "
                   "options; declare it in config.yaml (or charmcraft.yaml 'config') or drop it");
  }
}

void check_config_type_mismatch(const CheckContext& ctx, Reporter& out) {
  for (const auto& [key, value] : ctx.state.config) {
    const ConfigOption* option = ctx.spec.find_config(key);
    if (option == nullptr || has_type(value, option->type)) continue;
    out.report(path_key("config", key),
               "config option " + in_quotes(key) + " is declared as type " +
                   in_quotes(to_string(option->type)) + ", but the State gives it " +
                   std::string(value_type(value)) + " (" + value_text(value) +
                   "); give a value of the declared type");
  }
}

void check_config_secret_uri_invalid(const CheckContext& ctx, Reporter& out) {
  for (const auto& [key, value] : ctx.state.config) {
    const std::string* text = secret_value(ctx.spec, key, value);
    if (text == nullptr || is_secret_uri(*text)) continue;
    out.report(path_key("config", key), "config option " + in_quotes(key) +
                                            " has type 'secret', so its value is a secret "
                                            "URI such as 'secret:cp9vlcfmp25c7a3hk5u0', not " +
                                            in_quotes(*text) +
                                            "; give the URI of a secret (e.g. a Secret's id)");
  }
}

void check_config_secret_unknown(const CheckContext& ctx, Reporter& out) {
  for (const auto& [key, value] : ctx.state.config) {
    const std::string* text = secret_value(ctx.spec, key, value);
    if (text == nullptr || !is_secret_uri(*text)) continue;
    const std::string_view wanted = secret_xid(*text);
    bool found = false;
    for (const Secret& secret : ctx.state.secrets) {
      if (secret_xid(secret.id) == wanted) found = true;
    }
    if (found) continue;
    out.report(path_key("config", key),
               "config option " + in_quotes(key) + " names secret " + in_quotes(*text) +
                   ", which is not in the State, so the charm cannot read it; add the secret "
                   "to State.secrets");
  }
}

}  // namespace scenario::detail
