// SPDX-License-Identifier: Apache-2.0
// hooktools/storage_resource_tools_test.cc: storage-list, storage-get (including the
// `--help` line ops 2.x parses), storage-add and resource-get.

#include <gtest/gtest.h>

#include <limits>
#include <regex>
#include <string>

#include "hooktools_test_util.h"

namespace scenario {
namespace {

using testing::expect_error;
using testing::SessionRunner;
using testing::test_state;

State storage_state() {
  State state = test_state();
  state.storage = {{"data", 0}, {"data", 1}, {"cache", 0}};
  state.resources = {{"software", "/res/software.zip"}};
  return state;
}

Event storage_event() {
  Event event;
  event.path = "data_storage_attached";
  event.storage = StorageRef{"data", 1};
  return event;
}

TEST(StorageList, FormsAB) {
  SessionRunner runner(storage_state());
  EXPECT_EQ(runner.ok({"storage-list", "data", "--format=json"}), "[\"data/0\",\"data/1\"]\n");
  EXPECT_EQ(runner.ok({"storage-list", "--format=json", "data"}), "[\"data/0\",\"data/1\"]\n");
  EXPECT_EQ(runner.ok({"storage-list", "--format=json"}), "[\"data/0\",\"data/1\",\"cache/0\"]\n");
  EXPECT_EQ(runner.ok({"storage-list", "cache"}), "cache/0\n");
  EXPECT_EQ(runner.ok({"storage-list", "--format=json", "nope"}), "[]\n");
  expect_error(runner.run({"storage-list", "a", "b"}), 2, "unrecognized args: [\"b\"]");
}

TEST(StorageGet, FormsAB) {
  SessionRunner runner(storage_state());
  // A asks for the location only; B for the whole object.
  EXPECT_EQ(runner.ok({"storage-get", "-s", "data/0", "location", "--format=json"}),
            "\"/var/lib/juju/storage/data/0\"\n");
  EXPECT_EQ(runner.ok({"storage-get", "--format=json", "-s", "data/0"}),
            "{\"kind\":\"filesystem\",\"location\":\"/var/lib/juju/storage/data/0\"}\n");
  EXPECT_EQ(runner.ok({"storage-get", "-s", "cache/0", "kind"}), "block\n");
}

TEST(StorageGet, StorageRootAndHookDefault) {
  SessionConfig config = SessionRunner::default_config();
  config.storage_root = "/tmp/run-1/storage";
  SessionRunner runner(storage_state(), storage_event(), config);
  EXPECT_EQ(runner.ok({"storage-get", "location"}), "/tmp/run-1/storage/data/1\n");
  EXPECT_EQ(runner.ok({"storage-get", "--format=json"}),
            "{\"kind\":\"filesystem\",\"location\":\"/tmp/run-1/storage/data/1\"}\n");
}

TEST(StorageGet, HelpShowsTheHookStorageAsOpsExpects) {
  SessionRunner runner(storage_state(), storage_event());
  const HookResult result = runner.run({"storage-get", "--help"});
  EXPECT_EQ(result.exit_code, 0);
  // ops 2.x model.py _STORAGE_KEY_RE.
  static const std::regex kOpsStorageKey(R"(^-s\s+\(=\s+([^)]*?)\)\s*?$)", std::regex::multiline);
  std::smatch match;
  ASSERT_TRUE(std::regex_search(result.stdout_text, match, kOpsStorageKey)) << result.stdout_text;
  EXPECT_EQ(match[1].str(), "data/1");
}

TEST(StorageGet, Errors) {
  SessionRunner runner(storage_state());
  expect_error(runner.run({"storage-get", "location"}), 2, "no storage instance specified");
  expect_error(runner.run({"storage-get", "-s", "Data"}), 2,
               "invalid value \"Data\" for option -s: invalid storage ID \"Data\"");
  expect_error(runner.run({"storage-get", "-s", "data/7"}), 2,
               "invalid value \"data/7\" for option -s: storage instance \"data/7\" not found");
  expect_error(runner.run({"storage-get", "-s", "data/0", "size"}), 1,
               "invalid storage attribute \"size\"");
  expect_error(runner.run({"storage-get", "-s", "data/0", "kind", "x"}), 2,
               "unrecognized args: [\"x\"]");
}

TEST(StorageAdd, RecordsCountsPerName) {
  SessionRunner runner(storage_state());
  runner.ok({"storage-add", "data=2"});
  runner.ok({"storage-add", "data", "cache=3"});
  runner.ok({"storage-add", "data"});
  EXPECT_EQ(runner.records().requested_storages,
            (std::map<std::string, int>{{"cache", 3}, {"data", 4}}));
  // The State's storage is unchanged: Juju attaches new storage after the hook.
  EXPECT_EQ(runner.state().storage.size(), 3u);
}

TEST(StorageAdd, TotalsSaturateInsteadOfWrapping) {
  SessionRunner runner;
  runner.ok({"storage-add", "data=5"});
  runner.ok({"storage-add", "data=18446744073709551615"});
  EXPECT_EQ(runner.records().requested_storages.at("data"), std::numeric_limits<int>::max());
  runner.ok({"storage-add", "data"});
  EXPECT_EQ(runner.records().requested_storages.at("data"), std::numeric_limits<int>::max());
}

TEST(StorageAdd, Errors) {
  SessionRunner runner;
  expect_error(runner.run({"storage-add"}), 2, "storage add requires a storage directive");
  expect_error(runner.run({"storage-add", "nope"}), 1, "charm storage \"nope\" not found");
  expect_error(runner.run({"storage-add", "data=ebs"}), 2,
               "only count can be specified for \"data\"");
  expect_error(runner.run({"storage-add", "data", "data=2"}), 2,
               "storage \"data\" specified more than once");
  EXPECT_TRUE(runner.records().requested_storages.empty());
}

TEST(StorageAdd, DirectivesParseAsJujuStorageConstraints) {
  // Juju: storage.ParseConstraintsMap(args, false), then only a count is allowed.
  SessionRunner runner;
  const auto cannot = [](std::string_view why) {
    return "cannot parse constraints for storage \"data\": " + std::string(why);
  };
  expect_error(runner.run({"storage-add", "data=0"}), 2,
               cannot("cannot parse count: count must be greater than zero, got \"0\""));
  expect_error(runner.run({"storage-add", "data=-1"}), 2,
               cannot("cannot parse count: count must be greater than zero, got \"-1\""));
  expect_error(runner.run({"storage-add", "=3"}), 2,
               "expected \"name=constraints\" or \"name\", got \"=3\"");
  expect_error(runner.run({"storage-add", "data=a=b"}), 2,
               "expected \"name=constraints\" or \"name\", got \"data=a=b\"");
  expect_error(runner.run({"storage-add", "data="}), 2,
               cannot("storage constraints require at least one field to be specified"));
  expect_error(runner.run({"storage-add", "data=,"}), 2,
               cannot("storage constraints require at least one field to be specified"));
  expect_error(runner.run({"storage-add", "data=0M"}), 2,
               cannot("storage constraints require at least one field to be specified"));
  expect_error(runner.run({"storage-add", "data=ebs,gp2"}), 2,
               cannot("pool name is already set to \"ebs\", new value \"gp2\" not valid"));
  expect_error(runner.run({"storage-add", "data=-1G"}), 2,
               cannot("cannot parse size: expected a non-negative number, got \"-1G\""));
  // strconv.ParseFloat overflows; ParseSize names the number without its suffix.
  const std::string huge = "1" + std::string(400, '0');
  expect_error(runner.run({"storage-add", "data=" + huge + "M,5"}), 2,
               cannot("cannot parse size: expected a non-negative number, got \"" + huge + "\""));
  // Too small for a float64 is 0, no error, which leaves only the count.
  SessionRunner tiny;
  tiny.ok({"storage-add", "data=0." + std::string(400, '0') + "1M,5"});
  EXPECT_EQ(tiny.records().requested_storages.at("data"), 5);
  expect_error(runner.run({"storage-add", "data=2,$x"}), 2,
               cannot("unrecognized storage constraint \"$x\" not valid"));
  // A count beyond 64 bits is no count.
  expect_error(runner.run({"storage-add", "data=99999999999999999999"}), 2,
               cannot("unrecognized storage constraint \"99999999999999999999\" not valid"));
  // Every directive is parsed before any is refused for more than a count.
  expect_error(runner.run({"storage-add", "data=ebs", "cache=0"}), 2,
               "cannot parse constraints for storage \"cache\": cannot parse count: count must "
               "be greater than zero, got \"0\"");
  expect_error(runner.run({"storage-add", "data=1G"}), 2,
               "only count can be specified for \"data\"");
  expect_error(runner.run({"storage-add", "data=0.5MiB,2"}), 2,
               "only count can be specified for \"data\"");
  EXPECT_TRUE(runner.records().requested_storages.empty());
  // Empty fields are skipped; the last count given wins.
  runner.ok({"storage-add", "data=,2,", "cache=3,1"});
  EXPECT_EQ(runner.records().requested_storages,
            (std::map<std::string, int>{{"cache", 1}, {"data", 2}}));
}

TEST(ResourceGet, PrintsThePathWithoutNewline) {
  SessionRunner runner(storage_state());
  EXPECT_EQ(runner.ok({"resource-get", "software"}), "/res/software.zip");
}

TEST(ResourceGet, Errors) {
  SessionRunner runner;
  expect_error(runner.run({"resource-get", "software"}), 1,
               "could not download resource: resource#myapp/software not found");
  expect_error(runner.run({"resource-get", "undeclared"}), 1,
               "could not download resource: resource#myapp/undeclared not found");
  expect_error(runner.run({"resource-get"}), 2, "missing required resource name");
}

}  // namespace
}  // namespace scenario
