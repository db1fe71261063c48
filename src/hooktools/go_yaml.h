// SPDX-License-Identifier: Apache-2.0
// hooktools/go_yaml.h: YAML as Juju's yaml.v2 writes it, for hook-tool output.

#ifndef SCENARIO_HOOKTOOLS_GO_YAML_H_
#define SCENARIO_HOOKTOOLS_GO_YAML_H_

#include <string>

#include "output.h"

namespace scenario::detail {

/// yaml.Marshal of github.com/juju/yaml/v2, the gopkg.in/yaml.v2 fork Juju builds with
/// (it reads fewer strings as floats). Block style, a list at its key's column, empty
/// collections as `{}` and `[]`, each string in the plainest style that reads back as
/// that string, long lines folded past column 80, map keys in yaml.v2's natural order.
/// Ends with a newline.
std::string yaml_marshal(const GoValue& value);

}  // namespace scenario::detail

#endif  // SCENARIO_HOOKTOOLS_GO_YAML_H_
