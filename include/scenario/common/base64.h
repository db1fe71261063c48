// SPDX-License-Identifier: Apache-2.0
// scenario/common/base64.h: standard base64 (RFC 4648 section 4), as Go's StdEncoding
// reads and writes it; used by the secret tools and the websocket handshake.

#ifndef SCENARIO_COMMON_BASE64_H_
#define SCENARIO_COMMON_BASE64_H_

#include <optional>
#include <string>
#include <string_view>

namespace scenario::detail {

/// Standard base64 with `=` padding.
std::string base64_encode(std::string_view data);

/// Decodes padded standard base64; nullopt when `text` is not valid padded base64.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace scenario::detail

#endif  // SCENARIO_COMMON_BASE64_H_
