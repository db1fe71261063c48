// SPDX-License-Identifier: Apache-2.0
// hooktools/secret_store.cc: Juju's secret rules for one unit (see secret_store.h).

#include "secret_store.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "go_text.h"

namespace scenario::detail {
namespace {

constexpr std::string_view kScheme = "secret:";

// Juju 3.6 stopped making a new revision when secret-set sends the latest content again.
bool skips_identical_content(const std::string& juju_version) {
  const std::size_t dot = juju_version.find('.');
  const std::optional<int> major = go_atoi(std::string_view(juju_version).substr(0, dot));
  if (!major) return true;
  if (*major != 3) return *major > 3;
  if (dot == std::string::npos) return false;
  std::string_view rest = std::string_view(juju_version).substr(dot + 1);
  rest = rest.substr(0, rest.find_first_not_of("0123456789"));
  const std::optional<int> minor = go_atoi(rest);
  return minor && *minor >= 6;
}

// FNV-1a, to turn (model, unit, counter) into id characters that look like Juju's.
std::uint64_t fnv1a(std::string_view text, std::uint64_t hash = 14695981039346656037ULL) {
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ULL;
  }
  return hash;
}

}  // namespace

std::string_view secret_unique_id(std::string_view id) {
  if (id.starts_with(kScheme)) {
    id.remove_prefix(kScheme.size());
    if (id.starts_with("//")) {
      // secret://<model-uuid>/<id>
      const std::size_t slash = id.find('/', 2);
      id = slash == std::string_view::npos ? id.substr(2) : id.substr(slash + 1);
    }
  }
  return id;
}

Secret& SecretStore::find(std::string_view id) {
  const std::string_view unique = secret_unique_id(id);
  for (Secret& secret : session_.state.secrets) {
    if (!unique.empty() && secret_unique_id(secret.id) == unique) return secret;
  }
  // Juju: errors.NotFoundf("secret %q", uri); ops maps "not found" to SecretNotFoundError.
  fail("secret " + go_quote(id) + " not found");
}

bool SecretStore::can_manage(const Secret& secret) const {
  return secret.owner == SecretOwner::kUnit ||
         (secret.owner == SecretOwner::kApp && session_.state.leader);
}

void SecretStore::require_manage(const Secret& secret) const {
  if (can_manage(secret)) return;
  // Juju: the uniter's ErrIsNotLeader; a secret owned elsewhere is refused by the
  // controller (apiserver ErrPerm).
  if (secret.owner == SecretOwner::kApp) fail("this unit is not the leader");
  fail("permission denied");
}

std::vector<Secret*> SecretStore::managed() {
  std::vector<Secret*> found;
  for (Secret& secret : session_.state.secrets) {
    if (can_manage(secret)) found.push_back(&secret);
  }
  return found;
}

int SecretStore::latest_revision(const Secret& secret) {
  return secret.contents.empty() ? 0 : secret.contents.rbegin()->first;
}

const Databag& SecretStore::read(const std::optional<std::string>& id,
                                 const std::optional<std::string>& label, bool refresh, bool peek) {
  Secret* secret = nullptr;
  if (id) {
    secret = &find(*id);
  } else {
    // Juju: a label names the owner's label first (for this unit's and this
    // application's secrets), then this unit's own label for a secret it consumes.
    for (Secret& candidate : session_.state.secrets) {
      if (candidate.owner != SecretOwner::kNone && candidate.label == label) {
        secret = &candidate;
        break;
      }
    }
    for (Secret& candidate : session_.state.secrets) {
      if (secret == nullptr && candidate.owner == SecretOwner::kNone && candidate.label == label) {
        secret = &candidate;
      }
    }
    if (secret == nullptr) fail("consumer label " + go_quote(label.value_or("")) + " not found");
  }

  if (secret->owner == SecretOwner::kNone && secret->granted == SecretGrant::kNone) {
    // Juju: the controller refuses to read a secret not granted to the unit or its app.
    fail("permission denied");
  }
  const std::string unique(secret_unique_id(secret->id));
  auto content_of = [&](int revision) -> const Databag& {
    const auto it = secret->contents.find(revision);
    if (it == secret->contents.end()) {
      fail("secret " + go_quote(unique) + " revision " + std::to_string(revision) + " not found");
    }
    return it->second;
  };

  if (secret->owner != SecretOwner::kNone) {
    // Juju: owners (and every unit of an owning application) read the latest revision.
    // The owner label is updated by the owner, or by the leader for an app secret;
    // another unit's attempt is ignored.
    const Databag& content = content_of(latest_revision(*secret));
    if (id && label && !label->empty() && can_manage(*secret)) {
      check_label_free(*label, secret);
      secret->label = *label;
    }
    return content;
  }
  const int latest = latest_revision(*secret);
  const Databag& content = content_of(refresh || peek ? latest : secret->revision);
  if (refresh) secret->revision = latest;
  // Juju saves the consumer label on refresh or when both id and label are given.
  if (label && !label->empty() && (id || refresh)) secret->label = *label;
  return content;
}

