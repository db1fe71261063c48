// SPDX-License-Identifier: Apache-2.0
// hooktools/args.cc: gnuflag-compatible argv parsing, and the Go text helpers.

#include "scenario/hooktools/args.h"

#include <charconv>
#include <cstddef>
#include <cstdio>
#include <limits>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "go_text.h"

namespace scenario {

namespace detail {

std::string go_quote_list(std::span<const std::string> items) {
  std::string out = "[";
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += ' ';
    out += go_quote(items[i]);
  }
  out += ']';
  return out;
}

std::vector<std::string> go_split(std::string_view text, char separator) {
  std::vector<std::string> parts;
  std::size_t begin = 0;
  for (std::size_t end; (end = text.find(separator, begin)) != std::string_view::npos;
       begin = end + 1) {
    parts.emplace_back(text.substr(begin, end - begin));
  }
  parts.emplace_back(text.substr(begin));
  return parts;
}

namespace {

template <typename Int>
std::optional<Int> parse_decimal(std::string_view text) {
  // Go accepts a leading '+' that std::from_chars does not.
  if (!text.empty() && text.front() == '+') {
    text.remove_prefix(1);
    if (text.empty() || text.front() == '-') return std::nullopt;
  }
  if (text.empty()) return std::nullopt;
  Int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

std::optional<int> go_atoi(std::string_view text) { return parse_decimal<int>(text); }

std::optional<std::int64_t> go_atoi64(std::string_view text) {
  return parse_decimal<std::int64_t>(text);
}

bool go_underscores_ok(std::string_view text) {
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) text.remove_prefix(1);
  char saw = '^';  // the class of the last character: ^ start, 0 digit, _ or ! other
  std::size_t i = 0;
  bool hex = false;
  if (text.size() >= 2 && text[0] == '0' &&
      (go_lower(text[1]) == 'b' || go_lower(text[1]) == 'o' || go_lower(text[1]) == 'x')) {
    i = 2;
    saw = '0';  // a base prefix counts as a digit
    hex = go_lower(text[1]) == 'x';
  }
  for (; i < text.size(); ++i) {
    const char c = go_lower(text[i]);
    if (ascii_digit(c) || (hex && c >= 'a' && c <= 'f')) {
      saw = '0';
    } else if (c == '_') {
      if (saw != '0') return false;
      saw = '_';
    } else {
      if (saw == '_') return false;
      saw = '!';
    }
  }
  return saw != '_';
}

GoNumError go_parse_uint(std::string_view text, int base, std::uint64_t* value) {
  if (text.empty()) return GoNumError::kSyntax;
  const std::string_view whole = text;
  const bool base0 = base == 0;
  if (base0) {
    base = 10;
    if (text.front() == '0') {
      const char mark = text.size() >= 3 ? go_lower(text[1]) : '\0';
      base = mark == 'b' ? 2 : mark == 'o' ? 8 : mark == 'x' ? 16 : 8;
      text.remove_prefix(mark == 'b' || mark == 'o' || mark == 'x' ? 2 : 1);
    }
  }
  const auto radix = static_cast<std::uint64_t>(base);
  const std::uint64_t cutoff = std::numeric_limits<std::uint64_t>::max() / radix + 1;
  std::uint64_t n = 0;
  bool underscores = false;
  for (const char c : text) {
    const char l = go_lower(c);
    std::uint64_t digit = 0;
    if (c == '_' && base0) {
      underscores = true;
      continue;
    } else if (ascii_digit(l)) {
      digit = static_cast<std::uint64_t>(l - '0');
    } else if (ascii_lower(l)) {
      digit = static_cast<std::uint64_t>(l - 'a') + 10;
    } else {
      return GoNumError::kSyntax;
    }
    if (digit >= radix) return GoNumError::kSyntax;
    // Go stops at the first overflow, before reading the rest.
    if (n >= cutoff) return GoNumError::kRange;
    n *= radix;
    if (n + digit < n) return GoNumError::kRange;
    n += digit;
  }
  if (underscores && !go_underscores_ok(whole)) return GoNumError::kSyntax;
  if (value != nullptr) *value = n;
  return GoNumError::kNone;
}

GoNumError go_parse_int(std::string_view text, int base, std::int64_t* value) {
  if (text.empty()) return GoNumError::kSyntax;
  const bool negative = text.front() == '-';
  if (negative || text.front() == '+') text.remove_prefix(1);
  std::uint64_t magnitude = 0;
  if (const GoNumError error = go_parse_uint(text, base, &magnitude); error != GoNumError::kNone) {
    return error;
  }
  constexpr std::uint64_t kLimit = std::uint64_t{1} << 63;
  if (magnitude > kLimit || (!negative && magnitude == kLimit)) return GoNumError::kRange;
  if (value != nullptr) {
    *value = !negative             ? static_cast<std::int64_t>(magnitude)
             : magnitude == kLimit ? std::numeric_limits<std::int64_t>::min()
                                   : -static_cast<std::int64_t>(magnitude);
  }
  return GoNumError::kNone;
}

std::string go_parse_int_error(std::string_view text, GoNumError error) {
  return "strconv.ParseInt: parsing " + go_quote(text) +
         (error == GoNumError::kRange ? ": value out of range" : ": invalid syntax");
}

std::string go_atoi_error(std::string_view text) {
  std::string_view digits = text;
  if (!digits.empty() && (digits.front() == '+' || digits.front() == '-')) {
    digits.remove_prefix(1);
  }
  const bool all_digits =
      !digits.empty() && digits.find_first_not_of("0123456789") == std::string_view::npos;
  return "strconv.Atoi: parsing " + go_quote(text) +
         (all_digits ? ": value out of range" : ": invalid syntax");
}

}  // namespace detail

namespace {

using detail::go_quote;

const FlagSpec* find_flag(std::span<const FlagSpec> flags, std::string_view name) {
  for (const FlagSpec& flag : flags) {
    if (flag.name == name || (!flag.alias.empty() && flag.alias == name)) return &flag;
  }
  return nullptr;
}

// Length of the UTF-8 sequence starting with `lead`; gnuflag splits short-flag clusters
// by rune.
std::size_t rune_length(char lead) {
  const auto byte = static_cast<unsigned char>(lead);
  if (byte >= 0xf0) return 4;
  if (byte >= 0xe0) return 3;
  if (byte >= 0xc0) return 2;
  return 1;
}

// Parses one argv list; `error` set means stop.
class Parser {
 public:
  Parser(std::span<const FlagSpec> flags, std::span<const std::string> args,
         const FlagValueCheck& check)
      : flags_(flags), args_(args), check_(check) {}

