// SPDX-License-Identifier: Apache-2.0
// hooktools/secret_store.h: the session's secrets as Juju keeps them for one unit: how
// ids and labels resolve, who may read or manage what, revisions, grants and removals.
//
// Every secret-* tool goes through a SecretStore, so Juju's access rules live here and
// nowhere else. The rules, from this unit's point of view:
//  - owner "unit": this unit owns the secret and manages it;
//  - owner "app": this application owns it; every unit of it may read it, only the
//    leader may manage it (set, remove, grant, revoke) or see its metadata;
//  - owner None: someone else owns it; this unit reads it only when it was granted to
//    the unit or the application, and then sees the revision it tracks unless it
//    refreshes or peeks.
// Like Juju, a secret gets at most one new revision per hook: a second secret-set in
// the same run replaces the content of the revision the first one made.

#ifndef SCENARIO_HOOKTOOLS_SECRET_STORE_H_
#define SCENARIO_HOOKTOOLS_SECRET_STORE_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tool.h"

namespace scenario::detail {

/// The unique part of a secret id: `secret:X`, `secret://MODEL/X` and `X` all give X.
std::string_view secret_unique_id(std::string_view id);

/// What a secret-add or secret-set asks to change; unset fields stay as they are.
struct SecretUpdate {
  std::optional<Databag> content;
  std::optional<std::string> label;
  std::optional<std::string> description;
  std::optional<std::string> expire;
  std::optional<SecretRotate> rotate;
};

/// The session's secrets, with Juju's rules. Failing calls throw ToolFailure (through
/// fail()) before changing anything.
class SecretStore {
 public:
  explicit SecretStore(SessionData& session) : session_(session) {}

  /// The secret `id` names, whoever owns it; fails `secret "<id>" not found`.
  Secret& find(std::string_view id);
  /// True if this unit may manage the secret: it owns it, or its application does and
  /// the unit is the leader.
  bool can_manage(const Secret& secret) const;
  /// Fails unless this unit may manage `secret`, with Juju's texts: `this unit is not the
  /// leader` for an application secret, `permission denied` for another's secret.
  void require_manage(const Secret& secret) const;
  /// The secrets whose metadata this unit sees (secret-ids, secret-info-get,
  /// secret-grant): those it may manage.
  std::vector<Secret*> managed();

  /// secret-get: the content this unit reads, resolving `id` and/or `label`, updating
  /// the label (when both are given) and the tracked revision (on refresh).
  const Databag& read(const std::optional<std::string>& id, const std::optional<std::string>& label,
                      bool refresh, bool peek);

  /// secret-add: a new secret owned by this unit or application; returns its id.
  std::string add(SecretOwner owner, SecretUpdate update);
  /// secret-set on a secret this unit manages.
  void update(Secret& secret, SecretUpdate update);
  /// secret-remove: one revision, or (nullopt) the whole secret.
  void remove(const Secret& secret, std::optional<int> revision);

  /// The newest revision of `secret` (0 when it has none).
  static int latest_revision(const Secret& secret);

 private:
  // Fails if another secret this unit manages already has `label`.
  void check_label_free(const std::string& label, const Secret* except);
  // A fresh `secret:<20 chars>` id, unique in the State.
  std::string allocate_id();

  SessionData& session_;
};

}  // namespace scenario::detail

#endif  // SCENARIO_HOOKTOOLS_SECRET_STORE_H_
