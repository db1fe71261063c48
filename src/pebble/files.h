// SPDX-License-Identifier: Apache-2.0
// pebble/files.h: the /v1/files endpoints over a container filesystem confined to a
// host root directory and the container's mounts (confined_fs.h).

#ifndef SCENARIO_SRC_PEBBLE_FILES_H_
#define SCENARIO_SRC_PEBBLE_FILES_H_

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "scenario/pebble/transport.h"
#include "scenario/state/container.h"

namespace scenario::pebble::detail {

/// The owner a push or make-dirs asked for; Pebble would chown, the simulator records it.
struct FileOwner {
  std::optional<int> user_id;
  std::string user;
  std::optional<int> group_id;
  std::string group;
};

/// Serves /v1/files for one container.
class Files {
 public:
  /// `mounts` must outlive this object.
  Files(std::filesystem::path root, const std::map<std::string, Mount>& mounts);

  Response get(const Request& request);
  Response post(const Request& request);

 private:
  void ensure_root();
  Response list(const std::string& path, const std::string& pattern, bool itself);
  Response read(const std::vector<std::string>& paths);
  Response write(const Request& request);
  Response make_dirs(const Json& dirs);
  Response remove(const Json& paths);

  std::filesystem::path root_;
  const std::map<std::string, Mount>& mounts_;
  bool root_ready_ = false;
  std::map<std::string, FileOwner> owners_;
  int boundary_counter_ = 0;
};

}  // namespace scenario::pebble::detail

#endif  // SCENARIO_SRC_PEBBLE_FILES_H_