  ArgsParseResult run() {
    while (next_ < args_.size() && !result_.error && !result_.args.help) {
      const std::string& arg = args_[next_++];
      if (arg == "-" || arg.empty() || arg.front() != '-') {
        result_.args.positionals.push_back(arg);
      } else if (arg == "--") {
        // Juju: everything after `--` is positional (gnuflag parseOneGnu).
        for (; next_ < args_.size(); ++next_) result_.args.positionals.push_back(args_[next_]);
      } else if (arg[1] == '-') {
        parse_long(arg);
      } else {
        parse_short_cluster(std::string_view(arg).substr(1));
      }
    }
    return std::move(result_);
  }

 private:
  void parse_long(std::string_view arg) {
    const std::size_t eq = arg.find('=');
    if (eq == std::string_view::npos) {
      apply(arg.substr(2), /*inline_value=*/std::nullopt);
      return;
    }
    const std::string_view name = arg.substr(2, eq - 2);
    if (name.empty()) {
      // Juju's commands call their flags options (gnuflag FlagKnownAs).
      result_.error = "empty option in argument " + go_quote(arg);
      return;
    }
    apply(name, arg.substr(eq + 1));
  }

  void parse_short_cluster(std::string_view rest) {
    while (!rest.empty() && !result_.error && !result_.args.help) {
      const std::size_t n = std::min(rune_length(rest.front()), rest.size());
      const std::string_view name = rest.substr(0, n);
      rest.remove_prefix(n);
      const FlagSpec* flag = find_flag(flags_, name);
      if (flag != nullptr && flag->kind == FlagKind::kBool && !rest.starts_with('=')) {
        set(*flag, name, "true");
        continue;
      }
      // A value flag (or a boolean followed by `=`) takes the rest of the cluster as it
      // is, `=` included, or else the next argument (gnuflag parseFlagArg).
      std::optional<std::string_view> inline_value;
      if (!rest.empty()) inline_value = rest;
      apply(name, inline_value);
      return;
    }
  }

