// SPDX-License-Identifier: Apache-2.0
// pebble/checks_notices.cc: /v1/checks and /v1/notices.
//
// Pebble: internals/daemon/api_checks.go, api_notices.go, internals/overlord/state/
// notices.go. Check definitions come from the plan, their state (status, failures,
// threshold) from the container's check_infos. The caller is treated as root, an admin:
// notices it adds belong to user 0, and it may use every filter.

#include <algorithm>
#include <cmath>
#include <regex>
#include <set>

#include "api.h"
#include "handler_impl.h"

namespace scenario::pebble {

using detail::error_response;
using detail::go_quote;
using detail::sync_response;

namespace {

// Pebble's customKeyRegexp, maxNoticeKeyLength and maxNoticeDataSize.
const std::regex kCustomKey(
    R"(^[a-z0-9]+(-[a-z0-9]+)*(\.[a-z0-9]+(-[a-z0-9]+)*)+(/[a-z0-9]+(-[a-z0-9]+)*)+$)");
constexpr std::size_t kMaxKeyLength = 256;
constexpr std::size_t kMaxDataSize = 4 * 1024;
constexpr int kCallerUid = 0;

std::string seconds_to_duration(double seconds) {
  return detail::go_duration_string(static_cast<std::int64_t>(std::llround(seconds * 1e9)));
}

Json notice_to_json(const Notice& notice) {
  Json out = {
      {"id", notice.id},
      {"user-id", notice.user_id ? Json(*notice.user_id) : Json(nullptr)},
      {"type", notice.type},
      {"key", notice.key},
      {"first-occurred", notice.first_occurred},
      {"last-occurred", notice.last_occurred},
      {"last-repeated", notice.last_repeated},
      {"occurrences", notice.occurrences},
  };
  if (!notice.last_data.empty()) out["last-data"] = notice.last_data;
  if (notice.repeat_after) out["repeat-after"] = seconds_to_duration(*notice.repeat_after);
  if (notice.expire_after) out["expire-after"] = seconds_to_duration(*notice.expire_after);
  return out;
}

}  // namespace

Response detail::HandlerState::get_checks(const Request& request) {
  const std::string level = detail::query_value(request, "level").value_or("");
  if (!level.empty() && level != "alive" && level != "ready") {
    return error_response(400, R"(level must be "alive" or "ready")");
  }
  const std::vector<std::string> names = detail::query_list(request, "names");
  const detail::Plan plan = combined_plan();
  Json result = Json::array();
  for (const auto& [name, check] : plan.checks) {
    const std::string check_level = check.value("level", "");
    if (!level.empty() && level != check_level) continue;
    if (!names.empty() && std::find(names.begin(), names.end(), name) == names.end()) continue;
    const std::string startup = check.value("startup", "") == "disabled" ? "disabled" : "enabled";
    const bool stopped =
        checks_stopped_.count(name) != 0 ? checks_stopped_.at(name) : startup == "disabled";
    int threshold = check.contains("threshold") && check["threshold"].is_number_integer()
                        ? check["threshold"].get<int>()
                        : 3;
    if (threshold == 0) threshold = 3;
    std::string status = "up";
    int failures = 0;
    if (const auto info = container_.check_infos.find(name); info != container_.check_infos.end()) {
      status = info->second.status;
      failures = info->second.failures;
      threshold = info->second.threshold;
    }
    Json item = {{"name", name}, {"startup", startup}, {"successes", 0}, {"threshold", threshold}};
    if (!check_level.empty()) item["level"] = check_level;
    if (failures != 0) item["failures"] = failures;
    if (stopped) {
      item["status"] = "inactive";
    } else {
      item["status"] = status;
      // A running check has a perform-check (up) or recover-check (down) change.
      auto& change_id = check_changes_[name];
      if (change_id.empty()) {
        const bool down = status == "down";
        detail::Change& change =
            new_change(down ? "recover-check" : "perform-check",
                       std::string(down ? "Recover" : "Perform") + " check " + go_quote(name));
        change.status = "Doing";
        change.ready_time.clear();
        change_id = change.id;
      }
      item["change-id"] = change_id;
    }
    result.push_back(std::move(item));
  }
  return sync_response(result);
}

Response detail::HandlerState::post_checks(const Request& request) {
  Response failure;
  const auto body = detail::object_body(request, "cannot decode data from request body", failure);
  if (!body) return failure;
  const std::string action = detail::string_member(*body, "action");
  std::vector<std::string> checks = detail::string_list_member(*body, "checks");
  if (checks.empty()) return error_response(400, "must specify checks for " + action + " action");
  if (action != "start" && action != "stop")
    return error_response(400, "invalid action " + go_quote(action));
  const detail::Plan plan = combined_plan();
  std::vector<std::string> missing;
  for (const std::string& name : checks) {
    if (plan.checks.count(name) == 0) missing.push_back(name);
  }
  if (!missing.empty()) {
    std::sort(missing.begin(), missing.end());
    std::string list;
    for (const std::string& name : missing) list += (list.empty() ? "" : ", ") + name;
    return error_response(400, "cannot " + action + " checks: cannot find checks in plan: " + list);
  }
  std::set<std::string> changed;
  for (const std::string& name : checks) {
    const Json& check = plan.checks.at(name);
    const bool was_stopped = checks_stopped_.count(name) != 0
                                 ? checks_stopped_.at(name)
                                 : check.value("startup", "") == "disabled";
    const bool stop = action == "stop";
    if (was_stopped != stop) changed.insert(name);
    checks_stopped_[name] = stop;
    if (stop) check_changes_.erase(name);
  }
  return sync_response({{"changed", std::vector<std::string>(changed.begin(), changed.end())}});
}

Response detail::HandlerState::get_notices(const Request& request) {
  const auto users = detail::query_value(request, "users");
  // ops 2.10 and 2.11 send the older spelling.
  const auto select = detail::query_value(request, "select");
  const std::vector<std::string> user_ids = detail::query_list(request, "user-id");
  const bool has_user_id = detail::query_value(request, "user-id").has_value();
  std::optional<long long> user_filter;
  if (has_user_id) {
    if (user_ids.size() != 1) {
      return error_response(400, R"(invalid "user-id" filter: must only include one "user-id")");
    }
    try {
      std::size_t used = 0;
      user_filter = std::stoll(user_ids[0], &used, 10);
      if (used != user_ids[0].size()) throw std::invalid_argument("trailing");
    } catch (const std::exception&) {
      return error_response(400, R"(invalid "user-id" filter: strconv.ParseInt: parsing )" +
                                     go_quote(user_ids[0]) + ": invalid syntax");
    }
    if (*user_filter < 0 || *user_filter > 4294967295LL) {
      return error_response(400, R"(invalid "user-id" filter: user ID is not a valid uint32: )" +
                                     std::to_string(*user_filter));
    }
  }
  const std::string all = users.value_or(select.value_or(""));
  if (users || select) {
    if (has_user_id)
      return error_response(400, R"(cannot use both "users" and "user-id" parameters)");
    if (all != "all") return error_response(400, R"(invalid "users" filter: must be "all")");
  }
  const std::vector<std::string> requested_types = detail::query_list(request, "types");
  std::vector<std::string> types;
  for (const std::string& type : requested_types) {
    if ((type == "custom" || type == "change-update" || type == "warning") &&
        std::find(types.begin(), types.end(), type) == types.end()) {
      types.push_back(type);
    }
  }
  if (types.empty() && !requested_types.empty()) {
    return error_response(400, R"(invalid "types" filter: all requested notice types invalid)");
  }
  const std::vector<std::string> keys = detail::query_list(request, "keys");
  std::vector<const Notice*> selected;
  for (const Notice& notice : container_.notices) {
    if (all != "all") {
      const long long viewer = user_filter.value_or(kCallerUid);
      if (notice.user_id && *notice.user_id != viewer) continue;
    }
    if (!types.empty() && std::find(types.begin(), types.end(), notice.type) == types.end())
      continue;
    if (!keys.empty() && std::find(keys.begin(), keys.end(), notice.key) == keys.end()) continue;
    selected.push_back(&notice);
  }
  // Pebble orders notices by when they last repeated.
  std::stable_sort(selected.begin(), selected.end(), [](const Notice* a, const Notice* b) {
    return a->last_repeated < b->last_repeated;
  });
  Json result = Json::array();
  for (const Notice* notice : selected) result.push_back(notice_to_json(*notice));
  return sync_response(result);
}

Response detail::HandlerState::get_notice(const Request& /*request*/, const std::string& id) {
  for (const Notice& notice : container_.notices) {
    if (notice.id == id) return sync_response(notice_to_json(notice));
  }
  return error_response(404, "cannot find notice with ID " + go_quote(id));
}

Response detail::HandlerState::post_notices(const Request& request) {
  Response failure;
  const auto body = detail::object_body(request, "cannot decode request body", failure);
  if (!body) return failure;
  auto text = [&](const char* key) { return detail::string_member(*body, key); };
  const std::string action = text("action");
  if (action != "add") return error_response(400, "invalid action " + go_quote(action));
  const std::string type = text("type");
  if (type != "custom") {
    return error_response(400,
                          "invalid type " + go_quote(type) + R"( (can only add "custom" notices))");
  }
  const std::string key = text("key");
  // Length first: std::regex recurses per character, so a huge key must not reach it.
  if (key.size() > kMaxKeyLength) {
    return error_response(400, "key must be " + std::to_string(kMaxKeyLength) + " bytes or less");
  }
  if (!std::regex_match(key, kCustomKey)) {
    return error_response(
        400, "invalid key " + go_quote(key) + R"( (must be in "example.com/path" format))");
  }
  std::optional<double> repeat_after;
  if (const std::string repeat = text("repeat-after"); !repeat.empty()) {
    const auto nanos = detail::parse_go_duration(repeat);
    if (!nanos)
      return error_response(400,
                            "invalid repeat-after: time: invalid duration " + go_quote(repeat));
    repeat_after = static_cast<double>(*nanos) / 1e9;
  }
  Databag data;
  if (const auto it = body->find("data"); it != body->end() && !it->is_null()) {
    if (it->dump().size() > kMaxDataSize) {
      return error_response(
          400, "total size of data must be " + std::to_string(kMaxDataSize) + " bytes or less");
    }
    if (!it->is_object()) {
      return error_response(400, "cannot decode notice data: json: cannot unmarshal " +
                                     std::string(it->type_name()) +
                                     " into Go value of type map[string]string");
    }
    for (const auto& [k, v] : it->items()) {
      if (!v.is_string()) {
        return error_response(400, "cannot decode notice data: json: cannot unmarshal " +
                                       std::string(v.type_name()) +
                                       " into Go value of type string");
      }
      data[k] = v.get<std::string>();
    }
  }
  const std::string time = now();
  for (Notice& notice : container_.notices) {
    if (notice.type == type && notice.key == key && notice.user_id == kCallerUid) {
      ++notice.occurrences;
      notice.last_occurred = time;
      notice.last_data = data;
      // Simplification: every occurrence counts as a repeat (repeat-after is recorded,
      // not compared against the clock).
      notice.last_repeated = time;
      notice.repeat_after = repeat_after;
      return sync_response({{"id", notice.id}});
    }
  }
  Notice notice;
  notice.key = key;
  notice.id = next_notice_id(container_.notices);
  notice.user_id = kCallerUid;
  notice.type = type;
  notice.first_occurred = notice.last_occurred = notice.last_repeated = time;
  notice.last_data = std::move(data);
  notice.repeat_after = repeat_after;
  container_.notices.push_back(std::move(notice));
  return sync_response({{"id", container_.notices.back().id}});
}

}  // namespace scenario::pebble
