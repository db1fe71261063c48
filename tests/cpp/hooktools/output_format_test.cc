// SPDX-License-Identifier: Apache-2.0
// hooktools/output_format_test.cc: --format smart, yaml and json byte for byte as
// juju/cmd writes them with Juju's yaml.v2 fork and Go's encoding/json.

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <tuple>
#include <vector>

#include "hooktools_test_util.h"

namespace scenario {
namespace {

using testing::SessionRunner;
using testing::test_state;

// A runner whose unit mysql/0 on relation 1 has `data`.
SessionRunner with_remote_data(Databag data) {
  State state = test_state();
  state.relations[0].remote_units_data[0] = std::move(data);
  return SessionRunner(state);
}

std::vector<std::string> relation_get(std::string format) {
  return {"relation-get", "-r", "1", "--format", std::move(format), "-", "mysql/0"};
}

SessionRunner in_action(Json params) {
  Event event;
  event.action = Action{"backup", std::move(params)};
  return SessionRunner(test_state(), event);
}

TEST(YamlOutput, ListsStartAtTheirKeysColumnAndEmptyCollectionsStayOnTheKeyLine) {
  SessionRunner runner = in_action(Json::parse(R"({
      "filename": "x", "compress": false, "opts": {"level": 1},
      "list": ["a", {"b": ["c", "d"]}], "nested": {"deep": [1, 2.5]},
      "e": [], "m": {}, "z": [[1, 2], []]})"));
  EXPECT_EQ(runner.ok({"action-get"}),
            "compress: false\ne: []\nfilename: x\nlist:\n- a\n- b:\n  - c\n  - d\nm: {}\n"
            "nested:\n  deep:\n  - 1\n  - 2.5\nopts:\n  level: 1\nz:\n- - 1\n  - 2\n- []\n");
}

TEST(YamlOutput, StatusDataIsAnEmptyFlowMapping) {
  SessionRunner runner;
  EXPECT_EQ(runner.ok({"status-get", "--include-data", "--format=yaml"}),
            "message: \"\"\nstatus: unknown\nstatus-data: {}\n");
}

TEST(YamlOutput, StringsTakeThePlainestStyleThatReadsBackAsThemselves) {
  SessionRunner runner = with_remote_data({
      {"a-plain", "plain"},
      {"b-lead", " lead"},
      {"c-colon", "a: b"},
      {"d-hash", "#x"},
      {"e-dash", "-"},
      {"f-brace", "{a}"},
      {"g-quote", "'single'"},
      {"h-ctl",
       "\x01"
       "ctl"},
      {"i-emoji", "emoji\xF0\x9F\x98\x80"},
      {"j-port", "5432"},
      {"k-float", "1e3"},  // juju/yaml wants an exponent sign for a float
      {"l-since", "2024-01-01 00:00:00Z"},
      {"m-crlf", "x\r\ny"},
      {"n-tab", "tab\there"},
      {"o-trail", "trail "},
      {"p-yes", "yes"},
      {"r-date", "2024-01-01"},
      {"s-e", "1e"},
      {"t-unicode", "\xC3\xBCn\xC3\xAF"},
      {"u-nbsp", "\xC2\xA0nbsp"},
      {"v-dq", "say \"hi\""},
      {"w-null", "null"},
      {"x-octal", "017"},
      {"y-dot", "1."},
  });
  const std::string expected =
      "a-plain: plain\nb-lead: ' lead'\nc-colon: 'a: b'\nd-hash: '#x'\ne-dash: '-'\n"
      "f-brace: '{a}'\ng-quote: '''single'''\nh-ctl: \"\\x01ctl\"\n"
      "i-emoji: \"emoji\\U0001F600\"\nj-port: \"5432\"\nk-float: 1e3\n"
      "l-since: 2024-01-01 00:00:00Z\nm-crlf: \"x\\r\\ny\"\nn-tab: \"tab\\there\"\n"
      "o-trail: 'trail '\np-yes: \"yes\"\nr-date: \"2024-01-01\"\ns-e: 1e\n"
      "t-unicode: \xC3\xBCn\xC3\xAF\nu-nbsp: \xC2\xA0nbsp\nv-dq: say \"hi\"\nw-null: \"null\"\n"
      "x-octal: \"017\"\ny-dot: 1.\n";
  EXPECT_EQ(runner.ok(relation_get("yaml")), expected);
  EXPECT_EQ(runner.ok(relation_get("smart")), expected);
  EXPECT_EQ(runner.ok({"relation-get", "-r", "1", "b-lead", "mysql/0"}), " lead\n");
  EXPECT_EQ(runner.ok({"relation-get", "-r", "1", "--format=yaml", "b-lead", "mysql/0"}),
            "' lead'\n");
}

TEST(YamlOutput, MultiLineStringsAreLiteralBlocksThatKeepTheirBreaks) {
  SessionRunner runner = with_remote_data({
      {"m1", "multi\nline"},
      {"m2", "multi\nline\n"},
      {"m3", "multi\n\n"},
      {"m4", " indented\nsecond"},
      {"m5", "trailing \nspace"},
      {"m6", "\nlead"},
  });
  EXPECT_EQ(runner.ok(relation_get("yaml")),
            "m1: |-\n  multi\n  line\nm2: |\n  multi\n  line\nm3: |+\n  multi\n\n"
            "m4: |2-\n   indented\n  second\nm5: \"trailing \\nspace\"\nm6: |2-\n\n  lead\n");
  // At the top level, FormatYaml leaves one final newline.
  EXPECT_EQ(runner.ok({"relation-get", "-r", "1", "--format=yaml", "m3", "mysql/0"}),
            "|+\n  multi\n");
}

TEST(YamlOutput, LongLinesFoldAtASpacePastColumn80) {
  std::string words;
  for (int i = 0; i < 30; ++i) words += i == 0 ? "word" : " word";
  SessionRunner runner =
      with_remote_data({{"long", words}, {"longer", std::string(90, 'x') + " yyyyy"}});
  EXPECT_EQ(runner.ok(relation_get("yaml")),
            "long: word word word word word word word word word word word word word word word "
            "word\n  word word word word word word word word word word word word word word\n"
            "longer: " +
                std::string(90, 'x') + "\n  yyyyy\n");
  // JSON keeps the line.
  EXPECT_EQ(runner.ok({"relation-get", "-r", "1", "--format=json", "longer", "mysql/0"}),
            "\"" + std::string(90, 'x') + " yyyyy\"\n");
}

TEST(YamlOutput, MapKeysInNaturalOrderAndJsonKeysBytewise) {
  SessionRunner runner = with_remote_data(
      {{"k10", "a"}, {"k9", "b"}, {"k1", "c"}, {"K2", "d"}, {"k_x", "e"}, {"kx", "f"}});
  EXPECT_EQ(runner.ok(relation_get("yaml")), "K2: d\nk_x: e\nk1: c\nk9: b\nk10: a\nkx: f\n");
  EXPECT_EQ(runner.ok(relation_get("json")),
            "{\"K2\":\"d\",\"k1\":\"c\",\"k10\":\"a\",\"k9\":\"b\",\"k_x\":\"e\",\"kx\":\"f\"}\n");
}

TEST(YamlOutput, StringsReadAsBinaryIntsAfterTheirPrefixAreQuoted) {
  // resolve.go reads `0b` then the rest with ParseInt(rest, 2), which takes a sign.
  SessionRunner runner = with_remote_data({{"a", "0b-1"},
                                           {"b", "0b+1"},
                                           {"c", "0b-1_0"},
                                           {"d", "0b2"},
                                           {"e", "-0b1"},
                                           {"f", "0b"},
                                           {"g", "0b_1"},
                                           {"h", "0b+"},
                                           {"i", "0b-1" + std::string(63, '0')},
                                           {"j", "0b-1" + std::string(64, '0')}});
  EXPECT_EQ(runner.ok(relation_get("yaml")),
            "a: \"0b-1\"\nb: \"0b+1\"\nc: \"0b-1_0\"\nd: 0b2\ne: \"-0b1\"\nf: 0b\n"
            "g: \"0b_1\"\nh: 0b+\ni: \"0b-1" +
                std::string(63, '0') + "\"\nj: 0b-1" + std::string(64, '0') + "\n");
}

// `key: v` lines for `keys` in that order, quoted where yaml.v2 quotes them.
std::string yaml_lines(const std::vector<std::string>& keys) {
  std::string text;
  for (const std::string& key : keys) {
    const bool quoted = key.find_first_not_of("0123456789") == std::string::npos;
    text += (quoted ? "\"" + key + "\"" : key) + ": v\n";
  }
  return text;
}

TEST(YamlOutput, MapKeysSortAsGoSortsThemAtAnySize) {
  // Go's sort.Sort: an insertion sort up to 12 keys, pdqsort past that.
  const std::vector<std::string> twelve = {"1",   "01",  "K2", "a",  "a0",  "a00",
                                           "b20", "k_x", "k1", "k9", "k10", "kx"};
  const std::vector<std::string> twenty = {"_",  "1",   "01",  "9",    "10",    "K2",      "Z",
                                           "a",  "a0",  "a00", "b3",   "b20",   "k_x",     "k1",
                                           "k9", "k10", "kx",  "x1y2", "x1y10", "\xC3\xA9"};
  for (const auto& keys : {twelve, twenty}) {
    Databag data;
    for (const std::string& key : keys) data[key] = "v";
    EXPECT_EQ(with_remote_data(data).ok(relation_get("yaml")), yaml_lines(keys));
  }
}

TEST(YamlOutput, KeysSorterGoCannotOrderConsistentlyAreAllWritten) {
  // sorter.go: `1a` < `01` < `0b` < `1a`. Go's order then varies from run to run; the
  // sort must still end, in bounds, with each key once.
  for (const int extra : {0, 20}) {
    Databag data = {{"1a", "v"}, {"01", "v"}, {"0b", "v"}};
    for (int i = 0; i < extra; ++i) data["k" + std::to_string(i)] = "v";
    const std::string yaml = with_remote_data(data).ok(relation_get("yaml"));
    for (const auto& [key, value] : data) {
      const std::string line = (key == "01" ? "\"01\"" : key) + ": v\n";
      const std::size_t at = yaml.find(line);
      EXPECT_NE(at, std::string::npos) << key;
      EXPECT_EQ(yaml.find(line, at + 1), std::string::npos) << key;
    }
    EXPECT_EQ(std::count(yaml.begin(), yaml.end(), '\n'), static_cast<long>(data.size()));
  }
}

TEST(JsonOutput, EscapesAsGoDoes) {
  SessionRunner runner = with_remote_data(
      {{"v",
        "<a "
        "href=\"x\">&</a>\xE2\x80\xA8\xE2\x80\xA9\x01\b\f\n\r\t\\/\xC3\xA9\xF0\x9F\x98\x80\x7F"}});
  EXPECT_EQ(runner.ok({"relation-get", "-r", "1", "--format=json", "v", "mysql/0"}),
            "\"\\u003ca href=\\\"x\\\"\\u003e\\u0026\\u003c/a\\u003e\\u2028\\u2029\\u0001\\b\\f\\n"
            "\\r\\t\\\\/\xC3\xA9\xF0\x9F\x98\x80\x7F\"\n");
  EXPECT_EQ(runner.ok({"relation-get", "-r", "1", "--format=yaml", "v", "mysql/0"}),
            "\"<a href=\\\"x\\\">&</a>\\L\\P\\x01\\b\\f\\n\\r\\t\\\\/\xC3\xA9\\U0001F600\\x7F\"\n");
}

TEST(StructOutput, NetworkGetYamlKeepsGoFieldOrder) {
  SessionRunner runner;
  const std::string expected =
      "bind-addresses:\n- mac-address: \"\"\n  interface-name: \"\"\n  addresses:\n"
      "  - hostname: \"\"\n    value: 1.1.1.1\n    cidr: \"\"\n    address: 1.1.1.1\n"
      "  macaddress: \"\"\n  interfacename: \"\"\negress-subnets:\n- 1.1.1.2/32\n"
      "ingress-addresses:\n- 1.1.1.2\n";
  EXPECT_EQ(runner.ok({"network-get", "db"}), expected);
  EXPECT_EQ(runner.ok({"network-get", "db", "--format=yaml"}), expected);
}

TEST(FloatOutput, ConfigFloatsPrintAsGoFormatsFloat64) {
  State state = test_state();
  state.config["ratio"] = 2.0;
  SessionRunner runner(state);
  EXPECT_EQ(runner.ok({"config-get", "ratio"}), "2\n");
  EXPECT_EQ(runner.ok({"config-get", "ratio", "--format=yaml"}), "2\n");
  EXPECT_EQ(runner.ok({"config-get", "ratio", "--format=json"}), "2\n");
  // yaml and json text for each value (Go's FormatFloat 'g', and encoding/json).
  const std::vector<std::tuple<double, std::string, std::string>> cases = {
      {0.5, "0.5", "0.5"},
      {123456.0, "123456", "123456"},
      {1e6, "1e+06", "1000000"},
      {1e-4, "0.0001", "0.0001"},
      {1e-7, "1e-07", "1e-7"},
      {1e21, "1e+21", "1e+21"},
      {-2.5e-5, "-2.5e-05", "-0.000025"},
      {8080.0, "8080", "8080"},
      {123.456, "123.456", "123.456"},
      {0.30000000000000004, "0.30000000000000004", "0.30000000000000004"},
      {999999999999999.9, "9.999999999999999e+14", "999999999999999.9"},
      {1.5e-9, "1.5e-09", "1.5e-9"},
      {-0.0, "-0", "-0"}};
  for (const auto& [value, yaml, json] : cases) {
    state.config["ratio"] = value;
    SessionRunner each(state);
    EXPECT_EQ(each.ok({"config-get", "ratio", "--format=yaml"}), yaml + "\n") << value;
    EXPECT_EQ(each.ok({"config-get", "ratio", "--format=json"}), json + "\n") << value;
  }
  state.config["ratio"] = 1e6;
  EXPECT_EQ(SessionRunner(state).ok({"config-get", "ratio", "--format=json"}), "1000000\n");
  state.config["ratio"] = 1e-7;
  EXPECT_EQ(SessionRunner(state).ok({"config-get", "ratio", "--format=json"}), "1e-7\n");
  state.config["ratio"] = 1e21;
  EXPECT_EQ(SessionRunner(state).ok({"config-get", "ratio", "--format=json"}), "1e+21\n");
}

TEST(FloatOutput, ConfigAndActionNumbersAreFloat64AsJujusApiDecodesThem) {
  State state = test_state();
  state.config["port"] = std::int64_t{1000000};
  SessionRunner runner(state);
  EXPECT_EQ(runner.ok({"config-get", "port"}), "1e+06\n");
  EXPECT_EQ(runner.ok({"config-get", "port", "--format=json"}), "1000000\n");
  SessionRunner action = in_action({{"count", 3000000}, {"ratio", 2.0}});
  EXPECT_EQ(action.ok({"action-get", "count"}), "3e+06\n");
  EXPECT_EQ(action.ok({"action-get", "ratio", "--format=json"}), "2\n");
}

}  // namespace
}  // namespace scenario
