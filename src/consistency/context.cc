// SPDX-License-Identifier: Apache-2.0
// consistency/context.cc: the check context and the helpers the rules share.

#include "context.h"

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/state/types.h"

namespace scenario::detail {

namespace {

// Juju: every charm has the implicit `juju-info` endpoint (interface juju-info). A
// principal provides it; a subordinate relates to its principal through it.
const RelationSpec kPrincipalJujuInfo{
    "juju-info", RelationRole::kProvides, "juju-info", std::nullopt, "global", true};
const RelationSpec kSubordinateJujuInfo{
    "juju-info", RelationRole::kRequires, "juju-info", std::nullopt, "container", true};


}  // namespace

CheckContext::CheckContext(const CharmSpec& spec_in, const State& state_in, const Event& event_in,
                           std::string_view juju_version_in)
    : spec(spec_in),
      state(state_in),
      event(event_in),
      juju_version_text(juju_version_in),
      juju_version(parse_juju_version(juju_version_in)),
      name(parse_event_name(event_in.path)) {
  on_charm = name.owner_path.size() == 1 && name.owner_path.front() == "on";
}

bool CheckContext::juju_older_than(int major, int minor, int patch) const {
  if (!juju_version) return false;
  JujuVersion minimum;
  minimum.major = major;
  minimum.minor = minor;
  minimum.patch = patch;
  return *juju_version < minimum;
}

std::string underscored(std::string_view name) {
  std::string out(name);
  std::replace(out.begin(), out.end(), '-', '_');
  return out;
}

bool same_name(std::string_view a, std::string_view b) { return underscored(a) == underscored(b); }

std::string in_quotes(std::string_view name) {
  std::string out = "'";
  for (char c : name) {
    // Control characters would garble a message printed to a terminal.
    if (static_cast<unsigned char>(c) < 0x20) {
      out += '?';
    } else {
      out += c;
    }
  }
  out += '\'';
  return out;
}

bool is_identifier(std::string_view text) {
  if (text.empty() || (text.front() >= '0' && text.front() <= '9')) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}


const RelationSpec* endpoint_spec(const CharmSpec& spec, std::string_view endpoint) {
  if (const RelationSpec* declared = spec.find_relation(endpoint)) return declared;
  if (endpoint == "juju-info")
    return spec.subordinate ? &kSubordinateJujuInfo : &kPrincipalJujuInfo;
  return nullptr;
}

bool is_implicit_endpoint(const CharmSpec& charm, const RelationSpec* spec) {
  return spec != nullptr && charm.find_relation(spec->name) != spec;
}

std::vector<std::string> binding_names(const CharmSpec& spec) {
  std::vector<std::string> names;
  for (const RelationSpec& relation : spec.relations) names.push_back(relation.name);
  if (spec.find_relation("juju-info") == nullptr) names.emplace_back("juju-info");
  for (const std::string& binding : spec.extra_bindings) names.push_back(binding);
  return names;
}

std::optional<std::size_t> relation_index(const State& state, int relation_id) {
  for (std::size_t i = 0; i < state.relations.size(); ++i) {
    if (state.relations[i].relation_id == relation_id) return i;
  }
  return std::nullopt;
}

std::optional<std::size_t> container_index(const State& state, std::string_view name) {
  for (std::size_t i = 0; i < state.containers.size(); ++i) {
    if (state.containers[i].name == name) return i;
  }
  return std::nullopt;
}

std::string describe(const Relation& relation) {
  return "relation " + in_quotes(relation.endpoint) + " (id " +
         std::to_string(relation.relation_id) + ")";
}

}  // namespace scenario::detail
