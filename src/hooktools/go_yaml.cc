// SPDX-License-Identifier: Apache-2.0
// hooktools/go_yaml.cc: yaml.v2's Marshal for the values hook tools print: its encoder
// (which style each value asks for, the natural key order) and its emitter (libyaml's,
// ported to Go), which picks the style a scalar gets, indents and folds lines.

#include "go_yaml.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "go_yaml_text.h"
#include "scenario/common/base64.h"
#include "scenario/common/utf8.h"

namespace scenario::detail {
namespace {

constexpr int kBestIndent = 2;
constexpr int kBestWidth = 80;

// The emitter's character classes (yaml.v2 yamlprivateh.go), reading past the end as NUL.
unsigned char byte_at(std::string_view s, std::size_t i) {
  return i < s.size() ? static_cast<unsigned char>(s[i]) : 0;
}

std::size_t width_at(std::string_view s, std::size_t i) {
  const unsigned char b = byte_at(s, i);
  if ((b & 0xE0) == 0xC0) return 2;
  if ((b & 0xF0) == 0xE0) return 3;
  if ((b & 0xF8) == 0xF0) return 4;
  return 1;
}

bool is_space(std::string_view s, std::size_t i) { return byte_at(s, i) == ' '; }

bool is_blank(std::string_view s, std::size_t i) {
  return byte_at(s, i) == ' ' || byte_at(s, i) == '\t';
}

// CR, LF, NEL, LS and PS.
bool is_break(std::string_view s, std::size_t i) {
  const unsigned char b = byte_at(s, i);
  return b == '\r' || b == '\n' || (b == 0xC2 && byte_at(s, i + 1) == 0x85) ||
         (b == 0xE2 && byte_at(s, i + 1) == 0x80 &&
          (byte_at(s, i + 2) == 0xA8 || byte_at(s, i + 2) == 0xA9));
}

bool is_blankz(std::string_view s, std::size_t i) {
  return is_blank(s, i) || is_break(s, i) || byte_at(s, i) == 0;
}

// LF, printable ASCII and the BMP from U+00A0 without surrogates, U+FEFF, U+FFFE and
// U+FFFF. Tabs, CR, DEL and everything past the BMP are escaped.
bool is_printable(std::string_view s, std::size_t i) {
  const unsigned char b = byte_at(s, i);
  const unsigned char next = byte_at(s, i + 1);
  const unsigned char after = byte_at(s, i + 2);
  return b == 0x0A || (b >= 0x20 && b <= 0x7E) || (b == 0xC2 && next >= 0xA0) ||
         (b > 0xC2 && b < 0xED) || (b == 0xED && next < 0xA0) || b == 0xEE ||
         (b == 0xEF && !(next == 0xBB && after == 0xBF) &&
          !(next == 0xBF && (after == 0xBE || after == 0xBF)));
}

enum class Style { kPlain, kSingleQuoted, kDoubleQuoted, kLiteral };

// A scalar as the encoder hands it to the emitter.
struct Scalar {
  std::string value;
  Style style = Style::kPlain;
  bool binary = false;  // tagged !!binary: invalid UTF-8, as base64
};

// What yaml_emitter_analyze_scalar finds a scalar can be written as. Only block context
// arises: the emitter uses flow style for empty collections alone.
struct Traits {
  bool multiline = false;
  bool plain = true;
  bool single_quoted = true;
  bool block = false;
};

Traits analyze(std::string_view v) {
  if (v.empty()) return {};
  // Indicators that would end a plain scalar or make it something else.
  bool indicators = v.starts_with("---") || v.starts_with("...");
  bool line_breaks = false, special = false;
  bool leading_space = false, leading_break = false, trailing_space = false, trailing_break = false,
       break_space = false, space_break = false;
  bool preceded_by_whitespace = true, previous_space = false, previous_break = false;
  for (std::size_t i = 0, w = 0; i < v.size(); i += w) {
    w = width_at(v, i);
    const bool followed_by_whitespace = i + w >= v.size() || is_blank(v, i + w);
    const char c = v[i];
    if (i == 0) {
      if (std::string_view("#,[]{}&*!|>'\"%@`").find(c) != std::string_view::npos ||
          ((c == '?' || c == ':' || c == '-') && followed_by_whitespace)) {
        indicators = true;
      }
    } else if ((c == ':' && followed_by_whitespace) || (c == '#' && preceded_by_whitespace)) {
      indicators = true;
    }
    if (!is_printable(v, i)) special = true;
    const bool last = i + w == v.size();
    if (is_space(v, i)) {
      leading_space = leading_space || i == 0;
      trailing_space = trailing_space || last;
      break_space = break_space || previous_break;
      previous_space = true;
      previous_break = false;
    } else if (is_break(v, i)) {
      line_breaks = true;
      leading_break = leading_break || i == 0;
      trailing_break = trailing_break || last;
      space_break = space_break || previous_space;
      previous_space = false;
      previous_break = true;
    } else {
      previous_space = previous_break = false;
    }
    preceded_by_whitespace = is_blankz(v, i);
  }
  Traits traits{.multiline = line_breaks, .block = true};
  if (leading_space || leading_break || trailing_space || trailing_break || line_breaks ||
      indicators) {
    traits.plain = false;
  }
  if (trailing_space) traits.block = false;
  if (break_space) traits.plain = traits.single_quoted = false;
  if (space_break || special) traits.plain = traits.single_quoted = traits.block = false;
  return traits;
}

// encode.go encodeBase64: lines of 70, each ending in a newline when there are several.
std::string base64_lines(std::string_view bytes) {
  const std::string encoded = base64_encode(bytes);
  constexpr std::size_t kLine = 70;
  if (encoded.size() < kLine) return encoded;
  std::string lines;
  lines.reserve(encoded.size() + encoded.size() / kLine + 1);
  for (std::size_t i = 0; i < encoded.size(); i += kLine) {
    lines.append(encoded, i, kLine);
    lines += '\n';
  }
  return lines;
}

// encode.go stringv: invalid UTF-8 as !!binary base64; a literal block for a newline;
// plain unless that would read as another type, else double-quoted.
Scalar string_scalar(const std::string& text) {
  if (!is_valid_utf8(text)) {
    Scalar scalar{base64_lines(text), Style::kPlain, true};
    if (scalar.value.find('\n') != std::string::npos) scalar.style = Style::kLiteral;
    return scalar;
  }
  if (text.find('\n') != std::string::npos) return {text, Style::kLiteral};
  return {text, plain_reads_as_string(text) ? Style::kPlain : Style::kDoubleQuoted};
}

Scalar to_scalar(const Json& json) {
  switch (json.type()) {
    case Json::value_t::string:
      return string_scalar(json.get_ref<const std::string&>());
    case Json::value_t::boolean:
      return {json.get<bool>() ? "true" : "false"};
    case Json::value_t::number_integer:
      return {std::to_string(json.get<std::int64_t>())};
    case Json::value_t::number_unsigned:
      return {std::to_string(json.get<std::uint64_t>())};
    case Json::value_t::number_float: {
      const double value = json.get<double>();
      if (std::isnan(value)) return {".nan"};
      if (std::isinf(value)) return {value > 0 ? ".inf" : "-.inf"};
      return {go_format_float(value, 'g')};
    }
    default:
      return {"null"};
  }
}

// Puts a map's (key, value) entries in the order yaml.v2 writes them (natural_order).
// A struct's fields keep their declaration order.
template <typename Entry>
void sort_map_entries(std::vector<Entry>& entries) {
  std::vector<std::string_view> keys;
  keys.reserve(entries.size());
  for (const Entry& entry : entries) keys.emplace_back(*entry.first);
  const std::vector<std::size_t> order = natural_order(keys);
  std::vector<Entry> sorted;
  sorted.reserve(entries.size());
  for (const std::size_t i : order) sorted.push_back(entries[i]);
  entries = std::move(sorted);
}

// The emitter's state while writing one document (yaml_emitter_t).
class Emitter {
 public:
  std::string finish() {
    write_indent();  // document end
    return std::move(out_);
  }

