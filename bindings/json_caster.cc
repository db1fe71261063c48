// SPDX-License-Identifier: Apache-2.0
// bindings/json_caster.cc: Python <-> Json conversion, and State documents straight
// from Python.

#include "json_caster.h"

#include <nanobind/stl/string.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "scenario/state/json.h"

namespace nb = nanobind;

namespace scenario::bindings {

namespace {

// Python containers can be self-referential; JSON cannot. A depth bound turns a
// cycle (or absurd nesting) into a TypeError instead of a stack overflow.
constexpr int kMaxDepth = 512;

[[noreturn]] void throw_type_error(const std::string& message) {
  throw nb::type_error(message.c_str());
}

std::string type_name(PyObject* obj) {
  return nb::cast<std::string>(nb::str(nb::handle(obj).type().attr("__name__")));
}

std::string utf8(PyObject* text) {
  Py_ssize_t size = 0;
  const char* data = PyUnicode_AsUTF8AndSize(text, &size);
  if (data == nullptr) throw nb::python_error();
  return std::string(data, static_cast<std::size_t>(size));
}

// Straight on the C API: this converts every State document of every run, and its
// type checks are the cheap flag tests (subclasses included, as isinstance would).
Json convert(PyObject* obj, int depth) {
  if (depth > kMaxDepth) {
    throw_type_error("value is nested too deeply (or contains itself) to convert to JSON");
  }
  if (PyUnicode_Check(obj)) return utf8(obj);
  if (PyDict_Check(obj)) {
    Json out(Json::value_t::object);
    auto& object = out.get_ref<Json::object_t&>();
    PyObject* key = nullptr;
    PyObject* value = nullptr;
    Py_ssize_t position = 0;
    while (PyDict_Next(obj, &position, &key, &value)) {
      if (!PyUnicode_Check(key)) {
        throw_type_error("JSON object keys must be str, got " + type_name(key));
      }
      object.insert_or_assign(utf8(key), convert(value, depth + 1));
    }
    return out;
  }
  if (obj == Py_None) return nullptr;
  if (PyBool_Check(obj)) return obj == Py_True;
  if (PyLong_Check(obj)) {
    int overflow = 0;
    const long long v = PyLong_AsLongLongAndOverflow(obj, &overflow);
    if (overflow != 0) throw_type_error("integer is too large for JSON (must fit in 64 bits)");
    if (v == -1 && PyErr_Occurred() != nullptr) throw nb::python_error();
    return static_cast<std::int64_t>(v);
  }
  if (PyFloat_Check(obj)) return PyFloat_AS_DOUBLE(obj);
  const bool is_list = PyList_Check(obj);
  if (is_list || PyTuple_Check(obj)) {
    // Converting items runs no Python code, so the sequence cannot change meanwhile.
    const Py_ssize_t size = is_list ? PyList_GET_SIZE(obj) : PyTuple_GET_SIZE(obj);
    Json out(Json::value_t::array);
    auto& array = out.get_ref<Json::array_t&>();
    array.reserve(static_cast<std::size_t>(size));
    for (Py_ssize_t i = 0; i < size; ++i) {
      array.push_back(
          convert(is_list ? PyList_GET_ITEM(obj, i) : PyTuple_GET_ITEM(obj, i), depth + 1));
    }
    return out;
  }
  throw_type_error("cannot convert " + type_name(obj) +
                   " to JSON; use dict, list, str, int, float, bool or None");
}

// --- relations straight from Python ------------------------------------------------------
//
// Each reader below accepts only what the JSON reader (src/state/json_relation.cc) reads
// without a problem and gives the same value; anything else makes the whole list go
// through the JSON reader, so every problem is reported as it always was.

// The text of a str, valid while the str lives.
bool read_text(PyObject* value, std::string_view& out) {
  if (!PyUnicode_Check(value)) return false;
  Py_ssize_t size = 0;
  const char* data = PyUnicode_AsUTF8AndSize(value, &size);
  if (data == nullptr) {
    PyErr_Clear();  // not UTF-8: the JSON path raises the error
    return false;
  }
  out = std::string_view(data, static_cast<std::size_t>(size));
  return true;
}

bool read_text(PyObject* value, std::string& out) {
  std::string_view text;
  if (!read_text(value, text)) return false;
  out.assign(text);
  return true;
}

bool read_number(PyObject* value, int min, int max, int& out) {
  if (!PyLong_Check(value) || PyBool_Check(value)) return false;
  int overflow = 0;
  const long long number = PyLong_AsLongLongAndOverflow(value, &overflow);
  if (overflow != 0 || number < min || number > max) return false;
  out = static_cast<int>(number);
  return true;
}

}  // namespace

bool databag_from_python(PyObject* value, Databag& out) {
  if (!PyDict_Check(value)) return false;
  // A dict is in insertion order ("k0", "k1", ..., "k10"), rarely the databag's: the
  // views are sorted first, then each is appended at the databag's end (inserting each
  // at its place would move the items after it). Distinct keys of str subclasses can
  // have the same text: the sort is stable and the last one wins, as in the JSON
  // reader's path.
  //
  // Most databags hold a few keys: their views stay on the stack and are sorted by
  // insertion (stable, and no buffer), so reading one allocates only the databag.
  using View = std::pair<std::string_view, std::string_view>;
  constexpr std::size_t kOnStack = 16;
  const auto size = static_cast<std::size_t>(PyDict_GET_SIZE(value));
  std::array<View, kOnStack> stack_items;
  std::vector<View> heap_items;
  if (size > kOnStack) heap_items.resize(size);
  View* const items = size > kOnStack ? heap_items.data() : stack_items.data();
  std::size_t count = 0;
  PyObject* key = nullptr;
  PyObject* item = nullptr;
  Py_ssize_t position = 0;
  while (PyDict_Next(value, &position, &key, &item)) {
    // A dict cannot change while this runs no Python code: `size` bounds `count`.
    if (count == size || !read_text(key, items[count].first) ||
        !read_text(item, items[count].second)) {
      return false;
    }
    ++count;
  }
  const auto by_key = [](const View& a, const View& b) { return a.first < b.first; };
  if (count > kOnStack) {
    std::stable_sort(items, items + count, by_key);
  } else {
    for (std::size_t i = 1; i < count; ++i) {
      for (std::size_t j = i; j > 0 && by_key(items[j], items[j - 1]); --j) {
        std::swap(items[j], items[j - 1]);
      }
    }
  }
  Databag bag;
  bag.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    bag.insert_or_assign(bag.end(), items[i].first, std::string(items[i].second));
  }
  out = std::move(bag);
  return true;
}

