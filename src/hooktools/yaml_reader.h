// SPDX-License-Identifier: Apache-2.0
// hooktools/yaml_reader.h: what go-yaml's reader refuses before any YAML is parsed.

#ifndef SCENARIO_HOOKTOOLS_YAML_READER_H_
#define SCENARIO_HOOKTOOLS_YAML_READER_H_

#include <optional>
#include <string_view>

namespace scenario::detail {

/// The problem go-yaml's reader (readerc.go) reports for `text`, checking its
/// characters in order, or nullopt when every one reads: UTF-8 that is not well formed
/// (`invalid leading UTF-8 octet`, `incomplete UTF-8 octet sequence`, ...), UTF-16
/// (after its byte order mark) that is not (`unexpected low surrogate area`, ...), or a
/// character YAML does not allow (`control characters are not allowed`: C0 and C1
/// controls but tab, line feed, carriage return and NEL; U+FFFE, U+FFFF). Juju reports
/// it as `yaml: <problem>`, without a line.
///
/// go-yaml reads lazily (512 bytes at a time), so in a longer text with a syntax error
/// before the bad character Juju reports the syntax error; here the reader's problem
/// comes first.
std::optional<std::string_view> go_yaml_reader_problem(std::string_view text);

}  // namespace scenario::detail

#endif  // SCENARIO_HOOKTOOLS_YAML_READER_H_
