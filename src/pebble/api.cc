// SPDX-License-Identifier: Apache-2.0
// pebble/api.cc: Pebble's response envelopes, error bodies and small wire helpers.

#include "api.h"

#include <cstdio>
#include <ctime>

namespace scenario::pebble::detail {

namespace {

// Go's encoding/json writes the envelope fields in this order. `result` is JSON text;
// empty leaves the field out.
std::string envelope(std::string_view type, int status, std::string_view change,
                     std::string_view result) {
  std::string text = "{\"type\":";
  append_go_json_string(text, type);
  text += ",\"status-code\":" + std::to_string(status) + ",\"status\":";
  append_go_json_string(text, status_text(status));
  if (!change.empty()) {
    text += ",\"change\":";
    append_go_json_string(text, change);
  }
  if (!result.empty()) {
    text += ",\"result\":";
    text += result;
  }
  text += "}";
  return text;
}

// The JSON text of `result`, or "" for null (left out of the envelope).
std::string result_text(const Json& result) {
  if (result.is_null()) return {};
  return result.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Response json_response(int status, std::string body) {
  Response response;
  response.status = status;
  response.headers.emplace_back("Content-Type", "application/json");
  response.body = std::move(body);
  return response;
}

}  // namespace

std::string envelope_text(std::string_view type, int status, const Json& result) {
  return envelope(type, status, {}, result_text(result));
}

Response sync_response(const Json& result) { return sync_response_text(result_text(result)); }

Response sync_response_text(std::string_view result) {
  return json_response(200, envelope("sync", 200, {}, result));
}

Response async_response(std::string_view change_id, const Json& result) {
  return json_response(202, envelope("async", 202, change_id, result_text(result)));
}

Response error_response(int status, std::string_view message, std::string_view kind) {
  Json result = {{"message", message}};
  if (!kind.empty()) result["kind"] = kind;
  return json_response(status, envelope("error", status, {}, result_text(result)));
}

std::optional<std::string> query_value(const Request& request, std::string_view key) {
  for (const auto& [name, value] : request.query) {
    if (name == key) return value;
  }
  return std::nullopt;
}

std::vector<std::string> query_list(const Request& request, std::string_view key) {
  std::vector<std::string> items;
  for (const auto& [name, value] : request.query) {
    if (name != key) continue;
    std::size_t start = 0;
    while (start <= value.size()) {
      std::size_t comma = value.find(',', start);
      if (comma == std::string::npos) comma = value.size();
      std::string item = value.substr(start, comma - start);
      // strutil.MultiCommaSeparatedList trims spaces and drops empty items.
      const auto first = item.find_first_not_of(' ');
      const auto last = item.find_last_not_of(' ');
      if (first != std::string::npos) items.push_back(item.substr(first, last - first + 1));
      start = comma + 1;
    }
  }
  return items;
}

std::optional<Json> parse_body(std::string_view body, std::string& error) {
  // nlohmann's dump and comparisons recurse, so a hostile nesting depth is refused first.
  int depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < body.size(); ++i) {
    const char c = body[i];
    if (in_string) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > 256) {
        error = "JSON nested too deeply";
        return std::nullopt;
      }
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  Json value = Json::parse(body, nullptr, false);
  if (value.is_discarded()) {
    error = body.empty() ? "EOF" : "invalid JSON";
    return std::nullopt;
  }
  return value;
}

std::optional<Json> object_body(const Request& request, std::string_view prefix,
                                Response& failure) {
  std::string error;
  auto body = parse_body(request.body, error);
  if (body && body->is_object()) return body;
  failure = error_response(400, std::string(prefix) + ": " + (body ? "expected an object" : error));
  return std::nullopt;
}

std::string string_member(const Json& object, std::string_view key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::vector<std::string> string_list_member(const Json& object, std::string_view key) {
  std::vector<std::string> out;
  const auto it = object.find(key);
  if (it == object.end() || !it->is_array()) return out;
  for (const Json& item : *it) {
    if (item.is_string()) out.push_back(item.get<std::string>());
  }
  return out;
}

}  // namespace scenario::pebble::detail
