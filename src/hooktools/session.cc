// SPDX-License-Identifier: Apache-2.0
// hooktools/session.cc: the Session and the one dispatcher every hook tool runs through.
//
// The dispatcher does what juju/cmd's Main does around each jujuc command: parse the
// flags (exit 2 on error), answer --help, validate --format, run the command (exit 1 on
// error) and print errors as `ERROR <message>`.

#include "scenario/hooktools/session.h"

#include <fcntl.h>
#include <pwd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "go_text.h"
#include "output.h"
#include "scenario/errors.h"
#include "tool.h"

namespace scenario {

namespace detail {

void fail(std::string message) { throw ToolFailure(kRunExitCode, std::move(message)); }

void usage_error(std::string message) { throw ToolFailure(kUsageExitCode, std::move(message)); }

void ToolCall::check_empty(std::size_t from) const {
  const std::vector<std::string>& all = positionals();
  if (all.size() <= from) return;
  const std::vector<std::string> extra(all.begin() + static_cast<std::ptrdiff_t>(from), all.end());
  usage_error("unrecognized args: " + go_quote_list(extra));
}

std::string ToolCall::zero_or_one_arg() const {
  check_empty(1);
  return positionals().empty() ? std::string() : positionals().front();
}

namespace {

// A user's home directory, as Go's os/user finds it; nullopt for an unknown user. Go's
// lookup fails for a name with a NUL byte, which getpwnam_r would cut short.
std::optional<std::string> home_of(const std::string& user) {
  if (user.find('\0') != std::string::npos) return std::nullopt;
  passwd entry{};
  passwd* found = nullptr;
  std::vector<char> buffer(16384);
  if (getpwnam_r(user.c_str(), &entry, buffer.data(), buffer.size(), &found) != 0 || !found) {
    return std::nullopt;
  }
  return std::string(found->pw_dir);
}

// juju/cmd Context.AbsPath: juju/utils NormalizePath first (its unanchored
// `(~([^/]*))(.*)` pattern: `~` or `~user`, with whatever precedes the `~` taken into
// the user name, then a clean; an unknown user leaves the path as given), then a
// relative path is joined to the working directory. Where Go would go on with an
// empty directory, and so write under `/`, this fails, naming the path as given: a `~`
// with HOME unset or empty, or a working directory that cannot be read.
std::string tool_abs_path(const std::string& path) {
  std::string normalized = go_clean_path(path);
  if (const std::size_t tilde = path.find('~'); tilde != std::string::npos) {
    std::size_t user_end = path.find('/', tilde);
    if (user_end == std::string::npos) user_end = path.size();
    const std::string user = path.substr(0, tilde) + path.substr(tilde + 1, user_end - tilde - 1);
    std::optional<std::string> home;
    if (user.empty()) {
      const char* env_home = std::getenv("HOME");
      if (env_home == nullptr || *env_home == '\0') {
        fail("open " + path + ": cannot expand \"~\": HOME is not set");
      }
      home = env_home;
    } else {
      home = home_of(user);
    }
    normalized = home ? go_clean_path(path.substr(0, tilde) + *home + path.substr(user_end)) : path;
  }
  if (normalized.starts_with('/')) return normalized;
  std::error_code error;
  const std::filesystem::path cwd = std::filesystem::current_path(error);
  if (error) fail("open " + path + ": " + go_errno_text(error.value()));
  return go_clean_path(cwd.string() + "/" + normalized);
}

// juju/cmd Output.writeFormatter with --output: os.Create (mode 0666 before the umask,
// truncating) and the formatted text; nothing goes to stdout.
void write_output_file(const std::string& given, std::string_view text) {
  const std::string path = tool_abs_path(given);
  // os.Create refuses a NUL byte (syscall.ByteSliceFromString: EINVAL), which open(2)
  // would take as the end of the name. Go prints the path raw.
  if (path.find('\0') != std::string::npos) fail("open " + path + ": " + go_errno_text(EINVAL));
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  if (fd < 0) fail("open " + path + ": " + go_errno_text(errno));
  std::size_t written = 0;
  while (written < text.size()) {
    const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int error = errno;
      ::close(fd);
      fail("write " + path + ": " + go_errno_text(error));
    }
    written += static_cast<std::size_t>(n);
  }
  ::close(fd);
}

}  // namespace

void ToolCall::write(const GoValue& value, GoShape shape) {
  std::string text = format_output(format, value, shape);
  const std::string* path = args.value("o");
  if (path == nullptr || path->empty()) {
    if (out.empty()) {
      out = std::move(text);
    } else {
      out += text;
    }
    return;
  }
  write_output_file(*path, text);
}

std::optional<std::string> flag_value_problem(const ToolSpec& tool, const SessionData& session,
                                              const FlagSpec& flag, std::string_view value) {
  if (flag.name == "format") {
    // The deprecated --format of juju-log, relation-set and the port tools is a plain
    // string.
    if (tool.output == OutputFlags::kDeprecated) return std::nullopt;
    const std::optional<OutputFormat> format = output_format_named(value);
    const bool offered =
        format && (tool.output == OutputFlags::kSmart || *format != OutputFormat::kSmart);
    if (!offered) return "unknown format " + go_quote(value);
  } else if (flag.name == "r") {
    return relation_id_problem(session, value);
  } else if (flag.name == "s") {
    return storage_id_problem(session, value);
  } else if (flag.name == "revision") {
    const GoNumError error = go_parse_int(value, 0);
    if (error != GoNumError::kNone) return go_parse_int_error(value, error);
  }
  return std::nullopt;
}

namespace {

HookResult error_result(int exit_code, std::string_view message, std::string stderr_prefix = {}) {
  HookResult result;
  result.exit_code = exit_code;
  // Juju: cmd.WriteError prints `ERROR <message>` and a newline.
  result.stderr_text = std::move(stderr_prefix) + "ERROR " + std::string(message) + "\n";
  return result;
}

// The chosen --format; flag_value_problem has refused any the tool does not offer.
OutputFormat choose_format(const ToolSpec& tool, const ParsedArgs& args) {
  const OutputFormat fallback =
      tool.output == OutputFlags::kYamlJson ? OutputFormat::kYaml : OutputFormat::kSmart;
  const std::string* name = args.value("format");
  if (name == nullptr || tool.output == OutputFlags::kDeprecated) return fallback;
  const std::optional<OutputFormat> format = output_format_named(*name);
  SCENARIO_ASSERT(format.has_value());
  return *format;
}

HookResult run_tool(const ToolSpec& tool, SessionData& session, std::span<const std::string> args,
                    std::string_view stdin_text) {
  if (!tool.unsupported.empty()) {
    return error_result(kRunExitCode, std::string(tool.name) + " " + std::string(tool.unsupported));
  }
  SCENARIO_ASSERT(tool.handler != nullptr);
  const std::vector<FlagSpec> flags = tool_flags(tool);
  // gnuflag sets (and so checks) each flag as it reads it: the first bad one in argv is
  // the one reported.
  const FlagValueCheck check = [&](const FlagSpec& flag, std::string_view value) {
    return flag_value_problem(tool, session, flag, value);
  };
  ArgsParseResult parsed = parse_gnu_args(flags, args, check);
  if (parsed.error) return error_result(kUsageExitCode, *parsed.error);
  if (parsed.args.help) {
    HookResult result;
    result.stdout_text = tool_help(tool, session);
    return result;
  }

  std::string warning;
  try {
    const OutputFormat format = choose_format(tool, parsed.args);
    ToolCall call(session, tool.name, std::move(parsed.args), stdin_text, format);
    const std::string* deprecated_format = call.args.value("format");
    if (tool.output == OutputFlags::kDeprecated && deprecated_format != nullptr &&
        !deprecated_format->empty()) {
      // Juju prints this without a newline (jujuc ports.go, relation-set.go, juju-log.go).
      call.err = "--format flag deprecated for command " + go_quote(tool.name);
      warning = call.err;
    }
    tool.handler(call);
    return HookResult{0, std::move(call.out), std::move(call.err)};
  } catch (const ToolFailure& failure) {
    // Juju prints the warning in Run: a usage error (from Init) comes without it.
    const bool ran = failure.exit_code() == kRunExitCode;
    return error_result(failure.exit_code(), failure.message(), ran ? std::move(warning) : "");
  }
}

}  // namespace
}  // namespace detail

