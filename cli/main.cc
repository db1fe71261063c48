// SPDX-License-Identifier: Apache-2.0
// cli/main.cc: the `scenario` command-line tool.

#include <exception>
#include <iostream>

#include "commands.h"
#include "scenario/errors.h"

namespace {

constexpr const char* kDescription =
    "Scenario: state-transition testing for Juju charms.\n"
    "Load charm specs, check JSON state files and whether a scenario is consistent, and (soon)\n"
    "run charms against them.";

int run(int argc, char** argv) {
  CLI::App app{kDescription, "scenario"};
  app.set_version_flag("--version", std::string("scenario ") + SCENARIO_VERSION);
  app.require_subcommand(1);
  app.footer("Exit status: 0 success, 1 the input has problems, 2 bad usage.");

  scenario::cli::Action action;
  scenario::cli::add_spec_command(app, action);
  scenario::cli::add_state_command(app, action);
  scenario::cli::add_check_command(app, action);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return scenario::cli::kExitUsage;
  }
  scenario::cli::Io io{std::cout, std::cerr};
  return action(io);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(argc, argv);
  } catch (const scenario::InternalError& e) {
    std::cerr << "scenario: " << e.what() << '\n';
    return 70;  // EX_SOFTWARE: an engine bug, not the user's input
  } catch (const std::exception& e) {
    std::cerr << "scenario: error: " << e.what() << '\n';
    return scenario::cli::kExitUsage;
  }
}
