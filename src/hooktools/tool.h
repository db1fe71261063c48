// SPDX-License-Identifier: Apache-2.0
// hooktools/tool.h: what every hook tool is built from: the session data it works on,
// the call it answers, the table entry that registers it, and its failure signal.
//
// A tool handler reads its parsed arguments from a ToolCall, changes the session's
// working State or records, and writes its output through ToolCall::write. A Juju
// error is signalled by throwing ToolFailure (fail / usage_error below); the dispatcher
// in session.cc turns it into the exit code and `ERROR <message>` Juju produces. The
// exception never leaves Session::run. Handlers check everything before changing
// anything, so a failed tool leaves the session as it was, as in Juju.

#ifndef SCENARIO_HOOKTOOLS_TOOL_H_
#define SCENARIO_HOOKTOOLS_TOOL_H_

#include <cstddef>
#include <exception>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "output.h"
#include "scenario/hooktools/args.h"
#include "scenario/hooktools/session.h"
#include "scenario/spec/charm_spec.h"
#include "scenario/state/event.h"
#include "scenario/state/state.h"

namespace scenario::detail {

/// Juju's exit code for errors in flags or positional arguments (juju/cmd Main).
inline constexpr int kUsageExitCode = 2;
/// Juju's exit code for errors while running.
inline constexpr int kRunExitCode = 1;

/// A Juju error the charm is meant to see.
class ToolFailure : public std::exception {
 public:
  ToolFailure(int exit_code, std::string message)
      : exit_code_(exit_code), message_(std::move(message)) {}

  int exit_code() const noexcept { return exit_code_; }
  const std::string& message() const noexcept { return message_; }
  const char* what() const noexcept override { return message_.c_str(); }

 private:
  int exit_code_;
  std::string message_;
};

/// A failure while running (exit 1).
[[noreturn]] void fail(std::string message);
/// A failure in the arguments: flag values, missing or extra positionals (exit 2).
[[noreturn]] void usage_error(std::string message);

/// Everything a session holds; Session::Impl.
struct SessionData {
  const CharmSpec* spec = nullptr;
  State state;
  Event event;
  SessionConfig config;
  SessionRecords records;
  /// Secrets given a revision in this run: id -> that revision. Juju commits one new
  /// revision per secret per hook (secret_store.h).
  std::map<std::string, int> secret_pending_revisions;
  /// How many secret ids this session has allocated (secret_store.cc).
  int secret_ids_allocated = 0;

  /// `app/N` of the local unit.
  std::string unit_name() const { return config.unit_name(state.unit_id); }
  const std::string& app_name() const { return config.app_name; }
  bool in_action() const { return event.action.has_value(); }
};

/// One hook-tool invocation.
struct ToolCall {
  ToolCall(SessionData& session_data, std::string_view tool_name, ParsedArgs parsed,
           std::string_view input, OutputFormat output_format)
      : session(session_data),
        tool(tool_name),
        args(std::move(parsed)),
        stdin_text(input),
        format(output_format) {}

  SessionData& session;
  std::string tool;
  ParsedArgs args;
  std::string_view stdin_text;
  OutputFormat format;
  /// What the tool prints on success.
  std::string out;
  /// Warnings printed on stderr even on success.
  std::string err;

