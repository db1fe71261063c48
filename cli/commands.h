// SPDX-License-Identifier: Apache-2.0
// cli/commands.h: the subcommands of the `scenario` tool, one file each.

#ifndef SCENARIO_CLI_COMMANDS_H_
#define SCENARIO_CLI_COMMANDS_H_

#include <CLI/CLI.hpp>
#include <functional>
#include <iosfwd>

namespace scenario::cli {

/// Where a command writes; tests and main() pass the real streams.
struct Io {
  std::ostream& out;
  std::ostream& err;
};

/// Exit codes: 0 success, 1 the input has problems, 2 bad usage or unreadable input.
inline constexpr int kExitOk = 0;
inline constexpr int kExitProblems = 1;
inline constexpr int kExitUsage = 2;

/// A subcommand registers its options on `app` and stores the action to run when it
/// is selected in `action`.
using Action = std::function<int(Io&)>;

void add_spec_command(CLI::App& app, Action& action);
void add_state_command(CLI::App& app, Action& action);
void add_check_command(CLI::App& app, Action& action);

}  // namespace scenario::cli

#endif  // SCENARIO_CLI_COMMANDS_H_
