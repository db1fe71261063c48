// SPDX-License-Identifier: Apache-2.0
// common/errors.cc: messages of the exception hierarchy.

#include "scenario/errors.h"

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace scenario {

std::string Problem::to_string() const {
  std::string out;
  if (!file.empty()) {
    out += file;
    if (line > 0) {
      out += ':' + std::to_string(line);
      if (column > 0) out += ':' + std::to_string(column);
    }
    out += ": ";
  }
  if (!path.empty()) out += path + ": ";
  out += message;
  return out;
}

namespace {

std::string join_problems(const char* headline, const std::vector<Problem>& problems) {
  std::string out = headline;
  if (problems.size() == 1) {
    out += ": " + problems.front().to_string();
    return out;
  }
  out += " (" + std::to_string(problems.size()) + " problems):";
  for (const Problem& p : problems) out += "\n  - " + p.to_string();
  return out;
}

}  // namespace

StateValidationError::StateValidationError(std::vector<Problem> problems)
    // Copied, not moved: the order in which arguments are evaluated is unspecified.
    : ProblemsError(join_problems("invalid state", problems), problems) {}

SpecError::SpecError(std::vector<Problem> problems)
    : ProblemsError(join_problems("invalid charm spec", problems), problems) {}

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
  }
  return "unknown";
}

std::string Finding::to_string() const {
  std::string out;
  if (!path.empty()) out += path + ": ";
  out += message;
  out += " [" + code + "]";
  return out;
}

namespace {

std::vector<Finding> of_severity(const std::vector<Finding>& findings, Severity severity) {
  std::vector<Finding> out;
  for (const Finding& f : findings) {
    if (f.severity == severity) out.push_back(f);
  }
  return out;
}

std::string join_findings(const std::vector<Finding>& findings) {
  std::vector<Finding> errors = of_severity(findings, Severity::kError);
  if (errors.empty()) errors = findings;  // thrown with warnings only: show those
  std::string out = "inconsistent scenario";
  if (errors.size() == 1) {
    out += ": " + errors.front().to_string();
  } else {
    out += " (" + std::to_string(errors.size()) + " errors):";
    for (const Finding& f : errors) out += "\n  - " + f.to_string();
  }
  return out;
}

}  // namespace

InconsistentScenarioError::InconsistentScenarioError(std::vector<Finding> findings)
    // The base is initialised first, so `findings` is read before it is moved from.
    : ScenarioRuntimeError(join_findings(findings)), findings_(std::move(findings)) {}

std::vector<Finding> InconsistentScenarioError::errors() const {
  return of_severity(findings_, Severity::kError);
}

std::vector<Finding> InconsistentScenarioError::warnings() const {
  return of_severity(findings_, Severity::kWarning);
}

namespace detail {

void assertion_failed(const char* condition, const char* file, int line) {
  throw InternalError(std::string("internal error: assertion '") + condition + "' failed at " +
                      file + ":" + std::to_string(line) +
                      "; this is a bug in scenario, please report it");
}

}  // namespace detail

}  // namespace scenario
