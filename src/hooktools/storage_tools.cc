// SPDX-License-Identifier: Apache-2.0
// hooktools/storage_tools.cc: storage-list, storage-get, storage-add and resource-get.

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "go_text.h"
#include "scenario/errors.h"
#include "tool.h"

namespace scenario::detail {
namespace {

std::string storage_id(std::string_view name, int index) {
  return std::string(name) + "/" + std::to_string(index);
}

// `name/index` with a storage name as Juju allows it (a letter, then lowercase letters,
// digits and hyphens) and a decimal index.
std::optional<StorageRef> parse_storage_id(std::string_view text) {
  const std::size_t slash = text.find('/');
  if (slash == std::string_view::npos || slash == 0) return std::nullopt;
  const std::string_view name = text.substr(0, slash);
  const std::string_view index = text.substr(slash + 1);
  if (!ascii_lower(name.front())) return std::nullopt;
  for (const char c : name) {
    if (!ascii_lower(c) && !ascii_digit(c) && c != '-') return std::nullopt;
  }
  if (index.empty() || !std::all_of(index.begin(), index.end(), ascii_digit)) return std::nullopt;
  if (index.size() > 1 && index.front() == '0') return std::nullopt;
  const std::optional<int> number = go_atoi(index);
  if (!number) return std::nullopt;
  return StorageRef{std::string(name), *number};
}

// The storage instance storage-get reports on: -s, else the hook's storage.
StorageRef storage_argument(const ToolCall& call) {
  const SessionData& session = call.session;
  if (const std::string* text = call.args.value("s")) {
    // The parser has checked the value (storage_id_problem).
    std::optional<StorageRef> ref = parse_storage_id(*text);
    SCENARIO_ASSERT(ref.has_value());
    return std::move(*ref);
  }
  if (session.event.storage) return *session.event.storage;
  usage_error("no storage instance specified");
}

// storage.Constraints, as juju/juju storage ParseConstraints fills it.
struct StorageDirective {
  std::string pool;
  std::uint64_t size = 0;
  std::uint64_t count = 0;
};

// poolRE `^[a-zA-Z]+[-?a-zA-Z0-9]*$`.
bool is_pool_name(std::string_view field) {
  if (field.empty() || !ascii_letter(field.front())) return false;
  return std::all_of(field.begin(), field.end(), [](char c) {
    return ascii_letter(c) || ascii_digit(c) || c == '-' || c == '?';
  });
}

// countRE `^-?[0-9]+$`.
bool is_count(std::string_view field) {
  if (field.starts_with('-')) field.remove_prefix(1);
  return !field.empty() && std::all_of(field.begin(), field.end(), ascii_digit);
}

// sizeRE `^-?[0-9]+(?:\.[0-9]+)?[MGTPEZY](?:i?B)?$`; the multiplier's index in MGTPEZY
// when it matches.
std::optional<int> size_multiplier(std::string_view field) {
  constexpr std::string_view kSuffixes = "MGTPEZY";
  if (field.starts_with('-')) field.remove_prefix(1);
  std::size_t i = 0;
  while (i < field.size() && ascii_digit(field[i])) ++i;
  if (i == 0) return std::nullopt;
  if (i < field.size() && field[i] == '.') {
    const std::size_t fraction = ++i;
    while (i < field.size() && ascii_digit(field[i])) ++i;
    if (i == fraction) return std::nullopt;
  }
  if (i >= field.size() || kSuffixes.find(field[i]) == std::string_view::npos) return std::nullopt;
  const std::string_view unit = field.substr(i + 1);
  if (!unit.empty() && unit != "B" && unit != "iB") return std::nullopt;
  return static_cast<int>(kSuffixes.find(field[i]));
}

// juju/juju storage.ParseConstraints: comma-separated pool, count and size, each at
// most once; fails with Juju's texts.
StorageDirective parse_storage_directive(std::string_view text, const std::string& name) {
  const std::string where = "cannot parse constraints for storage " + go_quote(name) + ": ";
  StorageDirective directive;
  for (const std::string& field : go_split(text, ',')) {
    if (field.empty()) continue;
    if (is_pool_name(field)) {
      if (!directive.pool.empty()) {
        usage_error(where + "pool name is already set to " + go_quote(directive.pool) +
                    ", new value " + go_quote(field) + " not valid");
      }
      directive.pool = field;
      continue;
    }
    if (is_count(field)) {
      std::uint64_t count = 0;
      const auto [ptr, error] = std::from_chars(field.data(), field.data() + field.size(), count);
      // A count too big for 64 bits is no count at all (strconv.ParseUint fails), and
      // falls through to the unrecognized constraint below.
      const bool parsed = !field.starts_with('-') && error == std::errc();
      if (parsed && count > 0) {
        directive.count = count;
        continue;
      }
      if (!parsed && !field.starts_with('-')) {
        usage_error(where + "unrecognized storage constraint " + go_quote(field) + " not valid");
      }
      usage_error(where + "cannot parse count: count must be greater than zero, got " +
                  go_quote(field));
    }
    if (const std::optional<int> multiplier = size_multiplier(field)) {
      // juju/utils ParseSize: a leading sign is no digit, so a negative size is refused.
      if (field.starts_with('-')) {
        usage_error(where + "cannot parse size: expected a non-negative number, got " +
                    go_quote(field));
      }
      // juju/utils ParseSize: strconv.ParseFloat of the number before the suffix. Only
      // overflow is an error there; a number too small for a float64 reads as 0.
      const std::string_view number =
          std::string_view(field).substr(0, field.find_first_not_of("0123456789."));
      double value = 0;
      const std::errc error =
          std::from_chars(number.data(), number.data() + number.size(), value).ec;
      if (error == std::errc::result_out_of_range &&
          number.substr(0, number.find('.')).find_first_not_of('0') != std::string_view::npos) {
        usage_error(where + "cannot parse size: expected a non-negative number, got " +
                    go_quote(number));
      }
      const double megabytes = std::ceil(value * std::ldexp(1.0, 10 * *multiplier));
      directive.size = megabytes >= 1.8446744073709552e19
                           ? std::numeric_limits<std::uint64_t>::max()
                           : static_cast<std::uint64_t>(megabytes);
      continue;
    }
    usage_error(where + "unrecognized storage constraint " + go_quote(field) + " not valid");
  }
  if (directive.count == 0 && directive.size == 0 && directive.pool.empty()) {
    usage_error(where + "storage constraints require at least one field to be specified");
  }
  if (directive.count == 0) directive.count = 1;
  return directive;
}

}  // namespace

std::optional<std::string> storage_id_problem(const SessionData& session, std::string_view text) {
  // Juju: names.IsValidStorage, then a lookup among the unit's attachments.
  const std::optional<StorageRef> ref = parse_storage_id(text);
  if (!ref) return "invalid storage ID " + go_quote(text);
  if (session.state.find_storage(ref->name, ref->index) == nullptr) {
    return "storage instance " + go_quote(text) + " not found";
  }
  return std::nullopt;
}

void run_storage_list(ToolCall& call) {
  const std::string name = call.zero_or_one_arg();
  Json ids = Json::array();
  for (const Storage& storage : call.session.state.storage) {
    if (name.empty() || storage.name == name)
      ids.push_back(storage_id(storage.name, storage.index));
  }
  call.write(ids, GoShape::kStringList);
}

void run_storage_get(ToolCall& call) {
  const StorageRef storage = storage_argument(call);
  const std::string key = call.zero_or_one_arg();
  const SessionData& session = call.session;
  const StorageSpec* spec = session.spec->find_storage(storage.name);
  // One scheme for every instance, so the Python side can point storage_root at a
  // writable directory: <storage_root>/<name>/<index>. (Juju would use the metadata's
  // `location` for singleton filesystems.)
  const Json values = {
      {"kind", spec != nullptr ? spec->type : std::string("filesystem")},
      {"location",
       session.config.storage_root + "/" + storage.name + "/" + std::to_string(storage.index)},
  };
  if (key.empty()) {
    call.write(values);
    return;
  }
  if (!values.contains(key)) fail("invalid storage attribute " + go_quote(key));
  call.write(values[key]);
}

void run_storage_add(ToolCall& call) {
  const auto& args = call.positionals();
  if (args.empty()) usage_error("storage add requires a storage directive");
  // Juju: storage.ParseConstraintsMap(args, false) reads `<name>[=<constraints>]` in
  // order, then jujuc storage-add.go allows only a count.
  std::vector<std::pair<std::string, StorageDirective>> directives;
  for (const std::string& arg : args) {
    const std::size_t eq = arg.find('=');
    const std::string name = arg.substr(0, eq);
    if (name.empty() || (eq != std::string::npos && arg.find('=', eq + 1) != std::string::npos)) {
      usage_error("expected \"name=constraints\" or \"name\", got " + go_quote(arg));
    }
    for (const auto& [seen, directive] : directives) {
      if (seen == name) usage_error("storage " + go_quote(name) + " specified more than once");
    }
    const std::string text = eq == std::string::npos ? "1" : arg.substr(eq + 1);
    directives.emplace_back(name, parse_storage_directive(text, name));
  }
  // Juju walks a Go map here, so which of several offenders it names varies; the first
  // given is named.
  for (const auto& [name, directive] : directives) {
    if (!directive.pool.empty() || directive.size != 0) {
      usage_error("only count can be specified for " + go_quote(name));
    }
  }
  for (const auto& [name, directive] : directives) {
    // Juju checks the name against the charm when it applies the request.
    if (call.session.spec->find_storage(name) == nullptr) {
      fail("charm storage " + go_quote(name) + " not found");
    }
  }
  for (const auto& [name, directive] : directives) {
    // The record counts in an int, saturating; Juju's charm storage ranges are far
    // below that.
    constexpr int kMax = std::numeric_limits<int>::max();
    int& total = call.session.records.requested_storages[name];
    const auto room = static_cast<std::uint64_t>(kMax - total);
    total = directive.count >= room ? kMax : total + static_cast<int>(directive.count);
  }
}

void run_resource_get(ToolCall& call) {
  const auto& args = call.positionals();
  if (args.empty()) usage_error("missing required resource name");
  call.check_empty(1);
  const std::string& name = args.front();
  const SessionData& session = call.session;
  const auto it = session.state.resources.find(name);
  if (session.spec->find_resource(name) == nullptr || it == session.state.resources.end()) {
    // Juju: the controller's answer for a resource it does not have, annotated by
    // jujuc resource-get.go.
    fail("could not download resource: resource#" + session.app_name() + "/" + name + " not found");
  }
  // Juju prints the path without a newline.
  call.out += it->second;
}

}  // namespace scenario::detail
