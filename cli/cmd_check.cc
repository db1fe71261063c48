// SPDX-License-Identifier: Apache-2.0
// cli/cmd_check.cc: `scenario check CHARM_DIR --state FILE --event NAME` runs the
// consistency checker and prints every finding.
//
// The event comes from --event NAME (plus options for what it refers to) or from an
// Event JSON document (--event-file). As a run does, an event that names no entity is
// bound to the one the State has: the only relation on its endpoint, the container or
// storage it is named after, the action it is named after.

#include <algorithm>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "commands.h"
#include "scenario/common/files.h"
#include "scenario/consistency/check.h"
#include "scenario/spec/load.h"
#include "scenario/state/json.h"

namespace scenario::cli {

namespace {

constexpr const char* kCmd = "scenario check";
constexpr const char* kDefaultJujuVersion = "3.4";

struct CheckOptions {
  std::string charm_dir;
  std::string state_file;
  std::string event_name;
  std::string event_file;
  int relation_id = 0;
  int remote_unit = 0;
  int departing_unit = 0;
  std::string container;
  std::string storage;
  std::string secret;
  int secret_revision = 0;
  std::string action;
  std::vector<std::string> params;
  std::string params_json;
  std::string juju_version = kDefaultJujuVersion;
  std::string format = "text";
  bool warnings_as_errors = false;
  // Which optional options were given.
  CLI::Option* relation_id_opt = nullptr;
  CLI::Option* remote_unit_opt = nullptr;
  CLI::Option* departing_unit_opt = nullptr;
  CLI::Option* container_opt = nullptr;
  CLI::Option* storage_opt = nullptr;
  CLI::Option* secret_opt = nullptr;
  CLI::Option* secret_revision_opt = nullptr;
  CLI::Option* action_opt = nullptr;
};

// Thrown for input that makes the command unusable; becomes exit status 2 or 1.
struct Failure {
  int exit_code;
  std::string message;
};

std::string read_or_fail(const std::string& path, const char* what) {
  std::optional<std::string> text = detail::read_file_if_exists(path);
  if (!text) {
    throw Failure{kExitUsage, std::string("cannot read ") + what + " '" + path +
                                  "': no such file (or not a regular file)"};
  }
  return std::move(*text);
}

std::string problems_text(const char* what, const std::string& path,
                          const std::vector<Problem>& problems) {
  std::string out = path + ": invalid " + what;
  for (const Problem& p : problems) out += "\n  " + p.to_string();
  return out;
}

bool same_name(std::string a, std::string b) {
  std::replace(a.begin(), a.end(), '-', '_');
  std::replace(b.begin(), b.end(), '-', '_');
  return a == b;
}

// A parameter value: JSON when it parses as JSON (`3`, `true`, `[1]`), else the text.
Json param_value(const std::string& text) {
  Json value = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  return value.is_discarded() ? Json(text) : value;
}

Json action_params(const CheckOptions& o) {
  Json params = Json::object();
  if (!o.params_json.empty()) {
    params = Json::parse(o.params_json, nullptr, false);
    if (!params.is_object()) {
      throw Failure{kExitUsage, "--params must be a JSON object, e.g. '{\"target\": \"s3\"}'"};
    }
  }
  for (const std::string& item : o.params) {
    const std::size_t eq = item.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw Failure{kExitUsage, "--param takes KEY=VALUE, got '" + item + "'"};
    }
    params[item.substr(0, eq)] = param_value(item.substr(eq + 1));
  }
  return params;
}

StorageRef storage_ref(const std::string& text) {
  const std::size_t slash = text.rfind('/');
  if (slash == std::string::npos) return StorageRef{text, 0};
  const std::string index = text.substr(slash + 1);
  if (index.empty() || index.size() > 9 ||
      index.find_first_not_of("0123456789") != std::string::npos) {
    throw Failure{kExitUsage, "--storage takes NAME or NAME/INDEX, got '" + text + "'"};
  }
  return StorageRef{text.substr(0, slash), std::stoi(index)};
}

// Fills in what the event refers to when it does not say, as a run binds an event.
void bind(Event& event, const State& state, const CharmSpec& spec) {
  const EventName name = event.parsed_name();
  switch (name.kind) {
    case EventKind::kRelation:
      if (!event.relation_id) {
        const std::vector<const Relation*> found = state.relations_on(name.prefix);
        if (found.size() == 1) event.relation_id = found.front()->relation_id;
      }
      break;
    case EventKind::kWorkload:
      if (!event.container) {
        for (const Container& c : state.containers) {
          if (same_name(c.name, name.prefix)) event.container = c.name;
        }
      }
      break;
    case EventKind::kStorage:
      if (!event.storage) {
        std::vector<const Storage*> found;
        for (const Storage& s : state.storage) {
          if (same_name(s.name, name.prefix)) found.push_back(&s);
        }
        if (found.size() == 1)
          event.storage = StorageRef{found.front()->name, found.front()->index};
      }
      break;
    case EventKind::kAction:
      if (!event.action) {
        scenario::Action action;
        action.name = name.prefix;
        for (const ActionSpec& declared : spec.actions) {
          if (same_name(declared.name, name.prefix)) action.name = declared.name;
        }
        event.action = std::move(action);
      }
      break;
    default:
      break;
  }
}

Event make_event(const CheckOptions& o, const State& state, const CharmSpec& spec) {
  Event event;
  if (!o.event_file.empty()) {
    const std::string text = read_or_fail(o.event_file, "event file");
    if (std::vector<Problem> problems = validate_event_json(text); !problems.empty()) {
      throw Failure{kExitProblems, problems_text("event", o.event_file, problems)};
    }
    event = event_from_json(text);
  } else {
    event.path = o.event_name;
  }
  if (o.relation_id_opt->count() > 0) event.relation_id = o.relation_id;
  if (o.remote_unit_opt->count() > 0) event.remote_unit_id = o.remote_unit;
  if (o.departing_unit_opt->count() > 0) event.departing_unit_id = o.departing_unit;
  if (o.container_opt->count() > 0) event.container = o.container;
  if (o.storage_opt->count() > 0) event.storage = storage_ref(o.storage);
  if (o.secret_opt->count() > 0) event.secret_id = o.secret;
  if (o.secret_revision_opt->count() > 0) event.secret_revision = o.secret_revision;
  const Json params = action_params(o);
  if (o.action_opt->count() > 0) {
    event.action = scenario::Action{.name = o.action, .params = Json::object()};
  }
  bind(event, state, spec);
  if (!params.empty()) {
    if (!event.action) event.action = scenario::Action{.name = "", .params = Json::object()};
    for (const auto& [key, value] : params.items()) event.action->params[key] = value;
  }
  return event;
}

void print_text(const std::string& subject, const std::vector<Finding>& findings, Io& io) {
  std::size_t errors = 0;
  for (const Finding& f : findings) errors += f.severity == Severity::kError ? 1 : 0;
  const std::size_t warnings = findings.size() - errors;
  if (findings.empty()) {
    io.out << subject << ": consistent\n";
    return;
  }
  io.out << subject << ": " << errors << (errors == 1 ? " error" : " errors") << ", " << warnings
         << (warnings == 1 ? " warning" : " warnings") << '\n';
  for (const Finding& f : findings) {
    io.out << "  " << (f.severity == Severity::kError ? "error  " : "warning") << ' '
           << f.to_string() << '\n';
  }
}

void print_json(const std::vector<Finding>& findings, bool failed, Io& io) {
  Json out = {{"consistent", !failed}, {"findings", Json::array()}};
  for (const Finding& f : findings) {
    out["findings"].push_back({{"severity", std::string(to_string(f.severity))},
                               {"code", f.code},
                               {"path", f.path},
                               {"message", f.message}});
  }
  io.out << out.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

int run_check(const CheckOptions& o, Io& io) {
  try {
    CharmSpec spec;
    try {
      spec = load_charm_spec_dir(o.charm_dir);
    } catch (const SpecError& e) {
      throw Failure{kExitProblems, e.what()};
    } catch (const MetadataNotFoundError& e) {
      throw Failure{kExitUsage, e.what()};
    }
    State state;
    if (!o.state_file.empty()) {
      const std::string text = read_or_fail(o.state_file, "state file");
      if (std::vector<Problem> problems = validate_state_json(text); !problems.empty()) {
        throw Failure{kExitProblems, problems_text("state", o.state_file, problems)};
      }
      state = state_from_json(text);
    }
    const Event event = make_event(o, state, spec);
    const std::vector<Finding> findings = check_consistency(spec, state, event, o.juju_version);
    const bool failed = std::any_of(findings.begin(), findings.end(), [&](const Finding& f) {
      return f.severity == Severity::kError || o.warnings_as_errors;
    });
    if (o.format == "json") {
      print_json(findings, failed, io);
    } else {
      print_text(event.path, findings, io);
    }
    return failed ? kExitProblems : kExitOk;
  } catch (const Failure& failure) {
    io.err << kCmd << ": " << failure.message << '\n';
    return failure.exit_code;
  }
}

}  // namespace

void add_check_command(CLI::App& app, Action& action) {
  auto o = std::make_shared<CheckOptions>();
  auto* cmd = app.add_subcommand(
      "check",
      "Check that a State and an Event could happen to a charm on a real Juju; print every "
      "finding (docs/consistency.md). Exits 1 when there is an error.");
  cmd->add_option("CHARM_DIR", o->charm_dir,
                  "The charm's root: holds charmcraft.yaml, or metadata.yaml with config.yaml "
                  "and actions.yaml")
      ->required();
  cmd->add_option("--state", o->state_file, "A JSON state file (default: an empty State)");
  auto* event_opt = cmd->add_option("--event", o->event_name,
                                    "The event's name, e.g. start, db-relation-changed, "
                                    "backup-action");
  auto* event_file_opt =
      cmd->add_option("--event-file", o->event_file, "A JSON Event document instead of --event");
  event_opt->excludes(event_file_opt);
  event_file_opt->excludes(event_opt);
  o->relation_id_opt =
      cmd->add_option("--relation-id", o->relation_id, "The relation of a relation event");
  o->remote_unit_opt =
      cmd->add_option("--remote-unit", o->remote_unit, "The remote unit id of a relation event");
  o->departing_unit_opt = cmd->add_option("--departing-unit", o->departing_unit,
                                          "The departing unit id of a relation-departed event");
  o->container_opt =
      cmd->add_option("--container", o->container, "The container of a workload event");
  o->storage_opt = cmd->add_option("--storage", o->storage,
                                   "The storage of a storage event: NAME or NAME/INDEX");
  o->secret_opt = cmd->add_option("--secret", o->secret, "The secret id of a secret event");
  o->secret_revision_opt = cmd->add_option("--secret-revision", o->secret_revision,
                                           "The revision of secret-remove or secret-expired");
  o->action_opt = cmd->add_option("--action", o->action,
                                  "The action of an action event (default: the one it is "
                                  "named after)");
  cmd->add_option("--param", o->params,
                  "An action parameter KEY=VALUE; VALUE is read as JSON when it parses "
                  "(3, true, [1,2]), else as text. Repeatable")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  cmd->add_option("--params", o->params_json, "Action parameters as one JSON object");
  cmd->add_option("--juju-version", o->juju_version, "The Juju version to check against")
      ->capture_default_str();
  cmd->add_option("--format", o->format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cmd->add_flag("--warnings-as-errors", o->warnings_as_errors, "Exit 1 on warnings too");
  cmd->callback([&action, o, event_opt, event_file_opt] {
    if (event_opt->count() == 0 && event_file_opt->count() == 0) {
      throw CLI::RequiredError("--event or --event-file");
    }
    action = [o](Io& io) { return run_check(*o, io); };
  });
}

}  // namespace scenario::cli
