// SPDX-License-Identifier: Apache-2.0
// spec/spec_reader.cc: typed reads that report every wrong shape with its position.

#include "spec_reader.h"

#include <set>
#include <utility>

#include "yaml_value.h"

namespace scenario::detail {

std::string join_path(const std::string& parent, std::string_view key) {
  if (parent.empty()) return std::string(key);
  return parent + "." + std::string(key);
}

std::string Field::name() const {
  if (key.IsDefined() && key.IsScalar()) return key.Scalar();
  return path;
}

Position SpecReader::where(const Field& field) const {
  const bool has_key = field.key.IsDefined() && !field.key.IsNull();
  if (has_key && field.is_null()) {
    const Position key_at = file_.position(field.key);
    const Position value_at = file_.position(field.value.Mark());
    if (value_at.line != key_at.line) return key_at;
    return value_at;
  }
  if (!field.value.IsDefined()) return has_key ? file_.position(field.key) : Position{1, 1};
  return file_.position(field.value);
}

Position SpecReader::where_key(const Field& field) const {
  if (field.key.IsDefined() && !field.key.IsNull()) return file_.position(field.key);
  return where(field);
}

void SpecReader::error(const Field& field, std::string message) {
  diagnostics_.add(file_, where(field), field.path, std::move(message));
}

void SpecReader::error_at_key(const Field& field, std::string message) {
  diagnostics_.add(file_, where_key(field), field.path, std::move(message));
}

void SpecReader::expected(const Field& field, std::string_view what) {
  error(field, "expected " + std::string(what) + ", got " + describe(field.value));
}

bool SpecReader::expect_mapping(const Field& field, std::string_view what) {
  if (field.value.IsMap()) return true;
  expected(field, what);
  return false;
}

bool SpecReader::expect_list(const Field& field, std::string_view what) {
  if (field.value.IsSequence()) return true;
  expected(field, what);
  return false;
}

std::vector<Field> SpecReader::entries(const Field& mapping) const {
  std::vector<Field> out;
  if (!mapping.value.IsMap()) return out;
  std::set<std::string> seen;
  for (auto it = mapping.value.begin(); it != mapping.value.end(); ++it) {
    // Non-scalar keys and duplicates were reported when the file was parsed.
    if (!it->first.IsScalar()) continue;
    const std::string& key = it->first.Scalar();
    if (!seen.insert(key).second) continue;
    out.push_back(Field{join_path(mapping.path, key), it->first, it->second});
  }
  return out;
}

std::vector<Field> SpecReader::items(const Field& list) const {
  std::vector<Field> out;
  if (!list.value.IsSequence()) return out;
  std::size_t index = 0;
  for (const YAML::Node& item : list.value) {
    out.push_back(Field{list.path + "[" + std::to_string(index++) + "]", YAML::Node(), item});
  }
  return out;
}

std::optional<Field> SpecReader::find(const Field& mapping, std::string_view key) const {
  if (!mapping.value.IsMap()) return std::nullopt;
  for (auto it = mapping.value.begin(); it != mapping.value.end(); ++it) {
    if (it->first.IsScalar() && it->first.Scalar() == key) {
      return Field{join_path(mapping.path, key), it->first, it->second};
    }
  }
  return std::nullopt;
}

void SpecReader::missing(const Field& mapping, std::string_view key, std::string_view hint) {
  std::string message = "missing required key '" + std::string(key) + "'";
  if (!hint.empty()) message += "; " + std::string(hint);
  diagnostics_.add(file_, where_key(mapping), join_path(mapping.path, key), std::move(message));
}

std::optional<std::string> SpecReader::string(const Field& field, std::string_view what) {
  if (field.value.IsScalar()) {
    const Scalar scalar = resolve_scalar(field.value);
    if (scalar.kind == ScalarKind::kString) return scalar.text;
  }
  expected(field, what);
  return std::nullopt;
}

std::optional<bool> SpecReader::boolean(const Field& field, std::string_view what) {
  if (field.value.IsScalar()) {
    const Scalar scalar = resolve_scalar(field.value);
    if (scalar.kind == ScalarKind::kBool) return scalar.boolean;
  }
  expected(field, what);
  return std::nullopt;
}

std::optional<std::int64_t> SpecReader::integer(const Field& field, std::string_view what) {
  if (field.value.IsScalar()) {
    const Scalar scalar = resolve_scalar(field.value);
    if (scalar.kind == ScalarKind::kInt && !scalar.out_of_range) return scalar.integer;
  }
  expected(field, what);
  return std::nullopt;
}

std::vector<std::string> SpecReader::string_list(const Field& field, std::string_view what) {
  std::vector<std::string> out;
  if (!expect_list(field, what)) return out;
  for (const Field& item : items(field)) {
    if (auto text = string(item)) out.push_back(std::move(*text));
  }
  return out;
}

std::optional<std::string> SpecReader::optional_string(const Field& mapping, std::string_view key) {
  if (auto field = find(mapping, key)) return string(*field);
  return std::nullopt;
}

std::optional<bool> SpecReader::optional_boolean(const Field& mapping, std::string_view key) {
  if (auto field = find(mapping, key)) return boolean(*field);
  return std::nullopt;
}

}  // namespace scenario::detail
