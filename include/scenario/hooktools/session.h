// SPDX-License-Identifier: Apache-2.0
// scenario/hooktools/session.h: one charm run's view of Juju, answering hook tools.
//
// A Session holds a working copy of the input State and the records of what the charm
// did (status history, logs, action results, ...). The charm's hook-tool calls reach it
// as argv + stdin and get back what the real tool would print and exit with, so ops'
// own argument building, output parsing and error mapping run unchanged.
//
// Thread-safety: none; a Session serves one run on one thread.

#ifndef SCENARIO_HOOKTOOLS_SESSION_H_
#define SCENARIO_HOOKTOOLS_SESSION_H_

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/spec/charm_spec.h"
#include "scenario/state/event.h"
#include "scenario/state/state.h"
#include "scenario/state/types.h"

namespace scenario {

/// What a hook tool returns: its exit code and what it printed.
struct HookResult {
  int exit_code = 0;
  std::string stdout_text;
  std::string stderr_text;

  bool operator==(const HookResult&) const = default;
};

/// One `juju-log` call.
struct JujuLogLine {
  std::string level;
  std::string message;

  bool operator==(const JujuLogLine&) const = default;
};

/// What an action run produced through action-set, action-log and action-fail.
struct ActionRecord {
  /// Results as Juju nests them: `a.b=1` becomes {"a": {"b": "1"}}. Values are strings.
  Json results = Json::object();
  std::vector<std::string> logs;
  /// The action-fail message, when the charm called action-fail.
  std::optional<std::string> failure;

  bool operator==(const ActionRecord&) const = default;
};

/// A secret revision the charm removed with secret-remove.
struct RemovedSecretRevision {
  /// The secret's id as the State holds it.
  std::string secret_id;
  int revision = 0;

  bool operator==(const RemovedSecretRevision&) const = default;
};

/// Side effects of a run that are not part of the State.
struct SessionRecords {
  /// Statuses replaced by each status-set, oldest first (the current one is in the State).
  std::vector<Status> unit_status_history;
  std::vector<Status> app_status_history;
  /// Workload versions replaced by each application-version-set (empty ones skipped).
  std::vector<std::string> workload_version_history;
  std::vector<JujuLogLine> juju_log;
  ActionRecord action;
  /// storage-add requests: storage name -> total count requested.
  std::map<std::string, int> requested_storages;
  /// juju-reboot was called; `reboot_now` when with --now.
  bool reboot_requested = false;
  bool reboot_now = false;
  /// The last pod-spec-set: spec text and k8s-resources text, as given.
  std::optional<std::string> pod_spec;
  std::optional<std::string> k8s_resources;
  /// The unit's charm state (state-get/state-set/state-delete) after the run; starts as
  /// SessionConfig::unit_state.
  std::map<std::string, std::string> unit_state;
  /// Secret revisions removed by secret-remove, in the order removed.
  std::vector<RemovedSecretRevision> removed_secret_revisions;

  bool operator==(const SessionRecords&) const = default;
};

/// What a session knows beyond the State: who the unit is and which Juju it imitates.
struct SessionConfig {
  /// The application name; the charm's name unless deployed under another. Left empty,
  /// the Session fills in the spec's name.
  std::string app_name;
  /// The Juju version to imitate, e.g. "3.4.0"; gates version-dependent behaviour.
  std::string juju_version = "3.4.0";
  /// Where storage instances live: storage-get reports `<storage_root>/<name>/<index>`.
  /// The Python front end points this at a per-run temporary directory.
  std::string storage_root = "/var/lib/juju/storage";
  /// What credential-get prints (Juju's cloud spec object); nullopt means the
  /// application is not trusted and credential-get fails as Juju's does.
  std::optional<Json> cloud_spec;
  /// The unit's charm state (Juju's state-get/state-set store) at the start of the run.
  std::map<std::string, std::string> unit_state;

  /// `app_name/unit_id`.
  std::string unit_name(int unit_id) const { return app_name + "/" + std::to_string(unit_id); }
};

/// A charm run's Juju: the State being changed and the records of the run.
class Session {
 public:
  /// Takes its own copy of `state`. `spec` must outlive the session.
  Session(const CharmSpec& spec, State state, Event event, SessionConfig config);
  ~Session();
  Session(Session&&) noexcept;
  Session& operator=(Session&&) noexcept;
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  /// Runs hook tool `argv[0]` with arguments `argv[1..]` and standard input `stdin_text`.
  /// Never throws for anything the charm can send: unknown tools, bad flags and Juju
  /// errors are returned as a non-zero exit code and Juju's stderr text.
  HookResult run(const std::vector<std::string>& argv, std::string_view stdin_text = {});

  /// True if `name` is a hook tool this engine implements.
  static bool has_tool(std::string_view name);
  /// The names of every implemented hook tool, sorted.
  static std::vector<std::string> tool_names();

  const State& state() const noexcept;
  /// The working State, for other simulators of the run (e.g. a container's Pebble) to
  /// update; references into it stay valid while no entity is added or removed.
  State& mutable_state() noexcept;
  /// The State the session was opened with, unchanged by the run.
  const State& input_state() const noexcept;
  const Event& event() const noexcept;
  const CharmSpec& spec() const noexcept;
  const SessionConfig& config() const noexcept;
  const SessionRecords& records() const noexcept;

  /// Moves the working State out; the session must not be used afterwards.
  State take_state() &&;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace scenario

#endif  // SCENARIO_HOOKTOOLS_SESSION_H_