nb::dict databag_to_python(const Databag& databag) {
  nb::dict out;
  for (const auto& [key, value] : databag) {
    out[nb::str(key.data(), key.size())] = nb::str(value.data(), value.size());
  }
  return out;
}

namespace {

// A unit id key: an int, as the State holds it, or text as the state format writes it
// (parse_int_key, as the JSON reader reads it). The JSON reader gets str(key), so an
// int is taken when its text would be: from 0 up, not a bool or another int subclass.
bool read_unit_key(PyObject* key, UnitId& out) {
  if (PyLong_CheckExact(key)) {
    int number = 0;
    if (!read_number(key, 0, std::numeric_limits<int>::max(), number)) return false;
    out = static_cast<UnitId>(number);
    return true;
  }
  std::string_view text;
  if (!read_text(key, text)) return false;
  const std::optional<int> number = parse_int_key(text);
  if (!number) return false;
  out = static_cast<UnitId>(*number);
  return true;
}

bool read_unit_bags(PyObject* value, std::map<UnitId, Databag>& out) {
  if (!PyDict_Check(value)) return false;
  std::map<UnitId, Databag> bags;
  PyObject* key = nullptr;
  PyObject* item = nullptr;
  Py_ssize_t position = 0;
  while (PyDict_Next(value, &position, &key, &item)) {
    UnitId unit = 0;
    Databag bag;
    if (!read_unit_key(key, unit) || !databag_from_python(item, bag)) return false;
    bags.insert_or_assign(unit, std::move(bag));  // 1 and "1": the last wins, as in JSON
  }
  out = std::move(bags);
  return true;
}

bool read_kind(PyObject* doc, RelationKind& out) {
  PyObject* kind = PyDict_GetItemString(doc, "kind");  // borrowed
  if (kind == nullptr) return true;                    // regular by default
  std::string_view text;
  if (!read_text(kind, text)) return false;
  for (const RelationKind candidate :
       {RelationKind::kRegular, RelationKind::kPeer, RelationKind::kSubordinate}) {
    if (to_string(candidate) == text) {
      out = candidate;
      return true;
    }
  }
  return false;
}

// One relation document; false unless it is plainly valid and names its relation id.
bool read_relation(PyObject* doc, Relation& relation) {
  if (!PyDict_Check(doc) || !read_kind(doc, relation.kind)) return false;
  const RelationKind kind = relation.kind;
  bool has_endpoint = false;
  bool has_id = false;
  UnitId principal = 0;
  Databag principal_data;
  PyObject* key = nullptr;
  PyObject* value = nullptr;
  Py_ssize_t position = 0;
  std::string_view name;
  while (PyDict_Next(doc, &position, &key, &value)) {
    if (!read_text(key, name)) return false;
    bool ok = false;
    if (name == "kind") {
      ok = true;
    } else if (name == "endpoint") {
      ok = has_endpoint = read_text(value, relation.endpoint);
    } else if (name == "interface") {
      ok = read_text(value, relation.interface);
    } else if (name == "relation_id") {
      ok = has_id = read_number(value, 0, std::numeric_limits<int>::max(), relation.relation_id);
    } else if (name == "local_app_data") {
      ok = databag_from_python(value, relation.local_app_data);
    } else if (name == "local_unit_data") {
      ok = databag_from_python(value, relation.local_unit_data);
    } else if (name == "remote_app_name") {
      ok = kind != RelationKind::kPeer && read_text(value, relation.remote_app_name);
    } else if (name == "remote_app_data") {
      ok = kind != RelationKind::kPeer && databag_from_python(value, relation.remote_app_data);
    } else if (name == "limit") {
      ok = kind == RelationKind::kRegular &&
           read_number(value, 1, std::numeric_limits<int>::max(), relation.limit);
    } else if (name == "remote_units_data") {
      ok = kind == RelationKind::kRegular && read_unit_bags(value, relation.remote_units_data);
    } else if (name == "peers_data") {
      ok = kind == RelationKind::kPeer && read_unit_bags(value, relation.remote_units_data);
    } else if (name == "remote_unit_id") {
      ok = kind == RelationKind::kSubordinate &&
           read_number(value, 0, std::numeric_limits<int>::max(), principal);
    } else if (name == "remote_unit_data") {
      ok = kind == RelationKind::kSubordinate && databag_from_python(value, principal_data);
    }
    if (!ok) return false;
  }
  if (kind == RelationKind::kSubordinate) {
    relation.remote_units_data = {{principal, std::move(principal_data)}};
  }
  return has_endpoint && has_id;
}

// The relations of a State document, or nullopt for the JSON reader to read them.
std::optional<std::vector<Relation>> read_relations(PyObject* list) {
  if (!PyList_Check(list)) return std::nullopt;
  const Py_ssize_t size = PyList_GET_SIZE(list);
  std::vector<Relation> relations(static_cast<std::size_t>(size));
  std::set<int> ids;
  for (Py_ssize_t i = 0; i < size; ++i) {
    Relation& relation = relations[static_cast<std::size_t>(i)];
    if (!read_relation(PyList_GET_ITEM(list, i), relation) ||
        !ids.insert(relation.relation_id).second) {
      return std::nullopt;
    }
  }
  return relations;
}

// The (key, value) items of a dict, in a list the caller holds. The fallback below calls
// str() on unit ids, which may run Python code able to change or free what a dict holds:
// every level it walks is such a snapshot, never a dict's own storage.
nb::object items_of(PyObject* dict) {
  nb::object items = nb::steal(PyDict_Items(dict));
  if (!items.is_valid()) throw nb::python_error();
  return items;
}

PyObject* item_key(PyObject* items, Py_ssize_t i) {
  return PyTuple_GET_ITEM(PyList_GET_ITEM(items, i), 0);
}

PyObject* item_value(PyObject* items, Py_ssize_t i) {
  return PyTuple_GET_ITEM(PyList_GET_ITEM(items, i), 1);
}

std::string object_key(PyObject* key) {
  if (!PyUnicode_Check(key)) {
    throw_type_error("JSON object keys must be str, got " + type_name(key));
  }
  return utf8(key);
}

// A relation's unit maps (`remote_units_data`, `peers_data`) keyed by str(key), as
// `copy_unit_databags(..., as_text=True)` would key them: a State holds int unit ids,
// and the JSON reader reports a key that is not one by its text.
Json unit_map_json(PyObject* units, int depth) {
  Json out(Json::value_t::object);
  auto& object = out.get_ref<Json::object_t&>();
  const nb::object items = items_of(units);
  for (Py_ssize_t i = 0; i < PyList_GET_SIZE(items.ptr()); ++i) {
    PyObject* key = item_key(items.ptr(), i);
    nb::object text = nb::steal(PyUnicode_Check(key) ? Py_NewRef(key) : PyObject_Str(key));
    if (!text.is_valid()) throw nb::python_error();
    object.insert_or_assign(utf8(text.ptr()), convert(item_value(items.ptr(), i), depth + 1));
  }
  return out;
}

// A dict as a JSON object, each key a str: `value_json(name, value)` gives each value.
template <typename ValueJson>
Json object_json(PyObject* dict, ValueJson value_json) {
  Json out(Json::value_t::object);
  auto& object = out.get_ref<Json::object_t&>();
  const nb::object items = items_of(dict);
  for (Py_ssize_t i = 0; i < PyList_GET_SIZE(items.ptr()); ++i) {
    std::string name = object_key(item_key(items.ptr(), i));
    Json value = value_json(name, item_value(items.ptr(), i));
    object.insert_or_assign(std::move(name), std::move(value));
  }
  return out;
}

Json relation_json(PyObject* relation, int depth) {
  if (!PyDict_Check(relation)) return convert(relation, depth);
  return object_json(relation, [depth](const std::string& name, PyObject* value) {
    const bool unit_map =
        PyDict_Check(value) && (name == "remote_units_data" || name == "peers_data");
    return unit_map ? unit_map_json(value, depth + 1) : convert(value, depth + 1);
  });
}

// A State document as JSON for the JSON reader, which reports every problem in it.
Json state_json(PyObject* doc) {
  if (!PyDict_Check(doc)) return convert(doc, 0);
  return object_json(doc, [](const std::string& name, PyObject* value) {
    if (name != "relations" || !PyList_Check(value)) return convert(value, 1);
    const nb::object relations = nb::steal(PyList_AsTuple(value));
    if (!relations.is_valid()) throw nb::python_error();
    Json array(Json::value_t::array);
    for (Py_ssize_t r = 0; r < PyTuple_GET_SIZE(relations.ptr()); ++r) {
      array.push_back(relation_json(PyTuple_GET_ITEM(relations.ptr(), r), 2));
    }
    return array;
  });
}

}  // namespace

