// SPDX-License-Identifier: Apache-2.0
// hooktools/session.cc: the Session and the one dispatcher every hook tool runs through.
//
// The dispatcher does what juju/cmd's Main does around each jujuc command: parse the
// flags (exit 2 on error), answer --help, validate --format, run the command (exit 1 on
// error) and print errors as `ERROR <message>`.

#include "scenario/hooktools/session.h"

#include <exception>
#include <memory>
#include <string>
#include <string_view>
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

void invalid_flag_value(const ParsedArgs& args, std::string_view flag, std::string_view value,
                        std::string_view reason) {
  usage_error("invalid value " + go_quote(value) + " for option " + args.spelling(flag) + ": " +
              std::string(reason));
}

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

HookResult error_result(int exit_code, std::string_view message, std::string stderr_prefix = {}) {
  HookResult result;
  result.exit_code = exit_code;
  // Juju: cmd.WriteError prints `ERROR <message>` and a newline.
  result.stderr_text = std::move(stderr_prefix) + "ERROR " + std::string(message) + "\n";
  return result;
}

// The chosen --format, or a usage failure for one the tool does not offer.
OutputFormat choose_format(const ToolSpec& tool, const ParsedArgs& args) {
  const OutputFormat fallback =
      tool.output == OutputFlags::kYamlJson ? OutputFormat::kYaml : OutputFormat::kSmart;
  const std::string* name = args.value("format");
  if (name == nullptr || tool.output == OutputFlags::kDeprecated) return fallback;
  const std::optional<OutputFormat> format = output_format_named(*name);
  const bool offered =
      format && (tool.output == OutputFlags::kSmart || *format != OutputFormat::kSmart);
  if (!offered) invalid_flag_value(args, "format", *name, "unknown format " + go_quote(*name));
  return *format;
}

HookResult run_tool(const ToolSpec& tool, SessionData& session, std::span<const std::string> args,
                    std::string_view stdin_text) {
  if (!tool.unsupported.empty()) {
    return error_result(kRunExitCode, std::string(tool.name) + " " + std::string(tool.unsupported));
  }
  SCENARIO_ASSERT(tool.handler != nullptr);
  const std::vector<FlagSpec> flags = tool_flags(tool);
  ArgsParseResult parsed = parse_gnu_args(flags, args);
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
    return error_result(failure.exit_code(), failure.message(), std::move(warning));
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
