// SPDX-License-Identifier: Apache-2.0
// spec/metadata_reader.cc: metadata.yaml (or a unified charmcraft.yaml's metadata keys):
// identity, relation endpoints, extra bindings, and whether the charm is for Kubernetes.
//
// Juju reads metadata with a non-strict schema (juju/charm meta.go, schema.FieldMap):
// keys it does not know are ignored at every level, so charms written for a newer Juju
// still deploy. This reader does the same; the keys it knows are type-checked.

#include <limits>
#include <map>
#include <string>
#include <string_view>
#include <utility>

#include "spec_readers.h"
#include "yaml_value.h"

namespace scenario::detail {

namespace {

RelationRole role_of(std::string_view section) {
  if (section == "provides") return RelationRole::kProvides;
  if (section == "peers") return RelationRole::kPeers;
  return RelationRole::kRequires;
}

class MetadataReader {
 public:
  MetadataReader(SpecReader& reader, CharmSpec& spec) : reader_(reader), spec_(spec) {}

  void read(const Field& root);

 private:
  struct Declared {
    std::string section;
    int line;
  };

  void read_identity(const Field& root);
  void read_endpoint(const Field& entry, std::string_view section);
  void read_extra_bindings(const Field& bindings);
  bool read_assumes(const Field& list);
  void read_other_keys(const Field& root);

