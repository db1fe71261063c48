// SPDX-License-Identifier: Apache-2.0
// scenario/state/event.h: the event fired on the charm, and how its name is read.

#ifndef SCENARIO_STATE_EVENT_H_
#define SCENARIO_STATE_EVENT_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "scenario/state/types.h"

namespace scenario {

/// What an event is about, read off its name (see `parse_event_name`).
enum class EventKind {
  kBuiltin,    // install, start, config-changed, ...
  kRelation,   // <endpoint>-relation-{created,joined,changed,departed,broken}
  kAction,     // <action>-action
  kSecret,     // secret-{changed,expired,remove,rotate}
  kStorage,    // <storage>-storage-{attached,detaching}
  kWorkload,   // <container>-pebble-{ready,custom-notice,check-failed,check-recovered}
  kFramework,  // pre-commit, commit, collect-{app,unit}-status
  kCustom,     // anything else: an event defined by the charm or a library
};

std::string_view to_string(EventKind kind);

/// An event name taken apart. `path` may carry an owner: `my_lib.on.foo`.
struct EventName {
  /// The whole path with `-` replaced by `_`.
  std::string path;
  /// The last segment: `foo_relation_changed`.
  std::string name;
  /// The segments before it; `{"on"}` when none were given.
  std::vector<std::string> owner_path;
  /// The entity the event is about: `foo` for `foo_relation_changed`; equals `name`
  /// for builtin, secret, framework and custom events.
  std::string prefix;
  /// The kind suffix: `_relation_changed`; empty for builtin and custom events; equals
  /// `name` for secret and framework events (their whole name is the suffix).
  std::string suffix;
  EventKind kind = EventKind::kCustom;

  bool operator==(const EventName&) const = default;
};

/// Splits an event path and classifies it. Never throws; an empty name is kCustom.
/// Suffix kinds need a non-empty entity in front (`_action` alone is kCustom). The
/// ops-scenario 5.8 spelling `secret_removed` is accepted as kSecret besides
/// `secret_remove`.
EventName parse_event_name(std::string_view path);

/// Every name that identifies an event by itself (install, secret_changed, pre_commit,
/// ...), in classification-table order; other spellings that are accepted are left out.
std::vector<std::string_view> fixed_event_names();

/// Every suffix that classifies an event about an entity (`_relation_changed`,
/// `_action`, `_storage_attached`, `_pebble_ready`, ...).
std::vector<std::string_view> entity_event_suffixes();

/// An action invocation with its parameters.
struct Action {
  std::string name;
  /// A JSON object of parameter values.
  Json params = Json::object();
  /// The action id Juju would report in JUJU_ACTION_UUID; empty means "assign one".
  std::string id;

  bool operator==(const Action&) const = default;
};

/// Identifies a storage instance: `name/index`.
struct StorageRef {
  std::string name;
  int index = 0;

  bool operator==(const StorageRef&) const = default;
};

/// The event to fire. Entities it is about are referenced by identity into the State
/// (relation id, container name, storage name/index, secret id), not copied.
struct Event {
  /// Event path as given; see `parse_event_name`.
  std::string path;
  std::optional<int> relation_id;
  /// The remote unit a relation event is about (JUJU_REMOTE_UNIT).
  std::optional<int> remote_unit_id;
  /// True when the test named no remote unit and `remote_unit_id` is the relation's
  /// first, chosen for it. In relation-departed only a named unit is taken as gone
  /// from relation-list: with none named, the relation's units are the State's as given.
  bool remote_unit_implied = false;
  /// The unit leaving, for relation-departed (JUJU_DEPARTING_UNIT).
  std::optional<int> departing_unit_id;
  std::optional<std::string> container;
  /// The notice a custom-notice event is about, by its id in the container's notices
  /// (JUJU_NOTICE_ID, _TYPE, _KEY).
  std::optional<std::string> notice_id;
  /// The check a check-failed or check-recovered event is about (JUJU_PEBBLE_CHECK_NAME).
  std::optional<std::string> check_name;
  std::optional<StorageRef> storage;
  std::optional<std::string> secret_id;
  /// The secret revision for secret-expired and secret-remove.
  std::optional<int> secret_revision;
  std::optional<Action> action;

  bool operator==(const Event&) const = default;

  EventName parsed_name() const { return parse_event_name(path); }
};

}  // namespace scenario

#endif  // SCENARIO_STATE_EVENT_H_
