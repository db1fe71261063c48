// SPDX-License-Identifier: Apache-2.0
// hooktools/secret_tools.cc: secret-add, secret-get, secret-set, secret-grant,
// secret-revoke, secret-remove, secret-ids and secret-info-get.
//
// Argument checks follow the Init methods of Juju's jujuc secret commands (exit 2);
// what the unit may do is SecretStore's business (secret_store.h).

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <iterator>
#include <limits>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "go_text.h"
#include "scenario/common/base64.h"
#include "scenario/errors.h"
#include "secret_input.h"
#include "secret_store.h"
#include "settings_input.h"
#include "tool.h"

namespace scenario::detail {
namespace {

std::optional<std::string> non_empty(const ToolCall& call, std::string_view flag) {
  const std::string* value = call.args.value(flag);
  if (value == nullptr || value->empty()) return std::nullopt;
  return *value;
}

// The first positional: the secret id secret-set, -remove, -grant and -revoke need.
std::string required_id(const ToolCall& call) {
  if (call.positionals().empty()) usage_error("missing secret URI");
  const std::string& id = call.positionals().front();
  if (secret_unique_id(id).empty()) usage_error("secret URI " + go_quote(id) + " not valid");
  return id;
}

// Juju's secretUpsertCommand.Init, shared by secret-add and secret-set: the flags and
// the content arguments from `first_content` on.
SecretUpdate read_upsert(const ToolCall& call, std::size_t first_content) {
  SecretUpdate update;
  if (const auto expire = non_empty(call, "expire")) {
    update.expire = parse_secret_expire(*expire, std::chrono::system_clock::now());
  }
  if (const auto rotate = non_empty(call, "rotate")) update.rotate = parse_secret_rotate(*rotate);
  if (const std::string* owner = call.args.value("owner")) {
    if (*owner != "application" && *owner != "unit") {
      usage_error("secret owner " + go_quote(*owner) + " not valid");
    }
  }
  const auto& all = call.positionals();
  const std::vector<std::string> args(
      all.begin() + static_cast<std::ptrdiff_t>(std::min(first_content, all.size())), all.end());
  Databag content = parse_secret_content(args);
  if (const std::string* path = call.args.value("file"); path != nullptr && !path->empty()) {
    Settings from_file;
    try {
      from_file = parse_json_or_yaml_mapping(read_file_arg(call, *path));
    } catch (const ToolFailure& e) {
      usage_error(e.message());  // read in Init: exit 2, as juju/cmd gives
    }
    for (auto& [key, value] : secret_content_from_mapping(from_file)) {
      content[key] = std::move(value);
    }
  }
  if (!content.empty()) update.content = std::move(content);
  update.label = non_empty(call, "label");
  update.description = non_empty(call, "description");
  return update;
}

// The grantee of secret-grant/secret-revoke --unit: a unit of `app`.
void check_unit_name(const std::string& unit) {
  const std::size_t slash = unit.find('/');
  const bool valid = slash != std::string::npos && slash > 0 &&
                     go_atoi(std::string_view(unit).substr(slash + 1)).value_or(-1) >= 0 &&
                     unit.find('/', slash + 1) == std::string::npos;
  if (!valid) usage_error("unit " + go_quote(unit) + " not valid");
}

std::string remote_app_of(const SessionData& session, const Relation& relation) {
  return relation.kind == RelationKind::kPeer ? session.app_name() : relation.remote_app_name;
}

// jujuc secret-info-get.go metadataDisplay, a struct: fields in declaration order.
GoValue info_json(const Secret& secret) {
  GoValue::Fields info = {
      {"revision", SecretStore::latest_revision(secret)},
      {"label", secret.label.value_or("")},
      {"owner", secret.owner == SecretOwner::kApp ? "application" : "unit"},
  };
  if (secret.description && !secret.description->empty()) {
    info.emplace_back("description", *secret.description);
  }
  // Juju leaves out a policy that was never set; the State cannot tell that from
  // "never", so "never" is left out.
  if (secret.rotate != SecretRotate::kNever)
    info.emplace_back("rotation", std::string(to_string(secret.rotate)));
  if (secret.expire) info.emplace_back("expiry", GoValue::time(*secret.expire));
  return GoValue::go_struct(std::move(info));
}

}  // namespace

void run_secret_add(ToolCall& call) {
  if (call.positionals().empty() && non_empty(call, "file") == std::nullopt) {
    usage_error("missing secret value or filename");
  }
  SecretUpdate update = read_upsert(call, 0);
  if (!update.content) fail("empty secret value not valid");
  const std::string* owner = call.args.value("owner");
  const SecretOwner kind =
      owner != nullptr && *owner == "unit" ? SecretOwner::kUnit : SecretOwner::kApp;
  const std::string id = SecretStore(call.session).add(kind, std::move(update));
  call.out += id + "\n";
}

void run_secret_get(ToolCall& call) {
  const auto& args = call.positionals();
  std::optional<std::string> id;
  if (!args.empty()) {
    id = args.front();
    if (secret_unique_id(*id).empty()) usage_error("secret URI " + go_quote(*id) + " not valid");
  }
  const std::optional<std::string> label = non_empty(call, "label");
  if (!id && !label) usage_error("require either a secret URI or label");
  const bool peek = call.args.is_set("peek");
  const bool refresh = call.args.is_set("refresh");
  if (peek && refresh) usage_error("specify one of --peek or --refresh but not both");
  std::string key;
  if (args.size() > 1) key = args[1];
  call.check_empty(2);

  const Databag& content = SecretStore(call.session).read(id, label, refresh, peek);
  if (key.empty()) {
    call.write(Json(content));
    return;
  }
  const bool encoded = key.ends_with("#base64");
  if (encoded) key.resize(key.size() - 7);
  const auto it = content.find(key);
  if (it == content.end()) fail("secret key " + go_quote(key) + " not found");
  call.write(Json(encoded ? base64_encode(it->second) : it->second));
}

void run_secret_set(ToolCall& call) {
  const std::string id = required_id(call);
  SecretUpdate update = read_upsert(call, 1);
  SecretStore store(call.session);
  store.update(store.find(id), std::move(update));
}

void run_secret_remove(ToolCall& call) {
  const std::string id = required_id(call);
  std::optional<int> revision;
  if (const std::string* text = call.args.value("revision")) {
    // The parser has checked the value (gnuflag's int flag: strconv.ParseInt base 0).
    std::int64_t number = 0;
    const GoNumError error = go_parse_int(*text, 0, &number);
    SCENARIO_ASSERT(error == GoNumError::kNone);
    // Juju: a revision of 0 or less means the whole secret. Clamping a huge one keeps
    // it naming no revision.
    if (number > 0) {
      revision = static_cast<int>(std::min<std::int64_t>(number, std::numeric_limits<int>::max()));
    }
  }
  call.check_empty(1);
  SecretStore store(call.session);
  store.remove(store.find(id), revision);
}

void run_secret_grant(ToolCall& call) {
  const std::string id = required_id(call);
  const Relation* relation = resolve_relation(call, /*required=*/true);
  const std::string app = remote_app_of(call.session, *relation);
  const std::optional<std::string> unit = non_empty(call, "unit");
  if (unit) {
    check_unit_name(*unit);
    if (unit->substr(0, unit->find('/')) != app) {
      usage_error("cannot specify unit " + go_quote(*unit) + " in relation to application " +
                  go_quote(app));
    }
  }
  call.check_empty(1);

  SecretStore store(call.session);
  // Juju: grants are made on secrets in the unit's metadata (those it manages).
  Secret& secret = store.find(id);
  if (!store.can_manage(secret)) fail("secret " + go_quote(secret_unique_id(id)) + " not found");
  std::set<std::string>& grantees = secret.remote_grants[relation->relation_id];
  const std::string subject = unit.value_or(app);
  // Juju: an application grant covers its units; granting the application while unit
  // grants exist is refused.
  if (grantees.contains(subject) || grantees.contains(app)) return;
  if (!unit) {
    for (const std::string& grantee : grantees) {
      if (grantee.starts_with(app + "/")) {
        fail(
            "any unit level grants need to be revoked before granting access to the "
            "corresponding application");
      }
    }
  }
  grantees.insert(subject);
}

void run_secret_revoke(ToolCall& call) {
  const std::string id = required_id(call);
  std::optional<std::string> app = non_empty(call, "app");
  const std::optional<std::string> unit = non_empty(call, "unit");
  if (unit) check_unit_name(*unit);
  if (app && unit) usage_error("specify only one of application or unit");
  std::optional<int> relation_id;
  if (const Relation* relation = resolve_relation(call, /*required=*/false)) {
    if (app) usage_error("do not specify both relation and app");
    app = remote_app_of(call.session, *relation);
    relation_id = relation->relation_id;
  }
  if (!app && !unit) usage_error("missing relation or application or unit");
  call.check_empty(1);

  SecretStore store(call.session);
  Secret& secret = store.find(id);
  store.require_manage(secret);
  // Juju revokes the unit when one is named, else the application.
  const std::string subject = unit ? *unit : *app;
  for (auto it = secret.remote_grants.begin(); it != secret.remote_grants.end();) {
    if (!relation_id || it->first == *relation_id) it->second.erase(subject);
    it = it->second.empty() ? secret.remote_grants.erase(it) : std::next(it);
  }
}

void run_secret_ids(ToolCall& call) {
  call.check_empty();
  // Juju prints the bare ids of the secrets the unit manages; sorted here, as Go's map
  // order is random.
  std::vector<std::string> ids;
  for (const Secret* secret : SecretStore(call.session).managed()) {
    ids.emplace_back(secret_unique_id(secret->id));
  }
  std::sort(ids.begin(), ids.end());
  call.write(Json(ids), GoShape::kStringList);
}

void run_secret_info_get(ToolCall& call) {
  const auto& args = call.positionals();
  const std::optional<std::string> id =
      args.empty() ? std::nullopt : std::optional<std::string>(args.front());
  const std::optional<std::string> label = non_empty(call, "label");
  if (!id && !label) usage_error("require either a secret URI or label");
  if (id && label) usage_error("specify either a secret URI or label but not both");
  call.check_empty(1);
  const std::string want = id ? std::string(secret_unique_id(*id)) : *label;
  for (const Secret* secret : SecretStore(call.session).managed()) {
    const bool match = id ? secret_unique_id(secret->id) == want : secret->label == want;
    if (!match) continue;
    call.write(GoValue::go_map({{std::string(secret_unique_id(secret->id)), info_json(*secret)}}));
    return;
  }
  fail("secret " + go_quote(want) + " not found");
}

}  // namespace scenario::detail
