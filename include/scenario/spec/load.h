// SPDX-License-Identifier: Apache-2.0
// scenario/spec/load.h: reading a CharmSpec from YAML files or texts.
//
// Every loader reports all problems it finds, each naming its file, line, column and
// key, in one SpecError (YAML syntax errors included). Nothing here aborts.

#ifndef SCENARIO_SPEC_LOAD_H_
#define SCENARIO_SPEC_LOAD_H_

#include <optional>
#include <string>
#include <string_view>

#include "scenario/errors.h"
#include "scenario/spec/charm_spec.h"
#include "scenario/state/types.h"

namespace scenario {

/// The texts of a charm's spec files. `metadata` is metadata.yaml (or, with
/// `unified` set, a charmcraft.yaml that also holds `config` and `actions`).
/// JSON is valid YAML, so JSON texts work too.
struct SpecSources {
  std::string metadata;
  std::optional<std::string> config;
  std::optional<std::string> actions;
  /// File names used in messages.
  std::string metadata_file = "metadata.yaml";
  std::string config_file = "config.yaml";
  std::string actions_file = "actions.yaml";
  bool unified = false;
};

/// Loads a spec from texts. Throws SpecError.
CharmSpec load_charm_spec(const SpecSources& sources);

/// Loads the spec of the charm in `charm_dir`: charmcraft.yaml when it declares the
/// charm's metadata (a `name` key), else metadata.yaml with config.yaml and
/// actions.yaml beside it. Throws MetadataNotFoundError when neither exists,
/// SpecError when one is malformed.
CharmSpec load_charm_spec_dir(const std::string& charm_dir);

/// The spec as JSON (what `scenario spec` prints).
Json charm_spec_to_json(const CharmSpec& spec);

}  // namespace scenario

#endif  // SCENARIO_SPEC_LOAD_H_
