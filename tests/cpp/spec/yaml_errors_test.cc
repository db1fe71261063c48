// SPDX-License-Identifier: Apache-2.0
// spec/yaml_errors_test.cc: problems with the YAML itself: syntax, encoding, duplicate
// keys, several documents, recursive aliases. Each is one problem with its position.

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

TEST(YamlErrors, UnclosedFlowMapping) {
  EXPECT_EQ(rendered(metadata_problems("name: foo\nrequires:\n  db: {interface: pg\n")),
            Lines{"metadata.yaml:4:1: YAML syntax error: end of map flow not found (an unclosed "
                  "'{'?)"});
}

TEST(YamlErrors, UnclosedFlowSequence) {
  EXPECT_EQ(rendered(metadata_problems("name: foo\nrequires:\n  db: [\n")),
            Lines{"metadata.yaml:4:1: YAML syntax error: end of sequence flow not found (an "
                  "unclosed '['?)"});
}

TEST(YamlErrors, BadIndentation) {
  EXPECT_EQ(rendered(metadata_problems("name: x\nrequires:\n  db: mysql\n pg: y\n")),
            Lines{"metadata.yaml:4:2: YAML syntax error: end of map not found (a line indented "
                  "differently from the keys or items above it?)"});
}

TEST(YamlErrors, ContentAfterTheTopLevelNode) {
  // yaml-cpp would read this as two documents; PyYAML and Juju call it a syntax error.
  EXPECT_EQ(rendered(metadata_problems("- a\nname: x\n")),
            Lines{"metadata.yaml:2:1: YAML syntax error: unexpected content after the top-level "
                  "node; check the indentation of this line"});
}

TEST(YamlErrors, TabIndentation) {
  EXPECT_EQ(rendered(metadata_problems("name: x\nrequires:\n\tdb: mysql\n")),
            Lines{"metadata.yaml:3:4: YAML syntax error: line 3 is indented with a tab; YAML "
                  "allows only spaces (yaml-cpp: illegal map value)"});
}

TEST(YamlErrors, UnclosedDoubleQuote) {
  EXPECT_EQ(rendered(metadata_problems("name: \"x\nsummary: y\n")),
            Lines{"metadata.yaml:1:7: name: YAML syntax error: unclosed double quote; the string "
                  "runs to the end of the file"});
}

TEST(YamlErrors, UnclosedSingleQuote) {
  EXPECT_EQ(rendered(metadata_problems("name: x\nsummary: 'it''s\n")),
            Lines{"metadata.yaml:2:10: summary: YAML syntax error: unclosed single quote; the "
                  "string runs to the end of the file"});
}

TEST(YamlErrors, EscapedQuotesAreNotUnclosed) {
  const CharmSpec spec =
      testing::load_texts("name: x\nsummary: 'it''s'\ndescription: \"say \\\"hi\\\"\"\n");
  EXPECT_EQ(spec.summary, "it's");
  EXPECT_EQ(spec.description, "say \"hi\"");
}

TEST(YamlErrors, DuplicateKeys) {
  const auto problems = metadata_problems(
      "name: x\nrequires:\n  db: mysql\n  db: pgsql\nname: y\n"
      "storage:\n  s: {type: block, type: filesystem}\n");
  EXPECT_EQ(rendered(problems),
            (Lines{"metadata.yaml:4:3: requires.db: duplicate key 'db' (first at line 3); keys "
                   "must be unique within a mapping",
                   "metadata.yaml:5:1: name: duplicate key 'name' (first at line 1); keys must be "
                   "unique within a mapping",
                   "metadata.yaml:7:20: storage.s.type: duplicate key 'type' (first at line 7); "
                   "keys must be unique within a mapping"}));
}

TEST(YamlErrors, NonScalarKey) {
  EXPECT_EQ(rendered(metadata_problems("name: x\n? [a, b]\n: 1\n")),
            Lines{"metadata.yaml:2:3: mapping keys must be plain names, not a list"});
}

