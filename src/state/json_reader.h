// SPDX-License-Identifier: Apache-2.0
// state/json_reader.h: a JSON walker that collects problems with their paths.
//
// The per-type readers of the state format are written against these two classes so
// each stays short: JsonReader checks single values and records what is wrong;
// ObjectReader walks one JSON object, knows which keys were asked for and reports the
// others as unknown, with a "did you mean" suggestion.
//
// Nothing here throws for bad input: a reader returns nullopt (or leaves its output
// untouched) and records a Problem, so one pass finds every problem in a document.
//
// Path syntax (docs/state-format.md): object keys made only of ASCII letters, digits,
// '_' and '-' are appended as `.key` (`relations[1].remote_units_data.0.foo`); any other
// key is appended as `["key"]` with JSON string escaping (`config["my key"]`); array
// elements as `[i]`. The document root is the empty path.

#ifndef SCENARIO_SRC_STATE_JSON_READER_H_
#define SCENARIO_SRC_STATE_JSON_READER_H_

#include <array>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "enum_names.h"
#include "scenario/errors.h"
#include "scenario/state/json_path.h"
#include "scenario/state/json_path.h"
#include "scenario/state/types.h"

namespace scenario::detail {

/// Documents nested deeper than this are rejected: nlohmann's copy, comparison and dump
/// recurse, so an unbounded depth could overflow the stack.
inline constexpr int kMaxJsonDepth = 512;


/// `a string`, `a number`, `null`, ...: the JSON type of `value` for messages.
std::string json_type_phrase(const Json& value);

/// `text` in single quotes, with control characters and bytes that are not valid UTF-8
/// escaped, so messages are always valid UTF-8.
std::string quote_text(std::string_view text);

/// The candidate closest to `key`, if close enough to be a likely typo.
std::optional<std::string> closest_match(std::string_view key,
                                         const std::vector<std::string>& candidates);

/// Parses a JSON document. On failure returns nullopt and appends problems: a syntax
/// error (message with 1-based line and column), nesting deeper than kMaxJsonDepth, or
/// repeated object keys.
std::optional<Json> parse_json_document(std::string_view text, std::vector<Problem>& problems);

/// Adds a problem if `value` nests deeper than kMaxJsonDepth. Does not recurse.
bool check_json_depth(const Json& value, std::vector<Problem>& problems);

/// `value` as a databag when it is an object of strings only, else nullopt. Records
/// nothing: the fast path for valid documents, whose caller reads a wrong value again
/// with JsonReader::get_string_map to report its problems.
std::optional<Databag> read_databag(const Json& value);

/// Checks single values, recording a Problem at the given path for each mismatch.
class JsonReader {
 public:
  explicit JsonReader(std::vector<Problem>& problems) : problems_(problems) {}

  void add_problem(std::string path, std::string message);
  std::size_t problem_count() const { return problems_.size(); }

  bool expect_object(const Json& value, const std::string& path);
  bool expect_array(const Json& value, const std::string& path);

  std::optional<std::string> get_string(const Json& value, const std::string& path);
  std::optional<bool> get_bool(const Json& value, const std::string& path);
  std::optional<double> get_number(const Json& value, const std::string& path);
  std::optional<std::int64_t> get_int64(const Json& value, const std::string& path,
                                        std::int64_t min, std::int64_t max);
  std::optional<int> get_int(const Json& value, const std::string& path, int min = INT_MIN,
                             int max = INT_MAX);
  /// A string that must be one of `names`.
  template <std::size_t N>
  std::optional<std::string> get_choice(const Json& value, const std::string& path,
                                        const std::array<std::string_view, N>& names);
  /// A string naming an enumerator of `table`.
  template <typename E, std::size_t N>
  std::optional<E> get_enum(const Json& value, const std::string& path,
                            const std::array<EnumName<E>, N>& table);

