// SPDX-License-Identifier: Apache-2.0
// hooktools/go_yaml_text.h: how Juju's yaml.v2 reads strings: which ones a plain scalar
// would turn into another type, and the order it sorts map keys in.

#ifndef SCENARIO_HOOKTOOLS_GO_YAML_TEXT_H_
#define SCENARIO_HOOKTOOLS_GO_YAML_TEXT_H_

#include <cstddef>
#include <span>
#include <string_view>
#include <vector>

namespace scenario::detail {

/// False if yaml.v2 would read `text`, unquoted, as null, a bool, a number or a
/// timestamp, or if it is a YAML 1.1 base-60 number: then Marshal double-quotes it.
/// juju/yaml's float pattern reads fewer strings as floats than upstream yaml.v2:
/// `1e3`, `1.` and `08` stay plain.
bool plain_reads_as_string(std::string_view text);

/// The order yaml.v2 writes string map keys in (sorter.go): letters after other
/// characters, and runs of digits by their numeric value, so `k9` comes before `k10`.
/// Returns indices into `keys`. Up to 12 keys are sorted as Go's sort.Sort sorts them
/// (an insertion sort), more by a merge sort, which gives Go's order too unless some
/// keys compare non-transitively under sorter.go's rule (`1a`, `01`, `0b`); Go's order
/// for those varies from run to run with its random map order.
std::vector<std::size_t> natural_order(std::span<const std::string_view> keys);

}  // namespace scenario::detail

#endif  // SCENARIO_HOOKTOOLS_GO_YAML_TEXT_H_
