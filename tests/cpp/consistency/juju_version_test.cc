// SPDX-License-Identifier: Apache-2.0
// consistency/juju_version_test.cc: Juju version numbers and the features they gate.

#include "scenario/consistency/juju_version.h"

#include <gtest/gtest.h>

#include <string>

#include "consistency_test_util.h"

namespace scenario {
namespace {

using testing::has_code;
using testing::Scenario;

JujuVersion v(const char* text) {
  std::optional<JujuVersion> parsed = parse_juju_version(text);
  EXPECT_TRUE(parsed.has_value()) << text;
  return parsed.value_or(JujuVersion{});
}

TEST(JujuVersion, ParsesEveryJujuSpelling) {
  EXPECT_EQ(v("3").to_string(), "3.0.0");
  EXPECT_EQ(v("3.4").to_string(), "3.4.0");
  EXPECT_EQ(v("3.4.2").to_string(), "3.4.2");
  EXPECT_EQ(v("2.9.44.1").to_string(), "2.9.44.1");
  EXPECT_EQ(v("3.5-beta1").to_string(), "3.5-beta1");
  EXPECT_EQ(v("3.5-rc2.1").to_string(), "3.5-rc2.1");
  EXPECT_EQ(v("3.5-beta1").tag, "beta");
  EXPECT_EQ(v("3.5-beta1").patch, 1);
}

TEST(JujuVersion, RejectsWhatIsNotAVersion) {
  for (const char* text : {"", "x", "3.", "3.x", ".3", "3..4", "3.4.", "3.4.5.6.7", "3.4-", "3.4-1",
                           "3.4 ", "-3", "1000000"}) {
    EXPECT_FALSE(parse_juju_version(text).has_value()) << "'" << text << "'";
  }
}

TEST(JujuVersion, OrdersNumericallyWithPreReleasesFirst) {
  EXPECT_LT(v("2.9.44"), v("3.0"));
  EXPECT_LT(v("3.1.6"), v("3.10"));
  EXPECT_LT(v("3.5-beta1"), v("3.5-rc1"));
  EXPECT_LT(v("3.5-rc1"), v("3.5.0"));
  EXPECT_GT(v("3.5-beta1"), v("3.4.9"));
  EXPECT_LT(v("3.4.2"), v("3.4.2.1"));
  EXPECT_EQ(v("3"), v("3.0.0"));
}

// The versions ops-scenario 5.8's tests use for secrets (it gates them on 3.0).
TEST(JujuFeatures, SecretsNeedJuju3) {
  for (const char* bad : {"1.0", "0", "1.2", "2.35.42", "2.99.99", "2.99"}) {
    Scenario s;
    s.juju_version = bad;
    s.state.secrets.push_back(Secret{.id = "secret:foo", .contents = {{0, {{"a", "b"}}}}, .granted = SecretGrant::kApp});
    EXPECT_TRUE(has_code(s.check(), "juju-feature-unsupported")) << bad;
    s.state.secrets.clear();
    s.event = Event{.path = "secret-changed", .secret_id = "secret:foo"};
    EXPECT_TRUE(has_code(s.check(), "juju-feature-unsupported")) << bad;
  }
  for (const char* good : {"3.0", "3.1", "3", "3.33", "4", "100"}) {
    Scenario s;
    s.juju_version = good;
    s.state.secrets.push_back(Secret{.id = "secret:foo", .contents = {{0, {{"a", "b"}}}}, .granted = SecretGrant::kApp});
    EXPECT_EQ(testing::render(s.check()), "") << good;
  }
}

TEST(JujuFeatures, PebbleNoticesNeedJuju34AndCheckEventsJuju36) {
  Scenario s;
  Container c;
  c.name = "app";
  c.can_connect = true;
  s.state.containers.push_back(c);
  s.event = Event{.path = "app-pebble-custom-notice", .container = "app"};
  s.juju_version = "3.3.5";
  EXPECT_TRUE(has_code(s.check(), "juju-feature-unsupported"));
  s.juju_version = "3.4";
  EXPECT_EQ(testing::render(s.check()), "");

  s.event.path = "app-pebble-check-failed";
  s.juju_version = "3.5.4";
  EXPECT_TRUE(has_code(s.check(), "juju-feature-unsupported"));
  s.juju_version = "3.6-beta2";
  EXPECT_TRUE(has_code(s.check(), "juju-feature-unsupported"));
  s.juju_version = "3.6.0";
  EXPECT_EQ(testing::render(s.check()), "");
  s.event.path = "app-pebble-check-recovered";
  EXPECT_EQ(testing::render(s.check()), "");
}

TEST(JujuFeatures, AnInvalidVersionIsReportedOnceAndGatesNothing) {
  Scenario s;
  s.juju_version = "three";
  s.state.secrets.push_back(Secret{.id = "secret:foo", .granted = SecretGrant::kApp});
  EXPECT_EQ(testing::codes(s.check()), std::vector<std::string>{"juju-version-invalid"});
}

}  // namespace
}  // namespace scenario