  /// An array of strings; wrong elements are reported and skipped.
  std::vector<std::string> get_string_list(const Json& value, const std::string& path);
  /// An object of string values; wrong values are reported and skipped.
  /// `what` completes "expected a string, got a number; <what>".
  Databag get_string_map(const Json& value, const std::string& path,
                         std::string_view what = "databags hold strings only");
  /// A non-negative decimal object key such as "0" or "42" (unit ids, revisions, ...).
  /// `path` is the key's own path; `what` names what the key is, e.g. "a unit id".
  std::optional<int> get_int_key(std::string_view key, const std::string& path,
                                 std::string_view what);

 private:
  std::vector<Problem>& problems_;
};

/// Walks one JSON object. Call get/require/reject/ignore for every key the object may
/// hold, then finish() to report the remaining keys as unknown. The keys given must
/// outlive the reader (they are string literals or constant tables).
class ObjectReader {
 public:
  /// Records "expected an object" if `value` is not one; every later call is then a no-op.
  ObjectReader(JsonReader& reader, const Json& value, std::string path);

  bool is_object() const { return object_ != nullptr; }
  const std::string& path() const { return path_; }
  std::string key_path(std::string_view key) const { return json_path_key(path_, key); }
  JsonReader& reader() { return reader_; }

  /// Whether the object holds `key`; marks nothing.
  bool contains(std::string_view key) const { return object_ != nullptr && object_->contains(key); }
  /// A known key's value, or nullptr when absent.
  const Json* get(std::string_view key);
  /// As get(), and records "missing required key" when absent.
  const Json* require(std::string_view key);
  /// A key of another variant (e.g. another relation kind): records `message` if present.
  void reject(std::string_view key, std::string message);
  /// A known key that is deliberately not read (e.g. after an earlier error).
  void ignore(std::string_view key);

  // Typed shorthands: when `key` is present and valid they store its value in `out`;
  // otherwise `out` keeps its default.
  void read(std::string_view key, std::string& out);
  void read(std::string_view key, bool& out);
  void read(std::string_view key, int& out, int min = INT_MIN, int max = INT_MAX);
  /// A string or null.
  void read(std::string_view key, std::optional<std::string>& out);
  void read(std::string_view key, std::vector<std::string>& out);
  void read_string_map(std::string_view key, Databag& out);
  void read_required(std::string_view key, std::string& out);

  /// Reports every key not named by get/require/reject/ignore as unknown.
  void finish();

 private:
  JsonReader& reader_;
  const Json* object_ = nullptr;
  std::string path_;
  // Documents are read far more often than they are wrong: the keys asked for are kept
  // as views, and the paths of values are only built for a problem.
  std::vector<std::string_view> known_;
  std::vector<std::string_view> handled_;
};

template <std::size_t N>
std::optional<std::string> JsonReader::get_choice(const Json& value, const std::string& path,
                                                  const std::array<std::string_view, N>& names) {
  if (!value.is_string()) {
    add_problem(path, "expected " + name_choices(names) + ", got " + json_type_phrase(value));
    return std::nullopt;
  }
  std::string text = value.get<std::string>();
  if (is_one_of(names, text)) return text;
  add_problem(path, "expected " + name_choices(names) + ", got " + quote_text(text));
  return std::nullopt;
}

template <typename E, std::size_t N>
std::optional<E> JsonReader::get_enum(const Json& value, const std::string& path,
                                      const std::array<EnumName<E>, N>& table) {
  if (!value.is_string()) {
    add_problem(path, "expected " + enum_choices(table) + ", got " + json_type_phrase(value));
    return std::nullopt;
  }
  const std::string& text = value.get_ref<const std::string&>();
  if (std::optional<E> found = enum_from_name(table, text)) return found;
  add_problem(path, "expected " + enum_choices(table) + ", got " + quote_text(text));
  return std::nullopt;
}

}  // namespace scenario::detail

#endif  // SCENARIO_SRC_STATE_JSON_READER_H_