struct Session::Impl : detail::SessionData {
  // The State as the session received it, to tell what the run changed.
  State input_state;
};

Session::Session(const CharmSpec& spec, State state, Event event, SessionConfig config)
    : impl_(std::make_unique<Impl>()) {
  impl_->spec = &spec;
  impl_->input_state = state;
  impl_->state = std::move(state);
  impl_->event = std::move(event);
  impl_->config = std::move(config);
  if (impl_->config.app_name.empty()) impl_->config.app_name = spec.name;
  impl_->records.unit_state = impl_->config.unit_state;
}

Session::~Session() = default;
Session::Session(Session&&) noexcept = default;
Session& Session::operator=(Session&&) noexcept = default;

HookResult Session::run(const std::vector<std::string>& argv, std::string_view stdin_text) {
  SCENARIO_ASSERT(impl_ != nullptr);
  if (argv.empty()) return detail::error_result(detail::kRunExitCode, "no hook tool given");
  const detail::ToolSpec* tool = detail::find_tool(argv.front());
  if (tool == nullptr) {
    return detail::error_result(detail::kRunExitCode,
                                "unknown hook tool " + detail::go_quote(argv.front()));
  }
  const std::span<const std::string> args(argv.begin() + 1, argv.end());
  try {
    return detail::run_tool(*tool, *impl_, args, stdin_text);
  } catch (const InternalError&) {
    throw;
  } catch (const std::exception& e) {
    // Handlers turn every problem with the charm's input into a ToolFailure; anything
    // else escaping is a bug in a handler.
    throw InternalError("hook tool " + argv.front() + " failed unexpectedly: " + e.what());
  }
}

bool Session::has_tool(std::string_view name) { return detail::find_tool(name) != nullptr; }

std::vector<std::string> Session::tool_names() {
  std::vector<std::string> names;
  for (const detail::ToolSpec& tool : detail::tool_table()) names.emplace_back(tool.name);
  return names;
}

const State& Session::state() const noexcept { return impl_->state; }
State& Session::mutable_state() noexcept { return impl_->state; }
const State& Session::input_state() const noexcept { return impl_->input_state; }
const Event& Session::event() const noexcept { return impl_->event; }
const CharmSpec& Session::spec() const noexcept { return *impl_->spec; }
const SessionConfig& Session::config() const noexcept { return impl_->config; }
const SessionRecords& Session::records() const noexcept { return impl_->records; }

State Session::take_state() && { return std::move(impl_->state); }

}  // namespace scenario