  const std::vector<std::string>& positionals() const { return args.positionals; }
  /// Writes `value` in the chosen --format, to stdout or to the -o/--output file.
  void write(const GoValue& value, GoShape shape = GoShape::kAny);
  /// juju/cmd CheckEmpty: no positionals from index `from` on.
  void check_empty(std::size_t from = 0) const;
  /// juju/cmd ZeroOrOneArgs: the only positional, or "" when none.
  std::string zero_or_one_arg() const;
};

using ToolHandler = void (*)(ToolCall&);

/// Which output flags a tool has.
enum class OutputFlags {
  kNone,        // no --format
  kDeprecated,  // --format accepted and ignored, with Juju's deprecation warning
  kSmart,       // --format smart|json|yaml, default smart
  kYamlJson,    // --format yaml|json, default yaml (goal-state)
};

/// One row of the tool table.
struct ToolSpec {
  std::string_view name;
  /// The positional part of the usage line, e.g. `[<key>]`.
  std::string_view usage_args;
  std::string_view purpose;
  OutputFlags output = OutputFlags::kNone;
  std::vector<FlagSpec> flags;
  ToolHandler handler = nullptr;
  /// For tools registered but not supported: why, appended to the error they return.
  std::string_view unsupported;
};

/// Every tool, sorted by name.
std::span<const ToolSpec> tool_table();
/// The row of `name`, or nullptr.
const ToolSpec* find_tool(std::string_view name);
/// The flags a tool parses: its own plus the output flags.
std::vector<FlagSpec> tool_flags(const ToolSpec& tool);
/// What `<tool> --help` prints.
std::string tool_help(const ToolSpec& tool, const SessionData& session);

/// Why `value` is refused for `flag`, as the Set method of the flag's Go value refuses
/// it while gnuflag parses (juju/cmd's formatterValue, jujuc relationIdValue and
/// storageIdValue, gnuflag's int); nullopt when it is accepted.
std::optional<std::string> flag_value_problem(const ToolSpec& tool, const SessionData& session,
                                              const FlagSpec& flag, std::string_view value);
/// jujuc relationIdValue.Set: why -r `text` names no relation of the unit.
std::optional<std::string> relation_id_problem(const SessionData& session, std::string_view text);
/// jujuc storageIdValue.Set: why -s `text` names no storage instance of the unit.
std::optional<std::string> storage_id_problem(const SessionData& session, std::string_view text);

/// The relation named by -r, or by the hook when -r is absent. Fails as Juju does for an
/// unparsable or unknown id; returns nullptr when there is neither and `required` is
/// false, fails with `no relation id specified` when it is true.
Relation* resolve_relation(ToolCall& call, bool required);
/// `endpoint:id`, Juju's relation "fake id".
std::string relation_fake_id(const Relation& relation);

// Handlers, one per tool. Grouped by the file that defines them.
// status_tools.cc
void run_is_leader(ToolCall& call);
void run_config_get(ToolCall& call);
void run_status_get(ToolCall& call);
void run_status_set(ToolCall& call);
void run_application_version_set(ToolCall& call);
void run_juju_log(ToolCall& call);
// relation_tools.cc
void run_relation_ids(ToolCall& call);
void run_relation_list(ToolCall& call);
void run_relation_get(ToolCall& call);
void run_relation_set(ToolCall& call);
void run_relation_model_get(ToolCall& call);
// network_tools.cc
void run_network_get(ToolCall& call);
void run_open_port(ToolCall& call);
void run_close_port(ToolCall& call);
void run_opened_ports(ToolCall& call);
// storage_tools.cc
void run_storage_list(ToolCall& call);
void run_storage_get(ToolCall& call);
void run_storage_add(ToolCall& call);
void run_resource_get(ToolCall& call);
// action_tools.cc
void run_action_get(ToolCall& call);
void run_action_set(ToolCall& call);
void run_action_log(ToolCall& call);
void run_action_fail(ToolCall& call);
// misc_tools.cc
void run_goal_state(ToolCall& call);
void run_credential_get(ToolCall& call);
void run_juju_reboot(ToolCall& call);
void run_pod_spec_set(ToolCall& call);
void run_state_get(ToolCall& call);
void run_state_set(ToolCall& call);
void run_state_delete(ToolCall& call);
// secret_tools.cc
void run_secret_add(ToolCall& call);
void run_secret_get(ToolCall& call);
void run_secret_set(ToolCall& call);
void run_secret_grant(ToolCall& call);
void run_secret_revoke(ToolCall& call);
void run_secret_remove(ToolCall& call);
void run_secret_ids(ToolCall& call);
void run_secret_info_get(ToolCall& call);

}  // namespace scenario::detail

#endif  // SCENARIO_HOOKTOOLS_TOOL_H_
