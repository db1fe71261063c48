// SPDX-License-Identifier: Apache-2.0
// bindings/json_caster.cc: Python <-> Json conversion.

#include "json_caster.h"

#include <nanobind/stl/string.h>

#include <cstdint>
#include <string>

namespace nb = nanobind;

namespace scenario::bindings {

namespace {

// Python containers can be self-referential; JSON cannot. A depth bound turns a
// cycle (or absurd nesting) into a TypeError instead of a stack overflow.
constexpr int kMaxDepth = 512;

Json convert(nb::handle obj, int depth) {
  if (depth > kMaxDepth) {
    throw nb::type_error("value is nested too deeply (or contains itself) to convert to JSON");
  }
  if (obj.is_none()) return nullptr;
  if (nb::isinstance<nb::bool_>(obj)) return nb::cast<bool>(obj);
  if (nb::isinstance<nb::int_>(obj)) {
    int overflow = 0;
    long long v = PyLong_AsLongLongAndOverflow(obj.ptr(), &overflow);
    if (overflow != 0) {
      throw nb::type_error("integer is too large for JSON (must fit in 64 bits)");
    }
    return static_cast<std::int64_t>(v);
  }
  if (nb::isinstance<nb::float_>(obj)) return nb::cast<double>(obj);
  if (nb::isinstance<nb::str>(obj)) return nb::cast<std::string>(obj);
  if (nb::isinstance<nb::dict>(obj)) {
    Json out = Json::object();
    for (auto [key, value] : nb::borrow<nb::dict>(obj)) {
      if (!nb::isinstance<nb::str>(key)) {
        throw nb::type_error(("JSON object keys must be str, got " +
                              nb::cast<std::string>(nb::str(key.type().attr("__name__"))))
                                 .c_str());
      }
      out[nb::cast<std::string>(key)] = convert(value, depth + 1);
    }
    return out;
  }
  if (nb::isinstance<nb::list>(obj) || nb::isinstance<nb::tuple>(obj)) {
    Json out = Json::array();
    for (nb::handle item : obj) out.push_back(convert(item, depth + 1));
    return out;
  }
  throw nb::type_error(("cannot convert " +
                        nb::cast<std::string>(nb::str(obj.type().attr("__name__"))) +
                        " to JSON; use dict, list, str, int, float, bool or None")
                           .c_str());
}

}  // namespace

Json json_from_python(nb::handle obj) { return convert(obj, 0); }

nb::object json_to_python(const Json& value) {
  switch (value.type()) {
    case Json::value_t::null:
      return nb::none();
    case Json::value_t::boolean:
      return nb::bool_(value.get<bool>());
    case Json::value_t::number_integer:
      return nb::int_(value.get<std::int64_t>());
    case Json::value_t::number_unsigned:
      return nb::steal(PyLong_FromUnsignedLongLong(value.get<std::uint64_t>()));
    case Json::value_t::number_float:
      return nb::float_(value.get<double>());
    case Json::value_t::string:
      return nb::str(value.get_ref<const std::string&>().c_str(),
                     value.get_ref<const std::string&>().size());
    case Json::value_t::array: {
      nb::list out;
      for (const Json& item : value) out.append(json_to_python(item));
      return out;
    }
    case Json::value_t::object: {
      nb::dict out;
      for (const auto& [key, item] : value.items()) {
        out[nb::str(key.c_str(), key.size())] = json_to_python(item);
      }
      return out;
    }
    case Json::value_t::binary:
    case Json::value_t::discarded:
      break;
  }
  throw nb::type_error("JSON value has no Python equivalent");
}

}  // namespace scenario::bindings
