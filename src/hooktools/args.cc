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

std::optional<int> go_atoi(std::string_view text) {
  // Go accepts a leading '+' that std::from_chars does not.
  if (!text.empty() && text.front() == '+') {
    text.remove_prefix(1);
    if (text.empty() || text.front() == '-') return std::nullopt;
  }
  if (text.empty()) return std::nullopt;
  int value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
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
  Parser(std::span<const FlagSpec> flags, std::span<const std::string> args)
      : flags_(flags), args_(args) {}

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
      result_.error = "empty flag in argument " + go_quote(arg);
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
      // A value flag takes the rest of the cluster, or else the next argument. gnuflag
      // keeps a leading '=' of `-r=5` in the value; we drop it so `-r=5` means `-r 5`.
      std::optional<std::string_view> inline_value;
      if (!rest.empty()) inline_value = rest.starts_with('=') ? rest.substr(1) : rest;
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
    const std::string key(flag.name);
    result_.args.values[key] = std::move(value);
    result_.args.spellings[key] = flag_with_minus(spelled);
  }

  std::span<const FlagSpec> flags_;
  std::span<const std::string> args_;
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

ArgsParseResult parse_gnu_args(std::span<const FlagSpec> flags, std::span<const std::string> args) {
  return Parser(flags, args).run();
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
