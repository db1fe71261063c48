// SPDX-License-Identifier: Apache-2.0
// state/databag_test.cc: the sorted, copy-on-write databag behaves as a string map.

#include "scenario/state/databag.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace scenario {
namespace {

std::vector<std::string> keys_of(const Databag& bag) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : bag) keys.push_back(key);
  return keys;
}

TEST(Databag, KeepsKeysInOrderWhateverTheInsertionOrder) {
  Databag bag;
  bag.insert_or_assign("b", "2");
  bag.insert_or_assign("d", "4");
  bag.insert_or_assign("a", "1");
  bag.insert_or_assign("c", "3");
  EXPECT_EQ(keys_of(bag), (std::vector<std::string>{"a", "b", "c", "d"}));
  EXPECT_EQ(bag.size(), 4u);
  EXPECT_EQ(bag.at("c"), "3");
}

TEST(Databag, AssigningAnExistingKeyReplacesItsValue) {
  Databag bag{{"k", "old"}};
  const auto [it, inserted] = bag.insert_or_assign("k", "new");
  EXPECT_FALSE(inserted);
  EXPECT_EQ(it->second, "new");
  EXPECT_EQ(bag.size(), 1u);
  EXPECT_TRUE(bag.insert_or_assign("l", "x").second);
}

TEST(Databag, LaterInitializerItemsWinAsAssignmentsInTurnWould) {
  const Databag bag{{"k", "first"}, {"a", "1"}, {"k", "second"}};
  EXPECT_EQ(bag.size(), 2u);
  EXPECT_EQ(bag.at("k"), "second");
}

TEST(Databag, AnEndHintAppendsKeysInOrderAndOnlyHintsOtherwise) {
  Databag bag;
  bag.insert_or_assign(bag.end(), "a", "1");
  bag.insert_or_assign(bag.end(), "b", "2");
  // Not past the last key: put at its place (or assigned), not appended.
  bag.insert_or_assign(bag.end(), "a0", "3");
  bag.insert_or_assign(bag.end(), "b", "4");
  EXPECT_EQ(keys_of(bag), (std::vector<std::string>{"a", "a0", "b"}));
  EXPECT_EQ(bag.at("b"), "4");
}

TEST(Databag, LookupsOfAbsentKeysFindNothing) {
  const Databag empty;
  EXPECT_TRUE(empty.empty());
  EXPECT_EQ(empty.find("k"), empty.end());
  EXPECT_FALSE(empty.contains("k"));
  EXPECT_EQ(empty.count("k"), 0u);
  EXPECT_THROW((void)empty.at("k"), std::out_of_range);
  const Databag bag{{"b", "1"}};
  EXPECT_EQ(bag.find("a"), bag.end());
  EXPECT_EQ(bag.find("c"), bag.end());
  EXPECT_EQ(bag.count("b"), 1u);
}

TEST(Databag, SubscriptInsertsAnEmptyValueForANewKey) {
  Databag bag{{"b", "1"}};
  EXPECT_EQ(bag["a"], "");
  bag["c"] = "3";
  bag["b"] += "1";
  EXPECT_EQ(keys_of(bag), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(bag.at("b"), "11");
}

TEST(Databag, EraseRemovesByKeyOrPosition) {
  Databag bag{{"a", "1"}, {"b", "2"}, {"c", "3"}};
  EXPECT_EQ(bag.erase("b"), 1u);
  EXPECT_EQ(bag.erase("b"), 0u);
  const auto next = bag.erase(bag.find("a"));
  EXPECT_EQ(next->first, "c");
  EXPECT_EQ(keys_of(bag), (std::vector<std::string>{"c"}));
  bag.clear();
  EXPECT_TRUE(bag.empty());
}

TEST(Databag, ACopyIsUnchangedByChangesToTheOriginalAndBack) {
  Databag original{{"a", "1"}, {"b", "2"}};
  const Databag copy = original;
  EXPECT_EQ(copy, original);
  original.insert_or_assign("a", "changed");
  original.insert_or_assign("c", "3");
  original.erase("b");
  EXPECT_EQ(copy, (Databag{{"a", "1"}, {"b", "2"}}));
  EXPECT_NE(copy, original);

  Databag second = copy;
  second["b"] = "changed";
  EXPECT_EQ(copy.at("b"), "2");
  Databag third = copy;
  third.find("a")->second = "through an iterator";
  EXPECT_EQ(copy.at("a"), "1");
  Databag fourth = copy;
  for (auto& [key, value] : fourth) value = "all";
  EXPECT_EQ(copy.at("a"), "1");
  EXPECT_EQ(fourth.at("b"), "all");
  Databag fifth = copy;
  fifth.clear();
  EXPECT_EQ(copy.size(), 2u);
}

TEST(Databag, EqualityComparesContentsNotSharing) {
  const Databag a{{"k", "v"}};
  Databag b;
  EXPECT_NE(a, b);
  b.insert_or_assign("k", "v");
  EXPECT_EQ(a, b);
  Databag emptied{{"k", "v"}};
  emptied.erase("k");
  EXPECT_EQ(emptied, Databag());
}

TEST(Databag, WritesAJsonObjectOfStrings) {
  const Databag bag{{"b", "2"}, {"a", "1"}};
  const nlohmann::json json = bag;
  EXPECT_EQ(json, nlohmann::json::parse(R"({"a": "1", "b": "2"})"));
  EXPECT_EQ(nlohmann::json(Databag()), nlohmann::json::object());
}

}  // namespace
}  // namespace scenario
