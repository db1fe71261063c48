// SPDX-License-Identifier: Apache-2.0
// common/files.cc: whole-file reads with errors that name the file.

#include "scenario/common/files.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "scenario/errors.h"

namespace scenario::detail {

std::optional<std::string> read_file_if_exists(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    throw Error("cannot read '" + path + "': " + std::strerror(errno));
  }
  std::ostringstream out;
  out << in.rdbuf();
  if (in.bad()) throw Error("cannot read '" + path + "': I/O error");
  return std::move(out).str();
}

}  // namespace scenario::detail
