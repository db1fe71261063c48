// SPDX-License-Identifier: Apache-2.0
// hooktools/output.h: the --format output of hook tools (juju/cmd's formatters).

#ifndef SCENARIO_HOOKTOOLS_OUTPUT_H_
#define SCENARIO_HOOKTOOLS_OUTPUT_H_

#include <concepts>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "scenario/state/types.h"

namespace scenario::detail {

/// juju/cmd's DefaultFormatters.
enum class OutputFormat { kSmart, kJson, kYaml };

std::optional<OutputFormat> output_format_named(std::string_view name);
std::string_view to_string(OutputFormat format);

/// What Go type Juju writes: a []string prints one item per line in smart format, any
/// other list prints as YAML.
enum class GoShape { kAny, kStringList };

/// A value as the Go program printing it holds it. JSON data converts implicitly and is
/// kept as it is: its objects are Go maps, its arrays []interface{}. The factories make
/// what JSON cannot say: a struct, whose fields Go writes in declaration order where a
/// map's keys are sorted (by each formatter's own rule), a time.Time, and maps and lists
/// holding those.
class GoValue {
 public:
  enum class Kind { kJson, kTime, kList, kMap, kStruct };
  /// A map's entries or a struct's fields.
  using Fields = std::vector<std::pair<std::string, GoValue>>;

  GoValue() = default;
  // NOLINTBEGIN(google-explicit-constructor): JSON data is a Go value.
  GoValue(Json value) : json_(std::move(value)) {}
  /// As `Json{...}`, so `write({{"key", value}})` means an object.
  GoValue(Json::initializer_list_t init) : GoValue(Json(init)) {}
  template <typename T>
  requires(!std::same_as<std::remove_cvref_t<T>, GoValue> &&
           !std::same_as<std::remove_cvref_t<T>, Json> && std::constructible_from<Json, T>)
      GoValue(T&& value)
      : GoValue(Json(std::forward<T>(value))) {}
  // NOLINTEND(google-explicit-constructor)

  /// A struct: `fields` in declaration order, omitted ones already left out.
  static GoValue go_struct(Fields fields);
  /// A map whose values are not all JSON data (structs, times).
  static GoValue go_map(Fields entries);
  static GoValue list(std::vector<GoValue> items);
  /// A time.Time, given as the RFC 3339 text Go would format it as.
  static GoValue time(std::string rfc3339);

  Kind kind() const { return kind_; }
  /// kJson: the data. An object's keys are in bytewise order, as nlohmann's map keeps
  /// them.
  const Json& json() const { return json_; }
  /// kTime: the timestamp.
  const std::string& text() const { return text_; }
  /// kMap and kStruct.
  const Fields& fields() const { return fields_; }
  /// kList.
  const std::vector<GoValue>& items() const { return items_; }
  bool is_null() const { return kind_ == Kind::kJson && json_.is_null(); }

 private:
  Kind kind_ = Kind::kJson;
  Json json_;
  std::string text_;
  Fields fields_;
  std::vector<GoValue> items_;
};

/// `value` as Go holds JSON it decoded into an interface{}: every number a float64.
/// Config values and action parameters reach the hook tools that way, over Juju's API.
Json with_float64_numbers(Json value);

/// FormatJson: encoding/json's Marshal on one line, then a newline. Invalid UTF-8 in
/// strings becomes \ufffd (a charm can write any bytes into a databag).
std::string format_json(const GoValue& value);

/// FormatYaml: yaml.v2's Marshal (go_yaml.h) and a newline; nothing for null.
std::string format_yaml(const GoValue& value);

/// FormatSmart: strings as they are, booleans as True/False, []string one per line,
/// null and empty strings as nothing, anything else as YAML.
std::string format_smart(const GoValue& value, GoShape shape = GoShape::kAny);

/// Formats `value` the way the chosen formatter does.
std::string format_output(OutputFormat format, const GoValue& value, GoShape shape);

/// strconv.FormatFloat(value, style, -1, 64): the shortest text that reads back as
/// `value`, for `style` 'e', 'f' or 'g'. Infinities and NaN are spelled as Go does.
std::string go_format_float(double value, char style);
/// go_format_float, appended to `out`.
void append_go_float(std::string& out, double value, char style);

}  // namespace scenario::detail

#endif  // SCENARIO_HOOKTOOLS_OUTPUT_H_
