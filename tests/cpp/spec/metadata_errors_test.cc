// SPDX-License-Identifier: Apache-2.0
// spec/metadata_errors_test.cc: every metadata problem, with its file, line, column
// and key path.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "scenario/spec/load.h"
#include "spec_test_util.h"

namespace scenario {
namespace {

using testing::metadata_problems;
using testing::rendered;
using Lines = std::vector<std::string>;

TEST(MetadataErrors, MissingName) {
  const Problem expected{
      "name", "missing required key 'name'; metadata must name the charm, e.g. 'name: my-charm'",
      "metadata.yaml", 1, 1};
  EXPECT_EQ(metadata_problems("summary: nameless\n"), std::vector<Problem>{expected});
}

TEST(MetadataErrors, EmptyFileIsMissingName) {
  const Lines expected = {
      "metadata.yaml:1:1: name: missing required key 'name'; the file is "
      "empty; metadata must name the charm"};
  EXPECT_EQ(rendered(metadata_problems("")), expected);
  EXPECT_EQ(rendered(metadata_problems("# just a comment\n\n")), expected);
}

TEST(MetadataErrors, NameMustBeANonEmptyString) {
  EXPECT_EQ(rendered(metadata_problems("name: 3\n")),
            Lines{"metadata.yaml:1:7: name: expected the charm's name as a string, got the "
                  "integer 3"});
  EXPECT_EQ(rendered(metadata_problems("name: ''\n")),
            Lines{"metadata.yaml:1:7: name: the charm's name must not be empty"});
}

TEST(MetadataErrors, NonMappingTopLevel) {
  EXPECT_EQ(rendered(metadata_problems("- name: foo\n")),
            Lines{"metadata.yaml:1:1: expected a mapping of metadata keys at the top level, got "
                  "a list"});
  EXPECT_EQ(rendered(metadata_problems("just a sentence\n")),
            Lines{"metadata.yaml:1:1: expected a mapping of metadata keys at the top level, got "
                  "the string 'just a sentence'"});
}

TEST(MetadataErrors, WrongScalarTypes) {
  EXPECT_EQ(rendered(metadata_problems("name: c\nsummary: [a]\ndescription: 4\n"
                                       "subordinate: maybe\n")),
            (Lines{"metadata.yaml:2:10: summary: expected a string, got a list",
                   "metadata.yaml:3:14: description: expected a string, got the integer 4",
                   "metadata.yaml:4:14: subordinate: expected true or false, got the string "
                   "'maybe'"}));
}

TEST(MetadataErrors, RelationEntries) {
  EXPECT_EQ(rendered(metadata_problems("name: c\n"
                                       "requires:\n"
                                       "  db:\n"
                                       "    interface: [mysql]\n"
                                       "    limit: 0\n"
                                       "    scope: cluster\n"
                                       "    optional: 1\n"
                                       "  a:\n"
                                       "    limit: -1\n"
                                       "  b: 42\n"
                                       "  c:\n"
                                       "  d: {interface: x, limit: 1.5}\n"
                                       "provides: [x]\n")),
            (Lines{
                "metadata.yaml:4:16: requires.db.interface: expected the interface name as a "
                "string, got a list",
                "metadata.yaml:5:12: requires.db.limit: expected a positive integer (or null for "
                "no limit), got the integer 0",
                "metadata.yaml:6:12: requires.db.scope: unknown scope 'cluster'; expected "
                "'global' or 'container'",
                "metadata.yaml:7:15: requires.db.optional: expected true or false, got the "
                "integer 1",
                "metadata.yaml:8:3: requires.a.interface: missing required key 'interface'; "
                "every endpoint names its interface",
                "metadata.yaml:9:12: requires.a.limit: expected a positive integer (or null for "
                "no limit), got the integer -1",
                "metadata.yaml:10:6: requires.b: expected an interface name, or a mapping with "
                "'interface', got the integer 42",
                "metadata.yaml:11:3: requires.c: expected an interface name, or a mapping with "
                "'interface', got null",
                "metadata.yaml:12:28: requires.d.limit: expected a positive integer (or null for "
                "no limit), got the float 1.5",
                "metadata.yaml:13:11: provides: expected a mapping of endpoint names to "
                "interfaces, got a list",
            }));
}

TEST(MetadataErrors, SameEndpointUnderTwoRoles) {
  const auto problems = metadata_problems(
      "name: c\nrequires:\n  db:\n    interface: mysql\nprovides:\n  db:\n    interface: mysql\n"
      "peers:\n  db: mysql-peers\n");
  EXPECT_EQ(rendered(problems),
            (Lines{"metadata.yaml:6:3: provides.db: endpoint 'db' is declared under both "
                   "'requires' (line 3) and 'provides' (line 6); endpoint names must be unique "
                   "across requires, provides and peers",
                   "metadata.yaml:9:3: peers.db: endpoint 'db' is declared under both "
                   "'requires' (line 3) and 'peers' (line 9); endpoint names must be unique "
                   "across requires, provides and peers"}));
}

TEST(MetadataErrors, EndpointNamedLikeAnExtraBinding) {
  EXPECT_EQ(rendered(metadata_problems(
                "name: c\nextra-bindings:\n  db:\n  admin: x\nrequires:\n  db: mysql\n")),
            (Lines{"metadata.yaml:3:3: extra-bindings.db: extra binding 'db' has the same name "
                   "as the 'requires' endpoint declared at line 6; bindings and endpoints share "
                   "one namespace",
                   "metadata.yaml:4:10: extra-bindings.admin: expected no value (null) for an "
                   "extra binding, got the string 'x'"}));
}

TEST(MetadataErrors, StorageEntries) {
  EXPECT_EQ(rendered(metadata_problems("name: c\n"
                                       "storage:\n"
                                       "  a:\n"
                                       "    type: tmpfs\n"
                                       "  b:\n"
                                       "    description: no type\n"
                                       "  c:\n"
                                       "    type: block\n"
                                       "    location: /x\n"
                                       "    shared: sometimes\n"
                                       "    multiple:\n"
                                       "      range: lots\n"
                                       "    minimum-size: 10\n"
                                       "    properties: [fast]\n"
                                       "  d:\n"
                                       "    type: filesystem\n"
                                       "    multiple: {}\n"
                                       "  e: filesystem\n")),
            (Lines{
                "metadata.yaml:4:11: storage.a.type: unknown storage type 'tmpfs'; expected "
                "'filesystem' or 'block'",
                "metadata.yaml:5:3: storage.b.type: missing required key 'type'; expected "
                "'filesystem' or 'block'",
                "metadata.yaml:9:15: storage.c.location: 'location' is only allowed for "
                "filesystem storage",
                "metadata.yaml:10:13: storage.c.shared: expected true or false, got the string "
                "'sometimes'",
                "metadata.yaml:12:14: storage.c.multiple.range: expected a count such as 2, "
                "'1-3' or '2+', got the string 'lots'",
                "metadata.yaml:13:19: storage.c.minimum-size: expected a size such as '1G' (a "
                "number with an optional M, G, T, P, E, Z or Y suffix), got the integer 10",
                "metadata.yaml:14:18: storage.c.properties[0]: unknown storage property 'fast'; "
                "expected 'transient'",
                "metadata.yaml:17:5: storage.d.multiple.range: missing required key 'range'; the "
                "number of instances, e.g. '2', '1-3' or '2+'",
                "metadata.yaml:18:6: storage.e: expected a mapping with 'type: filesystem' or "
                "'type: block', got the string 'filesystem'",
            }));
}

TEST(MetadataErrors, ResourceEntries) {
  EXPECT_EQ(rendered(metadata_problems("name: c\n"
                                       "resources:\n"
                                       "  a:\n"
                                       "    type: docker\n"
                                       "  b:\n"
                                       "    type: file\n"
                                       "  c:\n"
                                       "    filename: dir/file\n"
                                       "  d: [x]\n")),
            (Lines{
                "metadata.yaml:4:11: resources.a.type: unknown resource type 'docker'; expected "
                "'file' or 'oci-image'",
                "metadata.yaml:5:3: resources.b.filename: missing required key 'filename'; file "
                "resources name the file the charm receives",
                "metadata.yaml:8:15: resources.c.filename: a file resource's filename must not "
                "contain '/'",
                "metadata.yaml:9:6: resources.d: expected a mapping with 'type: file' or 'type: "
                "oci-image', got a list",
            }));
}

TEST(MetadataErrors, ContainerMountsAndResources) {
  EXPECT_EQ(rendered(metadata_problems("name: c\n"
                                       "storage:\n"
                                       "  data:\n"
                                       "    type: filesystem\n"
                                       "resources:\n"
                                       "  f:\n"
                                       "    type: file\n"
                                       "    filename: f\n"
                                       "containers:\n"
                                       "  workload:\n"
                                       "    resource: f\n"
                                       "    mounts:\n"
                                       "      - storage: dta\n"
                                       "        location: /d\n"
                                       "      - location: /e\n"
                                       "      - storage: data\n"
                                       "      - just-a-name\n"
                                       "  other:\n"
                                       "    resource: nope\n"
                                       "    mounts: x\n"
                                       "    uid: root\n")),
            (Lines{
                "metadata.yaml:11:15: containers.workload.resource: resource 'f' has type "
                "'file'; a container's resource must be an oci-image",
                "metadata.yaml:13:18: containers.workload.mounts[0].storage: storage 'dta' is "
                "not declared under 'storage' (declared: 'data')",
                "metadata.yaml:15:9: containers.workload.mounts[1].storage: missing required key "
                "'storage'; the storage to mount",
                "metadata.yaml:16:9: containers.workload.mounts[2].location: missing required "
                "key 'location'; where the storage is mounted in the container",
                "metadata.yaml:17:9: containers.workload.mounts[3]: expected a mapping with "
                "'storage' and 'location', got the string 'just-a-name'",
                "metadata.yaml:19:15: containers.other.resource: resource 'nope' is not declared "
                "under 'resources'",
                "metadata.yaml:20:13: containers.other.mounts: expected a list of mounts "
                "({storage, location}), got the string 'x'",
                "metadata.yaml:21:10: containers.other.uid: expected an integer id, got the "
                "string 'root'",
            }));
}

TEST(MetadataErrors, MountWithNoStorageDeclared) {
  EXPECT_EQ(rendered(metadata_problems("name: c\ncontainers:\n  app:\n    mounts:\n"
                                       "      - {storage: data, location: /d}\n")),
            Lines{"metadata.yaml:5:19: containers.app.mounts[0].storage: storage 'data' is not "
                  "declared under 'storage' (declared: none)"});
}

TEST(MetadataErrors, AssumesSeriesAndOtherKeys) {
  EXPECT_EQ(rendered(metadata_problems("name: c\n"
                                       "assumes:\n"
                                       "  - k8s-api\n"
                                       "  - {bogus: [x]}\n"
                                       "  - 3\n"
                                       "series: kubernetes\n"
                                       "charm-user: admin\n"
                                       "terms: [1]\n"
                                       "devices: [gpu]\n"
                                       "website: {url: x}\n")),
            (Lines{
                "metadata.yaml:4:6: assumes[1].bogus: unknown assumes group 'bogus'; expected "
                "'any-of' or 'all-of'",
                "metadata.yaml:5:5: assumes[2]: expected a feature such as 'k8s-api' or 'juju >= "
                "3.1', or an 'any-of'/'all-of' mapping, got the integer 3",
                "metadata.yaml:6:9: series: expected a list of series names, got the string "
                "'kubernetes'",
                "metadata.yaml:7:13: charm-user: unknown charm-user 'admin'; expected 'root', "
                "'sudoer' or 'non-root'",
                "metadata.yaml:8:9: terms[0]: expected a string, got the integer 1",
                "metadata.yaml:9:10: devices: expected a mapping of names to declarations, got a "
                "list",
                "metadata.yaml:10:10: website: expected a URL or a list of URLs, got a mapping",
            }));
}

TEST(MetadataErrors, EveryProblemIsCollectedInDocumentOrder) {
  const std::string metadata =
      "summary: 1\n"  // no name; summary not a string
      "requires:\n"
      "  db:\n"
      "    interface: mysql\n"
      "    scope: everywhere\n"  // bad scope
      "provides:\n"
      "  db: mysql\n"  // db under two roles
      "storage:\n"
      "  data:\n"
      "    type: tape\n"  // bad storage type
      "containers:\n"
      "  app:\n"
      "    mounts:\n"
      "      - {storage: logs, location: /l}\n";  // undeclared storage
  SpecSources sources;
  sources.metadata = metadata;
  sources.config = "options:\n  port:\n    type: int\n    default: 3.5\n";
  sources.actions = "go:\n  parallel: sometimes\n";
  const auto problems = testing::problems_of(sources);
  EXPECT_EQ(problems.size(), 8u);
  EXPECT_EQ(rendered(problems),
            (Lines{
                "metadata.yaml:1:1: name: missing required key 'name'; metadata must name the "
                "charm, e.g. 'name: my-charm'",
                "metadata.yaml:1:10: summary: expected a string, got the integer 1",
                "metadata.yaml:5:12: requires.db.scope: unknown scope 'everywhere'; expected "
                "'global' or 'container'",
                "metadata.yaml:7:3: provides.db: endpoint 'db' is declared under both 'requires' "
                "(line 3) and 'provides' (line 7); endpoint names must be unique across "
                "requires, provides and peers",
                "metadata.yaml:10:11: storage.data.type: unknown storage type 'tape'; expected "
                "'filesystem' or 'block'",
                "metadata.yaml:14:19: containers.app.mounts[0].storage: storage 'logs' is not "
                "declared under 'storage' (declared: 'data')",
                "config.yaml:4:14: options.port.default: expected an integer for an 'int' "
                "option, got the float 3.5",
                "actions.yaml:2:13: go.parallel: expected true or false, got the string "
                "'sometimes'",
            }));
}

TEST(MetadataErrors, SpecErrorMessageListsEveryProblem) {
  SpecSources sources;
  sources.metadata = "name: c\nsubordinate: 2\nrequires: 3\n";
  try {
    load_charm_spec(sources);
    FAIL() << "expected SpecError";
  } catch (const SpecError& e) {
    EXPECT_EQ(std::string(e.what()),
              "invalid charm spec (2 problems):\n"
              "  - metadata.yaml:2:14: subordinate: expected true or false, got the integer 2\n"
              "  - metadata.yaml:3:11: requires: expected a mapping of endpoint names to "
              "interfaces, got the integer 3");
  }
}

}  // namespace
}  // namespace scenario
