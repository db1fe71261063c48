// SPDX-License-Identifier: Apache-2.0
// state/json_reader.cc: parsing JSON text safely, and walking values while collecting
// every problem with its path.

#include "json_reader.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "scenario/common/text.h"
#include "scenario/common/utf8.h"
#include "scenario/state/json.h"

namespace scenario::detail {

namespace {

std::string hex_escape(unsigned char byte) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "\\x%02X", static_cast<unsigned>(byte));
  return buffer;
}

// `text` with control characters and invalid UTF-8 escaped.
std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c < 0x20 || c == 0x7F) {
      out += hex_escape(c);
    } else {
      const std::size_t length = utf8_sequence_length(text, i);
      if (length == 0) {
        out += hex_escape(c);
      } else {
        out.append(text.substr(i, length));
        i += length;
        continue;
      }
    }
    ++i;
  }
  return out;
}

// 1-based line and column of byte `offset`. Columns count characters, not bytes, so
// they match what an editor shows for UTF-8 text.
std::pair<int, int> line_and_column(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  int line = 1;
  int column = 1;
  for (std::size_t i = 0; i < offset; ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++line;
      column = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++column;
    }
  }
  return {line, column};
}

Problem text_problem(std::string_view text, std::size_t offset, const std::string& what) {
  const auto [line, column] = line_and_column(text, offset);
  Problem problem;
  problem.message = "invalid JSON at line " + std::to_string(line) + ", column " +
                    std::to_string(column) + ": " + what;
  problem.line = line;
  problem.column = column;
  return problem;
}

// Finds the first bracket that opens level kMaxJsonDepth + 1, skipping string contents.
// Runs before nlohmann sees the text so a hostile document is refused before any
// recursive operation touches it.
std::optional<std::size_t> find_too_deep(std::string_view text) {
  int depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > kMaxJsonDepth) return i;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return std::nullopt;
}

// nlohmann's message reads "[json.exception.parse_error.101] parse error at line 1,
// column 4: syntax error while parsing value - invalid literal; ...". Keep the part
// after the last " - " (or after the position) and make it printable.
std::string parse_error_detail(const std::string& what) {
  std::string_view detail = what;
  const std::size_t position = detail.find("column ");
  if (position != std::string_view::npos) {
    const std::size_t colon = detail.find(": ", position);
    if (colon != std::string_view::npos) detail.remove_prefix(colon + 2);
  }
  constexpr std::string_view kSyntax = "syntax error while parsing ";
  if (detail.starts_with(kSyntax)) {
    const std::size_t dash = detail.find(" - ");
    if (dash != std::string_view::npos) detail.remove_prefix(dash + 3);
  }
  return printable(detail);
}

// Tracks where the nlohmann parser is, through its callback, to report repeated keys
// with their path (nlohmann silently keeps the last one).
class DuplicateKeyFinder {
 public:
  explicit DuplicateKeyFinder(std::vector<Problem>& problems) : problems_(problems) {}

  bool on_event(Json::parse_event_t event, const Json& parsed) {
    switch (event) {
      case Json::parse_event_t::object_start:
      case Json::parse_event_t::array_start:
        frames_.push_back(
            Frame{event == Json::parse_event_t::object_start, child_path(), {}, {}, 0});
        break;
      case Json::parse_event_t::key: {
        Frame& frame = frames_.back();
        frame.key = parsed.get<std::string>();
        if (!frame.keys.insert(frame.key).second) {
          problems_.push_back(Problem{
              json_path_key(frame.path, frame.key),
              "duplicate key " + quote_text(frame.key) + "; each key may appear once in an object",
              "", 0, 0});
        }
        break;
      }
      case Json::parse_event_t::object_end:
      case Json::parse_event_t::array_end:
        frames_.pop_back();
        advance();
        break;
      case Json::parse_event_t::value:
        advance();
        break;
    }
    return true;
  }

 private:
  struct Frame {
    bool is_object;
    std::string path;
    std::set<std::string> keys;
    std::string key;
    std::size_t index;
  };

  std::string child_path() const {
    if (frames_.empty()) return "";
    const Frame& parent = frames_.back();
    return parent.is_object ? json_path_key(parent.path, parent.key)
                            : json_path_index(parent.path, parent.index);
  }

