// SPDX-License-Identifier: Apache-2.0
// tests/cpp/pebble/layers_test.cc: POST /v1/layers, GET /v1/plan, Pebble's merge rules.

#include "pebble_test_util.h"

namespace scenario::pebble {
namespace {

using testing::body_of;
using testing::TempDir;

class PebbleLayers : public ::testing::Test {
 protected:
  Response add(const std::string& label, const std::string& yaml, bool combine = false) {
    return handler_.handle(testing::post_json("/v1/layers", {{"action", "add"},
                                                             {"label", label},
                                                             {"format", "yaml"},
                                                             {"layer", yaml},
                                                             {"combine", combine}}));
  }
  std::string message(const Response& response) { return body_of(response)["result"]["message"]; }

  TempDir dir_;
  Container container_{.name = "web"};
  ContainerHandler handler_{container_, dir_.path()};
};

TEST_F(PebbleLayers, AddedLayerIsStoredAndInThePlan) {
  const Response response = add("base", R"(
summary: base layer
services:
  web:
    override: replace
    command: nginx -g 'daemon off;'
    startup: enabled
    environment: {PORT: 8080}
)");
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_EQ(body_of(response)["result"], true);
  ASSERT_EQ(container_.layers.count("base"), 1u);
  EXPECT_EQ(container_.layers["base"].summary, "base layer");
  // YAML scalars read into Pebble's string fields keep their text.
  EXPECT_EQ(container_.layers["base"].services["web"]["environment"]["PORT"], "8080");
  const Json plan = handler_.plan();
  EXPECT_EQ(plan["services"]["web"]["command"], "nginx -g 'daemon off;'");
  EXPECT_EQ(plan["services"]["web"]["override"], "replace");
}

TEST_F(PebbleLayers, PlanYamlIsPebblesShape) {
  add("base", R"(
services:
  web: {override: replace, command: run, kill-delay: 1m, backoff-factor: 2}
checks:
  up: {override: replace, level: alive, http: {url: "http://localhost/"}}
log-targets:
  loki: {override: replace, type: loki, location: "http://loki"}
)");
  const Response response = handler_.handle(testing::get("/v1/plan", {{"format", "yaml"}}));
  ASSERT_EQ(response.status, 200);
  const std::string yaml = body_of(response)["result"];
  EXPECT_EQ(yaml,
            "services:\n"
            "    web:\n"
            "        override: replace\n"
            "        command: run\n"
            "        backoff-factor: 2\n"
            "        kill-delay: 1m0s\n"
            "checks:\n"
            "    up:\n"
            "        override: replace\n"
            "        level: alive\n"
            "        threshold: 3\n"
            "        http:\n"
            "            url: \"http://localhost/\"\n"
            "log-targets:\n"
            "    loki:\n"
            "        type: loki\n"
            "        location: \"http://loki\"\n"
            "        services: []\n"
            "        override: replace\n");
}

TEST_F(PebbleLayers, EmptyPlanIsAnEmptyMapping) {
  EXPECT_EQ(body_of(handler_.handle(testing::get("/v1/plan", {{"format", "yaml"}})))["result"],
            "{}\n");
  EXPECT_EQ(handler_.handle(testing::get("/v1/plan")).status, 400);
}

TEST_F(PebbleLayers, MergeAppendsListsAndMergesMaps) {
  add("a", R"(
services:
  web: {override: replace, command: one, after: [db], environment: {A: "1", B: "1"}, user-id: 5}
)");
  add("b", R"(
services:
  web: {override: merge, after: [cache], environment: {B: "2"}, summary: merged}
)");
  const Json web = handler_.plan()["services"]["web"];
  EXPECT_EQ(web["after"], Json({"db", "cache"}));
  EXPECT_EQ(web["environment"], Json({{"A", "1"}, {"B", "2"}}));
  EXPECT_EQ(web["command"], "one");
  EXPECT_EQ(web["summary"], "merged");
  EXPECT_EQ(web["user-id"], 5);
  // The merged entry keeps its first override.
  EXPECT_EQ(web["override"], "replace");
}

TEST_F(PebbleLayers, ReplaceDropsEarlierFields) {
  add("a", "services:\n  web: {override: replace, command: one, environment: {A: '1'}}\n");
  add("b", "services:\n  web: {override: replace, command: two}\n");
  const Json web = handler_.plan()["services"]["web"];
  EXPECT_EQ(web["command"], "two");
  EXPECT_FALSE(web.contains("environment"));
}

TEST_F(PebbleLayers, CheckAndLogTargetMergeRules) {
  add("a", R"(
checks:
  c: {override: replace, period: 10s, http: {url: "http://a", headers: {X: "1"}}}
log-targets:
  t: {override: replace, type: loki, location: "http://l", services: [all], labels: {a: "1"}}
)");
  add("b", R"(
checks:
  c: {override: merge, threshold: 5, http: {headers: {Y: "2"}}}
log-targets:
  t: {override: merge, services: [-all], labels: {b: "2"}}
)");
  const Json plan = handler_.plan();
  EXPECT_EQ(plan["checks"]["c"]["http"]["url"], "http://a");
  EXPECT_EQ(plan["checks"]["c"]["http"]["headers"], Json({{"X", "1"}, {"Y", "2"}}));
  EXPECT_EQ(plan["checks"]["c"]["threshold"], 5);
  EXPECT_EQ(plan["checks"]["c"]["period"], "10s");
  EXPECT_EQ(plan["log-targets"]["t"]["services"], Json({"all", "-all"}));
  EXPECT_EQ(plan["log-targets"]["t"]["labels"], Json({{"a", "1"}, {"b", "2"}}));
}

TEST_F(PebbleLayers, CombineMergesIntoTheExistingLayer) {
  add("base",
      "summary: one\nservices:\n  web: {override: replace, command: a, after: [x]}\n  x: "
      "{override: replace, command: x}\n");
  EXPECT_EQ(message(add("base", "services: {}\n")), R"(layer "base" already exists)");
  ASSERT_EQ(
      add("base",
          "services:\n  web: {override: merge, after: [y]}\n  y: {override: replace, command: y}\n",
          true)
          .status,
      200);
  EXPECT_EQ(container_.layers.size(), 1u);
  EXPECT_EQ(container_.layers["base"].services["web"]["after"], Json({"x", "y"}));
  // Pebble's CombineLayers keeps the newer layer's summary, even when empty.
  EXPECT_EQ(container_.layers["base"].summary, "");
}

TEST_F(PebbleLayers, ValidationErrorsAreFourHundreds) {
  EXPECT_EQ(message(add("", "")), "label must be set");
  EXPECT_EQ(message(add("pebble-x", "")),
            R"(cannot parse layer YAML: cannot use reserved label prefix "pebble-")");
  EXPECT_EQ(message(add("l", "services:\n  web: {command: x}\n")),
            R"(layer "l" must define "override" for service "web")");
  EXPECT_EQ(message(add("l", "checks:\n  c: {override: other, tcp: {port: 1}}\n")),
            R"(layer "l" has invalid "override" value for check "c")");
  EXPECT_EQ(message(add("l", "services:\n  web: {override: replace}\n")),
            R"(plan must define "command" for service "web")");
  EXPECT_EQ(
      message(add("l", "services:\n  web: {override: replace, command: x, bogus: 1}\n")),
      "cannot parse layer YAML: cannot parse layer \"l\" section \"services\": yaml: unmarshal "
      "errors:\n  line 2: field bogus not found in type plan.Service");
  EXPECT_EQ(message(add("l", "nope: 1\n")),
            R"(cannot parse layer YAML: cannot parse layer "l": unknown section "nope")");
  EXPECT_EQ(message(add("l", "services:\n  pebble: {override: replace, command: x}\n")),
            R"(cannot parse layer YAML: cannot use reserved service name "pebble")");
  EXPECT_EQ(
      message(add("l", "services:\n  web: {override: replace, command: x, kill-delay: soon}\n")),
      R"(cannot parse layer YAML: cannot parse layer "l" section "services": invalid duration "soon")");
  EXPECT_EQ(message(add("l", "checks:\n  c: {override: replace}\n")),
            R"(plan must specify one of "http", "tcp", or "exec" for check "c")");
  EXPECT_EQ(message(add("l",
                        "services:\n  a: {override: replace, command: x, after: [b]}\n  b: "
                        "{override: replace, command: x, after: [a]}\n")),
            "services in before/after loop: a, b");
  EXPECT_EQ(message(add("l", "services: [\n"))
                .rfind("cannot parse layer YAML: cannot parse layer \"l\": yaml: ", 0),
            0u);
  // Nothing was stored by the failures.
  EXPECT_TRUE(container_.layers.empty());
}

TEST_F(PebbleLayers, BadRequestBodies) {
  EXPECT_EQ(handler_.handle({.method = "POST", .path = "/v1/layers", .body = "{"}).status, 400);
  EXPECT_EQ(message(handler_.handle(testing::post_json("/v1/layers", {{"action", "remove"}}))),
            R"(invalid action "remove")");
  EXPECT_EQ(message(handler_.handle(testing::post_json(
                "/v1/layers", {{"action", "add"}, {"label", "x"}, {"format", "json"}}))),
            R"(invalid format "json")");
  const std::string deep(100000, '[');
  EXPECT_EQ(handler_.handle({.method = "POST", .path = "/v1/layers", .body = deep}).status, 400);
  // A deeply nested layer is a parse error, not a stack overflow.
  EXPECT_EQ(add("l", std::string(100000, '[') + std::string(100000, ']')).status, 400);
}

TEST_F(PebbleLayers, StateLayersCombineInLabelOrder) {
  container_.layers["b"].services["web"] = {{"override", "merge"}, {"command", "from-b"}};
  container_.layers["a"].services["web"] = {{"command", "from-a"}, {"startup", "enabled"}};
  ContainerHandler handler(container_, dir_.path());
  const Json web = handler.plan()["services"]["web"];
  EXPECT_EQ(web["command"], "from-b");
  EXPECT_EQ(web["startup"], "enabled");
}

TEST_F(PebbleLayers, NewLayerIsValidatedInItsLabelPlace) {
  container_.layers["a"].services["web"] = {{"override", "replace"}, {"command", "from-a"}};
  container_.layers["c"].services["web"] = {{"override", "replace"}, {"command", "from-c"}};
  ContainerHandler handler(container_, dir_.path());
  auto add_to = [&](const std::string& label) {
    return handler.handle(
        testing::post_json("/v1/layers", {{"action", "add"},
                                          {"label", label},
                                          {"format", "yaml"},
                                          {"layer", "services:\n  web: {override: replace}\n"}}));
  };
  // Before "c", whose web has a command: valid. After it, web has none.
  EXPECT_EQ(add_to("b").status, 200);
  EXPECT_EQ(message(add_to("d")), R"(plan must define "command" for service "web")");
  EXPECT_EQ(container_.layers.size(), 3u);
  EXPECT_EQ(handler.plan()["services"]["web"]["command"], "from-c");
}

TEST_F(PebbleLayers, TheSameTextIsParsedAnewForEachLabelAndHandler) {
  const std::string yaml = "services:\n  web: {override: replace, command: x}\n";
  ASSERT_EQ(add("web", yaml).status, 200);
  // A remembered parse does not carry one label's answer to another.
  EXPECT_EQ(message(add("pebble-web", yaml)),
            R"(cannot parse layer YAML: cannot use reserved label prefix "pebble-")");
  EXPECT_EQ(message(add("pebble-web", yaml)),
            R"(cannot parse layer YAML: cannot use reserved label prefix "pebble-")");
  // Nor do changes to a stored layer reach the next handler adding the same text.
  ASSERT_EQ(add("web", "services:\n  web: {override: merge, command: y}\n", true).status, 200);
  Container other{.name = "other"};
  ContainerHandler handler(other, dir_.path());
  ASSERT_EQ(handler
                .handle(testing::post_json(
                    "/v1/layers",
                    {{"action", "add"}, {"label", "web"}, {"format", "yaml"}, {"layer", yaml}}))
                .status,
            200);
  EXPECT_EQ(other.layers["web"].services["web"]["command"], "x");
  EXPECT_EQ(container_.layers["web"].services["web"]["command"], "y");
  // A text that fails to parse fails each time.
  EXPECT_EQ(add("l", "services: [\n").status, 400);
  EXPECT_EQ(add("l", "services: [\n").status, 400);
  EXPECT_EQ(container_.layers.count("l"), 0u);
}

TEST_F(PebbleLayers, GoDurationsAreNormalized) {
  add("l",
      "services:\n  w: {override: replace, command: x, backoff-delay: 1500ms, backoff-limit: 90m, "
      "kill-delay: 0.5s}\n");
  const Json w = handler_.plan()["services"]["w"];
  EXPECT_EQ(w["backoff-delay"], "1.5s");
  EXPECT_EQ(w["backoff-limit"], "1h30m0s");
  EXPECT_EQ(w["kill-delay"], "500ms");
}

}  // namespace
}  // namespace scenario::pebble
