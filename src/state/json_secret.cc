// SPDX-License-Identifier: Apache-2.0
// state/json_secret.cc: secrets in the state format.
//
// `owner` and `granted` keep the JSON types of the Python fields: owner is null, "unit"
// or "app"; granted is false, "unit" or "app". "application" (the spelling Juju and
// ops-scenario 5.8 use for owner) is read as "app" in both; null is read as false for
// granted.

#include <climits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "enum_names.h"
#include "json_internal.h"
#include "json_reader.h"

namespace scenario::detail {

namespace {

// Parses `count` decimal digits at text[pos], or returns -1.
int digits_at(std::string_view text, std::size_t pos, std::size_t count) {
  if (pos + count > text.size()) return -1;
  int value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

bool is_leap_year(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && is_leap_year(year)) return 29;
  return kDays[month - 1];
}

// RFC 3339 section 5.6 `date-time`, e.g. 2024-05-01T12:00:00.5+02:00. The separator may
// also be 't' or a space (the RFC's note allows both), the zone 'z'.
bool is_rfc3339(std::string_view text) {
  const int year = digits_at(text, 0, 4);
  const int month = digits_at(text, 5, 2);
  const int day = digits_at(text, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1) return false;
  if (text.size() < 20 || text[4] != '-' || text[7] != '-') return false;
  if (day > days_in_month(year, month)) return false;
  if (text[10] != 'T' && text[10] != 't' && text[10] != ' ') return false;
  const int hour = digits_at(text, 11, 2);
  const int minute = digits_at(text, 14, 2);
  const int second = digits_at(text, 17, 2);
  if (text[13] != ':' || text[16] != ':') return false;
  // Second 60 is a leap second, which RFC 3339 allows.
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) {
    return false;
  }
  std::size_t pos = 19;
  if (text[pos] == '.') {
    const std::size_t start = ++pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    if (pos == start) return false;
  }
  if (pos >= text.size()) return false;
  if (text[pos] == 'Z' || text[pos] == 'z') return pos + 1 == text.size();
  if (text[pos] != '+' && text[pos] != '-') return false;
  const int offset_hour = digits_at(text, pos + 1, 2);
  const int offset_minute = digits_at(text, pos + 4, 2);
  return pos + 6 == text.size() && text[pos + 3] == ':' && offset_hour >= 0 && offset_hour <= 23 &&
         offset_minute >= 0 && offset_minute <= 59;
}

// "unit" -> kUnit, "app" or "application" -> kApp; E is SecretOwner or SecretGrant.
template <typename E>
std::optional<E> who_from_name(const Json& value) {
  if (!value.is_string()) return std::nullopt;
  const std::string& name = value.get_ref<const std::string&>();
  if (name == "unit") return E::kUnit;
  if (name == "app" || name == "application") return E::kApp;
  return std::nullopt;
}

std::string describe(const Json& value) {
  return value.is_string() ? quote_text(value.get_ref<const std::string&>())
                           : json_type_phrase(value);
}

void read_contents(ObjectReader& object, Secret& secret) {
  const Json* contents = object.get("contents");
  if (contents == nullptr) return;
  JsonReader& reader = object.reader();
  const std::string path = object.key_path("contents");
  if (!reader.expect_object(*contents, path)) return;
  for (const auto& [key, databag] : contents->items()) {
    const std::string key_path = json_path_key(path, key);
    const std::optional<int> revision = reader.get_int_key(key, key_path, "a revision number");
    Databag data = reader.get_string_map(databag, key_path, "secret contents hold strings only");
    if (revision) secret.contents[*revision] = std::move(data);
  }
}

void read_remote_grants(ObjectReader& object, Secret& secret) {
  const Json* grants = object.get("remote_grants");
  if (grants == nullptr) return;
  JsonReader& reader = object.reader();
  const std::string path = object.key_path("remote_grants");
  if (!reader.expect_object(*grants, path)) return;
  for (const auto& [key, names] : grants->items()) {
    const std::string key_path = json_path_key(path, key);
    const std::optional<int> relation_id = reader.get_int_key(key, key_path, "a relation id");
    std::vector<std::string> list = reader.get_string_list(names, key_path);
    if (relation_id) secret.remote_grants[*relation_id] = {list.begin(), list.end()};
  }
}

void read_owner_and_grant(ObjectReader& object, Secret& secret) {
  JsonReader& reader = object.reader();
  if (const Json* owner = object.get("owner")) {
    if (owner->is_null()) {
      secret.owner = SecretOwner::kNone;
    } else if (auto who = who_from_name<SecretOwner>(*owner)) {
      secret.owner = *who;
    } else {
      reader.add_problem(object.key_path("owner"),
                         "expected null, 'unit' or 'app', got " + describe(*owner));
    }
  }
  if (const Json* granted = object.get("granted")) {
    if (granted->is_null() || (granted->is_boolean() && !granted->get<bool>())) {
      secret.granted = SecretGrant::kNone;
    } else if (auto who = who_from_name<SecretGrant>(*granted)) {
      secret.granted = *who;
    } else {
      reader.add_problem(object.key_path("granted"),
                         "expected false, 'unit' or 'app', got " +
                             (granted->is_boolean() ? std::string("true") : describe(*granted)));
    }
  }
}

Secret read_secret(JsonReader& reader, const Json& value, const std::string& path) {
  Secret secret;
  ObjectReader object(reader, value, path);
  object.read_required("id", secret.id);
  read_contents(object, secret);
  read_owner_and_grant(object, secret);
  object.read("revision", secret.revision, 0, INT_MAX);
  read_remote_grants(object, secret);
  object.read("label", secret.label);
  object.read("description", secret.description);
  object.read("expire", secret.expire);
  if (secret.expire && !is_rfc3339(*secret.expire)) {
    reader.add_problem(object.key_path("expire"),
                       "expected an RFC 3339 timestamp such as '2024-05-01T12:00:00Z', got " +
                           quote_text(*secret.expire));
  }
  if (const Json* rotate = object.get("rotate")) {
    if (auto policy = reader.get_enum(*rotate, object.key_path("rotate"), kSecretRotateNames)) {
      secret.rotate = *policy;
    }
  }
  object.finish();
  return secret;
}

}  // namespace

