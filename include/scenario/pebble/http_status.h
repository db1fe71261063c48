// SPDX-License-Identifier: Apache-2.0
// scenario/pebble/http_status.h: HTTP status texts, shared by Pebble's handler (its JSON
// envelopes carry them) and the socket transport (its status lines do).

#ifndef SCENARIO_PEBBLE_HTTP_STATUS_H_
#define SCENARIO_PEBBLE_HTTP_STATUS_H_

#include <string_view>

namespace scenario::pebble {

/// The standard text for `status`, as Go's http.StatusText gives it; empty for codes
/// without one.
constexpr std::string_view status_text(int status) {
  switch (status) {
    case 100:
      return "Continue";
    case 101:
      return "Switching Protocols";
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    case 304:
      return "Not Modified";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 413:
      return "Request Entity Too Large";
    case 415:
      return "Unsupported Media Type";
    case 417:
      return "Expectation Failed";
    case 426:
      return "Upgrade Required";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 503:
      return "Service Unavailable";
    case 504:
      return "Gateway Timeout";
    case 505:
      return "HTTP Version Not Supported";
    default:
      return "";
  }
}

}  // namespace scenario::pebble

#endif  // SCENARIO_PEBBLE_HTTP_STATUS_H_
