// SPDX-License-Identifier: Apache-2.0
// pebble_socket/http_message.cc: HTTP/1.1 request parsing and response writing.

#include "http_message.h"

#include <charconv>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "scenario/pebble/http_status.h"
#include "scenario/pebble/socket_codec.h"

namespace scenario::pebble::detail {
namespace {

// RFC 9110 section 5.6.2: token characters.
bool is_tchar(char c) {
  if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
  return std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool is_token(std::string_view s) {
  if (s.empty()) return false;
  for (const char c : s) {
    if (!is_tchar(c)) return false;
  }
  return true;
}

// Field values may hold visible characters, obs-text, spaces and tabs; never CR, LF, NUL
// or other controls (a bare CR is how header injection and smuggling start).
bool is_field_value(std::string_view s) {
  for (const char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if ((u < 0x20 && c != '\t') || u == 0x7F) return false;
  }
  return true;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// Comma-separated list elements, trimmed, empty ones dropped (RFC 9110 section 5.6.1).
std::vector<std::string_view> split_list(std::string_view s) {
  std::vector<std::string_view> items;
  while (true) {
    const std::size_t comma = s.find(',');
    const std::string_view item = trim(s.substr(0, comma));
    if (!item.empty()) items.push_back(item);
    if (comma == std::string_view::npos) break;
    s.remove_prefix(comma + 1);
  }
  return items;
}

// Lines of a header section, with the CR of CRLF removed (a bare LF is accepted too).
std::vector<std::string_view> split_lines(std::string_view head) {
  std::vector<std::string_view> lines;
  while (!head.empty()) {
    const std::size_t lf = head.find('\n');
    std::string_view line = head.substr(0, lf);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (lf == std::string_view::npos) break;
    head.remove_prefix(lf + 1);
  }
  return lines;
}

HttpError bad_request(std::string message) { return HttpError{400, std::move(message)}; }

std::variant<std::vector<std::pair<std::string, std::string>>, HttpError> parse_query(
    std::string_view query) {
  std::vector<std::pair<std::string, std::string>> params;
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view item = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (item.empty()) continue;
    const std::size_t eq = item.find('=');
    auto key = percent_decode(item.substr(0, eq), true);
    auto value = percent_decode(
        eq == std::string_view::npos ? std::string_view() : item.substr(eq + 1), true);
    if (!key || !value) {
      return bad_request("invalid percent-encoding in query parameter '" + std::string(item) + "'");
    }
    params.emplace_back(std::move(*key), std::move(*value));
  }
  return params;
}

}  // namespace

std::size_t find_head_end(std::string_view buffer) {
  std::size_t start = 0;
  bool seen_request_line = false;
  while (true) {
    const std::size_t lf = buffer.find('\n', start);
    if (lf == std::string_view::npos) return std::string_view::npos;
    const std::size_t length = lf - start;
    const bool blank = length == 0 || (length == 1 && buffer[start] == '\r');
    start = lf + 1;
    // RFC 9112 section 2.2: blank lines before the request line are skipped.
    if (blank && seen_request_line) return start;
    if (!blank) seen_request_line = true;
  }
}

std::variant<RequestHead, HttpError> parse_request_head(std::string_view head) {
  std::vector<std::string_view> lines = split_lines(head);
  std::size_t i = 0;
  while (i < lines.size() && lines[i].empty()) ++i;
  if (i == lines.size()) return bad_request("empty request");
  const std::string_view request_line = lines[i++];

  RequestHead result;
  const std::size_t sp1 = request_line.find(' ');
  const std::size_t sp2 = sp1 == std::string_view::npos ? sp1 : request_line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos || request_line.find(' ', sp2 + 1) != std::string_view::npos) {
    return bad_request("malformed request line; expected 'METHOD /path HTTP/1.1'");
  }
  const std::string_view method = request_line.substr(0, sp1);
  std::string_view target = request_line.substr(sp1 + 1, sp2 - sp1 - 1);
  const std::string_view version = request_line.substr(sp2 + 1);
  if (!is_token(method)) return bad_request("malformed request method");
  if (version == "HTTP/1.1") {
    result.minor_version = 1;
  } else if (version == "HTTP/1.0") {
    result.minor_version = 0;
  } else if (version.size() == 8 && version.substr(0, 5) == "HTTP/" && version[6] == '.') {
    return HttpError{
        505, "HTTP version " + std::string(version.substr(5)) + " is not supported; use HTTP/1.1"};
  } else {
    return bad_request("malformed HTTP version in request line");
  }
  for (const char c : target) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7F) return bad_request("malformed request target");
  }
  // Absolute form ("http://localhost/v1/...") carries the same path as origin form.
  if (const std::size_t scheme = target.find("://");
      scheme != std::string_view::npos && target.front() != '/') {
    const std::size_t slash = target.find('/', scheme + 3);
    target = slash == std::string_view::npos ? std::string_view("/") : target.substr(slash);
  }
  if (target.empty() || target.front() != '/') {
    return bad_request("request target must be a path starting with '/'");
  }
  if (const std::size_t hash = target.find('#'); hash != std::string_view::npos) {
    target = target.substr(0, hash);
  }
  const std::size_t question = target.find('?');
  auto path = percent_decode(target.substr(0, question), false);
  if (!path) return bad_request("invalid percent-encoding in request path");
  result.request.method = std::string(method);
  result.request.path = std::move(*path);
  if (question != std::string_view::npos) {
    auto query = parse_query(target.substr(question + 1));
    if (auto* error = std::get_if<HttpError>(&query)) return std::move(*error);
    result.request.query = std::move(std::get<0>(query));
  }

  for (; i < lines.size(); ++i) {
    const std::string_view line = lines[i];
    if (line.empty()) break;
    if (line.front() == ' ' || line.front() == '\t') {
      return bad_request("obsolete header line folding is not accepted");
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      return bad_request("malformed header line (no ':')");
    }
    const std::string_view name = line.substr(0, colon);
    const std::string_view value = trim(line.substr(colon + 1));
    if (!is_token(name)) {
      return bad_request("malformed header name '" + std::string(name) + "'");
    }
    if (!is_field_value(value)) {
      return bad_request("header '" + std::string(name) + "' has a control character");
    }
    // Repeated fields combine into one comma-separated value (RFC 9110 section 5.3).
    auto [it, inserted] = result.request.headers.emplace(lower(name), std::string(value));
    if (!inserted) {
      it->second += ", ";
      it->second += value;
    }
  }
  return result;
}

