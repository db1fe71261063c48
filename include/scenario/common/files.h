// SPDX-License-Identifier: Apache-2.0
// scenario/common/files.h: the few filesystem reads the core needs.

#ifndef SCENARIO_COMMON_FILES_H_
#define SCENARIO_COMMON_FILES_H_

#include <optional>
#include <string>

namespace scenario::detail {

/// The whole content of a regular file, or nullopt when `path` does not exist or is
/// not a regular file. Throws Error when the file exists but cannot be read.
std::optional<std::string> read_file_if_exists(const std::string& path);

}  // namespace scenario::detail

#endif  // SCENARIO_COMMON_FILES_H_
