// SPDX-License-Identifier: Apache-2.0
// hooktools/output.h: the --format output of hook tools (juju/cmd's formatters).

#ifndef SCENARIO_HOOKTOOLS_OUTPUT_H_
#define SCENARIO_HOOKTOOLS_OUTPUT_H_

#include <optional>
#include <string>
#include <string_view>

#include "scenario/state/types.h"

namespace scenario::detail {

/// juju/cmd's DefaultFormatters.
enum class OutputFormat { kSmart, kJson, kYaml };

std::optional<OutputFormat> output_format_named(std::string_view name);
std::string_view to_string(OutputFormat format);

/// What Go type Juju writes: a []string prints one item per line in smart format, any
/// other list prints as YAML.
enum class GoShape { kAny, kStringList };

/// FormatJson: one line, then a newline. Invalid UTF-8 in strings is replaced rather
/// than failing (a charm can write any bytes into a databag).
std::string format_json(const Json& value);

/// FormatYaml: block YAML and a newline; nothing for null. Strings that YAML 1.1 would
/// read as another type (`"5432"`, `"yes"`, `"null"`) are quoted, as go-yaml does.
std::string format_yaml(const Json& value);

/// FormatSmart: strings as they are, booleans as True/False, []string one per line,
/// null and empty strings as nothing, anything else as YAML.
std::string format_smart(const Json& value, GoShape shape = GoShape::kAny);

/// Formats `value` the way the chosen formatter does.
std::string format_output(OutputFormat format, const Json& value, GoShape shape);

}  // namespace scenario::detail

#endif  // SCENARIO_HOOKTOOLS_OUTPUT_H_
