// SPDX-License-Identifier: Apache-2.0
// common/errors.cc: messages of the exception hierarchy.

#include "scenario/errors.h"

#include <string>

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

namespace detail {

void assertion_failed(const char* condition, const char* file, int line) {
  throw InternalError(std::string("internal error: assertion '") + condition + "' failed at " +
                      file + ":" + std::to_string(line) +
                      "; this is a bug in scenario, please report it");
}

}  // namespace detail

}  // namespace scenario
