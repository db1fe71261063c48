// SPDX-License-Identifier: Apache-2.0
// consistency/juju_version.cc: parsing and ordering Juju version numbers.
//
// Juju's spelling (juju/version): `major.minor.patch[.build]`, or for a pre-release
// `major.minor-tag patch[.build]` with no dot before the patch (`3.5-beta1`). We also
// accept the short forms `3` and `3.4` that tests and ops-scenario 5.8 pass, with the
// missing components taken as 0.

#include "scenario/consistency/juju_version.h"

#include <cctype>
#include <optional>
#include <string>
#include <string_view>

namespace scenario {

namespace {

constexpr int kMaxComponent = 99999;

// Reads a decimal number at the front of `text`, consuming it.
std::optional<int> take_number(std::string_view& text) {
  std::size_t length = 0;
  int value = 0;
  while (length < text.size() && std::isdigit(static_cast<unsigned char>(text[length])) != 0) {
    value = value * 10 + (text[length] - '0');
    if (value > kMaxComponent) return std::nullopt;
    ++length;
  }
  if (length == 0) return std::nullopt;
  text.remove_prefix(length);
  return value;
}

bool take_char(std::string_view& text, char c) {
  if (text.empty() || text.front() != c) return false;
  text.remove_prefix(1);
  return true;
}

}  // namespace

std::strong_ordering JujuVersion::operator<=>(const JujuVersion& other) const {
  if (auto c = major <=> other.major; c != 0) return c;
  if (auto c = minor <=> other.minor; c != 0) return c;
  // A release (no tag) is newer than any pre-release of the same major.minor.
  if (tag.empty() != other.tag.empty()) {
    return tag.empty() ? std::strong_ordering::greater : std::strong_ordering::less;
  }
  if (auto c = tag <=> other.tag; c != 0) return c;
  if (auto c = patch <=> other.patch; c != 0) return c;
  return build <=> other.build;
}

std::string JujuVersion::to_string() const {
  std::string out = std::to_string(major) + '.' + std::to_string(minor);
  out += tag.empty() ? "." : "-" + tag;
  out += std::to_string(patch);
  if (build != 0) out += '.' + std::to_string(build);
  return out;
}

std::optional<JujuVersion> parse_juju_version(std::string_view text) {
  JujuVersion version;
  std::optional<int> major = take_number(text);
  if (!major) return std::nullopt;
  version.major = *major;
  if (text.empty()) return version;
  if (!take_char(text, '.')) return std::nullopt;
  std::optional<int> minor = take_number(text);
  if (!minor) return std::nullopt;
  version.minor = *minor;
  if (text.empty()) return version;

  if (take_char(text, '-')) {
    while (!text.empty() && std::isalpha(static_cast<unsigned char>(text.front())) != 0) {
      version.tag += text.front();
      text.remove_prefix(1);
    }
    if (version.tag.empty()) return std::nullopt;
  } else if (!take_char(text, '.')) {
    return std::nullopt;
  }
  std::optional<int> patch = take_number(text);
  if (!patch) return std::nullopt;
  version.patch = *patch;
  if (text.empty()) return version;
  if (!take_char(text, '.')) return std::nullopt;
  std::optional<int> build = take_number(text);
  if (!build || !text.empty()) return std::nullopt;
  version.build = *build;
  return version;
}

}  // namespace scenario
