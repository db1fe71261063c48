// SPDX-License-Identifier: Apache-2.0
// hooktools/secret_input.h: reading what secret-add and secret-set are given: content
// arguments (`key=value`, `key#base64=value`, `key#file=path`), expiry times and
// durations, rotation policies.

#ifndef SCENARIO_HOOKTOOLS_SECRET_INPUT_H_
#define SCENARIO_HOOKTOOLS_SECRET_INPUT_H_

#include <chrono>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "tool.h"

namespace scenario::detail {

/// Juju's secrets.CreateSecretData: each argument `key=value`, `key#base64=value` (the
/// value decoded) or `key#file=path` (the file's content); keys as Juju allows them
/// (lower-case letters, digits and single hyphens, at least 3 characters). Fails with
/// exit 2 and Juju's texts.
Databag parse_secret_content(std::span<const std::string> args);

/// Juju's secrets.ReadSecretData after the file is read: each item of the mapping as a
/// key and value (`key#base64` decoded, no `#file`, an empty value allowed). Fails with
/// exit 2 and Juju's texts.
Databag secret_content_from_mapping(const std::map<std::string, std::string>& items);

/// Juju's secret-add/secret-set --expire: an RFC 3339 time, a time without zone (read
/// as UTC), or a positive Go duration from `now`. Returns the time in UTC as RFC 3339
/// (`2025-01-01T06:06:06Z`); fails with exit 2 as Juju does.
std::string parse_secret_expire(std::string_view text, std::chrono::system_clock::time_point now);

/// The rotation policy named `text`; fails `rotate policy "<text>" not valid`.
SecretRotate parse_secret_rotate(std::string_view text);

}  // namespace scenario::detail

#endif  // SCENARIO_HOOKTOOLS_SECRET_INPUT_H_
