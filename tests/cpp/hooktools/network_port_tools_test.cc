// SPDX-License-Identifier: Apache-2.0
// hooktools/network_port_tools_test.cc: network-get, open-port, close-port and
// opened-ports in the argv forms of ops 2.10-3.3 (A) and 3.4+ (B).

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "hooktools_test_util.h"

namespace scenario {
namespace {

using testing::expect_error;
using testing::SessionRunner;
using testing::test_state;

// Juju's display structs, fields in declaration order (jujuc network-get.go).
constexpr const char* kDefaultNetworkJson =
    "{\"bind-addresses\":[{\"mac-address\":\"\",\"interface-name\":\"\",\"addresses\":"
    "[{\"hostname\":\"\",\"value\":\"1.1.1.1\",\"cidr\":\"\"}]}],\"egress-subnets\":"
    "[\"1.1.1.2/32\"],\"ingress-addresses\":[\"1.1.1.2\"]}\n";

TEST(NetworkGet, DefaultNetworkFormsAB) {
  SessionRunner runner;
  EXPECT_EQ(runner.ok({"network-get", "db", "--format=json"}), kDefaultNetworkJson);  // A
  EXPECT_EQ(runner.ok({"network-get", "db", "-r", "1", "--format=json"}), kDefaultNetworkJson);
  EXPECT_EQ(runner.ok({"network-get", "--format=json", "db"}), kDefaultNetworkJson);  // B
  EXPECT_EQ(runner.ok({"network-get", "--format=json", "-r", "1", "db"}), kDefaultNetworkJson);
  // Peers and extra bindings are bindings too.
  EXPECT_EQ(runner.ok({"network-get", "--format=json", "cluster"}), kDefaultNetworkJson);
  EXPECT_EQ(runner.ok({"network-get", "--format=json", "metrics"}), kDefaultNetworkJson);
}

TEST(NetworkGet, StateNetwork) {
  State state = test_state();
  Network network;
  network.name = "metrics";
  network.bind_addresses = {
      BindAddress{"eth1",
                  {Address{"host", "10.1.2.3", "10.1.2.0/24", ""}, Address{"", "", "", "10.9.9.9"}},
                  "aa:bb"}};
  network.ingress_addresses = {"10.1.2.3"};
  network.egress_subnets = {"10.1.2.3/32", "10.2.0.0/16"};
  state.networks = {network};
  SessionRunner runner(state);
  // Juju's JSON has no `address` copy (`json:"-"`), even when the State sets one.
  EXPECT_EQ(runner.ok({"network-get", "--format=json", "metrics"}),
            "{\"bind-addresses\":[{\"mac-address\":\"aa:bb\",\"interface-name\":\"eth1\","
            "\"addresses\":[{\"hostname\":\"host\",\"value\":\"10.1.2.3\",\"cidr\":"
            "\"10.1.2.0/24\"},{\"hostname\":\"\",\"value\":\"\",\"cidr\":\"\"}]}],"
            "\"egress-subnets\":[\"10.1.2.3/32\",\"10.2.0.0/16\"],"
            "\"ingress-addresses\":[\"10.1.2.3\"]}\n");
  // YAML keeps it.
  const std::string yaml = runner.ok({"network-get", "--format=yaml", "metrics"});
  EXPECT_NE(yaml.find("address: 10.9.9.9"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("address: 10.1.2.3"), std::string::npos) << yaml;
  EXPECT_EQ(runner.ok({"network-get", "metrics", "--egress-subnets"}),
            "10.1.2.3/32\n10.2.0.0/16\n");
  // Other bindings still get the default network.
  EXPECT_EQ(runner.ok({"network-get", "--format=json", "db"}), kDefaultNetworkJson);
}

TEST(NetworkGet, SingleFields) {
  SessionRunner runner;
  EXPECT_EQ(runner.ok({"network-get", "db", "--ingress-address"}), "1.1.1.2\n");
  EXPECT_EQ(runner.ok({"network-get", "db", "--ingress-address", "--format=json"}),
            "\"1.1.1.2\"\n");
  EXPECT_EQ(runner.ok({"network-get", "db", "--bind-address", "--format=json"}), "\"1.1.1.1\"\n");
  EXPECT_EQ(runner.ok({"network-get", "db", "--egress-subnets", "--format=json"}),
            "[\"1.1.1.2/32\"]\n");
  EXPECT_EQ(runner.ok({"network-get", "db", "--primary-address"}), "1.1.1.1\n");
  EXPECT_EQ(
      runner.ok({"network-get", "db", "--bind-address", "--ingress-address", "--format=json"}),
      "{\"bind-address\":\"1.1.1.1\",\"ingress-address\":\"1.1.1.2\"}\n");
}

TEST(NetworkGet, SmartOutputIsYamlWithLegacyKeys) {
  SessionRunner runner;
  const std::string yaml = runner.ok({"network-get", "db"});
  EXPECT_NE(yaml.find("bind-addresses:"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("macaddress: \"\""), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("address: 1.1.1.1"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("ingress-addresses:\n- 1.1.1.2"), std::string::npos) << yaml;
}

TEST(NetworkGet, Errors) {
  SessionRunner runner;
  expect_error(runner.run({"network-get", "--format=json", "nope"}), 1,
               "no network config found for binding \"nope\"");
  expect_error(runner.run({"network-get", "--format=json", "-r", "9", "db"}), 2,
               "invalid value \"9\" for option -r: relation not found");
  expect_error(runner.run({"network-get", "--format=json"}), 2, "no arguments specified");
  expect_error(runner.run({"network-get", "db", "extra"}), 2, "unrecognized args: [\"extra\"]");
  expect_error(runner.run({"network-get", "db", "--primary-address", "--bind-address"}), 1,
               "--primary-address must be the only flag specified");
}

TEST(Ports, OpenCloseAndList) {
  SessionRunner runner;
  runner.ok({"open-port", "8080/tcp"});
  runner.ok({"open-port", "icmp"});
  runner.ok({"open-port", "53/UDP"});
  runner.ok({"open-port", "80"});
  runner.ok({"open-port", "80-80/tcp"});
  runner.ok({"open-port", "--endpoints", "db,website", "8080/tcp"});
  EXPECT_EQ(runner.state().opened_ports,
            (std::vector<Port>{{"tcp", 8080}, {"icmp", std::nullopt}, {"udp", 53}, {"tcp", 80}}));
  // A: text, one per line; B: JSON. Juju sorts by protocol, then port.
  EXPECT_EQ(runner.ok({"opened-ports"}), "icmp\n80/tcp\n8080/tcp\n53/udp\n");
  EXPECT_EQ(runner.ok({"opened-ports", "--format=json"}),
            "[\"icmp\",\"80/tcp\",\"8080/tcp\",\"53/udp\"]\n");
  EXPECT_EQ(runner.ok({"opened-ports", "--endpoints", "--format=json"}),
            "[\"icmp (*)\",\"80/tcp (*)\",\"8080/tcp (*)\",\"53/udp (*)\"]\n");

  runner.ok({"close-port", "8080/tcp"});
  runner.ok({"close-port", "8080/tcp"});  // closing a closed port is a no-op
  runner.ok({"close-port", "icmp"});
  runner.ok({"close-port", "9/udp"});
  EXPECT_EQ(runner.state().opened_ports, (std::vector<Port>{{"udp", 53}, {"tcp", 80}}));
  EXPECT_EQ(runner.ok({"opened-ports", "--format=json"}), "[\"80/tcp\",\"53/udp\"]\n");
}

TEST(Ports, NothingOpened) {
  SessionRunner runner;
  EXPECT_EQ(runner.ok({"opened-ports"}), "");
  EXPECT_EQ(runner.ok({"opened-ports", "--format=json"}), "[]\n");
}

TEST(Ports, Errors) {
  SessionRunner runner;
  expect_error(runner.run({"open-port", "8000-8999/tcp"}), 1,
               "port ranges are not supported by scenario yet: \"8000-8999/tcp\"");
  // Juju: core/network PortRange.Validate, which allows port 0.
  expect_error(runner.run({"open-port", "70000/tcp"}), 2,
               "port range bounds must be between 0 and 65535, got 70000-70000");
  expect_error(runner.run({"close-port", "1-70000/udp"}), 2,
               "port range bounds must be between 0 and 65535, got 1-70000");
  // Ports are Go ints: a huge one is out of bounds, not unparsable.
  expect_error(runner.run({"open-port", "99999999999"}), 2,
               "port range bounds must be between 0 and 65535, got 99999999999-99999999999");
  expect_error(runner.run({"open-port", "99999999999999999999"}), 2,
               "invalid port \"99999999999999999999\": strconv.Atoi: parsing "
               "\"99999999999999999999\": value out of range");
  expect_error(runner.run({"open-port", "--", "-5"}), 2,
               "invalid port \"\": strconv.Atoi: parsing \"\": invalid syntax");
  // `icmp` wins over a protocol given with it.
  runner.ok({"close-port", "ICMP/tcp"});
  // Port 0 passes Juju's checks, but a State Port cannot hold it: never open, so closing
  // it changes nothing.
  expect_error(runner.run({"open-port", "0"}), 1, "port 0 is not supported by scenario yet: \"0\"");
  runner.ok({"close-port", "0/udp"});
  expect_error(runner.run({"open-port", "80/sctp"}), 2,
               "invalid protocol \"sctp\", expected \"tcp\", \"udp\", or \"icmp\"");
  expect_error(runner.run({"open-port", "abc"}), 2,
               "invalid port \"abc\": strconv.Atoi: parsing \"abc\": invalid syntax");
  expect_error(runner.run({"close-port", "90-80"}), 2, "invalid port range 90-80/tcp");
  expect_error(runner.run({"open-port", "1-2-3"}), 2, "invalid port range \"1-2-3\"");
  expect_error(runner.run({"open-port", "80/icmp"}), 2,
               "protocol \"icmp\" doesn't support any ports; got \"80\"");
  expect_error(runner.run({"open-port"}), 2, "no port or range specified");
  expect_error(runner.run({"open-port", "80", "81"}), 2, "unrecognized args: [\"81\"]");
  EXPECT_TRUE(runner.state().opened_ports.empty());
}

}  // namespace
}  // namespace scenario
