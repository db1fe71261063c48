// SPDX-License-Identifier: Apache-2.0
// tests/cpp/pebble/pebble_test_util.h: a temporary container root and request helpers.

#ifndef SCENARIO_TESTS_CPP_PEBBLE_PEBBLE_TEST_UTIL_H_
#define SCENARIO_TESTS_CPP_PEBBLE_PEBBLE_TEST_UTIL_H_

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "scenario/pebble/container_handler.h"

namespace scenario::pebble::testing {

/// A directory removed at the end of the test.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "pebble-test-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code error;
    // Directories made unreadable by a test must be removable.
    std::filesystem::permissions(path_, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::add, error);
    for (auto it = std::filesystem::recursive_directory_iterator(path_, error);
         it != std::filesystem::recursive_directory_iterator(); it.increment(error)) {
      if (!it->is_symlink()) {
        std::filesystem::permissions(it->path(), std::filesystem::perms::owner_all,
                                     std::filesystem::perm_options::add, error);
      }
    }
    std::filesystem::remove_all(path_, error);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline std::string read_host_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

inline void write_host_file(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

inline Request get(std::string path, std::vector<std::pair<std::string, std::string>> query = {}) {
  return {.method = "GET", .path = std::move(path), .query = std::move(query)};
}

inline Request post_json(std::string path, const Json& body) {
  return {.method = "POST",
          .path = std::move(path),
          .headers = {{"content-type", "application/json"}},
          .body = body.dump()};
}

/// The response body as JSON (the envelope).
inline Json body_of(const Response& response) { return Json::parse(response.body); }

/// A push request as ops sends it: one file, a 32-character quoted boundary.
inline Request push_request(const Json& file, const std::string& content,
                            const std::string& filename = "") {
  const std::string boundary = "0123456789abcdef0123456789abcdef";
  const std::string name = filename.empty() ? file.value("path", "") : filename;
  std::string body = "--" + boundary +
                     "\r\nContent-Type: application/json\r\nContent-Disposition: form-data; "
                     "name=\"request\"\r\n\r\n" +
                     Json({{"action", "write"}, {"files", {file}}}).dump() + "\r\n--" + boundary +
                     "\r\nContent-Type: application/octet-stream\r\nContent-Disposition: "
                     "form-data; name=\"files\"; filename=\"" +
                     name + "\"\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
  return {.method = "POST",
          .path = "/v1/files",
          .headers = {{"content-type", "multipart/form-data; boundary=\"" + boundary + "\""}},
          .body = std::move(body)};
}

/// Posts a JSON action to /v1/files; returns its one per-path result item.
inline Json files_action(ContainerHandler& handler, const Json& body) {
  const Response response = handler.handle(post_json("/v1/files", body));
  EXPECT_EQ(response.status, 200) << response.body;
  return body_of(response)["result"][0];
}

/// Removes `path`; returns the per-path result item.
inline Json remove_path(ContainerHandler& handler, const std::string& path,
                        bool recursive = false) {
  return files_action(
      handler, {{"action", "remove"}, {"paths", {{{"path", path}, {"recursive", recursive}}}}});
}

/// Makes one directory, `dir` being a make-dirs item; returns the per-path result item.
inline Json make_dir(ContainerHandler& handler, const Json& dir) {
  return files_action(handler, {{"action", "make-dirs"}, {"dirs", {dir}}});
}

/// Pushes `content` to `path`; returns the per-path result item.
inline Json push(ContainerHandler& handler, const std::string& path, const std::string& content,
                 Json extra = Json::object()) {
  extra["path"] = path;
  const Response response = handler.handle(push_request(extra, content));
  EXPECT_EQ(response.status, 200) << response.body;
  return body_of(response)["result"][0];
}

/// What a pull of `path` returns: the response part's item and the file content, if any.
struct Pulled {
  Json item;
  std::optional<std::string> content;
};

inline Pulled pull(ContainerHandler& handler, const std::string& path) {
  Request request = get("/v1/files", {{"action", "read"}, {"path", path}});
  request.headers["accept"] = "multipart/form-data";
  const Response response = handler.handle(request);
  EXPECT_EQ(response.status, 200);
  const std::string type = response.headers.at(0).second;
  const std::string boundary = type.substr(type.find("boundary=") + 9);
  Pulled pulled;
  std::size_t pos = 0;
  const std::string delimiter = "--" + boundary;
  while ((pos = response.body.find(delimiter, pos)) != std::string::npos) {
    pos += delimiter.size();
    if (response.body.compare(pos, 2, "--") == 0) break;
    const std::size_t headers_end = response.body.find("\r\n\r\n", pos);
    const std::string headers = response.body.substr(pos, headers_end - pos);
    const std::size_t end = response.body.find("\r\n" + delimiter, headers_end);
    const std::string data = response.body.substr(headers_end + 4, end - headers_end - 4);
    if (headers.find("name=\"response\"") != std::string::npos) {
      pulled.item = Json::parse(data)["result"][0];
    } else {
      EXPECT_NE(headers.find("filename=\"" + path + "\""), std::string::npos) << headers;
      pulled.content = data;
    }
    pos = end;
  }
  return pulled;
}

inline Response list(ContainerHandler& handler, const std::string& path,
                     std::vector<std::pair<std::string, std::string>> extra = {}) {
  std::vector<std::pair<std::string, std::string>> query = {{"action", "list"}, {"path", path}};
  for (auto& item : extra) query.push_back(std::move(item));
  return handler.handle(get("/v1/files", std::move(query)));
}

}  // namespace scenario::pebble::testing

#endif  // SCENARIO_TESTS_CPP_PEBBLE_PEBBLE_TEST_UTIL_H_
