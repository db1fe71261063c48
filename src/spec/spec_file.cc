// SPDX-License-Identifier: Apache-2.0
// spec/spec_file.cc: parsing one spec file and the checks yaml-cpp does not make.

#include "spec_file.h"

#include <yaml-cpp/depthguard.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <tuple>
#include <utility>

#include "scenario/common/utf8.h"

namespace scenario::detail {

namespace {

// A recursive alias (`a: &x [*x]`) makes yaml-cpp build a cyclic tree, and an alias
// bomb an exponentially large one; both limits stop the walks over the tree.
constexpr int kMaxDepth = 200;
constexpr std::size_t kMaxNodes = 1'000'000;
constexpr int kMaxPathDepth = 16;

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

struct Utf8Error {
  std::size_t offset;
  unsigned char byte;
};

// The first byte that does not start or continue a well-formed UTF-8 sequence
// (RFC 3629: no overlong forms, no surrogates, nothing above U+10FFFF).
std::optional<Utf8Error> find_invalid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t length = utf8_sequence_length(text, i);
    // Point at the sequence's first byte: that is the character the editor shows.
    if (length == 0) return Utf8Error{i, static_cast<unsigned char>(text[i])};
    i += length;
  }
  return std::nullopt;
}

// yaml-cpp's messages name parser states; say what the author probably got wrong too.
std::string explain(const std::string& message) {
  if (message == "end of map flow not found") {
    return message + " (an unclosed '{'?)";
  }
  if (message == "end of sequence flow not found") {
    return message + " (an unclosed '['?)";
  }
  if (message == "end of map not found" || message == "end of sequence not found") {
    return message + " (a line indented differently from the keys or items above it?)";
  }
  if (message == "illegal map value") {
    return message + " (a ': ' inside an unquoted value, or wrong indentation?)";
  }
  return message;
}

std::string hex_byte(unsigned char byte) {
  constexpr char kDigits[] = "0123456789ABCDEF";
  return std::string("0x") + kDigits[byte >> 4] + kDigits[byte & 0xF];
}

}  // namespace

void Diagnostics::add(const SpecFile& file, Position where, std::string path, std::string message) {
  problems_.push_back(
      Problem{std::move(path), std::move(message), file.name(), where.line, where.column});
}

void Diagnostics::add(const SpecFile& file, const YAML::Node& at, std::string path,
                      std::string message) {
  add(file, file.position(at), std::move(path), std::move(message));
}

void Diagnostics::append(const Diagnostics& other) {
  problems_.insert(problems_.end(), other.problems_.begin(), other.problems_.end());
}

std::vector<Problem> Diagnostics::sorted(const std::vector<std::string>& file_order) const {
  auto rank = [&](const std::string& file) {
    auto it = std::find(file_order.begin(), file_order.end(), file);
    return static_cast<std::size_t>(it - file_order.begin());
  };
  std::vector<Problem> out = problems_;
  std::stable_sort(out.begin(), out.end(), [&](const Problem& a, const Problem& b) {
    return std::tuple(rank(a.file), a.line, a.column) < std::tuple(rank(b.file), b.line, b.column);
  });
  return out;
}

SpecFile::SpecFile(std::string name, std::string text)
    : name_(std::move(name)), text_(std::move(text)) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text_.size(); ++i) {
    if (text_[i] == '\n') line_starts_.push_back(i + 1);
  }
}