  // yaml_emitter_emit_node; `mapping` and `simple_key` are its contexts.
  void node(const GoValue& value, bool mapping, bool simple_key) {
    switch (value.kind()) {
      case GoValue::Kind::kJson:
        return node(value.json(), mapping, simple_key);
      case GoValue::Kind::kTime: {
        const Scalar scalar{value.text()};
        emit_scalar(scalar, analyze(scalar.value), simple_key);
        return;
      }
      case GoValue::Kind::kList:
        if (value.items().empty()) return empty_collection("[", "]");
        return block_sequence(value.items(), mapping);
      case GoValue::Kind::kMap:
      case GoValue::Kind::kStruct: {
        if (value.fields().empty()) return empty_collection("{", "}");
        std::vector<std::pair<const std::string*, const GoValue*>> entries;
        entries.reserve(value.fields().size());
        for (const auto& [key, item] : value.fields()) entries.emplace_back(&key, &item);
        if (value.kind() == GoValue::Kind::kMap) sort_map_entries(entries);
        return block_mapping(entries);
      }
    }
  }

  void node(const Json& value, bool mapping, bool simple_key) {
    if (value.is_array()) {
      if (value.empty()) return empty_collection("[", "]");
      return block_sequence(value.get_ref<const Json::array_t&>(), mapping);
    }
    if (value.is_object()) {
      if (value.empty()) return empty_collection("{", "}");
      std::vector<std::pair<const std::string*, const Json*>> entries;
      entries.reserve(value.size());
      for (const auto& [key, item] : value.get_ref<const Json::object_t&>()) {
        entries.emplace_back(&key, &item);
      }
      sort_map_entries(entries);
      return block_mapping(entries);
    }
    const Scalar scalar = to_scalar(value);
    emit_scalar(scalar, analyze(scalar.value), simple_key);
  }