  SpecReader& reader_;
  CharmSpec& spec_;
  /// Every endpoint seen so far, with the section and line that declared it.
  std::map<std::string, Declared> endpoints_;
};

void MetadataReader::read(const Field& root) {
  read_identity(root);
  // Sections in file order, so `relations` keeps the order of the file.
  for (const Field& entry : reader_.entries(root)) {
    const std::string key = entry.name();
    if (key != "requires" && key != "provides" && key != "peers") continue;
    if (!reader_.expect_mapping(entry, "a mapping of endpoint names to interfaces")) continue;
    for (const Field& endpoint : reader_.entries(entry)) read_endpoint(endpoint, key);
  }
  if (const auto storage = reader_.find(root, "storage")) {
    read_storage(reader_, *storage, spec_.storage);
  }
  if (const auto resources = reader_.find(root, "resources")) {
    read_resources(reader_, *resources, spec_.resources);
  }
  if (const auto containers = reader_.find(root, "containers")) {
    read_containers(reader_, *containers, spec_.storage, spec_.resources, spec_.containers);
  }
  if (const auto bindings = reader_.find(root, "extra-bindings")) read_extra_bindings(*bindings);

  // The Kubernetes rule: containers make a sidecar charm; `assumes: [k8s-api]` declares
  // it; legacy (metadata v1) charms said `series: [kubernetes]`.
  bool kubernetes = !spec_.containers.empty();
  if (const auto assumes = reader_.find(root, "assumes")) {
    kubernetes = read_assumes(*assumes) || kubernetes;
  }
  if (const auto series = reader_.find(root, "series")) {
    for (const std::string& name : reader_.string_list(*series, "a list of series names")) {
      if (name == "kubernetes") kubernetes = true;
    }
  }
  spec_.kind = kubernetes ? CharmKind::kKubernetes : CharmKind::kMachine;
  read_other_keys(root);
}

void MetadataReader::read_identity(const Field& root) {
  if (const auto name = reader_.find(root, "name")) {
    if (auto text = reader_.string(*name, "the charm's name as a string")) {
      if (text->empty()) {
        reader_.error(*name, "the charm's name must not be empty");
      } else {
        spec_.name = *text;
      }
    }
  } else {
    reader_.missing(root, "name", "metadata must name the charm, e.g. 'name: my-charm'");
  }
  if (auto text = reader_.optional_string(root, "summary")) spec_.summary = *text;
  if (auto text = reader_.optional_string(root, "description")) spec_.description = *text;
  if (auto flag = reader_.optional_boolean(root, "subordinate")) spec_.subordinate = *flag;
}

void MetadataReader::read_endpoint(const Field& entry, std::string_view section) {
  RelationSpec relation;
  relation.name = entry.name();
  relation.role = role_of(section);
  constexpr const char* kShape = "an interface name, or a mapping with 'interface'";
  if (entry.value.IsScalar()) {
    // Juju's shorthand: `db: mysql` means `db: {interface: mysql}`.
    if (auto text = reader_.string(entry, kShape)) relation.interface = *text;
  } else if (entry.value.IsMap()) {
    if (const auto interface = reader_.find(entry, "interface")) {
      if (auto text = reader_.string(*interface, "the interface name as a string")) {
        relation.interface = *text;
      }
    } else {
      reader_.missing(entry, "interface", "every endpoint names its interface");
    }
    if (const auto limit = reader_.find(entry, "limit"); limit && !limit->is_null()) {
      constexpr const char* kLimit = "a positive integer (or null for no limit)";
      if (auto value = reader_.integer(*limit, kLimit)) {
        if (*value <= 0 || *value > std::numeric_limits<int>::max()) {
          reader_.expected(*limit, kLimit);
        } else {
          relation.limit = static_cast<int>(*value);
        }
      }
    }
    if (const auto scope = reader_.find(entry, "scope")) {
      if (auto text = reader_.string(*scope, "'global' or 'container'")) {
        if (*text == "global" || *text == "container") {
          relation.scope = *text;
        } else {
          reader_.error(*scope, "unknown scope '" + *text + "'; expected 'global' or 'container'");
        }
      }
    }
    if (auto flag = reader_.optional_boolean(entry, "optional")) relation.optional = *flag;
  } else {
    reader_.expected(entry, kShape);
  }

  const int line = reader_.where_key(entry).line;
  auto [previous, inserted] =
      endpoints_.emplace(relation.name, Declared{std::string(section), line});
  if (!inserted) {
    // Juju: "charm using a duplicated relation name"; the endpoint namespace is shared
    // by the three sections because hooks and relation-ids are keyed by endpoint name.
    reader_.error_at_key(entry, "endpoint '" + relation.name + "' is declared under both '" +
                                    previous->second.section + "' (line " +
                                    std::to_string(previous->second.line) + ") and '" +
                                    std::string(section) + "' (line " + std::to_string(line) +
                                    "); endpoint names must be unique across requires, "
                                    "provides and peers");
    return;
  }
  spec_.relations.push_back(std::move(relation));
}

void MetadataReader::read_extra_bindings(const Field& bindings) {
  if (!reader_.expect_mapping(bindings, "a mapping of binding names (with no values)")) return;
  for (const Field& entry : reader_.entries(bindings)) {
    const std::string name = entry.name();
    // Juju's schema takes only null values here (`extra-bindings: {admin-api: }`).
    if (!entry.is_null()) reader_.expected(entry, "no value (null) for an extra binding");
    if (auto it = endpoints_.find(name); it != endpoints_.end()) {
      reader_.error_at_key(entry, "extra binding '" + name + "' has the same name as the '" +
                                      it->second.section + "' endpoint declared at line " +
                                      std::to_string(it->second.line) +
                                      "; bindings and endpoints share one namespace");
    }
    spec_.extra_bindings.push_back(name);
  }
}

// Returns whether the list requires the `k8s-api` feature, possibly inside any-of/all-of.
bool MetadataReader::read_assumes(const Field& list) {
  constexpr const char* kItem =
      "a feature such as 'k8s-api' or 'juju >= 3.1', or an 'any-of'/'all-of' mapping";
  if (!reader_.expect_list(list, "a list of features")) return false;
  bool kubernetes = false;
  for (const Field& item : reader_.items(list)) {
    if (item.value.IsScalar()) {
      if (auto text = reader_.string(item, kItem)) {
        const std::string feature = text->substr(0, text->find_first_of(" <>=!"));
        if (feature == "k8s-api") kubernetes = true;
      }
    } else if (item.value.IsMap() && reader_.entries(item).size() == 1) {
      const Field group = reader_.entries(item).front();
      if (group.name() == "any-of" || group.name() == "all-of") {
        kubernetes = read_assumes(group) || kubernetes;
      } else {
        reader_.error_at_key(
            group, "unknown assumes group '" + group.name() + "'; expected 'any-of' or 'all-of'");
      }
    } else {
      reader_.expected(item, kItem);
    }
  }
  return kubernetes;
}

// Keys that do not reach CharmSpec are still type-checked, so a typo in their shape is
// reported here rather than by Juju at deploy time.
void MetadataReader::read_other_keys(const Field& root) {
  for (const char* key : {"display-name", "title", "maintainer", "docs", "min-juju-version"}) {
    reader_.optional_string(root, key);
  }
  for (const char* key : {"maintainers", "terms", "tags", "categories"}) {
    if (const auto field = reader_.find(root, key)) reader_.string_list(*field);
  }
  for (const char* key : {"issues", "source", "website"}) {
    // A single URL or a list of them.
    if (const auto field = reader_.find(root, key); field && !field->value.IsScalar()) {
      reader_.string_list(*field, "a URL or a list of URLs");
    } else if (field) {
      reader_.string(*field, "a URL or a list of URLs");
    }
  }
  for (const char* key : {"devices", "payloads"}) {
    if (const auto field = reader_.find(root, key)) {
      reader_.expect_mapping(*field, "a mapping of names to declarations");
    }
  }
  if (const auto user = reader_.find(root, "charm-user")) {
    if (auto text = reader_.string(*user, "'root', 'sudoer' or 'non-root'")) {
      if (*text != "root" && *text != "sudoer" && *text != "non-root") {
        reader_.error(
            *user, "unknown charm-user '" + *text + "'; expected 'root', 'sudoer' or 'non-root'");
      }
    }
  }
}

}  // namespace

void read_metadata(SpecReader& reader, CharmSpec& spec) {
  const Field root = reader.root();
  if (root.is_null()) {
    // An empty file (or one holding only comments) declares nothing, not even a name.
    reader.missing(root, "name", "the file is empty; metadata must name the charm");
    return;
  }
  if (!reader.expect_mapping(root, "a mapping of metadata keys at the top level")) return;
  MetadataReader(reader, spec).read(root);
}

}  // namespace scenario::detail
