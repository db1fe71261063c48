// SPDX-License-Identifier: Apache-2.0
// bindings/bind_runtime.cc: a run's Session and its dispatch environment, from Python.
//
// The Python front end hands the engine its State and Event as JSON-format documents
// (plain dicts), so the one JSON reader validates them, with paths in its messages.

#include <nanobind/nanobind.h>
#include <nanobind/stl/map.h>
#include <nanobind/stl/optional.h>
#include <nanobind/stl/string.h>
#include <nanobind/stl/string_view.h>
#include <nanobind/stl/tuple.h>
#include <nanobind/stl/vector.h>

#include <tuple>

#include "bindings.h"
#include "json_caster.h"
#include "scenario/consistency/check.h"
#include "scenario/hooktools/session.h"
#include "scenario/runtime/hook_environment.h"
#include "scenario/state/json.h"

namespace nb = nanobind;

namespace scenario::bindings {

namespace {

void bind_records(nb::module_& m) {
  nb::class_<JujuLogLine>(m, "JujuLogLine")
      .def_ro("level", &JujuLogLine::level)
      .def_ro("message", &JujuLogLine::message);
  nb::class_<ActionRecord>(m, "ActionRecord")
      .def_ro("results", &ActionRecord::results)
      .def_ro("logs", &ActionRecord::logs)
      .def_ro("failure", &ActionRecord::failure);
  nb::class_<RemovedSecretRevision>(m, "RemovedSecretRevision")
      .def_ro("secret_id", &RemovedSecretRevision::secret_id)
      .def_ro("revision", &RemovedSecretRevision::revision);
  nb::class_<SessionRecords>(m, "SessionRecords", "Side effects of a run.")
      .def_ro("unit_status_history", &SessionRecords::unit_status_history)
      .def_ro("app_status_history", &SessionRecords::app_status_history)
      .def_ro("workload_version_history", &SessionRecords::workload_version_history)
      .def_ro("juju_log", &SessionRecords::juju_log)
      .def_ro("action", &SessionRecords::action)
      .def_ro("requested_storages", &SessionRecords::requested_storages)
      .def_ro("reboot_requested", &SessionRecords::reboot_requested)
      .def_ro("reboot_now", &SessionRecords::reboot_now)
      .def_ro("pod_spec", &SessionRecords::pod_spec)
      .def_ro("k8s_resources", &SessionRecords::k8s_resources)
      .def_ro("removed_secret_revisions", &SessionRecords::removed_secret_revisions);
}

void bind_session(nb::module_& m) {
  // Weak-referenceable: tests check that nothing keeps a finished run's session.
  nb::class_<Session>(m, "Session", nb::is_weak_referenceable(),
                      "One run's Juju: a working copy of the State answering hook tools.")
      .def(
          "__init__",
          [](Session* self, const CharmSpec& spec, nb::handle state_doc, const Json& event_doc,
             std::string app_name, std::string juju_version, std::string storage_root) {
            State state = state_from_python_doc(state_doc);
            Event event = event_from_json_value(event_doc);
            SessionConfig config;
            config.app_name = std::move(app_name);
            config.juju_version = std::move(juju_version);
            if (!storage_root.empty()) config.storage_root = std::move(storage_root);
            new (self) Session(spec, std::move(state), std::move(event), std::move(config));
          },
          nb::arg("spec"), nb::arg("state"), nb::arg("event"), nb::kw_only(),
          nb::arg("app_name"), nb::arg("juju_version"), nb::arg("storage_root") = "",
          // The session refers to the spec: keep it alive as long as the session.
          nb::keep_alive<1, 2>(),
          "Opens a session on a State and Event given as JSON-format documents (dicts).")
      .def(
          "run",
          [](Session& session, const std::vector<std::string>& argv,
             std::optional<std::string> stdin_text) {
            if (argv.empty()) throw nb::value_error("argv must name a hook tool");
            HookResult result = session.run(argv, stdin_text.value_or(""));
            return std::make_tuple(result.exit_code, std::move(result.stdout_text),
                                   std::move(result.stderr_text));
          },
          nb::arg("argv"), nb::arg("stdin") = nb::none(),
          "Runs a hook tool: returns (exit code, stdout, stderr).")
      .def(
          "state_doc",
          [](const Session& session, bool changed_only) {
            if (!changed_only) return state_to_json_value(session.state());
            // Many runs change nothing (a charm that only reads): nothing to write then.
            // Statuses first: what a run that changes something most often changes.
            const State& before = session.input_state();
            const State& after = session.state();
            if (after.unit_status == before.unit_status && after.app_status == before.app_status &&
                after == before) {
              return Json(Json::value_t::object);
            }
            return state_changes_to_json_value(before, after);
          },
          nb::kw_only(), nb::arg("changed_only") = false,
          "The working State, as a JSON-format document; with `changed_only`, only what\n"
          "differs from the State the session was opened with (entities left as they\n"
          "were are given by their identity alone; an empty document if nothing does).")
      .def(
          "environment",
          [](const Session& session, std::string charm_dir, std::string default_action_id,
             bool require_entities) {
            HookEnvironmentOptions options;
            options.app_name = session.config().app_name;
            options.juju_version = session.config().juju_version;
            options.charm_dir = std::move(charm_dir);
            options.default_action_id = std::move(default_action_id);
            options.require_entities = require_entities;
            return hook_environment(session.state(), session.event(), session.spec(), options);
          },
          nb::arg("charm_dir"), nb::arg("default_action_id") = "1",
          nb::arg("require_entities") = true,
          "The JUJU_* environment Juju would give the charm for this event.")
      .def(
          "check_consistency",
          [](const Session& session, std::string_view juju_version) {
            return check_consistency(session.spec(), session.state(), session.event(),
                                     juju_version);
          },
          nb::arg("juju_version"),
          "Every consistency finding for this session's State and Event.")
      .def_prop_ro("records", &Session::records, nb::rv_policy::reference_internal)
      .def_static("tool_names", &Session::tool_names, "Every hook tool the engine implements.");
}

}  // namespace

void bind_runtime(nb::module_& m) {
  bind_records(m);
  bind_session(m);
}

}  // namespace scenario::bindings