 private:
  void put(char c) {
    out_ += c;
    ++column_;
  }

  void put_break() {
    out_ += '\n';
    column_ = 0;
  }

  // Copies one character; the column counts characters, not bytes.
  void write(std::string_view s, std::size_t& i) {
    const std::size_t w = std::min(width_at(s, i), s.size() - i);
    out_.append(s.substr(i, w));
    i += w;
    ++column_;
  }

  void write_break(std::string_view s, std::size_t& i) {
    if (s[i] == '\n') {
      put_break();
      ++i;
    } else {
      write(s, i);
      column_ = 0;
    }
  }

  void write_indent() {
    const int indent = std::max(indent_, 0);
    if (!indention_ || column_ > indent || (column_ == indent && !whitespace_)) put_break();
    while (column_ < indent) put(' ');
    whitespace_ = indention_ = true;
  }

  void write_indicator(std::string_view indicator, bool need_whitespace, bool is_whitespace,
                       bool is_indention) {
    if (need_whitespace && !whitespace_) put(' ');
    for (std::size_t i = 0; i < indicator.size();) write(indicator, i);
    whitespace_ = is_whitespace;
    indention_ = indention_ && is_indention;
  }

  void increase_indent(bool flow, bool indentless) {
    indents_.push_back(indent_);
    if (indent_ < 0) {
      indent_ = flow ? kBestIndent : 0;
    } else if (!indentless) {
      indent_ += kBestIndent;
    }
  }

  void decrease_indent() {
    indent_ = indents_.back();
    indents_.pop_back();
  }

  void empty_collection(std::string_view open, std::string_view close) {
    write_indicator(open, true, true, false);
    write_indicator(close, false, false, false);
  }

