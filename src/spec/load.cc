// SPDX-License-Identifier: Apache-2.0
// spec/load.cc: which files a charm's spec comes from, and reading them into a CharmSpec.
//
// Precedence (see docs/charm-spec.md):
//  - charmcraft.yaml with a top-level `name` is the charm's metadata (the unified form
//    of Charmcraft 2.5+); a metadata.yaml beside it is then ignored.
//  - Otherwise metadata.yaml is the metadata, and charmcraft.yaml only a build file.
//  - Config comes from charmcraft.yaml's `config` key when it has one, else from
//    config.yaml; actions likewise from `actions`, else actions.yaml. Charmcraft refuses
//    to pack a charm that has both; the key wins here so that a test still runs.

#include "scenario/spec/load.h"

#include <filesystem>
#include <optional>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "scenario/common/files.h"
#include "spec_file.h"
#include "spec_readers.h"

namespace scenario {

namespace {

using detail::Diagnostics;
using detail::Field;
using detail::SpecFile;
using detail::SpecReader;

/// Where config or actions are read from: a whole file, or one key of charmcraft.yaml.
struct Part {
  const SpecFile* file;
  Field section;
};

Field root_of(const SpecFile& file) { return Field{"", YAML::Node(), file.root()}; }

// The `config` or `actions` key of charmcraft.yaml, when it has one.
std::optional<Part> charmcraft_section(const SpecFile* file, const char* key) {
  if (file == nullptr || !file->ok() || !file->root().IsMap()) return std::nullopt;
  Diagnostics unused;
  SpecReader reader(*file, unused);
  if (auto section = reader.find(reader.root(), key)) return Part{file, *section};
  return std::nullopt;
}

void add_source(CharmSpec& spec, const std::string& file) {
  for (const std::string& existing : spec.sources) {
    if (existing == file) return;
  }
  spec.sources.push_back(file);
}

// Reads the spec from files already parsed; problems go to `diagnostics`.
CharmSpec read_spec(const SpecFile& metadata, const std::optional<Part>& config,
                    const std::optional<Part>& actions, Diagnostics& diagnostics) {
  CharmSpec spec;
  add_source(spec, metadata.name());
  if (metadata.ok()) {
    SpecReader reader(metadata, diagnostics);
    detail::read_metadata(reader, spec);
  }
  if (config) {
    add_source(spec, config->file->name());
    SpecReader reader(*config->file, diagnostics);
    if (config->file->ok()) detail::read_config(reader, config->section, spec.config);
  }
  if (actions) {
    add_source(spec, actions->file->name());
    SpecReader reader(*actions->file, diagnostics);
    if (actions->file->ok()) detail::read_actions(reader, actions->section, spec.actions);
  }
  return spec;
}

// The text of `path`, or nullopt when it does not exist; an unreadable file becomes a
// problem rather than an escaping exception.
std::optional<std::string> read_text(const std::string& path, Diagnostics& diagnostics) {
  try {
    return detail::read_file_if_exists(path);
  } catch (const std::exception& e) {
    diagnostics.add(Problem{"", e.what(), path, 0, 0});
    return std::nullopt;
  }
}

// A part from charmcraft.yaml's `key` when present, else from the file at `path`
// (parsed into `storage`), else none.
std::optional<Part> choose_part(const SpecFile* charmcraft, const char* key,
                                const std::optional<std::string>& text, const std::string& name,
                                std::optional<SpecFile>& storage, Diagnostics& diagnostics) {
  if (auto part = charmcraft_section(charmcraft, key)) return part;
  if (!text) return std::nullopt;
  storage.emplace(SpecFile::parse(name, *text, diagnostics));
  return Part{&*storage, root_of(*storage)};
}

// Runs `load`, turning any exception from yaml-cpp or nlohmann::json (which the readers
// are written never to provoke) into a SpecError, so callers see one error type.
template <typename Load>
CharmSpec guarded(const std::string& file, Load load) {
  try {
    return load();
  } catch (const Error&) {
    throw;
  } catch (const YAML::Exception& e) {
    throw SpecError({Problem{"", std::string("cannot read YAML: ") + e.what(), file, 0, 0}});
  } catch (const nlohmann::json::exception& e) {
    throw SpecError({Problem{"", std::string("cannot convert to JSON: ") + e.what(), file, 0, 0}});
  }
}

CharmSpec load_texts(const SpecSources& sources) {
  Diagnostics diagnostics;
  const SpecFile metadata = SpecFile::parse(sources.metadata_file, sources.metadata, diagnostics);
  const SpecFile* charmcraft = sources.unified ? &metadata : nullptr;
  // A unified file that cannot be parsed may or may not hold config and actions; the
  // separate texts are not read in their place, which could only add misleading problems.
  const bool read_texts = !sources.unified || metadata.ok();
  std::optional<SpecFile> config_file;
  std::optional<SpecFile> actions_file;
  const auto config = choose_part(charmcraft, "config", read_texts ? sources.config : std::nullopt,
                                  sources.config_file, config_file, diagnostics);
  const auto actions =
      choose_part(charmcraft, "actions", read_texts ? sources.actions : std::nullopt,
                  sources.actions_file, actions_file, diagnostics);
  CharmSpec spec = read_spec(metadata, config, actions, diagnostics);
  if (!diagnostics.empty()) {
    throw SpecError(
        diagnostics.sorted({sources.metadata_file, sources.config_file, sources.actions_file}));
  }
  return spec;
}

CharmSpec load_dir(const std::string& charm_dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status status = fs::status(charm_dir, ec);
  if (!fs::exists(status)) {
    throw MetadataNotFoundError("charm directory '" + charm_dir +
                                "' does not exist; expected a directory holding "
                                "charmcraft.yaml or metadata.yaml");
  }
  if (!fs::is_directory(status)) {
    throw MetadataNotFoundError("'" + charm_dir +
                                "' is not a directory; expected a charm directory holding "
                                "charmcraft.yaml or metadata.yaml");
  }
  const auto path_of = [&](const char* name) { return (fs::path(charm_dir) / name).string(); };
  const std::string charmcraft_path = path_of("charmcraft.yaml");
  const std::string metadata_path = path_of("metadata.yaml");
  const std::string config_path = path_of("config.yaml");
  const std::string actions_path = path_of("actions.yaml");
  const std::vector<std::string> file_order = {charmcraft_path, metadata_path, config_path,
                                               actions_path};

  Diagnostics diagnostics;
  // charmcraft.yaml's own problems (duplicate keys in `parts`, say) count only when the
  // spec is read from it, or when it cannot be parsed at all: then nobody can tell
  // whether it declares the charm.
  Diagnostics charmcraft_diagnostics;
  std::optional<SpecFile> charmcraft;
  if (auto text = read_text(charmcraft_path, diagnostics)) {
    charmcraft.emplace(SpecFile::parse(charmcraft_path, *text, charmcraft_diagnostics));
    if (!charmcraft->ok()) diagnostics.append(charmcraft_diagnostics);
  }
  const SpecFile* usable_charmcraft = charmcraft && charmcraft->ok() ? &*charmcraft : nullptr;
  const bool unified = usable_charmcraft != nullptr && usable_charmcraft->root().IsMap() &&
                       usable_charmcraft->root()["name"].IsDefined();

  std::optional<SpecFile> metadata_file;
  const SpecFile* metadata = nullptr;
  if (unified) {
    metadata = usable_charmcraft;
  } else if (auto text = read_text(metadata_path, diagnostics)) {
    metadata_file.emplace(SpecFile::parse(metadata_path, *text, diagnostics));
    metadata = &*metadata_file;
  } else if (diagnostics.empty()) {
    throw MetadataNotFoundError(
        "no charm metadata in '" + charm_dir + "': " +
        (charmcraft ? "charmcraft.yaml has no 'name' key and metadata.yaml does not exist"
                    : "neither charmcraft.yaml nor metadata.yaml exists"));
  } else {
    throw SpecError(diagnostics.sorted(file_order));
  }

  std::optional<SpecFile> config_file;
  std::optional<SpecFile> actions_file;
  const auto part = [&](const char* key, const std::string& path,
                        std::optional<SpecFile>& storage) {
    // The file is read only when charmcraft.yaml's key does not take its place.
    std::optional<std::string> text;
    if (!charmcraft_section(usable_charmcraft, key)) text = read_text(path, diagnostics);
    return choose_part(usable_charmcraft, key, text, path, storage, diagnostics);
  };
  const auto config = part("config", config_path, config_file);
  const auto actions = part("actions", actions_path, actions_file);
  const bool charmcraft_used = unified || (config && config->file == usable_charmcraft) ||
                               (actions && actions->file == usable_charmcraft);
  if (charmcraft_used) diagnostics.append(charmcraft_diagnostics);

  CharmSpec spec = read_spec(*metadata, config, actions, diagnostics);
  if (!diagnostics.empty()) throw SpecError(diagnostics.sorted(file_order));
  // Problems carry the path (so editors can open it); `sources` names the files as the
  // charm knows them.
  for (std::string& source : spec.sources) source = fs::path(source).filename().string();
  return spec;
}

}  // namespace

CharmSpec load_charm_spec(const SpecSources& sources) {
  return guarded(sources.metadata_file, [&] { return load_texts(sources); });
}

CharmSpec load_charm_spec_dir(const std::string& charm_dir) {
  return guarded(charm_dir, [&] { return load_dir(charm_dir); });
}

}  // namespace scenario
