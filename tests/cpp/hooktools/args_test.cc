// SPDX-License-Identifier: Apache-2.0
// hooktools/args_test.cc: gnuflag-style parsing, and the dispatcher's handling of
// unknown tools, unknown flags, --format, --help and unsupported tools.

#include "scenario/hooktools/args.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hooktools_test_util.h"
#include "scenario/common/go_text.h"

namespace scenario {
namespace {

using testing::expect_error;
using testing::SessionRunner;

const std::vector<FlagSpec> kFlags = {
    {"r", FlagKind::kValue, "relation"},
    {"app", FlagKind::kBool},
    {"format", FlagKind::kValue},
    {"a", FlagKind::kBool},
    {"b", FlagKind::kBool},
};

ArgsParseResult parse(std::vector<std::string> args) { return parse_gnu_args(kFlags, args); }

TEST(ParseArgs, FlagsAndPositionalsInAnyOrder) {
  const ArgsParseResult result = parse({"key", "-r", "3", "unit/0", "--app", "--format=json"});
  ASSERT_FALSE(result.error);
  EXPECT_EQ(result.args.positionals, (std::vector<std::string>{"key", "unit/0"}));
  EXPECT_EQ(*result.args.value("r"), "3");
  EXPECT_TRUE(result.args.is_set("app"));
  EXPECT_EQ(*result.args.value("format"), "json");
}

TEST(ParseArgs, DoubleDashEndsFlags) {
  const ArgsParseResult result = parse({"--app", "--", "--format=json", "-r"});
  ASSERT_FALSE(result.error);
  EXPECT_EQ(result.args.positionals, (std::vector<std::string>{"--format=json", "-r"}));
  EXPECT_FALSE(result.args.has("format"));
}

TEST(ParseArgs, DashAndEmptyArePositionals) {
  const ArgsParseResult result = parse({"-", "", "x"});
  ASSERT_FALSE(result.error);
  EXPECT_EQ(result.args.positionals, (std::vector<std::string>{"-", "", "x"}));
}

TEST(ParseArgs, ValueSpellings) {
  for (const auto& argv : std::vector<std::vector<std::string>>{
           {"-r", "7"}, {"-r7"}, {"--relation", "7"}, {"--relation=7"}, {"--r=7"}}) {
    const ArgsParseResult result = parse(argv);
    ASSERT_FALSE(result.error) << argv[0];
    EXPECT_EQ(*result.args.value("r"), "7") << argv[0];
  }
}

TEST(ParseArgs, ShortFlagKeepsTheEqualsSign) {
  // gnuflag takes the rest of a short-flag cluster as the value, `=` included.
  EXPECT_EQ(*parse({"-r=7"}).args.value("r"), "=7");
  EXPECT_EQ(*parse({"-r="}).args.value("r"), "=");
  EXPECT_EQ(parse({"-a=false"}).error,
            "invalid value \"=false\" for option -a: strconv.ParseBool: parsing \"=false\": "
            "invalid syntax");
  // A boolean in a cluster is set before the next letter is read.
  EXPECT_EQ(parse({"-ab=1"}).error,
            "invalid value \"=1\" for option -b: strconv.ParseBool: parsing \"=1\": invalid "
            "syntax");
  const ArgsParseResult cluster = parse({"-ar5"});
  ASSERT_FALSE(cluster.error);
  EXPECT_TRUE(cluster.args.is_set("a"));
  EXPECT_EQ(*cluster.args.value("r"), "5");
}

TEST(ParseArgs, ValueChecksRunInCommandLineOrder) {
  std::vector<std::string> seen;
  const FlagValueCheck check = [&](const FlagSpec& flag, std::string_view value) {
    seen.push_back(std::string(flag.name) + "=" + std::string(value));
    return value == "bad" ? std::optional<std::string>("no good") : std::nullopt;
  };
  const std::vector<std::string> args = {"--format", "json", "-r", "bad", "--bogus", "--app"};
  const ArgsParseResult result = parse_gnu_args(kFlags, args, check);
  EXPECT_EQ(result.error, "invalid value \"bad\" for option -r: no good");
  EXPECT_EQ(seen, (std::vector<std::string>{"format=json", "r=bad"}));
  EXPECT_EQ(parse_gnu_args(kFlags, std::vector<std::string>{"--bogus", "-r", "bad"}, check).error,
            "option provided but not defined: --bogus");
  EXPECT_EQ(parse_gnu_args(kFlags, std::vector<std::string>{"--relation=bad"}, check).error,
            "invalid value \"bad\" for option --relation: no good");
}

TEST(ParseArgs, ValueFlagTakesNextArgumentEvenIfDashed) {
  const ArgsParseResult result = parse({"-r", "--app"});
  ASSERT_FALSE(result.error);
  EXPECT_EQ(*result.args.value("r"), "--app");
  EXPECT_FALSE(result.args.has("app"));
}

TEST(ParseArgs, SpellingIsKeptForMessages) {
  EXPECT_EQ(parse({"--relation", "1"}).args.spelling("r"), "--relation");
  EXPECT_EQ(parse({"-r", "1"}).args.spelling("r"), "-r");
  EXPECT_EQ(parse({}).args.spelling("app"), "--app");
}

TEST(ParseArgs, BooleanForms) {
  EXPECT_TRUE(parse({"--app"}).args.is_set("app"));
  EXPECT_TRUE(parse({"--app=True"}).args.is_set("app"));
  EXPECT_TRUE(parse({"--app=true"}).args.is_set("app"));
  EXPECT_TRUE(parse({"--app=1"}).args.is_set("app"));
  const ArgsParseResult off = parse({"--app=False"});
  EXPECT_TRUE(off.args.has("app"));
  EXPECT_FALSE(off.args.is_set("app"));
  EXPECT_FALSE(parse({"--app=false"}).args.is_set("app"));
  // A boolean never consumes the next argument.
  EXPECT_EQ(parse({"--app", "true"}).args.positionals, (std::vector<std::string>{"true"}));
}

TEST(ParseArgs, ClusteredShortBooleans) {
  const ArgsParseResult result = parse({"-ab"});
  ASSERT_FALSE(result.error);
  EXPECT_TRUE(result.args.is_set("a"));
  EXPECT_TRUE(result.args.is_set("b"));
}

TEST(ParseArgs, Errors) {
  EXPECT_EQ(parse({"--xy"}).error, "option provided but not defined: --xy");
  EXPECT_EQ(parse({"-x"}).error, "option provided but not defined: -x");
  // gnuflag spells one-letter names with one dash, however they were given.
  EXPECT_EQ(parse({"--x"}).error, "option provided but not defined: -x");
  EXPECT_EQ(parse({"--app=maybe"}).error,
            "invalid value \"maybe\" for option --app: strconv.ParseBool: parsing \"maybe\": "
            "invalid syntax");
  EXPECT_EQ(parse({"-r"}).error, "option needs an argument: -r");
  EXPECT_EQ(parse({"--format"}).error, "option needs an argument: --format");
  // Juju's commands call flags options, in every gnuflag message.
  EXPECT_EQ(parse({"--=x"}).error, "empty option in argument \"--=x\"");
}

TEST(ParseArgs, HelpStopsParsing) {
  EXPECT_TRUE(parse({"--help", "--bogus"}).args.help);
  EXPECT_TRUE(parse({"-h"}).args.help);
  EXPECT_FALSE(parse({"--help"}).error);
}

TEST(Dispatch, IntFlagsParseLikeGoParseIntBaseZero) {
  // secret-remove --revision is a gnuflag int: strconv.ParseInt(text, 0, 64).
  SessionRunner runner;
  for (const char* good : {"42", "-0x1F", "0o17", "017", "0b101", "1_000", "0",
                           "-9223372036854775808", "9223372036854775807"}) {
    const HookResult result = runner.run({"secret-remove", "--revision", good, "secret:abc"});
    EXPECT_EQ(result.stderr_text.find("invalid value"), std::string::npos) << good;
  }
  const auto refused = [&](const std::string& text, std::string_view reason) {
    expect_error(runner.run({"secret-remove", "--revision", text, "secret:abc"}), 2,
                 "invalid value " + detail::go_quote(text) +
                     " for option --revision: strconv.ParseInt: parsing " + detail::go_quote(text) +
                     ": " + std::string(reason));
  };
  for (const char* bad : {"", "+", "x", "08", "0x", "1__0", "_1", "1_", "1.5"}) {
    refused(bad, "invalid syntax");
  }
  refused("9223372036854775808", "value out of range");
  // Go stops at the first overflow of 64 bits, before reading the rest.
  refused("99999999999999999999x", "value out of range");
  refused("9223372036854775808x", "invalid syntax");
}

TEST(ParseArgs, GoBool) {
  for (const char* yes : {"1", "t", "T", "TRUE", "true", "True"})
    EXPECT_EQ(parse_go_bool(yes), true);
  for (const char* no : {"0", "f", "F", "FALSE", "false", "False"})
    EXPECT_EQ(parse_go_bool(no), false);
  EXPECT_EQ(parse_go_bool("yes"), std::nullopt);
  EXPECT_EQ(flag_with_minus("r"), "-r");
  EXPECT_EQ(flag_with_minus("app"), "--app");
}

TEST(Dispatch, UnknownToolExitsOne) {
  SessionRunner runner;
  expect_error(runner.run({"no-such-tool", "x"}), 1, "unknown hook tool \"no-such-tool\"");
  expect_error(runner.run({}), 1, "no hook tool given");
}

TEST(Dispatch, UnknownFlagExitsTwoWithGnuflagText) {
  SessionRunner runner;
  expect_error(runner.run({"is-leader", "--bogus"}), 2, "option provided but not defined: --bogus");
  // ops 2.x reads this exact text from relation-list to mean "no --app support".
  expect_error(runner.run({"status-set", "--app", "active"}), 2,
               "option provided but not defined: --app");
}

TEST(Dispatch, FormatAnywhere) {
  SessionRunner runner;
  EXPECT_EQ(runner.ok({"relation-ids", "--format=json", "db"}), "[\"db:1\"]\n");
  EXPECT_EQ(runner.ok({"relation-ids", "db", "--format=json"}), "[\"db:1\"]\n");
  EXPECT_EQ(runner.ok({"relation-ids", "db", "--format", "json"}), "[\"db:1\"]\n");
}

TEST(Dispatch, SmartAndYamlFormats) {
  SessionRunner runner;
  EXPECT_EQ(runner.ok({"is-leader"}), "False\n");
  EXPECT_EQ(runner.ok({"is-leader", "--format=yaml"}), "false\n");
  EXPECT_EQ(runner.ok({"relation-get", "-r", "1", "-", "mysql/0", "--format=yaml"}),
            "host: 10.0.0.1\n");
  EXPECT_EQ(runner.ok({"config-get", "port", "--format=yaml"}), "8080\n");
}

TEST(Dispatch, YamlQuotesStringsThatLookLikeOtherTypes) {
  State state = testing::test_state();
  state.relations[0].remote_units_data[0] = {{"port", "5432"}, {"on", "yes"}, {"n", "null"}};
  SessionRunner runner(state);
  EXPECT_EQ(runner.ok({"relation-get", "-r", "1", "-", "mysql/0"}),
            "\"n\": \"null\"\n\"on\": \"yes\"\nport: \"5432\"\n");
}

TEST(Dispatch, LongAndOddValuesAreSafe) {
  State state = testing::test_state();
  const std::string long_value = "2024-" + std::string(200000, '7');
  state.relations[0].remote_units_data[0] = {{"cert", long_value}, {"raw", "\xff\xfe"}};
  SessionRunner runner(state);
  const std::string yaml = runner.ok({"relation-get", "-r", "1", "-", "mysql/0"});
  // Not a date (month 77), so plain, as yaml.v2 writes it.
  EXPECT_NE(yaml.find("cert: 2024-777"), std::string::npos);
  // Invalid UTF-8: yaml.v2 writes base64, encoding/json a replacement per bad byte.
  EXPECT_NE(yaml.find("raw: !!binary //4=\n"), std::string::npos);
  const std::string json =
      runner.ok({"relation-get", "--format=json", "-r", "1", "raw", "mysql/0"});
  EXPECT_EQ(json, "\"\\ufffd\\ufffd\"\n");
  Event action;
  action.action = Action{"backup"};
  SessionRunner in_action(testing::test_state(), action);
  in_action.ok({"action-set", std::string(100000, 'a') + "=1"});
}

TEST(Dispatch, UnknownFormatIsAUsageError) {
  SessionRunner runner;
  expect_error(runner.run({"is-leader", "--format=xml"}), 2,
               "invalid value \"xml\" for option --format: unknown format \"xml\"");
  // goal-state offers only yaml and json.
  expect_error(runner.run({"goal-state", "--format=smart"}), 2,
               "invalid value \"smart\" for option --format: unknown format \"smart\"");
}

TEST(Dispatch, ShortFlagValuesKeepTheEqualsSign) {
  SessionRunner runner;
  expect_error(runner.run({"config-get", "-a=false", "name"}), 2,
               "invalid value \"=false\" for option -a: strconv.ParseBool: parsing \"=false\": "
               "invalid syntax");
  expect_error(runner.run({"relation-list", "-r=9"}), 2,
               "invalid value \"=9\" for option -r: invalid relation id");
  expect_error(runner.run({"relation-list", "--=x"}), 2, "empty option in argument \"--=x\"");
}

TEST(Dispatch, FirstBadFlagInCommandLineOrderWins) {
  SessionRunner runner;
  const std::string not_found = "invalid value \"99\" for option -r: relation not found";
  expect_error(runner.run({"relation-list", "-r", "99", "--format=xml"}), 2, not_found);
  expect_error(runner.run({"relation-list", "-r", "99", "--bogus"}), 2, not_found);
  expect_error(runner.run({"relation-list", "--format=xml", "-r", "99"}), 2,
               "invalid value \"xml\" for option --format: unknown format \"xml\"");
  expect_error(runner.run({"relation-list", "--bogus", "-r", "99"}), 2,
               "option provided but not defined: --bogus");
  // A bad value is refused even when a later one would be fine.
  expect_error(runner.run({"relation-list", "-r", "99", "-r", "1"}), 2, not_found);
  expect_error(runner.run({"storage-get", "-s", "data/9", "--format=xml"}), 2,
               "invalid value \"data/9\" for option -s: storage instance \"data/9\" not found");
  expect_error(runner.run({"secret-remove", "--revision", "x", "--bogus", "secret:abc"}), 2,
               "invalid value \"x\" for option --revision: strconv.ParseInt: parsing \"x\": "
               "invalid syntax");
  // Flag values come before positionals, which Init checks.
  expect_error(runner.run({"relation-list", "extra", "-r", "99"}), 2, not_found);
}

// Sets or unsets HOME for one test, restoring it after.
class ScopedHome {
 public:
  explicit ScopedHome(const char* value) {
    if (const char* old = std::getenv("HOME")) saved_ = old;
    if (value != nullptr) {
      ::setenv("HOME", value, 1);
    } else {
      ::unsetenv("HOME");
    }
  }
  ~ScopedHome() {
    if (saved_) {
      ::setenv("HOME", saved_->c_str(), 1);
    } else {
      ::unsetenv("HOME");
    }
  }
  ScopedHome(const ScopedHome&) = delete;
  ScopedHome& operator=(const ScopedHome&) = delete;

