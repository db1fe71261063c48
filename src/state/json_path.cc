// SPDX-License-Identifier: Apache-2.0
// state/json_path.cc: paths into a State document.

#include "scenario/state/json_path.h"

#include "scenario/state/types.h"

namespace scenario {

namespace {

bool is_plain_key(std::string_view key) {
  if (key.empty()) return false;
  for (char c : key) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

std::string json_path_key(std::string_view parent, std::string_view key) {
  std::string path(parent);
  if (is_plain_key(key)) {
    if (!path.empty()) path += '.';
    path += key;
  } else {
    path += '[';
    path += Json(std::string(key)).dump(-1, ' ', false, Json::error_handler_t::replace);
    path += ']';
  }
  return path;
}

std::string json_path_index(std::string_view parent, std::size_t index) {
  return std::string(parent) + '[' + std::to_string(index) + ']';
}

}  // namespace scenario