  void apply(std::string_view name, std::optional<std::string_view> inline_value) {
    const FlagSpec* flag = find_flag(flags_, name);
    if (flag == nullptr) {
      if (name == "help" || name == "h") {
        result_.args.help = true;
        return;
      }
      // Juju: gnuflag's text, which ops 2.x matches for `--app` (relation-list).
      result_.error = "option provided but not defined: " + flag_with_minus(name);
      return;
    }
    if (flag->kind == FlagKind::kBool) {
      if (!inline_value) {
        set(*flag, name, "true");
        return;
      }
      const std::optional<bool> value = parse_go_bool(*inline_value);
      if (!value) {
        result_.error = "invalid value " + go_quote(*inline_value) + " for option " +
                        flag_with_minus(name) + ": strconv.ParseBool: parsing " +
                        go_quote(*inline_value) + ": invalid syntax";
        return;
      }
      set(*flag, name, *value ? "true" : "false");
      return;
    }
    if (inline_value) {
      set(*flag, name, std::string(*inline_value));
    } else if (next_ < args_.size()) {
      set(*flag, name, args_[next_++]);
    } else {
      result_.error = "option needs an argument: " + flag_with_minus(name);
    }
  }

  void set(const FlagSpec& flag, std::string_view spelled, std::string value) {
    if (check_) {
      if (const std::optional<std::string> reason = check_(flag, value)) {
        result_.error = "invalid value " + go_quote(value) + " for option " +
                        flag_with_minus(spelled) + ": " + *reason;
        return;
      }
    }
    const std::string key(flag.name);
    result_.args.values[key] = std::move(value);
    result_.args.spellings[key] = flag_with_minus(spelled);
  }

  std::span<const FlagSpec> flags_;
  std::span<const std::string> args_;
  const FlagValueCheck& check_;
  std::size_t next_ = 0;
  ArgsParseResult result_;
};

}  // namespace

bool ParsedArgs::has(std::string_view name) const { return values.find(name) != values.end(); }

const std::string* ParsedArgs::value(std::string_view name) const {
  const auto it = values.find(name);
  return it == values.end() ? nullptr : &it->second;
}

bool ParsedArgs::is_set(std::string_view name) const {
  const std::string* text = value(name);
  return text != nullptr && *text == "true";
}

std::string ParsedArgs::spelling(std::string_view name) const {
  const auto it = spellings.find(name);
  return it == spellings.end() ? flag_with_minus(name) : it->second;
}

ArgsParseResult parse_gnu_args(std::span<const FlagSpec> flags, std::span<const std::string> args,
                               const FlagValueCheck& check) {
  return Parser(flags, args, check).run();
}

std::string flag_with_minus(std::string_view name) {
  return (name.size() > 1 ? "--" : "-") + std::string(name);
}

std::optional<bool> parse_go_bool(std::string_view text) {
  for (const std::string_view yes : {"1", "t", "T", "TRUE", "true", "True"}) {
    if (text == yes) return true;
  }
  for (const std::string_view no : {"0", "f", "F", "FALSE", "false", "False"}) {
    if (text == no) return false;
  }
  return std::nullopt;
}

}  // namespace scenario
