// SPDX-License-Identifier: Apache-2.0
// spec/spec_json_test.cc: charm_spec_to_json, the output of `scenario spec`.

#include <gtest/gtest.h>

#include "scenario/spec/load.h"
#include "spec_test_util.h"

namespace scenario {
namespace {

using testing::fixture_dir;

TEST(SpecJson, WholeSpecOfAUnifiedCharm) {
  const Json json = charm_spec_to_json(load_charm_spec_dir(fixture_dir("unified")));
  EXPECT_EQ(json, Json::parse(R"({
    "name": "unified",
    "summary": "Everything in charmcraft.yaml.",
    "description": "A Kubernetes charm.",
    "subordinate": false,
    "kind": "kubernetes",
    "relations": [
      {"name": "ingress", "role": "requires", "interface": "ingress", "limit": 1,
       "scope": "global", "optional": false},
      {"name": "logging", "role": "requires", "interface": "loki_push_api", "limit": null,
       "scope": "container", "optional": false}
    ],
    "containers": [
      {"name": "workload", "resource": "workload-image",
       "mounts": [{"storage": "data", "location": "/data"}]},
      {"name": "sidecar", "resource": null, "mounts": []}
    ],
    "storage": [
      {"name": "data", "type": "filesystem", "description": "", "location": null,
       "shared": false, "read_only": false, "multiple_range": null, "minimum_size": null}
    ],
    "resources": [
      {"name": "workload-image", "type": "oci-image", "filename": null,
       "description": "The workload."}
    ],
    "extra_bindings": [],
    "config": [
      {"name": "log-level", "type": "string", "default": "info", "description": ""}
    ],
    "actions": [
      {"name": "rotate", "description": "Rotate the logs.", "params": {}, "required": [],
       "additional_properties": true, "parallel": false, "execution_group": ""}
    ],
    "sources": ["charmcraft.yaml"]
  })"));
}

TEST(SpecJson, ConfigDefaultsKeepTheirTypes) {
  const Json json = charm_spec_to_json(load_charm_spec_dir(fixture_dir("legacy_files")));
  ASSERT_EQ(json["config"].size(), 6u);
  EXPECT_EQ(json["config"][0]["default"], "world");
  EXPECT_TRUE(json["config"][1]["default"].is_number_integer());
  EXPECT_EQ(json["config"][1]["default"], 8080);
  EXPECT_TRUE(json["config"][2]["default"].is_number_float());
  EXPECT_EQ(json["config"][2]["default"], 2.0);
  EXPECT_EQ(json["config"][3]["default"], false);
  EXPECT_TRUE(json["config"][4]["default"].is_null());
  EXPECT_EQ(json["config"][4]["type"], "secret");
}

TEST(SpecJson, RolesStorageAndBindingsOfAMachineCharm) {
  const Json json = charm_spec_to_json(load_charm_spec_dir(fixture_dir("metadata_only")));
  EXPECT_EQ(json["kind"], "machine");
  EXPECT_EQ(json["relations"][2]["role"], "provides");
  EXPECT_EQ(json["relations"][3]["role"], "peer");
  EXPECT_EQ(json["storage"][0]["multiple_range"], "1-3");
  EXPECT_EQ(json["storage"][0]["minimum_size"], "10G");
  EXPECT_EQ(json["storage"][0]["read_only"], true);
  EXPECT_EQ(json["resources"][0]["filename"], "app.tar.gz");
  EXPECT_EQ(json["extra_bindings"], Json::parse(R"(["admin-api"])"));
}

TEST(SpecJson, EmptySpecHasEveryKey) {
  const Json json = charm_spec_to_json(CharmSpec{});
  for (const char* key :
       {"name", "summary", "description", "subordinate", "kind", "relations", "containers",
        "storage", "resources", "extra_bindings", "config", "actions", "sources"}) {
    EXPECT_TRUE(json.contains(key)) << key;
  }
  EXPECT_EQ(json.size(), 13u);
}

}  // namespace
}  // namespace scenario
