// SPDX-License-Identifier: Apache-2.0
// cli/cmd_state.cc: `scenario state validate FILE` and `scenario state format FILE`.

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "commands.h"
#include "scenario/common/files.h"
#include "scenario/state/json.h"

namespace scenario::cli {

namespace {

// Reads FILE ("-" is not special: state files are files). Returns false after
// reporting when it cannot be read.
bool read_input(const std::string& path, std::string& text, Io& io, const char* cmd) {
  std::optional<std::string> content = detail::read_file_if_exists(path);
  if (!content) {
    io.err << "scenario state " << cmd << ": cannot read '" << path
           << "': no such file (or not a regular file)\n";
    return false;
  }
  text = std::move(*content);
  return true;
}

int validate(const std::string& path, Io& io) {
  std::string text;
  if (!read_input(path, text, io, "validate")) return kExitUsage;
  std::vector<Problem> problems = validate_state_json(text);
  if (problems.empty()) {
    io.out << path << ": valid state\n";
    return kExitOk;
  }
  io.out << path << ": " << problems.size() << (problems.size() == 1 ? " problem" : " problems")
         << '\n';
  for (const Problem& p : problems) io.out << "  " << p.to_string() << '\n';
  return kExitProblems;
}

int format(const std::string& path, Io& io) {
  std::string text;
  if (!read_input(path, text, io, "format")) return kExitUsage;
  try {
    io.out << state_to_json(state_from_json(text)) << '\n';
    return kExitOk;
  } catch (const StateValidationError& e) {
    io.err << "scenario state format: " << path << ": " << e.what() << '\n';
    return kExitProblems;
  }
}

}  // namespace

void add_state_command(CLI::App& app, Action& action) {
  auto* state = app.add_subcommand("state", "Work with JSON state files.");
  state->require_subcommand(1);

  auto validate_path = std::make_shared<std::string>();
  auto* validate_cmd = state->add_subcommand(
      "validate", "Report every problem in a JSON state file, each with its path.");
  validate_cmd->add_option("FILE", *validate_path, "The state file")->required();
  validate_cmd->callback([&action, validate_path] {
    action = [validate_path](Io& io) { return validate(*validate_path, io); };
  });

  auto format_path = std::make_shared<std::string>();
  auto* format_cmd = state->add_subcommand(
      "format", "Print a state file in canonical form, every default filled in.");
  format_cmd->add_option("FILE", *format_path, "The state file")->required();
  format_cmd->callback([&action, format_path] {
    action = [format_path](Io& io) { return format(*format_path, io); };
  });
}

}  // namespace scenario::cli