 private:
  std::optional<std::string> saved_;
};

TEST(Dispatch, OutputFlagWritesTheFileInsteadOfStdout) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("hooktools-output-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto read = [](const std::filesystem::path& path) {
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  SessionRunner runner;
  const std::string out = (dir / "out").string();
  EXPECT_EQ(runner.ok({"is-leader", "-o", out}), "");
  EXPECT_EQ(read(out), "False\n");
  // The file is truncated, and the format applies to it.
  EXPECT_EQ(runner.ok({"relation-ids", "db", "--format=json", "--output=" + out}), "");
  EXPECT_EQ(read(out), "[\"db:1\"]\n");
  // os.Create: mode 0666 less the umask.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  EXPECT_EQ(std::filesystem::status(out).permissions(),
            static_cast<std::filesystem::perms>(0666 & ~mask));
  // Nothing to print still makes the (empty) file.
  const std::string empty = (dir / "empty").string();
  EXPECT_EQ(runner.ok({"config-get", "password", "-o", empty}), "");
  EXPECT_TRUE(std::filesystem::exists(empty));
  EXPECT_EQ(read(empty), "");
  // Relative paths are relative to the working directory; `.` and `..` are cleaned.
  const std::filesystem::path relative =
      std::filesystem::relative(dir, std::filesystem::current_path()) / "sub" / ".." / "rel";
  EXPECT_EQ(runner.ok({"is-leader", "--format=json", "-o", relative.string()}), "");
  EXPECT_EQ(read(dir / "rel"), "false\n");
  // A failing tool makes no file; an unwritable path is a run error.
  expect_error(
      runner.run({"relation-get", "-r", "1", "-", "nobody/0", "-o", (dir / "no").string()}), 1,
      "cannot read settings for unit \"nobody/0\" in relation \"db:1\": settings not found");
  EXPECT_FALSE(std::filesystem::exists(dir / "no"));
  const std::string missing = (dir / "missing" / "x").string();
  expect_error(runner.run({"is-leader", "-o", missing}), 1,
               "open " + missing + ": no such file or directory");
  expect_error(runner.run({"is-leader", "-o", dir.string()}), 1,
               "open " + dir.string() + ": is a directory");
  // `~/` is the home directory (juju/utils NormalizePath).
  {
    const ScopedHome home(dir.c_str());
    EXPECT_EQ(runner.ok({"is-leader", "-o", "~/home"}), "");
  }
  EXPECT_EQ(read(dir / "home"), "False\n");
  // Tools without --format have no -o.
  expect_error(runner.run({"juju-log", "-o", out, "hi"}), 2, "option provided but not defined: -o");
  std::filesystem::remove_all(dir);
}

TEST(Dispatch, OutputFlagRefusesATildeWithoutHome) {
  // Go reads HOME as "" and would write `~/x` at `/x`.
  const std::string name = "hooktools-home-" + std::to_string(::getpid());
  SessionRunner runner;
  for (const char* home : {static_cast<const char*>(nullptr), ""}) {
    const ScopedHome scoped(home);
    expect_error(runner.run({"is-leader", "-o", "~/" + name}), 1,
                 "open ~/" + name + ": cannot expand \"~\": HOME is not set");
    EXPECT_FALSE(std::filesystem::exists("/" + name));
  }
}

TEST(Dispatch, OutputFlagFailsWithoutAWorkingDirectory) {
  const std::filesystem::path original = std::filesystem::current_path();
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("hooktools-cwd-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::filesystem::current_path(dir);
  std::filesystem::remove(dir);
  const std::string name = "hooktools-cwd-out-" + std::to_string(::getpid());
  SessionRunner runner;
  const HookResult result = runner.run({"is-leader", "-o", name});
  std::filesystem::current_path(original);
  // Named as given: there is no directory to join it to.
  expect_error(result, 1, "open " + name + ": no such file or directory");
  EXPECT_FALSE(std::filesystem::exists("/" + name));
}

TEST(Dispatch, OutputFlagRefusesANulByteAsGoDoes) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("hooktools-nul-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  SessionRunner runner;
  // os.Create fails with EINVAL and prints the path raw, NUL included.
  const std::string path = (dir / "a").string() + std::string("\0b", 2);
  expect_error(runner.run({"is-leader", "-o", path}), 1, "open " + path + ": invalid argument");
  EXPECT_TRUE(std::filesystem::is_empty(dir));
  // A `~user` holding one names no user (not the user before the NUL): the path stays
  // relative, and is joined to the working directory.
  const std::string tilde = std::string("~root\0", 6) + "/x";
  expect_error(
      runner.run({"is-leader", "-o", tilde}), 1,
      "open " + std::filesystem::current_path().string() + "/" + tilde + ": invalid argument");
  std::filesystem::remove_all(dir);
}

TEST(Dispatch, ExtraPositionalsAreUsageErrors) {
  SessionRunner runner;
  expect_error(runner.run({"is-leader", "a", "b"}), 2, "unrecognized args: [\"a\" \"b\"]");
}

TEST(Dispatch, HelpPrintsUsageAndExitsZero) {
  SessionRunner runner;
  const HookResult result = runner.run({"relation-get", "--help"});
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_NE(result.stdout_text.find("Usage: relation-get [options] <key> <unit id>"),
            std::string::npos);
  // A relation id value's String() is empty outside a relation hook.
  EXPECT_NE(result.stdout_text.find("-r, --relation  (= )\n"), std::string::npos);
  EXPECT_NE(result.stdout_text.find("--format  (= smart)"), std::string::npos);
}

TEST(Dispatch, HelpShowsDefaultsAsPrintDefaults) {
  SessionRunner runner;
  // gnuflag quotes a string's default after one space; other values follow two.
  EXPECT_EQ(runner.ok({"is-leader", "--help"}),
            "Usage: is-leader [options]\n\nSummary:\nprint application leadership status\n\n"
            "Options:\n"
            "--format  (= smart)\n    Specify output format (json|smart|yaml)\n"
            "-o, --output (= \"\")\n    Specify an output file\n");
  const std::string log = runner.ok({"juju-log", "--help"});
  EXPECT_NE(log.find("\n--debug  (= false)\n"), std::string::npos) << log;
  EXPECT_NE(log.find("\n--format (= \"\")\n    deprecated format flag\n"), std::string::npos)
      << log;
  EXPECT_NE(log.find("\n-l, --log-level (= \"INFO\")\n"), std::string::npos) << log;
  // Options sort by their shortest spelling.
  const std::string config = runner.ok({"config-get", "--help"});
  EXPECT_NE(config.find("Options:\n-a, --all  (= false)\n    print all keys\n--format"),
            std::string::npos)
      << config;
  EXPECT_NE(runner.ok({"secret-remove", "--help"}).find("\n--revision  (= 0)\n"),
            std::string::npos);
  EXPECT_NE(runner.ok({"secret-add", "--help"}).find("\n--owner (= \"application\")\n"),
            std::string::npos);
  EXPECT_NE(runner.ok({"pod-spec-set", "--help"}).find("\n--file  (= -)\n"), std::string::npos);
  EXPECT_NE(runner.ok({"relation-set", "--help"}).find("\n--file  (= )\n"), std::string::npos);
  EXPECT_NE(runner.ok({"open-port", "--help"}).find("\n--endpoints (= \"\")\n"), std::string::npos);
  EXPECT_NE(runner.ok({"goal-state", "--help"}).find("\n--format  (= yaml)\n"), std::string::npos);
  SessionRunner in_hook(testing::test_state(), testing::relation_event("db", 1, "changed", 0));
  EXPECT_NE(in_hook.ok({"relation-get", "--help"}).find("\n-r, --relation  (= db:1)\n"),
            std::string::npos);
}

TEST(Dispatch, SecretToolsRejectUnknownFlagsAsGnuflagDoes) {
  SessionRunner runner;
  for (const char* tool : {"secret-add", "secret-get", "secret-set", "secret-grant",
                           "secret-revoke", "secret-remove", "secret-ids", "secret-info-get"}) {
    EXPECT_TRUE(Session::has_tool(tool)) << tool;
    expect_error(runner.run({tool, "secret:abc", "--whatever"}), 2,
                 "option provided but not defined: --whatever");
  }
}

TEST(Dispatch, DeprecatedToolsAreUnsupported) {
  SessionRunner runner;
  EXPECT_EQ(runner.run({"leader-set", "a=b"}).exit_code, 1);
  EXPECT_EQ(runner.run({"leader-get"}).exit_code, 1);
  expect_error(runner.run({"add-metric", "a=1"}), 1,
               "add-metric is not supported by scenario: metrics are deprecated");
}

TEST(Dispatch, ToolNamesAreSortedAndComplete) {
  const std::vector<std::string> names = Session::tool_names();
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  for (
      const char* tool :
      {"action-fail",  "action-get",   "action-log",     "action-set",    "application-version-set",
       "close-port",   "config-get",   "credential-get", "goal-state",    "is-leader",
       "juju-log",     "juju-reboot",  "network-get",    "open-port",     "opened-ports",
       "pod-spec-set", "relation-get", "relation-ids",   "relation-list", "relation-model-get",
       "relation-set", "resource-get", "state-delete",   "state-get",     "state-set",
       "status-get",   "status-set",   "storage-add",    "storage-get",   "storage-list"}) {
    EXPECT_TRUE(Session::has_tool(tool)) << tool;
  }
  EXPECT_FALSE(Session::has_tool("unit-get"));
}

TEST(Dispatch, SessionMovesAndHandsOverItsState) {
  SessionRunner runner;
  runner.ok({"status-set", "active", "ready"});
  Session moved = std::move(runner.session());
  EXPECT_EQ(moved.state().unit_status, (Status{"active", "ready"}));
  const State state = std::move(moved).take_state();
  EXPECT_EQ(state.unit_status.message, "ready");
}

}  // namespace
}  // namespace scenario