SpecFile SpecFile::parse(std::string name, std::string_view text, Diagnostics& diagnostics) {
  // yaml-cpp skips a byte-order mark without counting it; dropping it here keeps byte
  // offsets and marks in step.
  if (text.substr(0, kUtf8Bom.size()) == kUtf8Bom) text.remove_prefix(kUtf8Bom.size());
  SpecFile file(std::move(name), std::string(text));

  if (auto bad = find_invalid_utf8(file.text_)) {
    // Juju and ops read spec files as UTF-8; yaml-cpp would silently mangle the bytes.
    auto line_it =
        std::upper_bound(file.line_starts_.begin(), file.line_starts_.end(), bad->offset);
    const auto line = static_cast<std::size_t>(line_it - file.line_starts_.begin()) - 1;
    YAML::Mark mark;
    mark.line = static_cast<int>(line);
    mark.column = static_cast<int>(bad->offset - file.line_starts_[line]);
    diagnostics.add(
        file, file.position(mark), "",
        "not valid UTF-8 (byte " + hex_byte(bad->byte) + "); spec files must be saved as UTF-8");
    file.ok_ = false;
    return file;
  }

  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(file.text_);
  } catch (const YAML::DeepRecursion& e) {
    diagnostics.add(file, file.position(e.mark), "",
                    "YAML syntax error: nested too deeply for the YAML parser");
    file.ok_ = false;
    return file;
  } catch (const YAML::ParserException& e) {
    std::string message = "YAML syntax error: " + explain(e.msg);
    // Tabs are the commonest cause, and yaml-cpp's message ("illegal map value") does not
    // say so; look at the failing line and the one before it.
    for (int line = e.mark.line - 1; line <= e.mark.line; ++line) {
      if (line < 0 || static_cast<std::size_t>(line) >= file.line_starts_.size()) continue;
      const std::size_t start = file.line_starts_[static_cast<std::size_t>(line)];
      const std::size_t indent_end = file.text_.find_first_not_of(" \t", start);
      if (file.text_.find('\t', start) < std::min(indent_end, file.text_.size())) {
        message = "YAML syntax error: line " + std::to_string(line + 1) +
                  " is indented with a tab; YAML allows only spaces (yaml-cpp: " + e.msg + ")";
        break;
      }
    }
    diagnostics.add(file, file.position(e.mark), "", std::move(message));
    file.ok_ = false;
    return file;
  } catch (const std::exception& e) {
    diagnostics.add(file, Position{}, "", std::string("cannot parse YAML: ") + e.what());
    file.ok_ = false;
    return file;
  }

  if (documents.size() > 1) {
    const YAML::Mark mark = documents[1].Mark();
    // yaml-cpp starts a new document where PyYAML and Juju report a syntax error (for
    // instance a mapping key after a top-level list), so only a real `---` separator
    // gets the "several documents" message.
    std::string message = file.follows_document_marker(mark)
                              ? "more than one YAML document; a spec file holds exactly one"
                              : "YAML syntax error: unexpected content after the top-level "
                                "node; check the indentation of this line";
    diagnostics.add(file, file.position(mark), "", std::move(message));
    file.ok_ = false;
    return file;
  }
  if (documents.empty()) return file;

  // Duplicate keys leave a usable tree (the first value wins); cycles and unclosed
  // quotes do not, and check_tree clears ok_ for them.
  file.check_tree(documents.front(), diagnostics);
  if (file.ok_) file.root_ = documents.front();
  return file;
}

Position SpecFile::position(const YAML::Mark& mark) const {
  if (mark.line < 0 || mark.column < 0) return Position{};
  const auto line = static_cast<std::size_t>(mark.line);
  if (line >= line_starts_.size()) return Position{mark.line + 1, mark.column + 1};
  // yaml-cpp counts bytes; people and editors count characters.
  const std::size_t start = line_starts_[line];
  const std::size_t end = std::min(start + static_cast<std::size_t>(mark.column), text_.size());
  int column = 1;
  for (std::size_t i = start; i < end; ++i) {
    if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;
  }
  return Position{mark.line + 1, column};
}

Position SpecFile::position(const YAML::Node& node) const {
  Position where = position(node.Mark());
  if (where.line == 0) return Position{1, 1};
  return where;
}

std::size_t SpecFile::offset(const YAML::Mark& mark) const {
  if (mark.line < 0 || static_cast<std::size_t>(mark.line) >= line_starts_.size()) {
    return text_.size();
  }
  return std::min(
      line_starts_[static_cast<std::size_t>(mark.line)] + static_cast<std::size_t>(mark.column),
      text_.size());
}

bool SpecFile::follows_document_marker(const YAML::Mark& mark) const {
  auto is_marker = [](std::string_view line) {
    return line.substr(0, 3) == "---" || line.substr(0, 3) == "...";
  };
  if (mark.line < 0) return false;
  for (auto line = static_cast<std::size_t>(mark.line) + 1; line-- > 0;) {
    if (line >= line_starts_.size()) continue;
    const std::size_t start = line_starts_[line];
    const std::size_t end = line + 1 < line_starts_.size() ? line_starts_[line + 1] : text_.size();
    const std::string_view text = std::string_view(text_).substr(start, end - start);
    if (is_marker(text)) return true;
    const std::size_t first = text.find_first_not_of(" \t\r\n");
    const bool blank_or_comment = first == std::string_view::npos || text[first] == '#';
    // The document's first line may itself hold content after the marker; any other
    // content line before the mark means there was no marker.
    if (!blank_or_comment && line != static_cast<std::size_t>(mark.line)) return false;
  }
  return false;
}

