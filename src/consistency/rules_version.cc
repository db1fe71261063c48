// SPDX-License-Identifier: Apache-2.0
// consistency/rules_version.cc: the Juju version, its feature gates, and the spec itself.

#include <array>
#include <set>
#include <string>
#include <string_view>

#include "context.h"
#include "rules.h"

namespace scenario::detail {

namespace {

// A Juju feature the scenario may use, and the first Juju version that has it.
struct Feature {
  std::string_view what;
  int major;
  int minor;
  // Where the scenario uses it (a path), or empty when it does not.
  std::string (*used_at)(const CheckContext&);
};

std::string secrets_used_at(const CheckContext& ctx) {
  if (ctx.kind() == EventKind::kSecret) return "event.path";
  if (!ctx.state.secrets.empty()) return "secrets";
  return "";
}

bool workload_event_is(const CheckContext& ctx, std::string_view suffix) {
  return ctx.kind() == EventKind::kWorkload && ctx.name.suffix == suffix;
}

std::string custom_notice_used_at(const CheckContext& ctx) {
  return workload_event_is(ctx, "_pebble_custom_notice") ? "event.path" : "";
}

std::string check_events_used_at(const CheckContext& ctx) {
  return workload_event_is(ctx, "_pebble_check_failed") ||
                 workload_event_is(ctx, "_pebble_check_recovered")
             ? "event.path"
             : "";
}

// Juju: secrets arrived in 3.0 (ops-scenario 5.8 also gates them on 3.0); the
// pebble-custom-notice hook in 3.4; pebble-check-failed/-recovered in 3.6.
constexpr std::array<Feature, 3> kFeatures = {{
    {"secrets", 3, 0, secrets_used_at},
    {"the pebble-custom-notice event", 3, 4, custom_notice_used_at},
    {"the pebble-check-failed and pebble-check-recovered events", 3, 6, check_events_used_at},
}};

}  // namespace

void check_juju_version_invalid(const CheckContext& ctx, Reporter& out) {
  if (ctx.juju_version) return;
  out.report("juju_version", "Juju version " + in_quotes(ctx.juju_version_text) +
                                 " is not a version number; give one such as '3.4' or '3.4.2'");
}

void check_juju_feature_unsupported(const CheckContext& ctx, Reporter& out) {
  for (const Feature& feature : kFeatures) {
    if (!ctx.juju_older_than(feature.major, feature.minor)) continue;
    const std::string path = feature.used_at(ctx);
    if (path.empty()) continue;
    const std::string minimum = std::to_string(feature.major) + "." + std::to_string(feature.minor);
    out.report(path, "Juju " + minimum + " or later is needed for " + std::string(feature.what) +
                         ", but the scenario runs on Juju " + std::string(ctx.juju_version_text) +
                         "; pass juju_version='" + minimum + "' (or later) to the Context");
  }
}

void check_spec_endpoint_duplicate(const CheckContext& ctx, Reporter& out) {
  std::set<std::string> seen;
  for (const RelationSpec& relation : ctx.spec.relations) {
    if (seen.insert(relation.name).second) continue;
    out.report(path_key("spec.relations", relation.name),
               "endpoint " + in_quotes(relation.name) +
                   " is declared more than once across requires, provides and peers; Juju "
                   "refuses such a charm: rename one of them");
  }
}

void check_model_type_mismatch(const CheckContext& ctx, Reporter& out) {
  if (ctx.spec.kind != CharmKind::kKubernetes || ctx.state.model.type == "kubernetes") return;
  out.report("model.type",
             "the charm is a Kubernetes charm (it declares containers or assumes "
             "k8s-api) but the model type is " +
                 in_quotes(ctx.state.model.type) +
                 "; Juju deploys it only to Kubernetes models: set model.type "
                 "to 'kubernetes'");
}

}  // namespace scenario::detail