  template <typename Items>
  void block_sequence(const Items& items, bool mapping) {
    // A list in a mapping starts at its key's column.
    increase_indent(false, mapping && !indention_);
    for (const auto& item : items) {
      write_indent();
      write_indicator("-", true, false, true);
      node(item, false, false);
    }
    decrease_indent();
  }

  // `entries` are (key, value) pointers, in the order to write them.
  template <typename Value>
  void block_mapping(const std::vector<std::pair<const std::string*, const Value*>>& entries) {
    increase_indent(false, false);
    for (const auto& [key_text, value] : entries) {
      write_indent();
      const Scalar key = string_scalar(*key_text);
      const Traits traits = analyze(key.value);
      const std::size_t tag_length = key.binary ? std::string_view("!!binary").size() : 0;
      if (!traits.multiline && key.value.size() + tag_length <= 128) {
        emit_scalar(key, traits, true);
        write_indicator(":", false, false, false);
      } else {
        write_indicator("?", true, false, true);
        emit_scalar(key, traits, false);
        write_indent();
        write_indicator(":", true, false, true);
      }
      node(*value, true, false);
    }
    decrease_indent();
  }

  // yaml_emitter_select_scalar_style, then the tag and the scalar itself.
  void emit_scalar(const Scalar& scalar, const Traits& traits, bool simple_key) {
    Style style = scalar.style;
    if (simple_key && traits.multiline) style = Style::kDoubleQuoted;
    if (style == Style::kPlain && (!traits.plain || (scalar.value.empty() && simple_key))) {
      style = Style::kSingleQuoted;
    }
    if (style == Style::kSingleQuoted && !traits.single_quoted) style = Style::kDoubleQuoted;
    if (style == Style::kLiteral && (!traits.block || simple_key)) style = Style::kDoubleQuoted;
    if (scalar.binary) {
      if (!whitespace_) put(' ');
      out_ += "!!binary";
      column_ += 8;
      whitespace_ = indention_ = false;
    }
    increase_indent(true, false);
    const bool allow_breaks = !simple_key;
    switch (style) {
      case Style::kPlain:
      case Style::kSingleQuoted:
        write_plain_or_single_quoted(scalar.value, allow_breaks, style == Style::kSingleQuoted);
        break;
      case Style::kDoubleQuoted:
        write_double_quoted(scalar.value, allow_breaks);
        break;
      case Style::kLiteral:
        write_literal(scalar.value);
        break;
    }
    decrease_indent();
  }

  // yaml_emitter_write_plain_scalar and _single_quoted_scalar, which differ only in the
  // quotes, the doubled `'` and where a space may become a line break.
  void write_plain_or_single_quoted(std::string_view v, bool allow_breaks, bool quoted) {
    if (quoted) {
      write_indicator("'", true, false, false);
    } else if (!whitespace_) {
      put(' ');
    }
    bool spaces = false;
    bool breaks = false;
    for (std::size_t i = 0; i < v.size();) {
      if (is_space(v, i)) {
        // A quoted scalar never breaks at its first or last character.
        const bool inside = !quoted || (i > 0 && i + 1 < v.size());
        if (allow_breaks && !spaces && column_ > kBestWidth && inside && !is_space(v, i + 1)) {
          write_indent();
          ++i;
        } else {
          write(v, i);
        }
        spaces = true;
      } else if (is_break(v, i)) {
        if (!breaks && v[i] == '\n') put_break();
        write_break(v, i);
        indention_ = true;
        breaks = true;
      } else {
        if (breaks) write_indent();
        if (quoted && v[i] == '\'') put('\'');
        write(v, i);
        indention_ = spaces = breaks = false;
      }
    }
    if (quoted) write_indicator("'", false, false, false);
    whitespace_ = indention_ = false;
  }