nb::dict copy_unit_databags(nb::dict units, bool as_text) {
  nb::dict out;
  // A snapshot: str(key), int(key) and dict(value) may run Python code.
  const nb::object items = items_of(units.ptr());
  const Py_ssize_t size = PyList_GET_SIZE(items.ptr());
  for (Py_ssize_t i = 0; i < size; ++i) {
    PyObject* key = item_key(items.ptr(), i);
    PyObject* value = item_value(items.ptr(), i);
    nb::object new_key;
    if (as_text) {
      new_key = nb::steal(PyUnicode_CheckExact(key) ? Py_NewRef(key) : PyObject_Str(key));
    } else {
      new_key = nb::steal(PyLong_CheckExact(key) ? Py_NewRef(key) : PyNumber_Long(key));
    }
    if (!new_key.is_valid()) throw nb::python_error();
    nb::object databag =
        nb::steal(PyDict_CheckExact(value) != 0
                      ? PyDict_Copy(value)
                      : PyObject_CallOneArg(reinterpret_cast<PyObject*>(&PyDict_Type), value));
    if (!databag.is_valid()) throw nb::python_error();
    if (PyDict_SetItem(out.ptr(), new_key.ptr(), databag.ptr()) != 0) throw nb::python_error();
  }
  return out;
}

State state_from_python_doc(nb::handle doc) {
  PyObject* relations_doc = PyDict_Check(doc.ptr()) != 0
                                ? PyDict_GetItemString(doc.ptr(), "relations")  // borrowed
                                : nullptr;
  std::optional<std::vector<Relation>> relations;
  if (relations_doc != nullptr) relations = read_relations(relations_doc);
  if (!relations) return state_from_json_value(state_json(doc.ptr()));
  // The rest of the document, whose reader then finds no relations to read.
  Json rest(Json::value_t::object);
  PyObject* key = nullptr;
  PyObject* value = nullptr;
  Py_ssize_t position = 0;
  while (PyDict_Next(doc.ptr(), &position, &key, &value)) {
    if (!PyUnicode_Check(key)) return state_from_json_value(state_json(doc.ptr()));
    if (PyUnicode_CompareWithASCIIString(key, "relations") == 0) continue;
    rest.get_ref<Json::object_t&>().insert_or_assign(utf8(key), convert(value, 1));
  }
  State state = state_from_json_value(rest);
  state.relations = std::move(*relations);
  return state;
}

Json json_from_python(nb::handle obj) { return convert(obj.ptr(), 0); }

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
