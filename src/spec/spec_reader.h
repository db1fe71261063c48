// SPDX-License-Identifier: Apache-2.0
// spec/spec_reader.h: typed, position-aware reads from a parsed spec file.
//
// Every read that finds the wrong shape reports a Problem naming the key path and what
// was expected, and returns nothing, so one pass over a file finds every problem.

#ifndef SCENARIO_SPEC_SPEC_READER_H_
#define SCENARIO_SPEC_SPEC_READER_H_

#include <yaml-cpp/yaml.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "spec_file.h"

namespace scenario::detail {

/// A node together with where it sits: its key path and the key that holds it.
struct Field {
  /// Key path such as `requires.db.interface` or `containers.app.mounts[0]`.
  std::string path;
  /// The mapping key that holds the value; undefined for the root and list items.
  YAML::Node key;
  YAML::Node value;

  /// The key's own name (last path element) for messages.
  std::string name() const;
  bool is_null() const { return !value.IsDefined() || value.IsNull(); }
};

/// Reads fields of one file, reporting problems to a Diagnostics.
class SpecReader {
 public:
  SpecReader(const SpecFile& file, Diagnostics& diagnostics)
      : file_(file), diagnostics_(diagnostics) {}

  const SpecFile& file() const { return file_; }

  /// The file's root, with an empty path.
  Field root() const { return Field{"", YAML::Node(), file_.root()}; }

  /// Where a problem about `field`'s value is reported. An empty value (`key:` with
  /// nothing after it) is reported at its key: yaml-cpp marks it on the next line.
  Position where(const Field& field) const;
  /// Where a problem about `field`'s key (its name) is reported.
  Position where_key(const Field& field) const;

  /// Reports a problem about `field`'s value.
  void error(const Field& field, std::string message);
  /// Reports a problem about `field`'s name.
  void error_at_key(const Field& field, std::string message);
  /// Reports `expected <what>, got <describe(value)>`.
  void expected(const Field& field, std::string_view what);

  /// True when `field` is a mapping; otherwise reports `expected <what>`.
  bool expect_mapping(const Field& field, std::string_view what);
  /// True when `field` is a sequence; otherwise reports `expected <what>`.
  bool expect_list(const Field& field, std::string_view what);

  /// The entries of a mapping, first of duplicate keys only, in file order.
  std::vector<Field> entries(const Field& mapping) const;
  /// The items of a sequence, with `path[i]` paths.
  std::vector<Field> items(const Field& list) const;
  /// The entry `key` of a mapping, when present.
  std::optional<Field> find(const Field& mapping, std::string_view key) const;

  /// Reports `missing required key '<key>'; <hint>` at the mapping's key.
  void missing(const Field& mapping, std::string_view key, std::string_view hint);

  /// Typed scalars; a wrong type is reported (`what` names the expectation).
  std::optional<std::string> string(const Field& field, std::string_view what = "a string");
  std::optional<bool> boolean(const Field& field, std::string_view what = "true or false");
  std::optional<std::int64_t> integer(const Field& field, std::string_view what = "an integer");
  /// A list of strings; wrong items are reported and skipped.
  std::vector<std::string> string_list(const Field& field,
                                       std::string_view what = "a list of strings");

  /// Convenience: the optional entry `key` of `mapping` read as a string, bool, etc.
  std::optional<std::string> optional_string(const Field& mapping, std::string_view key);
  std::optional<bool> optional_boolean(const Field& mapping, std::string_view key);

 private:
  const SpecFile& file_;
  Diagnostics& diagnostics_;
};

/// `parent.key`, or `key` for the root.
std::string join_path(const std::string& parent, std::string_view key);

}  // namespace scenario::detail

#endif  // SCENARIO_SPEC_SPEC_READER_H_
