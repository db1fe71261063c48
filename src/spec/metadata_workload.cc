// SPDX-License-Identifier: Apache-2.0
// spec/metadata_workload.cc: what a charm's workload needs from metadata: storage,
// resources, and the containers that mount the one and run the other.
//
// The rules follow Juju's metadata schema (juju/charm meta.go, resource/meta.go):
// unknown keys inside an entry are ignored there too, so they are ignored here.

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>

#include "spec_readers.h"
#include "yaml_value.h"

namespace scenario::detail {

namespace {

std::string quoted_names(const std::vector<std::string>& names) {
  if (names.empty()) return "none";
  std::string out;
  for (const std::string& name : names) {
    if (!out.empty()) out += ", ";
    out += "'" + name + "'";
  }
  return out;
}

// The length of the run of ASCII digits at `text[from]`.
std::size_t digits_at(std::string_view text, std::size_t from) {
  std::size_t end = from;
  while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
  return end - from;
}

// Juju's storage count pattern `^([0-9]+)([-+]|-[0-9]+)$`. (Hand-written: std::regex
// recurses per character and could exhaust the stack on a long value.)
bool is_count_range(std::string_view text) {
  const std::size_t m = digits_at(text, 0);
  if (m == 0 || m == text.size()) return false;
  const std::string_view rest = text.substr(m);
  if (rest == "+" || rest == "-") return true;
  return rest[0] == '-' && digits_at(rest, 1) == rest.size() - 1;
}

// Juju's utils.ParseSize: `^[0-9]+(\.[0-9]+)?([MGTPEZY](i?B)?)?$` (M is the default unit).
bool is_size(std::string_view text) {
  std::size_t i = digits_at(text, 0);
  if (i == 0) return false;
  if (i < text.size() && text[i] == '.') {
    const std::size_t fraction = digits_at(text, i + 1);
    if (fraction == 0) return false;
    i += 1 + fraction;
  }
  if (i == text.size()) return true;
  if (std::string_view("MGTPEZY").find(text[i]) == std::string_view::npos) return false;
  const std::string_view suffix = text.substr(i + 1);
  return suffix.empty() || suffix == "B" || suffix == "iB";
}

// Juju: `multiple.range` is a positive count `m`, or `m-n`, `m+` or `m-`.
void read_multiple(SpecReader& reader, const Field& multiple, StorageSpec& spec) {
  if (!reader.expect_mapping(multiple, "a mapping with 'range', e.g. 'range: 1-3'")) return;
  const auto range = reader.find(multiple, "range");
  if (!range) {
    reader.missing(multiple, "range", "the number of instances, e.g. '2', '1-3' or '2+'");
    return;
  }
  constexpr const char* kExpected = "a count such as 2, '1-3' or '2+'";
  if (!range->value.IsScalar()) {
    reader.expected(*range, kExpected);
    return;
  }
  const Scalar scalar = resolve_scalar(range->value);
  if (scalar.kind == ScalarKind::kInt && !scalar.out_of_range) {
    if (scalar.integer <= 0) {
      reader.expected(*range, "a positive count");
      return;
    }
    spec.multiple_range = scalar.text;
  } else if (scalar.kind == ScalarKind::kString && is_count_range(scalar.text)) {
    spec.multiple_range = scalar.text;
  } else {
    reader.expected(*range, kExpected);
  }
}

void read_one_storage(SpecReader& reader, const Field& entry, StorageSpec& spec) {
  if (!reader.expect_mapping(entry, "a mapping with 'type: filesystem' or 'type: block'")) return;
  if (const auto type = reader.find(entry, "type")) {
    if (auto text = reader.string(*type, "'filesystem' or 'block'")) {
      if (*text == "filesystem" || *text == "block") {
        spec.type = *text;
      } else {
        reader.error(*type,
                     "unknown storage type '" + *text + "'; expected 'filesystem' or 'block'");
      }
    }
  } else {
    // Juju: "storage ...: type must be specified".
    reader.missing(entry, "type", "expected 'filesystem' or 'block'");
  }
  if (auto text = reader.optional_string(entry, "description")) spec.description = *text;
  if (const auto location = reader.find(entry, "location")) {
    if (auto text = reader.string(*location, "a path such as '/var/lib/data'")) {
      spec.location = *text;
      if (spec.type == "block") {
        reader.error(*location, "'location' is only allowed for filesystem storage");
      }
    }
  }
  if (auto flag = reader.optional_boolean(entry, "shared")) spec.shared = *flag;
  if (auto flag = reader.optional_boolean(entry, "read-only")) spec.read_only = *flag;
  if (const auto multiple = reader.find(entry, "multiple")) read_multiple(reader, *multiple, spec);
  if (const auto size = reader.find(entry, "minimum-size")) {
    // It must be a YAML string, as Juju's schema wants.
    const Scalar scalar = size->value.IsScalar() ? resolve_scalar(size->value) : Scalar{};
    if (scalar.kind == ScalarKind::kString && is_size(scalar.text)) {
      spec.minimum_size = scalar.text;
    } else {
      reader.expected(*size,
                      "a size such as '1G' (a number with an optional M, G, T, P, E, Z "
                      "or Y suffix)");
    }
  }
  const auto properties = reader.find(entry, "properties");
  if (properties && reader.expect_list(*properties, "a list of properties, e.g. [transient]")) {
    for (const Field& item : reader.items(*properties)) {
      auto text = reader.string(item, "'transient'");
      // Juju knows one property only.
      if (text && *text != "transient") {
        reader.error(item, "unknown storage property '" + *text + "'; expected 'transient'");
      }
    }
  }
}

void read_one_resource(SpecReader& reader, const Field& entry, ResourceSpec& spec) {
  if (!reader.expect_mapping(entry, "a mapping with 'type: file' or 'type: oci-image'")) return;
  bool type_known = true;
  if (const auto type = reader.find(entry, "type")) {
    type_known = false;
    if (auto text = reader.string(*type, "'file' or 'oci-image'")) {
      if (*text == "file" || *text == "oci-image") {
        spec.type = *text;
        type_known = true;
      } else {
        reader.error(*type,
                     "unknown resource type '" + *text + "'; expected 'file' or 'oci-image'");
      }
    }
  }
  if (auto text = reader.optional_string(entry, "description")) spec.description = *text;
  const auto filename = reader.find(entry, "filename");
  if (filename) {
    if (auto text = reader.string(*filename, "a file name")) {
      spec.filename = *text;
      // Juju: `filename cannot contain "/"`.
      if (spec.type == "file" && text->find('/') != std::string::npos) {
        reader.error(*filename, "a file resource's filename must not contain '/'");
      }
    }
  } else if (type_known && spec.type == "file") {
    // Juju: "resource missing filename".
    reader.missing(entry, "filename", "file resources name the file the charm receives");
  }
}

void read_mount(SpecReader& reader, const Field& mount, const std::vector<StorageSpec>& storage,
                ContainerMountSpec& out) {
  if (!reader.expect_mapping(mount, "a mapping with 'storage' and 'location'")) return;
  if (const auto name = reader.find(mount, "storage")) {
    if (auto text = reader.string(*name, "the name of a declared storage")) {
      out.storage = *text;
      auto declared = std::find_if(storage.begin(), storage.end(),
                                   [&](const StorageSpec& s) { return s.name == *text; });
      if (declared == storage.end()) {
        std::vector<std::string> names;
        for (const StorageSpec& s : storage) names.push_back(s.name);
        reader.error(*name, "storage '" + *text + "' is not declared under 'storage' (declared: " +
                                quoted_names(names) + ")");
      }
    }
  } else {
    reader.missing(mount, "storage", "the storage to mount");
  }
  if (const auto location = reader.find(mount, "location")) {
    if (auto text = reader.string(*location, "a path such as '/var/lib/data'")) {
      out.location = *text;
    }
  } else {
    reader.missing(mount, "location", "where the storage is mounted in the container");
  }
}

}  // namespace

void read_storage(SpecReader& reader, const Field& storage, std::vector<StorageSpec>& out) {
  if (!reader.expect_mapping(storage, "a mapping of storage names to their declarations")) return;
  for (const Field& entry : reader.entries(storage)) {
    // Entries are kept even when malformed so that mounts naming them are not also
    // reported as undeclared.
    StorageSpec spec;
    spec.name = entry.name();
    read_one_storage(reader, entry, spec);
    out.push_back(std::move(spec));
  }
}

void read_resources(SpecReader& reader, const Field& resources, std::vector<ResourceSpec>& out) {
  if (!reader.expect_mapping(resources, "a mapping of resource names to their declarations")) {
    return;
  }
  for (const Field& entry : reader.entries(resources)) {
    ResourceSpec spec;
    spec.name = entry.name();
    read_one_resource(reader, entry, spec);
    out.push_back(std::move(spec));
  }
}

void read_containers(SpecReader& reader, const Field& containers,
                     const std::vector<StorageSpec>& storage,
                     const std::vector<ResourceSpec>& resources, std::vector<ContainerSpec>& out) {
  if (!reader.expect_mapping(containers, "a mapping of container names to their declarations")) {
    return;
  }
  for (const Field& entry : reader.entries(containers)) {
    ContainerSpec spec;
    spec.name = entry.name();
    // `workload:` with nothing under it is a container with no resource and no mounts;
    // ops accepts it.
    if (!entry.is_null() &&
        reader.expect_mapping(entry, "a mapping with 'resource' and/or 'mounts'")) {
      if (const auto resource = reader.find(entry, "resource")) {
        if (auto text = reader.string(*resource, "the name of an oci-image resource")) {
          spec.resource = *text;
          auto declared = std::find_if(resources.begin(), resources.end(),
                                       [&](const ResourceSpec& r) { return r.name == *text; });
          // Juju: "referenced resource not found" / "is not a oci-image".
          if (declared == resources.end()) {
            reader.error(*resource, "resource '" + *text + "' is not declared under 'resources'");
          } else if (declared->type != "oci-image") {
            reader.error(*resource, "resource '" + *text + "' has type '" + declared->type +
                                        "'; a container's resource must be an oci-image");
          }
        }
      }
      if (const auto mounts = reader.find(entry, "mounts")) {
        if (reader.expect_list(*mounts, "a list of mounts ({storage, location})")) {
          for (const Field& item : reader.items(*mounts)) {
            ContainerMountSpec mount;
            read_mount(reader, item, storage, mount);
            spec.mounts.push_back(std::move(mount));
          }
        }
      }
      for (const char* id : {"uid", "gid"}) {
        if (const auto field = reader.find(entry, id)) reader.integer(*field, "an integer id");
      }
      if (const auto bases = reader.find(entry, "bases")) {
        reader.expect_list(*bases, "a list of bases");
      }
    }
    out.push_back(std::move(spec));
  }
}

}  // namespace scenario::detail