  void write_double_quoted(std::string_view v, bool allow_breaks) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    static constexpr std::pair<char32_t, char> kShortEscapes[] = {
        {0x00, '0'},  {0x07, 'a'}, {0x08, 'b'}, {0x09, 't'},   {0x0A, 'n'},
        {0x0B, 'v'},  {0x0C, 'f'}, {0x0D, 'r'}, {0x1B, 'e'},   {0x22, '"'},
        {0x5C, '\\'}, {0x85, 'N'}, {0xA0, '_'}, {0x2028, 'L'}, {0x2029, 'P'}};
    // yaml.v2 tests for a BOM at the start of the value, not at i: a value that starts
    // with one is escaped throughout.
    const bool bom = v.starts_with("\xEF\xBB\xBF");
    write_indicator("\"", true, false, false);
    bool spaces = false;
    for (std::size_t i = 0; i < v.size();) {
      if (!is_printable(v, i) || bom || is_break(v, i) || v[i] == '"' || v[i] == '\\') {
        // The value is valid UTF-8 here: invalid strings are written as !!binary.
        const Rune rune = decode_rune(v, i);
        const char32_t code = rune.value;
        i += rune.length;
        put('\\');
        const auto* escape = std::find_if(std::begin(kShortEscapes), std::end(kShortEscapes),
                                          [&](const auto& entry) { return entry.first == code; });
        if (escape != std::end(kShortEscapes)) {
          put(escape->second);
        } else {
          // \xXX, \uXXXX or \UXXXXXXXX, upper-case.
          const int digits = code <= 0xFF ? 2 : code <= 0xFFFF ? 4 : 8;
          put(digits == 2 ? 'x' : digits == 4 ? 'u' : 'U');
          for (int k = (digits - 1) * 4; k >= 0; k -= 4) put(kHex[(code >> k) & 0xFU]);
        }
        spaces = false;
      } else if (is_space(v, i)) {
        if (allow_breaks && !spaces && column_ > kBestWidth && i > 0 && i + 1 < v.size()) {
          write_indent();
          if (is_space(v, i + 1)) put('\\');
          ++i;
        } else {
          write(v, i);
        }
        spaces = true;
      } else {
        write(v, i);
        spaces = false;
      }
    }
    write_indicator("\"", false, false, false);
    whitespace_ = indention_ = false;
  }

  // `|`, an indentation indicator if the value starts with a space or a break, and `-`
  // (no final break) or `+` (more than one) to keep the value's trailing breaks.
  void write_block_hints(std::string_view v) {
    if (is_space(v, 0) || is_break(v, 0)) {
      write_indicator(std::string(1, static_cast<char>('0' + kBestIndent)), false, false, false);
    }
    char chomp = 0;
    if (v.empty()) {
      chomp = '-';
    } else {
      std::size_t i = v.size() - 1;
      while (i > 0 && (byte_at(v, i) & 0xC0U) == 0x80U) --i;
      if (!is_break(v, i)) {
        chomp = '-';
      } else if (i == 0) {
        chomp = '+';
      } else {
        --i;
        while (i > 0 && (byte_at(v, i) & 0xC0U) == 0x80U) --i;
        if (is_break(v, i)) chomp = '+';
      }
    }
    if (chomp != 0) write_indicator(std::string(1, chomp), false, false, false);
  }

  void write_literal(std::string_view v) {
    write_indicator("|", true, false, false);
    write_block_hints(v);
    put_break();
    indention_ = whitespace_ = true;
    bool breaks = true;
    for (std::size_t i = 0; i < v.size();) {
      if (is_break(v, i)) {
        write_break(v, i);
        indention_ = true;
        breaks = true;
      } else {
        if (breaks) write_indent();
        write(v, i);
        indention_ = breaks = false;
      }
    }
  }

  std::string out_;
  int column_ = 0;
  bool whitespace_ = true;
  bool indention_ = true;
  int indent_ = -1;
  std::vector<int> indents_;
};

}  // namespace

std::string yaml_marshal(const GoValue& value) {
  Emitter emitter;
  emitter.node(value, false, false);
  return emitter.finish();
}

}  // namespace scenario::detail
