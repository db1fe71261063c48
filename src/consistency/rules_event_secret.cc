// SPDX-License-Identifier: Apache-2.0
// consistency/rules_event_secret.cc: secret events and the secret they are about.
//
// Juju: secret-changed goes to units observing a secret owned elsewhere (when the
// owner adds a revision); secret-rotate, secret-expired and secret-remove go to the
// owner, which for an application-owned secret means the leader unit.

#include <string>
#include <string_view>

#include "context.h"
#include "rules.h"

namespace scenario::detail {

namespace {

// The secret the event refers to, if it is a secret event and the secret is there.
const Secret* event_secret(const CheckContext& ctx) {
  if (ctx.kind() != EventKind::kSecret || !ctx.event.secret_id) return nullptr;
  return ctx.state.find_secret(*ctx.event.secret_id);
}

bool is_owner_event(std::string_view name) {
  return name == "secret_rotate" || name == "secret_expired" || name == "secret_remove" ||
         name == "secret_removed";
}

bool has_revision(std::string_view name) {
  return name == "secret_expired" || name == "secret_remove" || name == "secret_removed";
}

std::string event_label(const CheckContext& ctx) {
  return "secret event " + in_quotes(ctx.name.name);
}

}  // namespace

void check_event_secret_missing(const CheckContext& ctx, Reporter& out) {
  if (ctx.kind() != EventKind::kSecret || ctx.event.secret_id) return;
  out.report("event.secret_id", event_label(ctx) +
                                    " does not say which secret it is about; give it the "
                                    "secret (e.g. secret.changed_event)");
}

void check_event_secret_not_in_state(const CheckContext& ctx, Reporter& out) {
  if (ctx.kind() != EventKind::kSecret || !ctx.event.secret_id) return;
  if (event_secret(ctx) != nullptr) return;
  out.report("event.secret_id", event_label(ctx) + " is about secret " +
                                    in_quotes(*ctx.event.secret_id) +
                                    ", which is not in the State; add it to State.secrets");
}

void check_event_secret_owner_mismatch(const CheckContext& ctx, Reporter& out) {
  const Secret* secret = event_secret(ctx);
  if (secret == nullptr) return;
  const std::string path = "event.path";
  if (ctx.name.name == "secret_changed" && secret->owner != SecretOwner::kNone) {
    out.report(path, event_label(ctx) + " is about secret " + in_quotes(secret->id) +
                         (secret->owner == SecretOwner::kApp ? ", which this application owns;"
                                                             : ", which this unit owns;") +
                         " Juju sends secret-changed only to observers of a secret "
                         "owned elsewhere: set the secret's owner to None, or fire an owner "
                         "event");
  } else if (is_owner_event(ctx.name.name) && secret->owner == SecretOwner::kNone) {
    out.report(path, event_label(ctx) + " is about secret " + in_quotes(secret->id) +
                         ", which this unit does not own; Juju sends rotate, expired and "
                         "remove only to the owner: set owner to 'unit' or 'app'");
  }
}

void check_event_secret_not_leader(const CheckContext& ctx, Reporter& out) {
  const Secret* secret = event_secret(ctx);
  if (secret == nullptr || secret->owner != SecretOwner::kApp) return;
  if (!is_owner_event(ctx.name.name) || ctx.state.leader) return;
  out.report("leader", event_label(ctx) + " is about application-owned secret " +
                           in_quotes(secret->id) +
                           ", whose owner events Juju runs on the leader only, but the State "
                           "has leader=False; set leader=True");
}

void check_event_secret_revision_unknown(const CheckContext& ctx, Reporter& out) {
  const Secret* secret = event_secret(ctx);
  if (secret == nullptr || !ctx.event.secret_revision || !has_revision(ctx.name.name)) return;
  if (secret->contents.empty() || secret->contents.contains(*ctx.event.secret_revision)) return;
  out.report("event.secret_revision",
             event_label(ctx) + " is about revision " + std::to_string(*ctx.event.secret_revision) +
                 " of secret " + in_quotes(secret->id) +
                 ", which has no such revision in its contents; add the revision or fix the "
                 "number");
}

}  // namespace scenario::detail
