// SPDX-License-Identifier: Apache-2.0
// hooktools/relation_tools.cc: relation-ids, relation-list, relation-get, relation-set
// and relation-model-get, and the -r flag they share with network-get.

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "go_text.h"
#include "scenario/errors.h"
#include "settings_input.h"
#include "tool.h"

namespace scenario::detail {
namespace {

template <typename StateT>
auto find_relation(StateT& state, std::int64_t relation_id) -> decltype(&state.relations.front()) {
  for (auto& relation : state.relations) {
    if (relation.relation_id == relation_id) return &relation;
  }
  return nullptr;
}

// Juju accepts `N`, `name:N` and `endpoint:N` for -r, using the integer after the last
// colon (jujuc relationIdValue.Set, with a 64-bit strconv.Atoi).
std::optional<std::int64_t> flag_relation_id(std::string_view text) {
  if (const std::size_t colon = text.rfind(':'); colon != std::string_view::npos) {
    text.remove_prefix(colon + 1);
  }
  return go_atoi64(text);
}

// Go's sort.Strings: byte order, so `db:10` sorts before `db:2`.
void go_sort_strings(std::vector<std::string>& items) { std::sort(items.begin(), items.end()); }

// The application on the other side: for a peer relation, this very application.
std::string remote_app(const SessionData& session, const Relation& relation) {
  return relation.kind == RelationKind::kPeer ? session.app_name() : relation.remote_app_name;
}

// A unit id's decimal text as one number that sorts as the text does: a nibble per
// character in byte order ('-' 1, '0' to '9' 2 to 11), the first character most
// significant, 0 past the text's end so that a prefix comes first. An int's text has
// at most 11 characters: 44 bits.
std::uint64_t text_order_key(UnitId id) {
  constexpr int kChars = 11;
  std::array<char, kChars> text{};
  const auto [end, error] = std::to_chars(text.data(), text.data() + text.size(), id);
  SCENARIO_ASSERT(error == std::errc{});
  std::uint64_t key = 0;
  for (const char* c = text.data(); c != text.data() + kChars; ++c) {
    const int nibble = c >= end ? 0 : *c == '-' ? 1 : *c - '0' + 2;
    key = (key << 4) | static_cast<std::uint64_t>(nibble);
  }
  return key;
}

// Juju: relation-list shows the units in scope. In relation-departed the departing
// remote unit has already left it, though its databag stays readable. A remote unit
// chosen because the test named none is not taken as gone: such a test (as written for
// ops-scenario) gives the relation's units as they are after the departure.
Json units_in_scope(const SessionData& session, const Relation& relation) {
  const Event& event = session.event;
  std::optional<UnitId> departed;
  if (event.relation_id == relation.relation_id && event.remote_unit_id &&
      !event.remote_unit_implied && event.parsed_name().suffix == "_relation_departed") {
    departed = event.remote_unit_id;
  }
  // Juju: RelationCache.MemberNames sorts the names as text (`app/10` before `app/2`).
  // They share their `app/` prefix, so that is the order of the ids' texts: sorted here
  // as numbers, where a relation of 1,000 units made and sorted 1,000 strings.
  std::vector<std::pair<std::uint64_t, UnitId>> order;
  order.reserve(relation.remote_units_data.size());
  for (const auto& [id, databag] : relation.remote_units_data) {
    if (relation.kind == RelationKind::kPeer && id == session.state.unit_id) continue;
    if (departed == id) continue;
    order.emplace_back(text_order_key(id), id);
  }
  std::sort(order.begin(), order.end());
  Json names(Json::value_t::array);
  auto& items = names.get_ref<Json::array_t&>();
  items.reserve(order.size());
  for (const auto& [key, id] : order) {
    items.emplace_back(relation.remote_unit_name(id, session.app_name()));
  }
  return names;
}

[[noreturn]] void no_settings(std::string_view what, std::string_view member,
                              const Relation& relation) {
  fail("cannot read settings for " + std::string(what) + " " + go_quote(member) + " in relation " +
       go_quote(relation_fake_id(relation)) + ": settings not found");
}

// The databag relation-get reads for `member`, enforcing what Juju lets a unit read.
const Databag& readable_databag(const SessionData& session, const Relation& relation,
                                const std::string& member, bool app) {
  if (app) {
    if (member == session.app_name()) {
      // Juju: a unit reads its own application databag only as leader, except on a
      // peer relation where that databag is also the remote application's.
      if (relation.kind != RelationKind::kPeer && !session.state.leader) {
        fail("permission denied");
      }
      return relation.local_app_data;
    }
    if (relation.kind != RelationKind::kPeer && member == relation.remote_app_name) {
      return relation.remote_app_data;
    }
    no_settings("application", member, relation);
  }
  if (member == session.unit_name()) return relation.local_unit_data;
  const std::size_t slash = member.rfind('/');
  if (slash != std::string::npos && member.substr(0, slash) == remote_app(session, relation)) {
    const std::optional<int> id = go_atoi(std::string_view(member).substr(slash + 1));
    if (id && relation.remote_units_data.contains(*id)) {
      return relation.remote_units_data.at(*id);
    }
  }
  no_settings("unit", member, relation);
}

// jujuc relation-get.go determineUnitOrAppName: the member to read, and whether it is
// an application. Consumes the positional it uses.
std::string relation_get_member(const ToolCall& call, bool& app, std::size_t& next_positional) {
  const auto& args = call.positionals();
  const SessionData& session = call.session;
  const Event& event = session.event;
  const bool hook_relation = event.relation_id.has_value();
  if (next_positional < args.size()) {
    std::string given = args[next_positional++];
    // With --app a unit name stands for its application.
    if (app && given.find('/') != std::string::npos) given = given.substr(0, given.find('/'));
    return given;
  }
  // Defaults come from the hook: its remote unit, else its remote application.
  const Relation* hook = hook_relation ? session.state.find_relation(*event.relation_id) : nullptr;
  if (!app && hook != nullptr && event.remote_unit_id) {
    return hook->remote_unit_name(*event.remote_unit_id, session.app_name());
  }
  if (hook != nullptr) {
    app = true;
    return remote_app(session, *hook);
  }
  usage_error("no unit or application specified");
}

}  // namespace

std::string relation_fake_id(const Relation& relation) {
  return relation.endpoint + ":" + std::to_string(relation.relation_id);
}

std::optional<std::string> relation_id_problem(const SessionData& session, std::string_view text) {
  const std::optional<std::int64_t> id = flag_relation_id(text);
  if (!id) return "invalid relation id";
  // ops maps "relation not found" to RelationNotFoundError (reference §1).
  if (find_relation(session.state, *id) == nullptr) return "relation not found";
  return std::nullopt;
}

Relation* resolve_relation(ToolCall& call, bool required) {
  State& state = call.session.state;
  if (const std::string* text = call.args.value("r")) {
    // The parser has checked the value (relation_id_problem).
    const std::optional<std::int64_t> id = flag_relation_id(*text);
    SCENARIO_ASSERT(id.has_value());
    Relation* relation = find_relation(state, *id);
    SCENARIO_ASSERT(relation != nullptr);
    return relation;
  }
  if (call.session.event.relation_id) {
    if (Relation* relation = find_relation(state, *call.session.event.relation_id)) {
      return relation;
    }
  }
  if (required) usage_error("no relation id specified");
  return nullptr;
}

void run_relation_ids(ToolCall& call) {
  const auto& args = call.positionals();
  std::string endpoint;
  if (!args.empty()) {
    endpoint = args.front();
  } else if (const Relation* hook = resolve_relation(call, /*required=*/false)) {
    endpoint = hook->endpoint;
  } else {
    usage_error("no relation name specified");
  }
  call.check_empty(1);
  // Juju filters by name without checking it against the metadata, so an unknown
  // endpoint lists nothing, and sorts the ids as text (jujuc relation-ids.go).
  std::vector<std::string> ids;
  for (const Relation& relation : call.session.state.relations) {
    if (relation.endpoint == endpoint) ids.push_back(relation_fake_id(relation));
  }
  go_sort_strings(ids);
  call.write(Json(ids), GoShape::kStringList);
}

void run_relation_list(ToolCall& call) {
  const Relation* relation = resolve_relation(call, /*required=*/true);
  call.check_empty();
  if (call.args.is_set("app")) {
    call.write(remote_app(call.session, *relation));
    return;
  }
  call.write(units_in_scope(call.session, *relation), GoShape::kStringList);
}

void run_relation_get(ToolCall& call) {
  const Relation* relation = resolve_relation(call, /*required=*/true);
  const auto& args = call.positionals();
  std::size_t next = 0;
  std::string key;
  if (next < args.size()) {
    key = args[next++];
    if (key == "-") key.clear();
  }
  bool app = call.args.is_set("app");
  const std::string member = relation_get_member(call, app, next);
  call.check_empty(next);

  const Databag& databag = readable_databag(call.session, *relation, member, app);
  if (key.empty()) {
    call.write(Json(databag));
    return;
  }
  // Juju prints nil for a missing key: `null` in JSON, nothing in smart format.
  const auto it = databag.find(key);
  call.write(it == databag.end() ? Json(nullptr) : Json(it->second));
}

void run_relation_set(ToolCall& call) {
  Relation* relation = resolve_relation(call, /*required=*/true);
  Settings settings = parse_key_values(call.positionals());
  if (const std::string* path = call.args.value("file")) {
    // Juju: the file's settings are overridden by key=value arguments.
    Settings from_file = parse_settings_mapping(read_file_arg(call, *path));
    for (auto& [key, value] : settings) from_file[key] = std::move(value);
    settings = std::move(from_file);
  }
  Databag* databag = &relation->local_unit_data;
  if (call.args.is_set("app")) {
    // Juju: jujuc relation-set.go; ops reacts to this text (reference §1).
    if (!call.session.state.leader) fail("cannot write relation settings");
    databag = &relation->local_app_data;
  }
  // Juju: an empty value deletes the key.
  for (auto& [key, value] : settings) {
    if (value.empty()) {
      databag->erase(key);
    } else {
      (*databag)[key] = std::move(value);
    }
  }
}

void run_relation_model_get(ToolCall& call) {
  resolve_relation(call, /*required=*/true);
  call.check_empty();
  // The State does not model cross-model relations: every related application lives in
  // this model.
  call.write({{"uuid", call.session.state.model.uuid}});
}

}  // namespace scenario::detail
