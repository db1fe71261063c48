// SPDX-License-Identifier: Apache-2.0
// src/state/databag.cc: the sorted, copy-on-write databag.

#include "scenario/state/databag.h"

#include <algorithm>
#include <atomic>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace scenario {

Databag::Databag(std::initializer_list<value_type> items) {
  reserve(items.size());
  for (const value_type& item : items) insert_or_assign(end(), item.first, item.second);
}

const Databag::Items& Databag::items() const {
  static const Items kEmpty;
  return items_ ? *items_ : kEmpty;
}

Databag::Items& Databag::own() {
  if (!items_) {
    items_ = std::make_shared<Items>();
  } else if (items_.use_count() > 1) {
    items_ = std::make_shared<Items>(*items_);
  } else {
    // use_count() is a relaxed read: order the last other owner's reads (in another
    // thread, before it let go) before our writes.
    std::atomic_thread_fence(std::memory_order_acquire);
  }
  return *items_;
}

Databag::iterator Databag::mutable_at(const_iterator position) {
  // `position` is in the items as they are now: the offset survives making them our own.
  const auto offset = position - items().begin();
  return own().begin() + offset;
}

Databag::const_iterator Databag::lower_bound(std::string_view key) const {
  return std::lower_bound(
      items().begin(), items().end(), key,
      [](const value_type& item, std::string_view k) { return item.first < k; });
}

Databag::const_iterator Databag::find(std::string_view key) const {
  const const_iterator it = lower_bound(key);
  return it != items().end() && it->first == key ? it : items().end();
}

Databag::iterator Databag::find(std::string_view key) {
  const const_iterator it = std::as_const(*this).find(key);
  return it == items().end() ? own().end() : mutable_at(it);
}

const std::string& Databag::at(std::string_view key) const {
  const const_iterator it = find(key);
  if (it == items().end()) throw std::out_of_range("no such key in the databag");
  return it->second;
}

std::pair<Databag::iterator, bool> Databag::find_or_insert(std::string_view key) {
  const const_iterator it = lower_bound(key);
  if (it != items().end() && it->first == key) return {mutable_at(it), false};
  const auto offset = it - items().begin();
  Items& own_items = own();
  return {own_items.emplace(own_items.begin() + offset, std::string(key), std::string()), true};
}

std::string& Databag::operator[](std::string_view key) { return find_or_insert(key).first->second; }

std::pair<Databag::iterator, bool> Databag::insert_or_assign(std::string_view key,
                                                             std::string value) {
  const std::pair<iterator, bool> result = find_or_insert(key);
  result.first->second = std::move(value);
  return result;
}

Databag::iterator Databag::insert_or_assign(const_iterator hint, std::string_view key,
                                            std::string value) {
  if (hint == items().end() && (empty() || items().back().first < key)) {
    Items& own_items = own();
    own_items.emplace_back(std::string(key), std::move(value));
    return own_items.end() - 1;
  }
  return insert_or_assign(key, std::move(value)).first;
}

Databag::size_type Databag::erase(std::string_view key) {
  // Looked up read-only: removing a key that is not there must not copy shared items.
  const const_iterator it = std::as_const(*this).find(key);
  if (it == items().end()) return 0;
  erase(it);
  return 1;
}

Databag::iterator Databag::erase(const_iterator position) {
  const iterator it = mutable_at(position);
  return items_->erase(it);
}

void to_json(nlohmann::json& out, const Databag& databag) {
  out = nlohmann::json::object();
  nlohmann::json::object_t& object = out.get_ref<nlohmann::json::object_t&>();
  for (const auto& [key, value] : databag) object.emplace_hint(object.end(), key, value);
}

}  // namespace scenario
