// SPDX-License-Identifier: Apache-2.0
// spec/spec_file.h: one spec file parsed into a YAML tree, with positions and problems.
//
// yaml-cpp is lenient where Juju's and PyYAML's parsers are not (it accepts unclosed
// quotes at the end of the stream, duplicate keys, and splits some malformed documents
// in two), so SpecFile adds the checks those parsers make. Every failure becomes a
// Problem in a Diagnostics; nothing here throws.

#ifndef SCENARIO_SPEC_SPEC_FILE_H_
#define SCENARIO_SPEC_SPEC_FILE_H_

#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "scenario/errors.h"

namespace scenario::detail {

/// A 1-based line and column (columns count characters, not bytes); 0 when unknown.
struct Position {
  int line = 0;
  int column = 0;
};

class SpecFile;

/// Collects the problems of every file of one spec, then sorts them into document order.
class Diagnostics {
 public:
  void add(const SpecFile& file, Position where, std::string path, std::string message);
  void add(const SpecFile& file, const YAML::Node& at, std::string path, std::string message);

  /// A problem with no node to point at (an unreadable file).
  void add(Problem problem) { problems_.push_back(std::move(problem)); }
  /// Adds every problem of `other`.
  void append(const Diagnostics& other);

  bool empty() const { return problems_.empty(); }
  std::size_t size() const { return problems_.size(); }

  /// The problems ordered by file (in `file_order`, then files not in it), line and
  /// column; problems at one place keep the order they were found in.
  std::vector<Problem> sorted(const std::vector<std::string>& file_order) const;

 private:
  std::vector<Problem> problems_;
};

/// One parsed YAML spec file.
///
/// Invariant: when `ok()` is false the file could not be parsed and `root()` is a Null
/// node; its problems are already in the Diagnostics given to `parse`.
class SpecFile {
 public:
  /// Parses `text`, reporting encoding errors, syntax errors, more than one document,
  /// unclosed quotes, non-scalar keys and duplicate keys to `diagnostics`.
  static SpecFile parse(std::string name, std::string_view text, Diagnostics& diagnostics);

  /// The file name used in messages.
  const std::string& name() const { return name_; }
  /// The document's root; a Null node when the file is empty or could not be parsed.
  const YAML::Node& root() const { return root_; }
  /// False when the file has encoding or syntax errors.
  bool ok() const { return ok_; }

  /// Where a yaml-cpp mark points, in characters; {0, 0} for a null mark.
  Position position(const YAML::Mark& mark) const;
  /// Where `node` starts; {1, 1} when yaml-cpp has no mark for it (an empty document).
  Position position(const YAML::Node& node) const;

 private:
  SpecFile(std::string name, std::string text);

  void check_tree(const YAML::Node& root, Diagnostics& diagnostics);
  void check_quoted_scalar(const YAML::Node& node, const std::string& path,
                           Diagnostics& diagnostics) const;
  std::size_t offset(const YAML::Mark& mark) const;
  bool follows_document_marker(const YAML::Mark& mark) const;

  std::string name_;
  std::string text_;
  /// Byte offset of the start of each line of `text_`.
  std::vector<std::size_t> line_starts_;
  YAML::Node root_;
  bool ok_ = true;
};

}  // namespace scenario::detail

#endif  // SCENARIO_SPEC_SPEC_FILE_H_