std::variant<BodyFraming, HttpError> body_framing(const RequestHead& head, std::size_t max_body) {
  const auto& headers = head.request.headers;
  const auto te = headers.find("transfer-encoding");
  const auto cl = headers.find("content-length");
  if (te != headers.end()) {
    if (cl != headers.end()) {
      return bad_request("a request may not have both Content-Length and Transfer-Encoding");
    }
    const std::vector<std::string_view> codings = split_list(te->second);
    if (codings.size() == 1 && lower(codings[0]) == "chunked") {
      return BodyFraming{BodyFraming::Kind::kChunked, 0};
    }
    if (!codings.empty() && lower(codings.back()) != "chunked") {
      return bad_request("Transfer-Encoding must end with 'chunked'");
    }
    return HttpError{501,
                     "transfer coding '" + te->second + "' is not supported; only 'chunked' is"};
  }
  if (cl == headers.end()) return BodyFraming{};
  // Repeated Content-Length fields are combined with commas; all must agree.
  std::size_t length = 0;
  bool first = true;
  const std::vector<std::string_view> values = split_list(cl->second);
  if (values.empty()) return bad_request("empty Content-Length");
  for (const std::string_view value : values) {
    std::size_t parsed = 0;
    bool digits = !value.empty();
    for (const char c : value) digits = digits && c >= '0' && c <= '9';
    if (!digits) return bad_request("malformed Content-Length '" + cl->second + "'");
    const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), parsed);
    if (ec == std::errc::result_out_of_range) {
      return HttpError{
          413, "request body is larger than the limit of " + std::to_string(max_body) + " bytes"};
    }
    if (!first && parsed != length) {
      return bad_request("conflicting Content-Length values '" + cl->second + "'");
    }
    length = parsed;
    first = false;
  }
  if (length > max_body) {
    return HttpError{413, "request body of " + std::to_string(length) +
                              " bytes is larger than the limit of " + std::to_string(max_body) +
                              " bytes"};
  }
  return BodyFraming{BodyFraming::Kind::kLength, length};
}

