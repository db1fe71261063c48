// SPDX-License-Identifier: Apache-2.0
// common/errors_test.cc: messages and hierarchy of the engine's exceptions.

#include "scenario/errors.h"

#include <gtest/gtest.h>

#include "scenario/common/files.h"

namespace scenario {
namespace {

TEST(Problem, ToStringOmitsUnknownParts) {
  EXPECT_EQ((Problem{"a.b", "bad"}).to_string(), "a.b: bad");
  EXPECT_EQ((Problem{"", "bad"}).to_string(), "bad");
  EXPECT_EQ((Problem{"requires.db", "bad", "metadata.yaml", 3, 5}).to_string(),
            "metadata.yaml:3:5: requires.db: bad");
  EXPECT_EQ((Problem{"", "bad", "metadata.yaml", 3, 0}).to_string(), "metadata.yaml:3: bad");
}

TEST(StateValidationError, OneProblemOnOneLine) {
  StateValidationError e(std::vector<Problem>{{"leader", "expected a boolean, got a string"}});
  EXPECT_STREQ(e.what(), "invalid state: leader: expected a boolean, got a string");
  ASSERT_EQ(e.problems().size(), 1u);
}

TEST(StateValidationError, ManyProblemsListed) {
  StateValidationError e(std::vector<Problem>{{"a", "x"}, {"b", "y"}});
  EXPECT_STREQ(e.what(), "invalid state (2 problems):\n  - a: x\n  - b: y");
}

TEST(SpecError, IsAProblemsErrorAndAnError) {
  try {
    throw SpecError(std::vector<Problem>{{"name", "missing", "metadata.yaml", 1, 1}});
  } catch (const ProblemsError& e) {
    EXPECT_EQ(e.problems().front().file, "metadata.yaml");
    EXPECT_NE(std::string(e.what()).find("metadata.yaml:1:1: name: missing"), std::string::npos);
  }
}

TEST(ScenarioAssert, ThrowsInternalErrorNamingTheCondition) {
  try {
    SCENARIO_ASSERT(1 + 1 == 3);
    FAIL() << "SCENARIO_ASSERT did not throw";
  } catch (const InternalError& e) {
    EXPECT_NE(std::string(e.what()).find("1 + 1 == 3"), std::string::npos);
  }
}

TEST(ReadFile, MissingFileIsNullopt) {
  EXPECT_FALSE(detail::read_file_if_exists("/nonexistent/scenario/file").has_value());
  EXPECT_FALSE(detail::read_file_if_exists("/").has_value());  // a directory
}

}  // namespace
}  // namespace scenario
