// SPDX-License-Identifier: Apache-2.0
// hooktools/tool_table.cc: the one table of hook tools (name, flags, handler) and the
// `--help` text built from it.
//
// Flag names, aliases and usage lines follow the jujuc commands of Juju 3.x
// (internal/worker/uniter/runner/jujuc/*.go, SetFlags methods).

#include <algorithm>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "go_text.h"
#include "scenario/errors.h"
#include "tool.h"

namespace scenario::detail {
namespace {

constexpr FlagSpec kRelationFlag{"r", FlagKind::kValue, "relation", "specify a relation by id"};
constexpr FlagSpec kAppFlag{"app", FlagKind::kBool, "", "use the application databag"};
constexpr FlagSpec kFileFlag{"file", FlagKind::kValue, "", "file containing key-value pairs"};
// juju/cmd Output.AddFlags registers it beside --format (ToolCall::write honours it).
constexpr FlagSpec kOutputFlag{"o", FlagKind::kString, "output", "Specify an output file"};

constexpr FlagSpec kSecretLabelFlag{"label", FlagKind::kString, "",
                                    "a label used to identify the secret in hooks"};
// Juju: secret-add and secret-set share secretUpsertCommand's flags.
std::vector<FlagSpec> secret_upsert_flags() {
  return {
      {"expire", FlagKind::kString, "", "either a duration or time when the secret should expire"},
      {"rotate", FlagKind::kString, "", "the secret rotation policy"},
      {"description", FlagKind::kString, "", "the secret description"},
      kSecretLabelFlag,
      {"file", FlagKind::kString, "", "a YAML file containing secret key values"},
      {"owner", FlagKind::kString, "", "the owner of the secret, either the application or unit",
       "application"},
  };
}
constexpr std::string_view kLeaderSettings =
    "is not supported by scenario: leader settings are deprecated; use a peer relation's "
    "application databag";
constexpr std::string_view kMetrics = "is not supported by scenario: metrics are deprecated";

std::vector<ToolSpec> make_table() {
  using enum OutputFlags;
  using enum FlagKind;
  std::vector<ToolSpec> tools = {
      {"action-fail",
       "[\"<failure message>\"]",
       "Set action fail status with message.",
       kNone,
       {},
       run_action_fail},
      {"action-get",
       "[<key>[.<key>.<key>...]]",
       "Get action parameters.",
       kSmart,
       {},
       run_action_get},
      {"action-log",
       "<message>",
       "Record a progress message for the current action.",
       kNone,
       {},
       run_action_log},
      {"action-set",
       "<key>=<value> [<key>=<value> ...]",
       "Set action results.",
       kNone,
       {},
       run_action_set},
      {"add-metric", "key1=value1 [key2=value2 ...]", "Add metrics.", kNone, {}, nullptr, kMetrics},
      {"application-version-set",
       "<new-version>",
       "specify which version of the application is deployed",
       kNone,
       {},
       run_application_version_set},
      {"close-port",
       "<port>[/<protocol>] or <from>-<to>[/<protocol>] or icmp",
       "Register a request to close a port or port range.",
       kDeprecated,
       {{"endpoints", kString, "", "a comma-delimited list of application endpoints"}},
       run_close_port},
      {"config-get",
       "[<key>]",
       "Print application configuration.",
       kSmart,
       {{"all", kBool, "a", "print all keys"}},
       run_config_get},
      {"credential-get", "", "access cloud credentials", kSmart, {}, run_credential_get},
      {"goal-state",
       "",
       "print the status of the charm's peers and related units",
       kYamlJson,
       {},
       run_goal_state},
      {"is-leader", "", "print application leadership status", kSmart, {}, run_is_leader},
      {"juju-log",
       "<message>",
       "write a message to the juju log",
       kDeprecated,
       {{"debug", kBool, "", "log at debug level"},
        {"log-level", kString, "l", "Send log message at the given level", "INFO"}},
       run_juju_log},
      {"juju-reboot",
       "",
       "Reboot the host machine.",
       kNone,
       {{"now", kBool, "", "reboot immediately, killing the invoking process"}},
       run_juju_reboot},
      {"leader-get",
       "[<key>]",
       "print application leadership settings",
       kSmart,
       {},
       nullptr,
       kLeaderSettings},
      {"leader-set",
       "<key>=<value> [...]",
       "write application leadership settings",
       kNone,
       {},
       nullptr,
       kLeaderSettings},
      {"network-get",
       "<binding-name> [--ingress-address] [--bind-address] [--egress-subnets]",
       "get network config",
       kSmart,
       {{"primary-address", kBool, "", "(deprecated) get the primary address for the binding"},
        {"bind-address", kBool, "",
         "get the address for the binding on which the unit should "
         "listen"},
        {"ingress-address", kBool, "", "get the ingress address for the binding"},
        {"egress-subnets", kBool, "", "get the egress subnets for the binding"},
        kRelationFlag},
       run_network_get},
      {"open-port",
       "<port>[/<protocol>] or <from>-<to>[/<protocol>] or icmp",
       "Register a request to open a port or port range.",
       kDeprecated,
       {{"endpoints", kString, "", "a comma-delimited list of application endpoints"}},
       run_open_port},
      {"opened-ports",
       "",
       "List all ports or port ranges opened by the unit.",
       kSmart,
       {{"endpoints", kBool, "",
         "display the list of target application endpoints for each "
         "port range"}},
       run_opened_ports},
      {"pod-spec-set",
       "--file <core spec file> [--k8s-resources <k8s spec file>]",
       "Set k8s spec information. (deprecated)",
       kNone,
       {{"file", kValue, "", "file containing pod spec", "-"},
        {"k8s-resources", kValue, "",
         "file containing k8s specific resources not yet modelled "
         "by Juju"}},
       run_pod_spec_set},
      {"relation-get",
       "<key> <unit id>",
       "get relation settings",
       kSmart,
       {kRelationFlag, kAppFlag},
       run_relation_get},
      {"relation-ids",
       "<name>",
       "list all relation ids with the given relation name",
       kSmart,
       {},
       run_relation_ids},
      {"relation-list",
       "",
       "list relation units",
       kSmart,
       {kRelationFlag,
        {"app", kBool, "", "List remote application instead of participating units"}},
       run_relation_list},
      {"relation-model-get",
       "",
       "Get details about the model hosing a related application.",
       kSmart,
       {kRelationFlag},
       run_relation_model_get},
      {"relation-set",
       "key=value [key=value ...]",
       "set relation settings",
       kDeprecated,
       {kRelationFlag, kFileFlag, kAppFlag},
       run_relation_set},
      {"resource-get",
       "<resource name>",
       "Get the path to the locally cached resource file.",
       kNone,
       {},
       run_resource_get},
      {"secret-add", "[key[#base64|#file]=value...]", "Add a new secret.", kNone,
       secret_upsert_flags(), run_secret_add},
      {"secret-get",
       "<ID> [key[#base64]]",
       "Get the content of a secret.",
       kYamlJson,
       {kSecretLabelFlag,
        {"peek", kBool, "", "get the latest revision just this time"},
        {"refresh", kBool, "",
         "get the latest revision and also get this same revision for subsequent calls"}},
       run_secret_get},
      {"secret-grant",
       "<ID>",
       "Grant access to a secret.",
       kNone,
       {{"unit", kString, "", "the unit to grant access"},
        {"r", kValue, "relation", "the relation with which to associate the grant"}},
       run_secret_grant},
      {"secret-ids", "", "Print secret IDs.", kSmart, {}, run_secret_ids},
      {"secret-info-get",
       "<ID>",
       "Get a secret's metadata info.",
       kYamlJson,
       {kSecretLabelFlag},
       run_secret_info_get},
      {"secret-remove",
       "<ID>",
       "remove a existing secret",
       kNone,
       {{"revision", kInt, "", "remove the specified revision"}},
       run_secret_remove},
      {"secret-revoke",
       "<ID>",
       "Revoke access to a secret.",
       kNone,
       {{"app", kString, "application", "the application to revoke access"},
        {"unit", kString, "", "the unit to revoke access"},
        {"r", kValue, "relation", "the relation for which to revoke the grant"}},
       run_secret_revoke},
      {"secret-set", "<ID> [key[#base64]=value...]", "Update an existing secret.", kNone,
       secret_upsert_flags(), run_secret_set},
      {"state-delete",
       "<key>",
       "delete server-side-state key value pairs",
       kNone,
       {},
       run_state_delete},
      {"state-get",
       "[<key>]",
       "print server-side-state value",
       kSmart,
       {{"strict", kBool, "", "Return an error if the requested key does not exist"}},
       run_state_get},
      {"state-set",
       "key=value [key=value ...]",
       "set server-side-state values",
       kNone,
       {kFileFlag},
       run_state_set},
      {"status-get",
       "[--include-data] [--application]",
       "print status information",
       kSmart,
       {{"include-data", kBool, "", "print all status data"},
        {"application", kBool, "",
         "print status for all units of this application if this "
         "unit is the leader"}},
       run_status_get},
      {"status-set",
       "<maintenance | blocked | waiting | active> [message]",
       "set status information",
       kNone,
       {{"application", kBool, "",
         "set this status for the application to which the unit "
         "belongs if the unit is the leader"}},
       run_status_set},
      {"storage-add",
       "<charm storage name>[=count] ...",
       "Add storage instances.",
       kNone,
       {},
       run_storage_add},
      {"storage-get",
       "[<key>]",
       "Print information for the storage instance with the specified ID.",
       kSmart,
       {{"s", kValue, "", "specify a storage instance by id"}},
       run_storage_get},
      {"storage-list",
       "[<storage-name>]",
       "List storage attached to the unit.",
       kSmart,
       {},
       run_storage_list},
  };
  return tools;
}

// The default PrintDefaults shows: the String() of the flag's value before parsing.
std::string help_default(const FlagSpec& flag, const ToolSpec& tool, const SessionData& session) {
  if (flag.kind == FlagKind::kBool) return "false";
  if (flag.kind == FlagKind::kInt && flag.default_value.empty()) return "0";
  if (flag.name == "format" && tool.output == OutputFlags::kSmart) return "smart";
  if (flag.name == "format" && tool.output == OutputFlags::kYamlJson) return "yaml";
  // Juju shows the hook's storage and relation as the defaults of -s and -r; ops 2.x
  // reads the storage id of a storage event from this very line (reference §2
  // storage-get).
  if (flag.name == "s" && session.event.storage) {
    return session.event.storage->name + "/" + std::to_string(session.event.storage->index);
  }
  if (flag.name == "r" && session.event.relation_id) {
    if (const Relation* relation = session.state.find_relation(*session.event.relation_id)) {
      return relation_fake_id(*relation);
    }
  }
  return std::string(flag.default_value);
}

// gnuflag lists the spellings of one option shortest first (then alphabetically).
std::pair<std::string_view, std::string_view> names_by_length(const FlagSpec& flag) {
  std::string_view first = flag.name;
  std::string_view second = flag.alias;
  if (!second.empty() &&
      (second.size() < first.size() || (second.size() == first.size() && second < first))) {
    std::swap(first, second);
  }
  return {first, second};
}

}  // namespace

std::span<const ToolSpec> tool_table() {
  static const std::vector<ToolSpec> kTools = [] {
    std::vector<ToolSpec> tools = make_table();
    // find_tool searches the table by bisection.
    SCENARIO_ASSERT(std::is_sorted(tools.begin(), tools.end(),
                                   [](const auto& a, const auto& b) { return a.name < b.name; }));
    return tools;
  }();
  return kTools;
}

const ToolSpec* find_tool(std::string_view name) {
  const std::span<const ToolSpec> tools = tool_table();
  const auto it =
      std::lower_bound(tools.begin(), tools.end(), name,
                       [](const ToolSpec& tool, std::string_view key) { return tool.name < key; });
  return it != tools.end() && it->name == name ? &*it : nullptr;
}

std::vector<FlagSpec> tool_flags(const ToolSpec& tool) {
  std::vector<FlagSpec> flags = tool.flags;
  switch (tool.output) {
    case OutputFlags::kNone:
      break;
    case OutputFlags::kDeprecated:
      flags.push_back({"format", FlagKind::kString, "", "deprecated format flag"});
      break;
    case OutputFlags::kSmart:
      flags.push_back({"format", FlagKind::kValue, "", "Specify output format (json|smart|yaml)"});
      flags.push_back(kOutputFlag);
      break;
    case OutputFlags::kYamlJson:
      flags.push_back({"format", FlagKind::kValue, "", "Specify output format (json|yaml)"});
      flags.push_back(kOutputFlag);
      break;
  }
  return flags;
}

std::string tool_help(const ToolSpec& tool, const SessionData& session) {
  std::string text = "Usage: " + std::string(tool.name) + " [options]";
  if (!tool.usage_args.empty()) text += " " + std::string(tool.usage_args);
  text += "\n\nSummary:\n" + std::string(tool.purpose) + "\n";
  std::vector<FlagSpec> flags = tool_flags(tool);
  if (flags.empty()) return text;
  // gnuflag PrintDefaults: one entry per option, sorted by its shortest spelling.
  std::sort(flags.begin(), flags.end(), [](const FlagSpec& a, const FlagSpec& b) {
    return names_by_length(a).first < names_by_length(b).first;
  });
  text += "\nOptions:\n";
  for (const FlagSpec& flag : flags) {
    const auto [first, second] = names_by_length(flag);
    std::string names = flag_with_minus(first);
    if (!second.empty()) names += ", " + flag_with_minus(second);
    const std::string value = help_default(flag, tool, session);
    // A string's default is quoted, after one space; any other value's follows two.
    text += flag.kind == FlagKind::kString ? names + " (= " + go_quote(value) + ")\n"
                                           : names + "  (= " + value + ")\n";
    text += "    " + std::string(flag.usage) + "\n";
  }
  return text;
}

}  // namespace scenario::detail