std::vector<Secret> read_secrets(JsonReader& reader, const Json& value, const std::string& path) {
  std::vector<Secret> secrets = read_list<Secret>(reader, value, path, read_secret);
  std::map<std::string, std::size_t> first_with_id;
  for (std::size_t i = 0; i < secrets.size(); ++i) {
    if (secrets[i].id.empty()) continue;  // already reported as missing
    const auto [it, inserted] = first_with_id.emplace(secrets[i].id, i);
    if (!inserted) {
      reader.add_problem(json_path_key(json_path_index(path, i), "id"),
                         "duplicate secret id " + quote_text(secrets[i].id) + "; " +
                             json_path_index(path, it->second) + " has it too");
    }
  }
  return secrets;
}

Json secret_to_json(const Secret& secret) {
  Json contents = Json::object();
  for (const auto& [revision, databag] : secret.contents) {
    contents[std::to_string(revision)] = databag;
  }
  Json grants = Json::object();
  for (const auto& [relation_id, names] : secret.remote_grants) {
    grants[std::to_string(relation_id)] = names;
  }
  const auto optional_string = [](const std::optional<std::string>& text) {
    return text ? Json(*text) : Json(nullptr);
  };
  Json owner = secret.owner == SecretOwner::kNone ? Json(nullptr)
                                                  : Json(std::string(to_string(secret.owner)));
  Json granted = secret.granted == SecretGrant::kNone
                     ? Json(false)
                     : Json(std::string(to_string(secret.granted)));
  return {
      {"id", secret.id},
      {"contents", std::move(contents)},
      {"owner", std::move(owner)},
      {"granted", std::move(granted)},
      {"revision", secret.revision},
      {"remote_grants", std::move(grants)},
      {"label", optional_string(secret.label)},
      {"description", optional_string(secret.description)},
      {"expire", optional_string(secret.expire)},
      {"rotate", std::string(to_string(secret.rotate))},
  };
}

}  // namespace scenario::detail