void SpecFile::check_quoted_scalar(const YAML::Node& node, const std::string& path,
                                   Diagnostics& diagnostics) const {
  // yaml-cpp ends a quoted scalar at the end of the stream without complaint, so a
  // forgotten closing quote swallows the rest of the file; find the closing quote here.
  const std::size_t start = offset(node.Mark());
  if (start >= text_.size()) return;
  const char quote = text_[start];
  if (quote != '"' && quote != '\'') return;
  for (std::size_t i = start + 1; i < text_.size(); ++i) {
    if (quote == '"' && text_[i] == '\\') {
      ++i;
    } else if (text_[i] == quote) {
      if (quote == '\'' && i + 1 < text_.size() && text_[i + 1] == '\'') {
        ++i;  // '' is an escaped single quote
      } else {
        return;
      }
    }
  }
  diagnostics.add(*this, node, path,
                  std::string("YAML syntax error: unclosed ") +
                      (quote == '"' ? "double" : "single") +
                      " quote; the string runs to the end of the file");
}

void SpecFile::check_tree(const YAML::Node& root, Diagnostics& diagnostics) {
  struct Walker {
    const SpecFile& file;
    Diagnostics& diagnostics;
    std::size_t nodes = 0;
    bool usable = true;

    void walk(const YAML::Node& node, const std::string& path, int depth) {
      if (!usable) return;
      if (depth > kMaxDepth || ++nodes > kMaxNodes) {
        diagnostics.add(file, node, path,
                        depth > kMaxDepth ? "nested more than " + std::to_string(kMaxDepth) +
                                                " levels deep (an alias that refers to itself?)"
                                          : "more than " + std::to_string(kMaxNodes) +
                                                " nodes (aliases expanding too far?)");
        usable = false;
        return;
      }
      // Past some depth the path only grows unreadable (a self-referring alias); stop
      // extending it there.
      const auto child = [&](const std::string& suffix) {
        if (depth < kMaxPathDepth) return path + suffix;
        return path.size() >= 3 && path.compare(path.size() - 3, 3, "...") == 0 ? path
                                                                                : path + "...";
      };
      if (node.IsScalar()) {
        const std::size_t before = diagnostics.size();
        file.check_quoted_scalar(node, path, diagnostics);
        if (diagnostics.size() != before) usable = false;
      } else if (node.IsSequence()) {
        std::size_t index = 0;
        for (const YAML::Node& item : node) {
          walk(item, child("[" + std::to_string(index++) + "]"), depth + 1);
        }
      } else if (node.IsMap()) {
        std::map<std::string, YAML::Mark> seen;
        for (auto it = node.begin(); it != node.end(); ++it) {
          // A copy: `it->` returns a temporary proxy, so a reference would dangle.
          const YAML::Node key = it->first;
          if (!key.IsScalar() && !key.IsNull()) {
            diagnostics.add(file, key, path,
                            std::string("mapping keys must be plain names, not a ") +
                                (key.IsMap() ? "mapping" : "list"));
            continue;
          }
          const std::string text = key.IsNull() ? "" : key.Scalar();
          const std::string key_path = path.empty() ? text : child("." + text);
          walk(key, key_path, depth + 1);
          auto [previous, inserted] = seen.emplace(text, key.Mark());
          if (!inserted) {
            // Juju's and PyYAML's loaders keep the last value, yaml-cpp the first; a
            // duplicate is always a mistake, so report it rather than pick one.
            diagnostics.add(file, key, key_path,
                            "duplicate key '" + text + "' (first at line " +
                                std::to_string(file.position(previous->second).line) +
                                "); keys must be unique within a mapping");
          }
          const YAML::Node value = it->second;
          walk(value, key_path, depth + 1);
        }
      }
    }
  };
  Walker walker{*this, diagnostics};
  walker.walk(root, "", 0);
  if (!walker.usable) ok_ = false;
}

}  // namespace scenario::detail
