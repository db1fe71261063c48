// SPDX-License-Identifier: Apache-2.0
// hooktools/settings_input.h: reading string settings the way relation-set, state-set
// and the secret tools do: `key=value` arguments and YAML or JSON mappings from --file.

#ifndef SCENARIO_HOOKTOOLS_SETTINGS_INPUT_H_
#define SCENARIO_HOOKTOOLS_SETTINGS_INPUT_H_

#include <map>
#include <span>
#include <string>
#include <string_view>

#include "tool.h"

namespace scenario::detail {

/// String settings; an empty value means "delete the key".
using Settings = std::map<std::string, std::string>;

/// juju/utils keyvalues.Parse(args, allowEmptyValues=true): each argument `key=value`,
/// both sides trimmed, keys non-empty and unique. Fails with exit 2 otherwise.
Settings parse_key_values(std::span<const std::string> args);

/// What a --file argument names: `-` is standard input, anything else a file read now.
/// Fails like Go's os.Open when the file cannot be read.
std::string read_file_arg(const ToolCall& call, const std::string& path);

/// A YAML mapping decoded into string settings as go-yaml decodes into
/// map[string]string: scalar values as written, null as "", nested values rejected.
/// JSON (what ops 3.4+ sends) is read as JSON, so its escapes decode exactly.
/// Text go-yaml's reader refuses (not UTF-8, or with control characters) is refused
/// with its message. Fails with exit 1 and go-yaml-like messages.
Settings parse_settings_mapping(std::string_view text);

/// juju/core/secrets ReadSecretData: Go's encoding/json first, into a map of strings
/// (any character in a string, a byte that is not UTF-8 read as U+FFFD); when the text
/// is not a JSON object of strings (or has a lone surrogate escape, which Go would read
/// as U+FFFD), `parse_settings_mapping`.
Settings parse_json_or_yaml_mapping(std::string_view text);

}  // namespace scenario::detail

#endif  // SCENARIO_HOOKTOOLS_SETTINGS_INPUT_H_