ChunkedBody decode_chunked(std::string_view buffer, std::size_t max_body) {
  ChunkedBody result;
  const auto fail = [&](int status, std::string message) {
    result.status = ChunkedBody::Status::kError;
    result.error = HttpError{status, std::move(message)};
    return result;
  };
  // Two passes: the first finds where the body ends without copying data, so a body that
  // arrives in many reads is not copied once per read.
  std::vector<std::pair<std::size_t, std::size_t>> pieces;
  std::size_t pos = 0;
  std::size_t total = 0;
  while (true) {
    const std::size_t lf = buffer.find('\n', pos);
    if (lf == std::string_view::npos) {
      // A chunk-size line has no business being long; without this, a client could make
      // the server buffer an endless line.
      if (buffer.size() - pos > 4096) return fail(400, "chunk size line too long");
      return result;
    }
    std::string_view line = buffer.substr(pos, lf - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::string_view size_text = trim(line.substr(0, line.find(';')));
    std::size_t size = 0;
    const auto [ptr, ec] =
        std::from_chars(size_text.data(), size_text.data() + size_text.size(), size, 16);
    if (size_text.empty() || ptr != size_text.data() + size_text.size()) {
      return fail(400, "malformed chunk size '" + std::string(size_text) + "'");
    }
    if (ec == std::errc::result_out_of_range || size > max_body - total) {
      return fail(
          413, "request body is larger than the limit of " + std::to_string(max_body) + " bytes");
    }
    pos = lf + 1;
    if (size == 0) break;
    if (buffer.size() - pos < size) return result;
    pieces.emplace_back(pos, size);
    total += size;
    pos += size;
    // The chunk data ends with CRLF (a bare LF is tolerated).
    if (pos >= buffer.size()) return result;
    if (buffer[pos] == '\n') {
      pos += 1;
    } else if (buffer[pos] != '\r') {
      return fail(400, "chunk data is not followed by CRLF");
    } else if (pos + 1 >= buffer.size()) {
      return result;
    } else if (buffer[pos + 1] == '\n') {
      pos += 2;
    } else {
      return fail(400, "chunk data is not followed by CRLF");
    }
  }
  // Trailer section: header lines up to a blank line, ignored.
  while (true) {
    const std::size_t lf = buffer.find('\n', pos);
    if (lf == std::string_view::npos) {
      if (buffer.size() - pos > 65536) return fail(431, "chunked trailer section too large");
      return result;
    }
    std::string_view line = buffer.substr(pos, lf - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = lf + 1;
    if (line.empty()) break;
    if (line.find(':') == std::string_view::npos) {
      return fail(400, "malformed trailer line in chunked body");
    }
  }
  result.status = ChunkedBody::Status::kDone;
  result.consumed = pos;
  result.body.reserve(total);
  for (const auto& [start, size] : pieces) result.body.append(buffer.substr(start, size));
  return result;
}

bool keep_alive(const RequestHead& head) {
  const auto it = head.request.headers.find("connection");
  bool close = false;
  bool keep = false;
  if (it != head.request.headers.end()) {
    for (const std::string_view token : split_list(it->second)) {
      const std::string t = lower(token);
      if (t == "close") close = true;
      if (t == "keep-alive") keep = true;
    }
  }
  if (close) return false;
  return head.minor_version >= 1 || keep;
}

Response error_response(int status, std::string_view message) {
  // Pebble's error envelope (internals/daemon/response.go), so ops raises APIError with
  // this message rather than a ProtocolError.
  const nlohmann::json body = {
      {"type", "error"},
      {"status-code", status},
      {"status", std::string(status_text(status))},
      {"result", {{"message", std::string(message)}}},
  };
  Response response;
  response.status = status;
  response.headers.emplace_back("Content-Type", "application/json");
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return response;
}

std::string serialize_response(const Response& response, int minor_version, bool close,
                               bool head_only) {
  const int status = response.status >= 100 && response.status <= 999 ? response.status : 500;
  std::string out = "HTTP/1.1 " + std::to_string(status) + " ";
  out += status_text(status).empty() ? std::string_view("Unknown") : status_text(status);
  out += "\r\n";
  for (const auto& [name, value] : response.headers) {
    const std::string key = lower(name);
    if (key == "content-length" || key == "transfer-encoding" || key == "connection") continue;
    if (!is_token(name) || !is_field_value(value)) continue;
    out += name;
    out += ": ";
    out += value;
    out += "\r\n";
  }
  const bool no_body = status == 204 || status == 304 || status < 200;
  if (!no_body) out += "Content-Length: " + std::to_string(response.body.size()) + "\r\n";
  if (close) {
    out += "Connection: close\r\n";
  } else if (minor_version == 0) {
    out += "Connection: keep-alive\r\n";
  }
  out += "\r\n";
  if (!no_body && !head_only) out += response.body;
  return out;
}

}  // namespace scenario::pebble::detail
