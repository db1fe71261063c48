// SPDX-License-Identifier: Apache-2.0
// scenario/state/databag.h: a relation databag (or secret content), string keys to
// string values, as one sorted vector.

#ifndef SCENARIO_STATE_DATABAG_H_
#define SCENARIO_STATE_DATABAG_H_

#include <cstddef>
#include <initializer_list>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace scenario {

/// String keys to string values, in key order, with the part of `std::map`'s interface
/// the engine uses.
///
/// Why not `std::map`: every run copies the input State (the working State starts as
/// the input, which the output is compared with), and a large databag made a node
/// allocation per key three times per run (read, copy, free). Here the items are one
/// sorted vector, shared by copies until one of them changes (copy on write): the
/// working State's copy of a databag the charm only reads costs nothing, and comparing
/// it with the input's is one pointer comparison. Lookups are a binary search; a key is
/// inserted at its place (a charm sets a few keys per run), and appending keys in order,
/// as readers of sorted input do, stays amortised constant.
///
/// The non-const accessors (`begin`, `end`, `find`, `operator[]`) first make the items
/// this databag's own. An iterator or reference from them must not be used once the
/// databag has been copied (a write through it would show in the copy) or has had a
/// key inserted or erased (it may point at freed or moved items).
class Databag {
 public:
  using key_type = std::string;
  using mapped_type = std::string;
  using value_type = std::pair<std::string, std::string>;
  using iterator = std::vector<value_type>::iterator;
  using const_iterator = std::vector<value_type>::const_iterator;
  using size_type = std::size_t;

  Databag() = default;
  /// Later items win over earlier ones with the same key, as assigning them in turn would.
  Databag(std::initializer_list<value_type> items);

  [[nodiscard]] const_iterator begin() const { return items().begin(); }
  [[nodiscard]] const_iterator end() const { return items().end(); }
  [[nodiscard]] iterator begin() { return own().begin(); }
  [[nodiscard]] iterator end() { return own().end(); }
  [[nodiscard]] size_type size() const { return items().size(); }
  [[nodiscard]] bool empty() const { return items().empty(); }

  [[nodiscard]] const_iterator find(std::string_view key) const;
  [[nodiscard]] iterator find(std::string_view key);
  [[nodiscard]] bool contains(std::string_view key) const { return find(key) != end(); }
  [[nodiscard]] size_type count(std::string_view key) const { return contains(key) ? 1 : 0; }
  /// The value of `key`; throws std::out_of_range when there is none.
  [[nodiscard]] const std::string& at(std::string_view key) const;

  /// The value of `key`, inserted empty when there is none.
  std::string& operator[](std::string_view key);
  /// Sets `key` to `value`; the bool says whether the key is new.
  std::pair<iterator, bool> insert_or_assign(std::string_view key, std::string value);
  /// Sets `key` to `value`. Readers of keys in order pass `end()`: a key past the last
  /// is appended without a search. Any other hint is only a hint.
  iterator insert_or_assign(const_iterator hint, std::string_view key, std::string value);
  /// Removes `key`; returns how many items went (0 or 1).
  size_type erase(std::string_view key);
  iterator erase(const_iterator position);
  void clear() { items_.reset(); }
  /// Room for `count` items; none is made for none (most databags are empty).
  void reserve(size_type count) {
    if (count != 0) own().reserve(count);
  }

  friend bool operator==(const Databag& a, const Databag& b) {
    return a.items_ == b.items_ || a.items() == b.items();
  }

 private:
  using Items = std::vector<value_type>;

  [[nodiscard]] const Items& items() const;
  /// The items, copied first if another databag shares them.
  Items& own();
  [[nodiscard]] const_iterator lower_bound(std::string_view key) const;
  [[nodiscard]] iterator mutable_at(const_iterator position);
  /// The item of `key`, inserted with an empty value when there is none; the bool says
  /// whether it was inserted.
  std::pair<iterator, bool> find_or_insert(std::string_view key);

  /// Null when empty; shared with copies of this databag until one of them changes.
  std::shared_ptr<Items> items_;
};

/// A JSON object of the databag's strings.
void to_json(nlohmann::json& out, const Databag& databag);

}  // namespace scenario

#endif  // SCENARIO_STATE_DATABAG_H_
