// SPDX-License-Identifier: Apache-2.0
// scenario/hooktools/args.h: hook-tool argv parsing with Go gnuflag's rules.
//
// Juju's hook tools parse their arguments with github.com/juju/gnuflag, and ops relies
// on its exact behaviour (flags after positionals, `--` ending flags, `--x=v` forms) and
// on its error texts (`option provided but not defined: --app`). This parser imitates
// it; docs/hook-tools.md lists the rules.

#ifndef SCENARIO_HOOKTOOLS_ARGS_H_
#define SCENARIO_HOOKTOOLS_ARGS_H_

#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace scenario {

/// Whether a flag is a switch or takes a value, and which Go type holds the value (what
/// `--help` shows of its default depends on it, as in gnuflag's PrintDefaults).
enum class FlagKind {
  kBool,    // BoolVar: a switch
  kValue,   // a flag.Value of the command's own (relation id, file, format): default as is
  kString,  // StringVar: default quoted
  kInt,     // IntVar
};

/// One flag a hook tool accepts. gnuflag registers the long and short spellings of an
/// option as two flags sharing one variable (`-r` and `--relation`); here they are one
/// spec: `name` is the key the value is stored under, `alias` the other spelling.
struct FlagSpec {
  std::string_view name;
  FlagKind kind = FlagKind::kBool;
  std::string_view alias = {};
  /// One line for `--help`.
  std::string_view usage = {};
  /// The default `--help` shows, when not the type's zero value.
  std::string_view default_value = {};
};

/// argv after parsing. Flags given more than once keep their last value, as gnuflag's
/// repeated Set calls do.
struct ParsedArgs {
  /// Flag values by FlagSpec::name; a boolean flag holds "true" or "false".
  std::map<std::string, std::string, std::less<>> values;
  /// How each given flag was spelled, with its dashes (`-r`, `--relation`), for messages.
  std::map<std::string, std::string, std::less<>> spellings;
  /// Positional arguments in order, including everything after `--`.
  std::vector<std::string> positionals;
  /// `--help` or `-h` was given (and the tool does not define such a flag).
  bool help = false;

  /// True if the flag was given at all.
  bool has(std::string_view name) const;
  /// The flag's value, or nullptr when it was not given.
  const std::string* value(std::string_view name) const;
  /// True if a boolean flag was given and is true.
  bool is_set(std::string_view name) const;
  /// The spelling the flag was given with, or its canonical spelling when not given.
  std::string spelling(std::string_view name) const;
};

/// The outcome of parsing: the arguments, or gnuflag's error message (which Juju prints
/// as `ERROR <message>` and exits 2 for).
struct ArgsParseResult {
  ParsedArgs args;
  std::optional<std::string> error;
};

/// Checks a flag's value as gnuflag's Value.Set does: returns why `value` is refused, or
/// nullopt to accept it. Called for each flag in command-line order, so the first bad
/// value wins over anything later in argv.
using FlagValueCheck =
    std::function<std::optional<std::string>(const FlagSpec& flag, std::string_view value)>;

/// Parses `args` (argv without the tool name) against `flags`, gnuflag-style:
///  - flags and positionals may be interspersed; `--` ends flags; `-` and `` are
///    positionals;
///  - `--name value`, `--name=value`; `-x value`, `-xvalue`, `-x=value` (whose value is
///    `=value`, as gnuflag keeps it), clustered short booleans `-ab`;
///  - a boolean flag takes no value unless given as `--name=value` (or `-x=value`),
///    parsed like Go's strconv.ParseBool;
///  - `check`, when given, vets each value as it is set; a refusal stops parsing with
///    `invalid value "v" for option -x: <reason>`.
/// Never throws (unless `check` does).
ArgsParseResult parse_gnu_args(std::span<const FlagSpec> flags, std::span<const std::string> args,
                               const FlagValueCheck& check = {});

/// `--name` for multi-letter names, `-n` for one-letter ones (gnuflag's flagWithMinus).
std::string flag_with_minus(std::string_view name);

/// Go's strconv.ParseBool: 1 t T TRUE true True 0 f F FALSE false False.
std::optional<bool> parse_go_bool(std::string_view text);

}  // namespace scenario

#endif  // SCENARIO_HOOKTOOLS_ARGS_H_
