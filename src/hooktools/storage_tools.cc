// SPDX-License-Identifier: Apache-2.0
// hooktools/storage_tools.cc: storage-list, storage-get, storage-add and resource-get.

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "go_text.h"
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
  auto lower = [](char c) { return c >= 'a' && c <= 'z'; };
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (!lower(name.front())) return std::nullopt;
  for (const char c : name) {
    if (!lower(c) && !digit(c) && c != '-') return std::nullopt;
  }
  if (index.empty() || !std::all_of(index.begin(), index.end(), digit)) return std::nullopt;
  if (index.size() > 1 && index.front() == '0') return std::nullopt;
  const std::optional<int> number = go_atoi(index);
  if (!number) return std::nullopt;
  return StorageRef{std::string(name), *number};
}

// The storage instance storage-get reports on: -s, else the hook's storage.
StorageRef storage_argument(const ToolCall& call) {
  const SessionData& session = call.session;
  if (const std::string* text = call.args.value("s")) {
    // Juju: names.IsValidStorage, then a lookup among the unit's attachments.
    const std::optional<StorageRef> ref = parse_storage_id(*text);
    if (!ref) invalid_flag_value(call.args, "s", *text, "invalid storage ID " + go_quote(*text));
    if (session.state.find_storage(ref->name, ref->index) == nullptr) {
      invalid_flag_value(call.args, "s", *text,
                         "storage instance " + go_quote(*text) + " not found");
    }
    return *ref;
  }
  if (session.event.storage) return *session.event.storage;
  usage_error("no storage instance specified");
}

}  // namespace

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
  std::map<std::string, int> counts;
  for (const std::string& arg : args) {
    // Juju: `<name>[=<directive>]` where only the count may be given (jujuc
    // storage-add.go); anything else in the directive names a pool or a size.
    const std::size_t eq = arg.find('=');
    const std::string name = arg.substr(0, eq);
    int count = 1;
    if (eq != std::string::npos) {
      const std::string directive = arg.substr(eq + 1);
      const std::optional<int> parsed = go_atoi(directive);
      if (!parsed) usage_error("only count can be specified for " + go_quote(name));
      if (*parsed < 1) {
        usage_error("count must be greater than zero, got " + go_quote(directive));
      }
      count = *parsed;
    }
    if (name.empty()) usage_error("expected \"key=value\", got " + go_quote(arg));
    if (counts.contains(name))
      usage_error("storage " + go_quote(name) + " specified more than once");
    counts[name] = count;
  }
  for (const auto& [name, count] : counts) {
    // Juju checks the name against the charm when it applies the request.
    if (call.session.spec->find_storage(name) == nullptr) {
      fail("charm storage " + go_quote(name) + " not found");
    }
  }
  for (const auto& [name, count] : counts) call.session.records.requested_storages[name] += count;
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
