// SPDX-License-Identifier: Apache-2.0
// pebble/api.h: Pebble's response envelopes, error bodies and small wire helpers.

#ifndef SCENARIO_SRC_PEBBLE_API_H_
#define SCENARIO_SRC_PEBBLE_API_H_

#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/common/go_text.h"
#include "scenario/pebble/http_status.h"
#include "scenario/pebble/transport.h"
#include "scenario/state/types.h"

namespace scenario::pebble::detail {

/// `{"type":"sync","status-code":200,"status":"OK","result":...}`.
Response sync_response(const Json& result);
/// The same envelope around `result`, JSON text the caller wrote (for long results, where
/// building a Json first would cost more than the answer); "" leaves `result` out.
Response sync_response_text(std::string_view result);
/// `{"type":"async","status-code":202,"status":"Accepted","change":id,"result":...}`.
Response async_response(std::string_view change_id, const Json& result = nullptr);
/// `{"type":"error",...,"result":{"message":...,"kind":...}}`; `kind` is left out when empty.
Response error_response(int status, std::string_view message, std::string_view kind = {});
/// The JSON envelope text of a response, for multipart bodies.
std::string envelope_text(std::string_view type, int status, const Json& result);

/// The request body as a JSON object, or nullopt with `failure` set to Pebble's 400
/// answer, `<prefix>: <why>` (Pebble words the prefix per endpoint).
std::optional<Json> object_body(const Request& request, std::string_view prefix, Response& failure);
/// `object[key]` when it is a string, else "".
std::string string_member(const Json& object, std::string_view key);
/// The strings of the array `object[key]`, in order; other items and other types give none.
std::vector<std::string> string_list_member(const Json& object, std::string_view key);

/// The first value of query parameter `key`, or nullopt.
std::optional<std::string> query_value(const Request& request, std::string_view key);
/// Every value of `key`, each split on commas (Pebble's strutil.MultiCommaSeparatedList),
/// empty items dropped.
std::vector<std::string> query_list(const Request& request, std::string_view key);

// Go's text forms (scenario/common/go_text.h), so messages and times match Pebble's.
using scenario::detail::append_go_json_string;
using scenario::detail::go_quote;
using scenario::detail::go_rfc3339_utc;

/// Parses a JSON request body; nullopt and `error` set when it is not valid JSON.
std::optional<Json> parse_body(std::string_view body, std::string& error);

}  // namespace scenario::pebble::detail

#endif  // SCENARIO_SRC_PEBBLE_API_H_
