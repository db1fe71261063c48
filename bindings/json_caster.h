// SPDX-License-Identifier: Apache-2.0
// bindings/json_caster.h: converts scenario::Json (nlohmann::json) to and from Python
// objects: dict, list, str, int, float, bool, None.

#ifndef SCENARIO_BINDINGS_JSON_CASTER_H_
#define SCENARIO_BINDINGS_JSON_CASTER_H_

#include <nanobind/nanobind.h>
#include <nanobind/stl/map.h>
#include <nanobind/stl/string.h>

#include <map>
#include <string>

#include "scenario/state/state.h"
#include "scenario/state/types.h"

namespace scenario::bindings {

/// Python object -> Json. Raises TypeError naming the offending type for anything
/// that is not JSON-shaped (dict keys must be str).
scenario::Json json_from_python(nanobind::handle obj);
/// Json -> a new Python object.
nanobind::object json_to_python(const scenario::Json& value);

/// `{key(k): dict(v) for k, v in units.items()}` for a map of unit ids to databags, with
/// `key` int (`as_text` false) or str (`as_text` true): the copies made for every relation
/// of every run, here without the interpreter's per-item work.
nanobind::dict copy_unit_databags(nanobind::dict units, bool as_text);

/// A State document (a dict) -> State, as state_from_json_value(json_from_python(doc)):
/// well-formed relations, the bulk of a large State, are read straight from Python; a
/// list with any other relation goes through the JSON reader, which reports its
/// problems. A relation's unit maps may be keyed by int unit ids (as a State holds them,
/// uncopied) or by their text; the JSON reader gets str(key) of each. Throws
/// StateValidationError, or TypeError for a value JSON cannot hold.
scenario::State state_from_python_doc(nanobind::handle doc);

/// A dict of str to str -> Databag; false (no Python error set) for anything else.
bool databag_from_python(PyObject* value, scenario::Databag& out);
/// Databag -> a new dict of str to str.
nanobind::dict databag_to_python(const scenario::Databag& databag);

}  // namespace scenario::bindings

NAMESPACE_BEGIN(NB_NAMESPACE)
NAMESPACE_BEGIN(detail)

template <>
struct type_caster<scenario::Json> {
  NB_TYPE_CASTER(scenario::Json, const_name("typing.Any"))

  bool from_python(handle src, uint8_t, cleanup_list*) noexcept {
    try {
      value = scenario::bindings::json_from_python(src);
      return true;
    } catch (...) {
      PyErr_Clear();
      return false;
    }
  }

  static handle from_cpp(const scenario::Json& value, rv_policy, cleanup_list*) noexcept {
    try {
      return scenario::bindings::json_to_python(value).release();
    } catch (...) {
      return handle();
    }
  }
};

template <>
struct type_caster<scenario::Databag> {
  // Named as nanobind names a std::map of strings (the type a databag was).
  using StringMapCaster = make_caster<std::map<std::string, std::string>>;
  NB_TYPE_CASTER(scenario::Databag, StringMapCaster::Name)

  bool from_python(handle src, uint8_t, cleanup_list*) noexcept {
    try {
      if (PyDict_CheckExact(src.ptr())) {
        return scenario::bindings::databag_from_python(src.ptr(), value);
      }
      // Any other mapping through its items(), as nanobind's own map caster takes one
      // (a list of pairs has no items(): refused).
      const object items = steal(PyMapping_Items(src.ptr()));
      const object copy =
          items.is_valid()
              ? steal(PyObject_CallOneArg(reinterpret_cast<PyObject*>(&PyDict_Type), items.ptr()))
              : object();
      if (!copy.is_valid()) {
        PyErr_Clear();
        return false;
      }
      return scenario::bindings::databag_from_python(copy.ptr(), value);
    } catch (...) {
      PyErr_Clear();
      return false;
    }
  }

  static handle from_cpp(const scenario::Databag& value, rv_policy, cleanup_list*) noexcept {
    try {
      return scenario::bindings::databag_to_python(value).release();
    } catch (python_error& e) {
      e.restore();  // the caller sees why (a value that is not UTF-8: UnicodeDecodeError)
      return handle();
    } catch (...) {
      return handle();
    }
  }
};

NAMESPACE_END(detail)
NAMESPACE_END(NB_NAMESPACE)

#endif  // SCENARIO_BINDINGS_JSON_CASTER_H_
