// SPDX-License-Identifier: Apache-2.0
// scenario/errors.h: the one exception hierarchy of the engine.
//
// Three kinds of failure exist (see docs/design/errors.md):
//  - mistakes by the test author (bad spec, bad state, inconsistent scenario) are
//    exceptions from this file;
//  - Juju or Pebble failures the charm is meant to see are returned values, never
//    exceptions;
//  - engine bugs trip SCENARIO_ASSERT, which throws InternalError.
// bindings/exceptions.cc maps every class here to a Python class of the same name.

#ifndef SCENARIO_ERRORS_H_
#define SCENARIO_ERRORS_H_

#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace scenario {

/// Root of every exception the engine throws on purpose.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// An engine bug: an invariant did not hold. Never the user's fault.
class InternalError : public Error {
 public:
  using Error::Error;
};

/// The test could not be set up (bad Context arguments, unusable charm root).
class ContextSetupError : public Error {
 public:
  using Error::Error;
};

/// No charm metadata could be found where it was looked for.
class MetadataNotFoundError : public Error {
 public:
  using Error::Error;
};

/// One problem found in a document (a state file, a spec file), with where it is.
struct Problem {
  /// Where the problem is: a JSON path such as `relations[1].remote_units_data`, or a
  /// spec key such as `requires.db.interface`. Empty for the document as a whole.
  std::string path;
  /// What is wrong and what is expected.
  std::string message;
  /// Source file the problem is in, when known (spec files).
  std::string file;
  /// 1-based line and column in `file`, or 0 when unknown.
  int line = 0;
  int column = 0;

  bool operator==(const Problem&) const = default;

  /// `file:line:column: path: message`, leaving out the parts that are unknown.
  std::string to_string() const;
};

/// Base for errors that carry every problem found in a document, not just the first.
class ProblemsError : public Error {
 public:
  ProblemsError(std::string what, std::vector<Problem> problems)
      : Error(std::move(what)), problems_(std::move(problems)) {}

  /// Every problem found, in the order the reader met them.
  const std::vector<Problem>& problems() const noexcept { return problems_; }

 private:
  std::vector<Problem> problems_;
};

/// A State (or Event) document is malformed: bad JSON, wrong types, unknown keys,
/// values out of range. Carries every problem with its JSON path.
class StateValidationError : public ProblemsError {
 public:
  explicit StateValidationError(std::vector<Problem> problems);
};

/// A charm spec (metadata.yaml, config.yaml, actions.yaml, charmcraft.yaml) is malformed
/// or self-contradictory. Carries every problem with its file, line and key.
class SpecError : public ProblemsError {
 public:
  explicit SpecError(std::vector<Problem> problems);
};

/// An Event could not be bound to the part of the State it is about.
class BindFailedError : public Error {
 public:
  using Error::Error;
};

/// The event given to a run is not usable (e.g. an action event passed to `run`).
class InvalidEventError : public Error {
 public:
  using Error::Error;
};

/// The action given to `run_action` is not usable.
class InvalidActionError : public InvalidEventError {
 public:
  using InvalidEventError::InvalidEventError;
};

/// A run manager's event was already emitted; a manager runs its event once.
class AlreadyEmittedError : public Error {
 public:
  using Error::Error;
};

/// Base for failures while running a scenario.
class ScenarioRuntimeError : public Error {
 public:
  using Error::Error;
};

/// How bad a consistency finding is: an error means the scenario cannot happen on
/// Juju; a warning means it is possible but most likely not what the test meant.
enum class Severity { kError, kWarning };

/// `error` or `warning`.
std::string_view to_string(Severity severity);

/// One thing the consistency checker found (docs/consistency.md lists every code).
struct Finding {
  Severity severity = Severity::kError;
  /// Stable rule code, e.g. `relation-endpoint-undeclared`.
  std::string code;
  /// The offending object in the JSON state path syntax (`relations[2].endpoint`), with
  /// `event.` for the Event (`event.relation_id`) and `spec.` for the charm spec.
  std::string path;
  /// What is wrong, naming the entity, the rule and the fix.
  std::string message;

  bool operator==(const Finding&) const = default;

  /// `path: message [code]`, leaving out an empty path.
  std::string to_string() const;
};

/// The (State, Event, spec) combination could not happen on a real Juju.
///
/// Thrown by the consistency checker with every finding (errors and warnings) it made,
/// and by the runtime with a message only, when an event refers to something missing.
class InconsistentScenarioError : public ScenarioRuntimeError {
 public:
  /// A single problem described by `what`; findings() is empty.
  explicit InconsistentScenarioError(const std::string& what) : ScenarioRuntimeError(what) {}
  /// Every finding of a check; what() lists the errors among them, one per line.
  explicit InconsistentScenarioError(std::vector<Finding> findings);

  /// Every finding, errors and warnings, in the order the checker made them.
  const std::vector<Finding>& findings() const noexcept { return findings_; }
  /// The findings of severity error.
  std::vector<Finding> errors() const;
  /// The findings of severity warning.
  std::vector<Finding> warnings() const;

 private:
  std::vector<Finding> findings_;
};

/// The charm raised while handling the event.
class UncaughtCharmError : public ScenarioRuntimeError {
 public:
  using ScenarioRuntimeError::ScenarioRuntimeError;
};

/// The event has no source on its owner: nothing could observe it.
class NoObserverError : public ScenarioRuntimeError {
 public:
  using ScenarioRuntimeError::ScenarioRuntimeError;
};

/// A custom event path names an owner that does not exist on the charm.
class BadOwnerPath : public ScenarioRuntimeError {
 public:
  using ScenarioRuntimeError::ScenarioRuntimeError;
};

namespace detail {
/// Throws InternalError naming the failed condition and its place.
[[noreturn]] void assertion_failed(const char* condition, const char* file, int line);
}  // namespace detail

}  // namespace scenario

/// Checks an engine invariant; a failure is an engine bug and throws InternalError
/// (never aborts: the engine runs inside the test's Python interpreter).
#define SCENARIO_ASSERT(condition)                                       \
  do {                                                                   \
    if (!(condition)) {                                                  \
      ::scenario::detail::assertion_failed(#condition, __FILE__, __LINE__); \
    }                                                                    \
  } while (false)

#endif  // SCENARIO_ERRORS_H_