TEST(YamlErrors, InvalidUtf8) {
  EXPECT_EQ(rendered(metadata_problems("name: x\nsummary: caf\xE9\n")),
            Lines{"metadata.yaml:2:13: not valid UTF-8 (byte 0xE9); spec files must be saved as "
                  "UTF-8"});
  // A UTF-16 byte-order mark is not UTF-8 either.
  EXPECT_EQ(rendered(metadata_problems(std::string("\xFF\xFEn\0a", 5))),
            Lines{"metadata.yaml:1:1: not valid UTF-8 (byte 0xFF); spec files must be saved as "
                  "UTF-8"});
}

TEST(YamlErrors, ColumnsCountCharactersNotBytes) {
  EXPECT_EQ(rendered(metadata_problems("name: x\ndescription: \"\xC3\xA9\"\nsubordinate: "
                                       "\xC3\xB1ope\n")),
            Lines{"metadata.yaml:3:14: subordinate: expected true or false, got the string "
                  "'\xC3\xB1ope'"});
  EXPECT_EQ(rendered(metadata_problems("name: x\nrequires: {\xC3\xA9t\xC3\xA9: 5}\n")),
            Lines{"metadata.yaml:2:17: requires.\xC3\xA9t\xC3\xA9: expected an interface name, "
                  "or a mapping with 'interface', got the integer 5"});
}

TEST(YamlErrors, SeveralDocuments) {
  EXPECT_EQ(rendered(metadata_problems("name: x\n---\nname: y\n")),
            Lines{"metadata.yaml:3:1: more than one YAML document; a spec file holds exactly "
                  "one"});
}

TEST(YamlErrors, LeadingDocumentMarkerIsFine) {
  EXPECT_EQ(testing::load_texts("---\nname: x\n...\n").name, "x");
}

TEST(YamlErrors, RecursiveAlias) {
  const auto problems = metadata_problems("name: x\na: &x [1, *x]\n");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].line, 2);
  EXPECT_EQ(problems[0].path.substr(0, 8), "a[1][1][");
  EXPECT_EQ(problems[0].message,
            "nested more than 200 levels deep (an alias that refers to itself?)");
}

TEST(YamlErrors, DeepNestingIsAProblemNotACrash) {
  const auto problems =
      metadata_problems("name: x\na: " + std::string(5000, '[') + std::string(5000, ']') + "\n");
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].message, "YAML syntax error: nested too deeply for the YAML parser");
  EXPECT_EQ(problems[0].line, 2);
}

TEST(YamlErrors, UndefinedAlias) {
  EXPECT_EQ(rendered(metadata_problems("name: x\nsummary: *nope\n")),
            Lines{"metadata.yaml:2:10: YAML syntax error: the referenced anchor is not defined"});
}

TEST(YamlErrors, SyntaxErrorsInEachFileAreAllReported) {
  SpecSources sources;
  sources.metadata = "name: [x\n";
  sources.config = "options: {\n";
  sources.actions = "a: 'b\n";
  EXPECT_EQ(rendered(testing::problems_of(sources)),
            (Lines{"metadata.yaml:2:1: YAML syntax error: end of sequence flow not found (an "
                   "unclosed '['?)",
                   "config.yaml:2:1: YAML syntax error: end of map flow not found (an unclosed "
                   "'{'?)",
                   "actions.yaml:1:4: a: YAML syntax error: unclosed single quote; the string "
                   "runs to the end of the file"}));
}

TEST(YamlErrors, BrokenUnifiedFileDoesNotReadTheSeparateTexts) {
  SpecSources sources;
  sources.metadata = "name: [x\n";
  sources.metadata_file = "charmcraft.yaml";
  sources.unified = true;
  sources.config = "options: {\n";
  EXPECT_EQ(rendered(testing::problems_of(sources)),
            Lines{"charmcraft.yaml:2:1: YAML syntax error: end of sequence flow not found (an "
                  "unclosed '['?)"});
}

}  // namespace
}  // namespace scenario
