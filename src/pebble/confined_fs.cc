// SPDX-License-Identifier: Apache-2.0
// pebble/confined_fs.cc: path helpers and errors for the confined container filesystem.

#include "confined_fs.h"

#include <cstring>

namespace scenario::pebble::detail {

namespace {

// One `[...]` class of a Go pattern at `i`; `bad` is set when it is malformed.
bool match_class(std::string_view pattern, std::size_t& i, char c, bool& bad) {
  ++i;  // '['
  bool negated = false;
  if (i < pattern.size() && pattern[i] == '^') {
    negated = true;
    ++i;
  }
  bool matched = false;
  bool first = true;
  while (true) {
    if (i >= pattern.size()) {
      bad = true;
      return false;
    }
    if (pattern[i] == ']' && !first) {
      ++i;
      break;
    }
    first = false;
    auto take = [&](char& out) {
      if (i >= pattern.size() || pattern[i] == '-' || pattern[i] == ']') return false;
      if (pattern[i] == '\\') {
        ++i;
        if (i >= pattern.size()) return false;
      }
      out = pattern[i++];
      return true;
    };
    char lo = 0;
    if (!take(lo)) {
      bad = true;
      return false;
    }
    char hi = lo;
    if (i < pattern.size() && pattern[i] == '-') {
      ++i;
      if (!take(hi)) {
        bad = true;
        return false;
      }
    }
    if (lo <= c && c <= hi) matched = true;
  }
  return matched != negated;
}

}  // namespace

std::string errno_text(int err) {
  std::string text = std::strerror(err);
  // Go's syscall messages are strerror's, starting lower-case.
  if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z')
    text[0] = static_cast<char>(text[0] - 'A' + 'a');
  return text;
}

FileError os_error(std::string_view op, std::string_view path, int err) {
  std::string kind = "generic-file-error";
  if (err == ENOENT) kind = "not-found";
  if (err == EACCES || err == EPERM) kind = "permission-denied";
  return {kind, std::string(op) + " " + std::string(path) + ": " + errno_text(err)};
}

FileError generic_error(std::string message) { return {"generic-file-error", std::move(message)}; }

int status_for(const FileError& error) {
  if (error.kind == "not-found") return 404;
  if (error.kind == "permission-denied") return 403;
  return 400;
}

Json error_json(const FileError& error) {
  return {{"kind", error.kind}, {"message", error.message}};
}

std::string join(const Components& components) {
  std::string path;
  for (const std::string& component : components) path += "/" + component;
  return path.empty() ? "/" : path;
}

// Go's path.Clean.
std::string clean(std::string_view path) {
  const bool rooted = !path.empty() && path.front() == '/';
  Components out;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    const std::string_view part = path.substr(start, slash - start);
    start = slash + 1;
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (!out.empty() && out.back() != "..") {
        out.pop_back();
      } else if (!rooted) {
        out.emplace_back("..");
      }
      continue;
    }
    out.emplace_back(part);
  }
  std::string result;
  for (std::size_t i = 0; i < out.size(); ++i) result += (i > 0 ? "/" : "") + out[i];
  if (rooted) return "/" + result;
  return result.empty() ? "." : result;
}

std::string dir_of(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  return clean(slash == std::string_view::npos ? std::string_view() : path.substr(0, slash + 1));
}

std::string base_of(std::string_view path) {
  while (path.size() > 1 && path.back() == '/') path.remove_suffix(1);
  if (path.empty()) return ".";
  if (path == "/") return "/";
  const std::size_t slash = path.rfind('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

std::string join_paths(std::string_view dir, std::string_view name) {
  return clean(std::string(dir) + "/" + std::string(name));
}

bool is_absolute(std::string_view path) { return !path.empty() && path.front() == '/'; }

// True if `pattern` from `p` on has a malformed class or a trailing backslash, which
// Go's path.Match reports even when the name did not match.
bool rest_is_malformed(std::string_view pattern, std::size_t p) {
  bool bad = false;
  for (std::size_t k = p; k < pattern.size(); ++k) {
    if (pattern[k] == '[') {
      std::size_t j = k;
      match_class(pattern, j, 'a', bad);
      if (bad) return true;
      k = j - 1;
    } else if (pattern[k] == '\\' && k + 1 >= pattern.size()) {
      return true;
    }
  }
  return false;
}

// Go's path.Match on one name (no '/'); `bad` is set for a malformed pattern.
bool go_match(std::string_view pattern, std::string_view name, bool& bad) {
  // Backtracking over the last '*', as Go does; first validate the whole pattern.
  std::size_t p = 0, n = 0, star_p = std::string_view::npos, star_n = 0;
  while (n < name.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star_p = ++p;
      star_n = n;
      continue;
    }
    if (p < pattern.size()) {
      bool ok = false;
      std::size_t next = p;
      if (pattern[p] == '?') {
        ok = name[n] != '/';
        next = p + 1;
      } else if (pattern[p] == '[') {
        ok = match_class(pattern, next, name[n], bad);
        if (bad) return false;
      } else if (pattern[p] == '\\') {
        if (p + 1 >= pattern.size()) {
          bad = true;
          return false;
        }
        ok = pattern[p + 1] == name[n];
        next = p + 2;
      } else {
        ok = pattern[p] == name[n];
        next = p + 1;
      }
      if (ok) {
        p = next;
        ++n;
        continue;
      }
    }
    if (star_p != std::string_view::npos && name[star_n] != '/') {
      p = star_p;
      n = ++star_n;
      continue;
    }
    // No match; Go still reports a malformed rest of the pattern.
    bad = rest_is_malformed(pattern, p);
    return false;
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  if (p < pattern.size() && rest_is_malformed(pattern, p)) {
    bad = true;
    return false;
  }
  return p == pattern.size();
}
}  // namespace scenario::pebble::detail
