// SPDX-License-Identifier: Apache-2.0
// pebble/multipart.h: multipart/form-data bodies, as ops' file push sends them and as
// Pebble's file pull answers.

#ifndef SCENARIO_SRC_PEBBLE_MULTIPART_H_
#define SCENARIO_SRC_PEBBLE_MULTIPART_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scenario::pebble::detail {

/// A media type and its parameters (`multipart/form-data; boundary="x"`), as Go's
/// mime.ParseMediaType reads it: type lower-cased, parameter values unquoted.
struct MediaType {
  std::string type;
  std::map<std::string, std::string> params;
};
std::optional<MediaType> parse_media_type(std::string_view text);

/// One part of a multipart body.
struct Part {
  /// Header names lower-cased.
  std::map<std::string, std::string> headers;
  std::string body;
  /// The `name` and `filename` parameters of Content-Disposition.
  std::string form_name() const;
  std::string filename() const;
};

/// Splits `body` into parts; nullopt with `error` set when it is malformed.
std::optional<std::vector<Part>> parse_multipart(std::string_view body, std::string_view boundary,
                                                 std::string& error);

/// Writes parts as Go's multipart.Writer does.
class MultipartWriter {
 public:
  explicit MultipartWriter(std::string boundary) : boundary_(std::move(boundary)) {}
  void add_part(const std::vector<std::pair<std::string, std::string>>& headers,
                std::string_view body);
  /// The body with its closing delimiter.
  std::string finish();
  const std::string& boundary() const { return boundary_; }

 private:
  std::string boundary_;
  std::string body_;
};

/// `text` with backslashes and double quotes escaped (Go's escapeQuotes).
std::string escape_quotes(std::string_view text);

}  // namespace scenario::pebble::detail

#endif  // SCENARIO_SRC_PEBBLE_MULTIPART_H_
