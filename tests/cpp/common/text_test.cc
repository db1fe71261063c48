// SPDX-License-Identifier: Apache-2.0
// common/text_test.cc: the edit distance behind "did you mean ...?" suggestions.

#include "scenario/common/text.h"

#include <gtest/gtest.h>

namespace scenario::detail {
namespace {

TEST(EditDistance, CountsEditsAndTranspositions) {
  EXPECT_EQ(edit_distance("endpoint", "endpoint"), 0u);
  EXPECT_EQ(edit_distance("endpiont", "endpoint"), 1u);  // one transposition
  EXPECT_EQ(edit_distance("contaners", "containers"), 1u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
}

TEST(EditDistance, DashUnderscoreAndCaseAreSlipsNotEdits) {
  EXPECT_EQ(edit_distance("remote-app-name", "remote_app_name"), 0u);
  EXPECT_EQ(edit_distance("Update_Status", "update-status"), 0u);
}

}  // namespace
}  // namespace scenario::detail