std::string SecretStore::add(SecretOwner owner, SecretUpdate update) {
  if (owner == SecretOwner::kApp && !session_.state.leader) {
    fail("this unit is not the leader");
  }
  if (update.label) check_label_free(*update.label, nullptr);
  Secret secret;
  secret.id = allocate_id();
  secret.owner = owner;
  secret.revision = 1;
  secret.contents[1] = std::move(update.content).value_or(Databag{});
  secret.label = std::move(update.label);
  secret.description = std::move(update.description);
  secret.expire = std::move(update.expire);
  secret.rotate = update.rotate.value_or(SecretRotate::kNever);
  // The first revision is this hook's: a secret-set later in the hook replaces it.
  session_.secret_pending_revisions[secret.id] = 1;
  std::string id = secret.id;
  session_.state.secrets.push_back(std::move(secret));
  return id;
}

void SecretStore::update(Secret& secret, SecretUpdate update) {
  require_manage(secret);
  if (update.label) check_label_free(*update.label, &secret);
  if (update.content) {
    const int latest = latest_revision(secret);
    const auto pending = session_.secret_pending_revisions.find(secret.id);
    if (pending != session_.secret_pending_revisions.end() &&
        secret.contents.contains(pending->second)) {
      secret.contents[pending->second] = std::move(*update.content);
    } else if (latest == 0 || !skips_identical_content(session_.config.juju_version) ||
               secret.contents.at(latest) != *update.content) {
      secret.contents[latest + 1] = std::move(*update.content);
      session_.secret_pending_revisions[secret.id] = latest + 1;
    }
    // Owners follow the latest revision.
    secret.revision = latest_revision(secret);
  }
  if (update.label) secret.label = std::move(update.label);
  if (update.description) secret.description = std::move(update.description);
  if (update.expire) secret.expire = std::move(update.expire);
  if (update.rotate) secret.rotate = *update.rotate;
}

void SecretStore::remove(const Secret& secret, std::optional<int> revision) {
  require_manage(secret);
  const std::string id = secret.id;
  std::vector<int> removed;
  if (revision) {
    if (!secret.contents.contains(*revision)) {
      fail("secret " + go_quote(secret_unique_id(id)) + " revision " + std::to_string(*revision) +
           " not found");
    }
    removed.push_back(*revision);
  } else {
    for (const auto& entry : secret.contents) removed.push_back(entry.first);
  }
  auto& secrets = session_.state.secrets;
  const auto it =
      std::find_if(secrets.begin(), secrets.end(), [&](const Secret& s) { return s.id == id; });
  for (const int number : removed) {
    it->contents.erase(number);
    session_.records.removed_secret_revisions.push_back({id, number});
  }
  // Juju deletes a secret with its last revision.
  if (it->contents.empty()) {
    secrets.erase(it);
    session_.secret_pending_revisions.erase(id);
  } else if (it->owner != SecretOwner::kNone) {
    // Owners follow the latest revision.
    it->revision = latest_revision(*it);
  }
}

void SecretStore::check_label_free(const std::string& label, const Secret* except) {
  for (const Secret& other : session_.state.secrets) {
    if (&other == except || other.owner == SecretOwner::kNone) continue;
    if (other.label == label) {
      // Juju: an owner has at most one secret with a given label.
      fail("secret with label " + go_quote(label) + " already exists");
    }
  }
}

std::string SecretStore::allocate_id() {
  // Juju's ids are 20 characters of base32hex (an xid). Ours are derived from the model,
  // the unit and a per-session counter, so a run always allocates the same ids, and
  // skip any id the State already has.
  static constexpr std::string_view kDigits = "0123456789abcdefghijklmnopqrstuv";
  const std::uint64_t seed = fnv1a(session_.unit_name(), fnv1a(session_.state.model.uuid));
  while (true) {
    const int counter = ++session_.secret_ids_allocated;
    std::uint64_t hash = fnv1a(std::to_string(counter), seed);
    std::string id(kScheme);
    for (int i = 0; i < 20; ++i) {
      if (i == 12) hash = fnv1a(std::to_string(counter) + "/", hash);
      id += kDigits[hash % 32];
      hash /= 32;
    }
    bool taken = false;
    for (const Secret& secret : session_.state.secrets) {
      if (secret_unique_id(secret.id) == secret_unique_id(id)) taken = true;
    }
    if (!taken) return id;
  }
}

}  // namespace scenario::detail
