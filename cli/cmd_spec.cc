// SPDX-License-Identifier: Apache-2.0
// cli/cmd_spec.cc: `scenario spec CHARM_DIR` prints the loaded charm spec as JSON.

#include <memory>
#include <ostream>
#include <string>

#include "commands.h"
#include "scenario/spec/load.h"

namespace scenario::cli {

void add_spec_command(CLI::App& app, Action& action) {
  auto* cmd = app.add_subcommand(
      "spec", "Load a charm's metadata, config and actions and print them as JSON.");
  auto dir = std::make_shared<std::string>();
  auto compact = std::make_shared<bool>(false);
  cmd->add_option("CHARM_DIR", *dir,
                  "The charm's root: holds charmcraft.yaml, or metadata.yaml with "
                  "config.yaml and actions.yaml")
      ->required();
  cmd->add_flag("--compact", *compact, "Print the JSON on one line");
  cmd->callback([&action, dir, compact] {
    action = [dir, compact](Io& io) {
      try {
        CharmSpec spec = load_charm_spec_dir(*dir);
        io.out << charm_spec_to_json(spec).dump(*compact ? -1 : 2) << '\n';
        return kExitOk;
      } catch (const SpecError& e) {
        io.err << "scenario spec: " << e.what() << '\n';
        return kExitProblems;
      } catch (const MetadataNotFoundError& e) {
        io.err << "scenario spec: " << e.what() << '\n';
        return kExitUsage;
      }
    };
  });
}

}  // namespace scenario::cli