  void advance() {
    if (!frames_.empty() && !frames_.back().is_object) ++frames_.back().index;
  }

  std::vector<Problem>& problems_;
  std::vector<Frame> frames_;
};

}  // namespace

std::string json_type_phrase(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null:
      return "null";
    case Json::value_t::boolean:
      return "a boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
      return "a number";
    case Json::value_t::string:
      return "a string";
    case Json::value_t::array:
      return "an array";
    case Json::value_t::object:
      return "an object";
    case Json::value_t::binary:
    case Json::value_t::discarded:
      break;
  }
  return "an unsupported value";
}

std::string quote_text(std::string_view text) { return "'" + printable(text) + "'"; }

std::optional<std::string> closest_match(std::string_view key,
                                         const std::vector<std::string>& candidates) {
  // A third of the key's length, at least one edit: "endpiont" -> "endpoint" is 1 (a
  // transposition), while short unrelated keys do not match each other.
  const std::size_t limit = std::max<std::size_t>(1, key.size() / 3);
  std::optional<std::string> best;
  std::size_t best_distance = limit + 1;
  for (const std::string& candidate : candidates) {
    const std::size_t distance = edit_distance(key, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

std::optional<Json> parse_json_document(std::string_view text, std::vector<Problem>& problems) {
  if (const std::optional<std::size_t> deep = find_too_deep(text)) {
    problems.push_back(text_problem(text, *deep,
                                    "nesting deeper than " + std::to_string(kMaxJsonDepth) +
                                        " levels; state documents are never this deep"));
    return std::nullopt;
  }
  DuplicateKeyFinder finder(problems);
  try {
    return Json::parse(
        text.begin(), text.end(),
        [&finder](int /*depth*/, Json::parse_event_t event, Json& parsed) {
          return finder.on_event(event, parsed);
        },
        /*allow_exceptions=*/true, /*ignore_comments=*/false);
  } catch (const Json::parse_error& error) {
    // error.byte is the 1-based index of the byte the parser stopped at.
    const std::size_t offset = error.byte > 0 ? error.byte - 1 : 0;
    problems.push_back(text_problem(text, offset, parse_error_detail(error.what())));
  } catch (const Json::exception& error) {
    problems.push_back(Problem{"", "invalid JSON: " + printable(error.what()), "", 0, 0});
  }
  return std::nullopt;
}

bool check_json_depth(const Json& value, std::vector<Problem>& problems) {
  std::vector<std::pair<const Json*, int>> pending = {{&value, 1}};
  while (!pending.empty()) {
    const auto [node, depth] = pending.back();
    pending.pop_back();
    if (!node->is_structured()) continue;
    if (depth > kMaxJsonDepth) {
      problems.push_back(Problem{"",
                                 "nesting deeper than " + std::to_string(kMaxJsonDepth) +
                                     " levels; state documents are never this deep",
                                 "", 0, 0});
      return false;
    }
    for (const Json& child : *node) pending.emplace_back(&child, depth + 1);
  }
  return true;
}

void JsonReader::add_problem(std::string path, std::string message) {
  problems_.push_back(Problem{std::move(path), std::move(message), "", 0, 0});
}

bool JsonReader::expect_object(const Json& value, const std::string& path) {
  if (value.is_object()) return true;
  add_problem(path, "expected an object, got " + json_type_phrase(value));
  return false;
}

bool JsonReader::expect_array(const Json& value, const std::string& path) {
  if (value.is_array()) return true;
  add_problem(path, "expected an array, got " + json_type_phrase(value));
  return false;
}

std::optional<std::string> JsonReader::get_string(const Json& value, const std::string& path) {
  if (value.is_string()) return value.get<std::string>();
  add_problem(path, "expected a string, got " + json_type_phrase(value));
  return std::nullopt;
}

std::optional<bool> JsonReader::get_bool(const Json& value, const std::string& path) {
  if (value.is_boolean()) return value.get<bool>();
  add_problem(path, "expected a boolean, got " + json_type_phrase(value));
  return std::nullopt;
}

std::optional<double> JsonReader::get_number(const Json& value, const std::string& path) {
  if (value.is_number()) return value.get<double>();
  add_problem(path, "expected a number, got " + json_type_phrase(value));
  return std::nullopt;
}

std::optional<std::int64_t> JsonReader::get_int64(const Json& value, const std::string& path,
                                                  std::int64_t min, std::int64_t max) {
  const auto out_of_range = [&] {
    add_problem(path, "expected an integer from " + std::to_string(min) + " to " +
                          std::to_string(max) + ", got " + value.dump());
    return std::nullopt;
  };
  if (value.is_number_unsigned()) {
    // Unsigned values above INT64_MAX cannot be converted without wrapping.
    const std::uint64_t number = value.get<std::uint64_t>();
    if (max < 0 || number > static_cast<std::uint64_t>(max)) return out_of_range();
    const auto signed_number = static_cast<std::int64_t>(number);
    if (signed_number < min) return out_of_range();
    return signed_number;
  }
  if (value.is_number_integer()) {
    const std::int64_t number = value.get<std::int64_t>();
    if (number < min || number > max) return out_of_range();
    return number;
  }
  if (value.is_number_float()) {
    // nlohmann reads integer literals too large for 64 bits as doubles; those are
    // integers out of range rather than fractions.
    const double number = value.get<double>();
    if (std::isfinite(number) && number == std::floor(number) &&
        (number < static_cast<double>(min) || number > static_cast<double>(max))) {
      return out_of_range();
    }
    add_problem(path, "expected an integer, got the number " + value.dump());
    return std::nullopt;
  }
  add_problem(path, "expected an integer, got " + json_type_phrase(value));
  return std::nullopt;
}

std::optional<int> JsonReader::get_int(const Json& value, const std::string& path, int min,
                                       int max) {
  const std::optional<std::int64_t> number = get_int64(value, path, min, max);
  if (!number) return std::nullopt;
  return static_cast<int>(*number);
}

std::vector<std::string> JsonReader::get_string_list(const Json& value, const std::string& path) {
  std::vector<std::string> out;
  if (!expect_array(value, path)) return out;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if (std::optional<std::string> item = get_string(value[i], json_path_index(path, i))) {
      out.push_back(std::move(*item));
    }
  }
  return out;
}

Databag JsonReader::get_string_map(const Json& value, const std::string& path,
                                   std::string_view what) {
  if (std::optional<Databag> databag = read_databag(value)) return std::move(*databag);
  Databag out;
  if (!expect_object(value, path)) return out;
  for (const auto& [key, item] : value.items()) {
    if (item.is_string()) {
      out.insert_or_assign(out.end(), key, item.get<std::string>());
    } else {
      add_problem(json_path_key(path, key),
                  "expected a string, got " + json_type_phrase(item) + "; " + std::string(what));
    }
  }
  return out;
}

std::optional<Databag> read_databag(const Json& value) {
  if (!value.is_object()) return std::nullopt;
  const Json::object_t& object = value.get_ref<const Json::object_t&>();
  Databag out;
  out.reserve(object.size());
  // A JSON object's keys are ordered as a Databag's are: each goes at the end.
  for (const auto& [key, item] : object) {
    if (!item.is_string()) return std::nullopt;
    out.insert_or_assign(out.end(), key, item.get_ref<const std::string&>());
  }
  return out;
}

std::optional<int> JsonReader::get_int_key(std::string_view key, const std::string& path,
                                           std::string_view what) {
  if (std::optional<int> number = parse_int_key(key)) return number;
  // Not one: say which rule the key breaks.
  const bool digits_only = !key.empty() && std::all_of(key.begin(), key.end(),
                                                       [](char c) { return c >= '0' && c <= '9'; });
  if (!digits_only || (key.size() > 1 && key.front() == '0')) {
    add_problem(path, "expected " + std::string(what) +
                          " (a decimal integer key such as \"0\" or \"42\"), got " +
                          quote_text(key));
  } else {
    add_problem(path, std::string(what) + " " + quote_text(key) +
                          " is out of range; expected at most " +
                          std::to_string(std::numeric_limits<int>::max()));
  }
  return std::nullopt;
}

ObjectReader::ObjectReader(JsonReader& reader, const Json& value, std::string path)
    : reader_(reader), path_(std::move(path)) {
  if (reader_.expect_object(value, path_)) object_ = &value;
}

const Json* ObjectReader::get(std::string_view key) {
  known_.emplace_back(key);
  if (object_ == nullptr) return nullptr;
  const auto found = object_->find(key);
  return found == object_->end() ? nullptr : &*found;
}

const Json* ObjectReader::require(std::string_view key) {
  const Json* value = get(key);
  if (value == nullptr && object_ != nullptr) {
    reader_.add_problem(path_, "missing required key " + quote_text(key));
  }
  return value;
}

void ObjectReader::reject(std::string_view key, std::string message) {
  handled_.emplace_back(key);
  if (object_ == nullptr || !object_->contains(key)) return;
  reader_.add_problem(key_path(key), std::move(message));
}

void ObjectReader::ignore(std::string_view key) { known_.emplace_back(key); }

void ObjectReader::read(std::string_view key, std::string& out) {
  if (const Json* value = get(key)) {
    if (value->is_string()) {
      out = value->get_ref<const std::string&>();
    } else {
      reader_.get_string(*value, key_path(key));
    }
  }
}

void ObjectReader::read(std::string_view key, bool& out) {
  if (const Json* value = get(key)) {
    if (value->is_boolean()) {
      out = value->get<bool>();
    } else {
      reader_.get_bool(*value, key_path(key));
    }
  }
}

void ObjectReader::read(std::string_view key, int& out, int min, int max) {
  if (const Json* value = get(key)) {
    if (value->is_number_integer() && !value->is_number_unsigned()) {
      const std::int64_t number = value->get<std::int64_t>();
      if (number >= min && number <= max) {
        out = static_cast<int>(number);
        return;
      }
    }
    if (auto number = reader_.get_int(*value, key_path(key), min, max)) out = *number;
  }
}

void ObjectReader::read(std::string_view key, std::optional<std::string>& out) {
  const Json* value = get(key);
  if (value == nullptr) return;
  if (value->is_null()) {
    out.reset();
  } else if (value->is_string()) {
    out = value->get<std::string>();
  } else {
    reader_.add_problem(key_path(key),
                        "expected a string or null, got " + json_type_phrase(*value));
  }
}

void ObjectReader::read(std::string_view key, std::vector<std::string>& out) {
  if (const Json* value = get(key)) out = reader_.get_string_list(*value, key_path(key));
}

void ObjectReader::read_string_map(std::string_view key, Databag& out) {
  if (const Json* value = get(key)) {
    if (std::optional<Databag> databag = read_databag(*value)) {
      out = std::move(*databag);
    } else {
      out = reader_.get_string_map(*value, key_path(key));
    }
  }
}

void ObjectReader::read_required(std::string_view key, std::string& out) {
  if (const Json* value = require(key)) {
    if (value->is_string()) {
      out = value->get_ref<const std::string&>();
    } else {
      reader_.get_string(*value, key_path(key));
    }
  }
}

void ObjectReader::finish() {
  if (object_ == nullptr) return;
  for (const auto& [key, value] : object_->items()) {
    const auto is_key = [&key](std::string_view name) { return name == key; };
    if (std::any_of(known_.begin(), known_.end(), is_key) ||
        std::any_of(handled_.begin(), handled_.end(), is_key)) {
      continue;
    }
    std::string message = "unknown key " + quote_text(key);
    if (std::optional<std::string> match =
            closest_match(key, std::vector<std::string>(known_.begin(), known_.end()))) {
      message += "; did you mean " + quote_text(*match) + "?";
    } else {
      message += "; expected one of: ";
      for (std::size_t i = 0; i < known_.size(); ++i) {
        if (i > 0) message += ", ";
        message += known_[i];
      }
    }
    reader_.add_problem(key_path(key), std::move(message));
  }
}

}  // namespace scenario::detail

namespace scenario {

std::optional<int> parse_int_key(std::string_view key) {
  if (key.empty() || key.size() > 10 || (key.size() > 1 && key.front() == '0')) {
    return std::nullopt;
  }
  std::int64_t number = 0;
  for (const char c : key) {
    if (c < '0' || c > '9') return std::nullopt;
    number = number * 10 + (c - '0');
  }
  if (number > std::numeric_limits<int>::max()) return std::nullopt;
  return static_cast<int>(number);
}

}  // namespace scenario
