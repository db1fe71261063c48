// SPDX-License-Identifier: Apache-2.0
// pebble/multipart.cc: multipart/form-data bodies, as ops' file push sends them and as
// Pebble's file pull answers.

#include "multipart.h"

#include <algorithm>
#include <cctype>

namespace scenario::pebble::detail {

namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

std::optional<MediaType> parse_media_type(std::string_view text) {
  MediaType media;
  std::size_t semicolon = text.find(';');
  media.type = lower(trim(text.substr(0, semicolon)));
  if (media.type.empty()) return std::nullopt;
  std::size_t pos = semicolon == std::string_view::npos ? text.size() : semicolon + 1;
  while (pos < text.size()) {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t' || text[pos] == ';')) {
      ++pos;
    }
    if (pos >= text.size()) break;
    const std::size_t equals = text.find('=', pos);
    if (equals == std::string_view::npos) return std::nullopt;
    std::string key = lower(trim(text.substr(pos, equals - pos)));
    pos = equals + 1;
    std::string value;
    if (pos < text.size() && text[pos] == '"') {
      ++pos;
      bool closed = false;
      while (pos < text.size()) {
        const char c = text[pos++];
        if (c == '\\' && pos < text.size()) {
          value += text[pos++];
        } else if (c == '"') {
          closed = true;
          break;
        } else {
          value += c;
        }
      }
      if (!closed) return std::nullopt;
    } else {
      const std::size_t end = text.find(';', pos);
      value = std::string(trim(text.substr(pos, end - pos)));
      pos = end == std::string_view::npos ? text.size() : end;
    }
    if (key.empty()) return std::nullopt;
    media.params[key] = value;
  }
  return media;
}

std::string Part::form_name() const {
  const auto it = headers.find("content-disposition");
  if (it == headers.end()) return {};
  const auto media = parse_media_type(it->second);
  if (!media || media->type != "form-data") return {};
  const auto name = media->params.find("name");
  return name == media->params.end() ? std::string() : name->second;
}

std::string Part::filename() const {
  const auto it = headers.find("content-disposition");
  if (it == headers.end()) return {};
  const auto media = parse_media_type(it->second);
  if (!media) return {};
  const auto name = media->params.find("filename");
  return name == media->params.end() ? std::string() : name->second;
}

std::optional<std::vector<Part>> parse_multipart(std::string_view body, std::string_view boundary,
                                                 std::string& error) {
  std::vector<Part> parts;
  const std::string dash_boundary = "--" + std::string(boundary);
  // The first delimiter may open the body; later ones follow a CRLF.
  std::size_t pos;
  if (body.substr(0, dash_boundary.size()) == dash_boundary) {
    pos = dash_boundary.size();
  } else {
    const std::size_t first = body.find("\r\n" + dash_boundary);
    if (first == std::string_view::npos) {
      error = "multipart: NextPart: EOF";
      return std::nullopt;
    }
    pos = first + 2 + dash_boundary.size();
  }
  const std::string delimiter = "\r\n" + dash_boundary;
  while (true) {
    if (body.substr(pos, 2) == "--") return parts;  // closing delimiter
    // Transport padding, then CRLF.
    while (pos < body.size() && (body[pos] == ' ' || body[pos] == '\t')) ++pos;
    if (body.substr(pos, 2) != "\r\n") {
      error = "multipart: expected CRLF after boundary";
      return std::nullopt;
    }
    pos += 2;
    const std::size_t headers_end = body.find("\r\n\r\n", pos);
    const bool no_headers = body.substr(pos, 2) == "\r\n";
    if (!no_headers && headers_end == std::string_view::npos) {
      error = "multipart: unterminated part headers";
      return std::nullopt;
    }
    Part part;
    if (!no_headers) {
      std::string_view block = body.substr(pos, headers_end - pos);
      while (!block.empty()) {
        const std::size_t eol = block.find("\r\n");
        std::string_view line = block.substr(0, eol);
        block = eol == std::string_view::npos ? std::string_view() : block.substr(eol + 2);
        const std::size_t colon = line.find(':');
        if (colon == std::string_view::npos) {
          error = "multipart: malformed MIME header line";
          return std::nullopt;
        }
        part.headers[lower(trim(line.substr(0, colon)))] =
            std::string(trim(line.substr(colon + 1)));
      }
      pos = headers_end + 4;
    } else {
      pos += 2;
    }
    const std::size_t end = body.find(delimiter, pos);
    if (end == std::string_view::npos) {
      error = "multipart: NextPart: unexpected EOF";
      return std::nullopt;
    }
    part.body = std::string(body.substr(pos, end - pos));
    parts.push_back(std::move(part));
    pos = end + delimiter.size();
  }
}

void MultipartWriter::add_part(const std::vector<std::pair<std::string, std::string>>& headers,
                               std::string_view body) {
  body_ += body_.empty() ? "--" : "\r\n--";
  body_ += boundary_ + "\r\n";
  for (const auto& [name, value] : headers) body_ += name + ": " + value + "\r\n";
  body_ += "\r\n";
  body_.append(body);
}

std::string MultipartWriter::finish() {
  body_ += body_.empty() ? "--" : "\r\n--";
  body_ += boundary_ + "--\r\n";
  return std::move(body_);
}

std::string escape_quotes(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\\' || c == '"') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace scenario::pebble::detail
