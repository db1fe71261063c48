// SPDX-License-Identifier: Apache-2.0
// hooktools/secret_tools_test.cc: the secret-* hook tools and Juju's access rules.

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "hooktools_test_util.h"
#include "scenario/hooktools/session.h"

namespace scenario::testing {
namespace {

Secret make_secret(std::string id, SecretOwner owner, std::map<int, Databag> contents) {
  Secret secret;
  secret.id = std::move(id);
  secret.owner = owner;
  secret.contents = std::move(contents);
  return secret;
}

// The unit's own secret `secret:unit0000000000000000` (label "mine"), the app's secret
// `app` (label "shared"), a granted secret `granted` tracking revision 1 of 2 and a
// secret `other` owned elsewhere and not granted.
State secrets_state(bool leader) {
  State state = test_state();
  state.leader = leader;
  Secret mine = make_secret("secret:unit0000000000000000", SecretOwner::kUnit,
                            {{1, {{"key", "one"}}}, {2, {{"key", "two"}}}});
  mine.label = "mine";
  mine.revision = 2;
  Secret app = make_secret("app", SecretOwner::kApp, {{3, {{"token", "t3"}}}});
  app.label = "shared";
  app.revision = 3;
  app.rotate = SecretRotate::kDaily;
  app.description = "an app secret";
  app.expire = "2030-01-01T00:00:00Z";
  Secret granted =
      make_secret("granted", SecretOwner::kNone, {{1, {{"user", "old"}}}, {2, {{"user", "new"}}}});
  granted.granted = SecretGrant::kApp;
  granted.revision = 1;
  Secret other = make_secret("other", SecretOwner::kNone, {{1, {{"x", "y"}}}});
  state.secrets = {mine, app, granted, other};
  return state;
}

SessionRunner runner_with(bool leader, std::string juju_version = "3.4.0") {
  SessionConfig config = SessionRunner::default_config();
  config.juju_version = std::move(juju_version);
  return SessionRunner(secrets_state(leader), Event{}, config);
}

const Secret& secret_in(const SessionRunner& runner, std::string_view id) {
  const Secret* secret = runner.state().find_secret(id);
  EXPECT_NE(secret, nullptr) << id;
  static const Secret kMissing;
  return secret != nullptr ? *secret : kMissing;
}

// --- secret-get ---------------------------------------------------------------------

TEST(SecretGet, OwnerReadsTheLatestRevisionInAnyIdForm) {
  SessionRunner runner = runner_with(false);
  for (const char* id : {"secret:unit0000000000000000", "unit0000000000000000",
                         "secret://model-uuid/unit0000000000000000"}) {
    EXPECT_EQ(runner.ok({"secret-get", "--format=json", id}), "{\"key\":\"two\"}\n") << id;
  }
}

TEST(SecretGet, EveryUnitOfTheOwningAppReadsAnAppSecret) {
  SessionRunner runner = runner_with(/*leader=*/false);
  EXPECT_EQ(runner.ok({"secret-get", "app", "--format=json"}), "{\"token\":\"t3\"}\n");
}

TEST(SecretGet, DefaultsToYamlAndPrintsOneKey) {
  SessionRunner runner = runner_with(false);
  EXPECT_EQ(runner.ok({"secret-get", "app"}), "token: t3\n");
  EXPECT_EQ(runner.ok({"secret-get", "app", "token"}), "t3\n");
  EXPECT_EQ(runner.ok({"secret-get", "app", "token#base64"}), "dDM=\n");
  expect_error(runner.run({"secret-get", "app", "nope"}), 1, "secret key \"nope\" not found");
}

TEST(SecretGet, ObserverReadsTheTrackedRevision) {
  SessionRunner runner = runner_with(false);
  EXPECT_EQ(runner.ok({"secret-get", "granted", "--format=json"}), "{\"user\":\"old\"}\n");
  EXPECT_EQ(secret_in(runner, "granted").revision, 1);
}

TEST(SecretGet, PeekReadsTheLatestWithoutTracking) {
  SessionRunner runner = runner_with(false);
  EXPECT_EQ(runner.ok({"secret-get", "granted", "--peek", "--format=json"}),
            "{\"user\":\"new\"}\n");
  EXPECT_EQ(secret_in(runner, "granted").revision, 1);
  EXPECT_EQ(runner.ok({"secret-get", "granted", "--format=json"}), "{\"user\":\"old\"}\n");
}

TEST(SecretGet, RefreshTracksTheLatest) {
  SessionRunner runner = runner_with(false);
  EXPECT_EQ(runner.ok({"secret-get", "granted", "--refresh", "--format=json"}),
            "{\"user\":\"new\"}\n");
  EXPECT_EQ(secret_in(runner, "granted").revision, 2);
  EXPECT_EQ(runner.ok({"secret-get", "granted", "--format=json"}), "{\"user\":\"new\"}\n");
}

TEST(SecretGet, PeekAndRefreshTogetherAreRefused) {
  SessionRunner runner = runner_with(false);
  expect_error(runner.run({"secret-get", "granted", "--peek", "--refresh"}), 2,
               "specify one of --peek or --refresh but not both");
}

TEST(SecretGet, SecretNotGrantedIsPermissionDenied) {
  SessionRunner runner = runner_with(true);
  expect_error(runner.run({"secret-get", "other"}), 1, "permission denied");
}

TEST(SecretGet, UnknownSecretIsNotFound) {
  SessionRunner runner = runner_with(true);
  expect_error(runner.run({"secret-get", "secret:nope"}), 1, "secret \"secret:nope\" not found");
  expect_error(runner.run({"secret-get", "--label", "nope"}), 1,
               "consumer label \"nope\" not found");
  expect_error(runner.run({"secret-get"}), 2, "require either a secret URI or label");
}

TEST(SecretGet, LabelFindsOwnerLabelsAndConsumerLabels) {
  State state = secrets_state(false);
  state.secrets[2].label = "db-creds";
  SessionRunner runner(state);
  EXPECT_EQ(runner.ok({"secret-get", "--label", "shared", "--format=json"}),
            "{\"token\":\"t3\"}\n");
  EXPECT_EQ(runner.ok({"secret-get", "--label", "db-creds", "--format=json"}),
            "{\"user\":\"old\"}\n");
}

TEST(SecretGet, IdAndLabelSetTheObserversLabel) {
  SessionRunner runner = runner_with(false);
  runner.ok({"secret-get", "granted", "--label", "creds"});
  EXPECT_EQ(secret_in(runner, "granted").label, "creds");
  EXPECT_EQ(runner.ok({"secret-get", "--label", "creds", "--format=json"}), "{\"user\":\"old\"}\n");
}

TEST(SecretGet, IdAndLabelUpdateTheOwnerLabelOnlyForAManager) {
  SessionRunner follower = runner_with(false);
  follower.ok({"secret-get", "app", "--label", "renamed"});
  EXPECT_EQ(secret_in(follower, "app").label, "shared");
  SessionRunner leader = runner_with(true);
  leader.ok({"secret-get", "app", "--label", "renamed"});
  EXPECT_EQ(secret_in(leader, "app").label, "renamed");
}

TEST(SecretGet, MissingTrackedRevisionIsNotFound) {
  State state = secrets_state(false);
  state.secrets[2].revision = 7;
  SessionRunner runner(state);
  expect_error(runner.run({"secret-get", "granted"}), 1, "secret \"granted\" revision 7 not found");
}

// --- secret-add ---------------------------------------------------------------------

TEST(SecretAdd, UnitSecretGetsAJujuLikeIdAndRevisionOne) {
  SessionRunner runner = runner_with(false);
  const std::string out =
      runner.ok({"secret-add", "--owner", "unit", "--label", "tls", "--description", "cert",
                 "--rotate", "monthly", "--expire", "2031-02-03T04:05:06+01:00", "cert=PEM"});
  ASSERT_EQ(out.size(), std::string("secret:").size() + 20 + 1);
  const std::string id = out.substr(0, out.size() - 1);
  EXPECT_TRUE(id.starts_with("secret:"));
  EXPECT_EQ(id.substr(7).find_first_not_of("0123456789abcdefghijklmnopqrstuv"), std::string::npos);
  const Secret& secret = secret_in(runner, id);
  EXPECT_EQ(secret.owner, SecretOwner::kUnit);
  EXPECT_EQ(secret.contents, (std::map<int, Databag>{{1, {{"cert", "PEM"}}}}));
  EXPECT_EQ(secret.revision, 1);
  EXPECT_EQ(secret.label, "tls");
  EXPECT_EQ(secret.description, "cert");
  EXPECT_EQ(secret.rotate, SecretRotate::kMonthly);
  EXPECT_EQ(secret.expire, "2031-02-03T03:05:06Z");
}

TEST(SecretAdd, IdsAreDeterministicAndUniqueInTheState) {
  SessionRunner first = runner_with(true);
  SessionRunner second = runner_with(true);
  const std::string a = first.ok({"secret-add", "k01=v"});
  EXPECT_EQ(second.ok({"secret-add", "k01=v"}), a);
  const std::string b = first.ok({"secret-add", "k01=v"});
  EXPECT_NE(a, b);
  // A State already holding the first id gets a different one.
  SessionRunner third(first.state());
  const std::string c = third.ok({"secret-add", "--owner", "unit", "k01=v"});
  EXPECT_NE(c, a);
  EXPECT_NE(c, b);
}

TEST(SecretAdd, AppSecretNeedsTheLeader) {
  SessionRunner runner = runner_with(false);
  expect_error(runner.run({"secret-add", "key=v"}), 1, "this unit is not the leader");
  expect_error(runner.run({"secret-add", "--owner", "application", "key=v"}), 1,
               "this unit is not the leader");
  EXPECT_EQ(runner.state().secrets.size(), 4u);
  SessionRunner leader = runner_with(true);
  const std::string id = leader.ok({"secret-add", "key=v"});
  EXPECT_EQ(secret_in(leader, id.substr(0, id.size() - 1)).owner, SecretOwner::kApp);
}

TEST(SecretAdd, ContentFormsAndTheirErrors) {
  SessionRunner runner = runner_with(true);
  const std::string path = ::testing::TempDir() + "secret_add_content.txt";
  std::ofstream(path) << "from a file";
  std::string id = runner.ok({"secret-add", "plain=a=b", "enc#base64=aGk=", "doc#file=" + path});
  id.pop_back();
  EXPECT_EQ(secret_in(runner, id).contents.at(1),
            (Databag{{"plain", "a=b"}, {"enc", "hi"}, {"doc", "from a file"}}));
  expect_error(runner.run({"secret-add"}), 2, "missing secret value or filename");
  expect_error(runner.run({"secret-add", "novalue"}), 2, "key value \"novalue\" not valid");
  expect_error(runner.run({"secret-add", "Bad=1"}), 2, "key \"Bad\" not valid");
  expect_error(runner.run({"secret-add", "ab=1"}), 2, "key \"ab\" not valid");
  // A file's content is taken as it is: `#base64` before `#file` stays in the key.
  expect_error(runner.run({"secret-add", "enc#base64#file=" + path}), 2,
               "key \"enc#base64\" not valid");
  expect_error(runner.run({"secret-add", "--owner", "model", "key=1"}), 2,
               "secret owner \"model\" not valid");
  expect_error(runner.run({"secret-add", "--rotate", "often", "key=1"}), 2,
               "rotate policy \"often\" not valid");
  expect_error(runner.run({"secret-add", "--expire", "soon", "key=1"}), 2,
               "expire time or duration \"soon\" not valid");
  expect_error(runner.run({"secret-add", "--expire", "-1h", "key=1"}), 2,
               "negative expire duration \"-1h\" not valid");
  // Past Go's int64 nanoseconds: refused rather than overflowing.
  expect_error(runner.run({"secret-add", "--expire", "2500000h", "key=1"}), 2,
               "expire duration \"2500000h\" not valid: too long");
}

TEST(SecretAdd, FileHoldsAYamlMappingOfKeys) {
  SessionRunner runner = runner_with(true);
  const std::string path = ::testing::TempDir() + "secret_add_values.yaml";
  std::ofstream(path) << "alpha: one\nbeta#base64: aGk=\n";
  std::string id = runner.ok({"secret-add", "--file", path, "gamma=three"});
  id.pop_back();
  EXPECT_EQ(secret_in(runner, id).contents.at(1),
            (Databag{{"alpha", "one"}, {"beta", "hi"}, {"gamma", "three"}}));
  // Juju reads the file in Init (exit 2): as JSON first, where Go's encoding/json takes
  // any character and reads a byte that is not UTF-8 as U+FFFD; else as YAML, whose
  // reader refuses both. No secret is made.
  const std::size_t secrets = runner.state().secrets.size();
  std::ofstream(path) << "alpha: caf\xe9 au lait\n";
  expect_error(runner.run({"secret-add", "--file", path}), 2, "yaml: invalid trailing UTF-8 octet");
  std::ofstream(path) << "alpha: \x7f\n";
  expect_error(runner.run({"secret-add", "--file", path}), 2,
               "yaml: control characters are not allowed");
  expect_error(runner.run({"secret-add", "--file", path + ".missing"}), 2,
               "open " + path + ".missing: no such file or directory");
  EXPECT_EQ(runner.state().secrets.size(), secrets);
  std::ofstream(path) << "{\"alpha\": \"caf\xe9\", \"beta\": \"a\x7f\xc2\x80"
                         "b\"}";
  id = runner.ok({"secret-add", "--file", path});
  id.pop_back();
  EXPECT_EQ(secret_in(runner, id).contents.at(1), (Databag{{"alpha", "caf\xef\xbf\xbd"},
                                                           {"beta",
                                                            "a\x7f\xc2\x80"
                                                            "b"}}));
}

TEST(SecretAdd, ExpiryFormsBecomeUtc) {
  SessionRunner runner = runner_with(true);
  auto expiry_of = [&](const std::string& expire) {
    std::string id = runner.ok({"secret-add", "--expire", expire, "key=v"});
    id.pop_back();
    return secret_in(runner, id).expire.value_or("");
  };
  EXPECT_EQ(expiry_of("2030-05-06T07:08:09"), "2030-05-06T07:08:09Z");
  EXPECT_EQ(expiry_of("2030-05-06T07:08:09.250000"), "2030-05-06T07:08:09.25Z");
  EXPECT_EQ(expiry_of("2030-01-01T00:30:00+01:00"), "2029-12-31T23:30:00Z");
  const std::string later = expiry_of("24h");
  EXPECT_EQ(later.size() >= 20 && later.back() == 'Z', true) << later;
}

TEST(SecretAdd, OwnerLabelsAreUnique) {
  SessionRunner runner = runner_with(true);
  expect_error(runner.run({"secret-add", "--label", "shared", "key=v"}), 1,
               "secret with label \"shared\" already exists");
}

// --- secret-set ---------------------------------------------------------------------

TEST(SecretSet, ContentMakesOneNewRevisionPerHook) {
  SessionRunner runner = runner_with(false);
  runner.ok({"secret-set", "secret:unit0000000000000000", "key=three"});
  runner.ok({"secret-set", "secret:unit0000000000000000", "key=four"});
  const Secret& secret = secret_in(runner, "secret:unit0000000000000000");
  EXPECT_EQ(secret.contents.size(), 3u);
  EXPECT_EQ(secret.contents.at(3), (Databag{{"key", "four"}}));
  EXPECT_EQ(secret.revision, 3);
}

TEST(SecretSet, FileIsReadAsJsonOrYaml) {
  SessionRunner runner = runner_with(false);
  const std::string path = ::testing::TempDir() + "secret_set_values.json";
  std::ofstream(path) << "{\"key\": \"five\", \"num\": 1.50}";  // kept as written
  runner.ok({"secret-set", "secret:unit0000000000000000", "--file", path});
  EXPECT_EQ(secret_in(runner, "secret:unit0000000000000000").contents.at(3),
            (Databag{{"key", "five"}, {"num", "1.50"}}));
  std::ofstream(path) << "key: \xff\n";
  expect_error(runner.run({"secret-set", "secret:unit0000000000000000", "--file", path}), 2,
               "yaml: invalid leading UTF-8 octet");
}

// Go's encoding/json takes only an object of strings (null too) into Juju's map of
// strings; anything else is read as YAML, by go-yaml's reader first.
TEST(SecretAdd, FileThatIsNotAJsonObjectOfStringsIsReadAsYaml) {
  SessionRunner runner = runner_with(true);
  const std::string path = ::testing::TempDir() + "secret_add_mixed.json";
  const auto refused = [&](const std::string& text, const std::string& message) {
    SCOPED_TRACE(::testing::PrintToString(text));
    std::ofstream(path) << text;
    expect_error(runner.run({"secret-add", "--file", path}), 2, message);
  };
  refused("{\"abc\": \"\xff\", \"num\": 1}", "yaml: invalid leading UTF-8 octet");
  refused("{\"abc\": \"\xc2\x80\", \"flag\": true}", "yaml: control characters are not allowed");
  refused("\xef\xbb\xbf{\"abc\": \"\xc2\x80\"}", "yaml: control characters are not allowed");
  refused("{\"abc\": {\"x\": \"y\"}}",
          "yaml: unmarshal errors:\n  line 1: cannot unmarshal !!map into string");
  // The file's keys are keys: no `=` splitting, no #file.
  refused("{\"abc=def\": \"x\"}", "key \"abc=def\" not valid");
  refused("{\"doc#file\": \"/etc/hostname\"}", "key \"doc#file\" not valid");
  // Line breaks in a base64 value are skipped, as Go's decoder skips them.
  std::ofstream(path) << "abc#base64: |\n  aGVsbG8g\n  d29ybGQ=\n";
  std::string wrapped = runner.ok({"secret-add", "--file", path});
  wrapped.pop_back();
  EXPECT_EQ(secret_in(runner, wrapped).contents.at(1), (Databag{{"abc", "hello world"}}));
  std::ofstream(path) << "{\"abc\": \"\", \"def\": \"==\", \"ghi#base64\": \"aGk=\"}";
  std::string id = runner.ok({"secret-add", "--file", path});
  id.pop_back();
  EXPECT_EQ(secret_in(runner, id).contents.at(1),
            (Databag{{"abc", ""}, {"def", "=="}, {"ghi", "hi"}}));
}

TEST(SecretSet, MetadataOnlyChangesNoRevision) {
  SessionRunner runner = runner_with(true);
  runner.ok({"secret-set", "app", "--label", "renamed", "--description", "d", "--rotate", "hourly",
             "--expire", "2040-01-01T00:00:00Z", "--owner", "application"});
  const Secret& secret = secret_in(runner, "app");
  EXPECT_EQ(secret.contents.size(), 1u);
  EXPECT_EQ(secret.label, "renamed");
  EXPECT_EQ(secret.description, "d");
  EXPECT_EQ(secret.rotate, SecretRotate::kHourly);
  EXPECT_EQ(secret.expire, "2040-01-01T00:00:00Z");
}

TEST(SecretSet, IdenticalContentMakesNoRevisionFromJuju36) {
  SessionRunner old_juju = runner_with(true, "3.5.4");
  old_juju.ok({"secret-set", "app", "token=t3"});
  EXPECT_EQ(secret_in(old_juju, "app").contents.size(), 2u);
  SessionRunner new_juju = runner_with(true, "3.6.0");
  new_juju.ok({"secret-set", "app", "token=t3"});
  EXPECT_EQ(secret_in(new_juju, "app").contents.size(), 1u);
  new_juju.ok({"secret-set", "app", "token=t4"});
  EXPECT_EQ(secret_in(new_juju, "app").contents.at(4), (Databag{{"token", "t4"}}));
}

TEST(SecretSet, SecondSetAfterAddReplacesTheFirstRevision) {
  SessionRunner runner = runner_with(true);
  std::string id = runner.ok({"secret-add", "key=one"});
  id.pop_back();
  runner.ok({"secret-set", id, "key=two"});
  EXPECT_EQ(secret_in(runner, id).contents, (std::map<int, Databag>{{1, {{"key", "two"}}}}));
}

TEST(SecretSet, OnlyManagersMaySet) {
  SessionRunner runner = runner_with(false);
  expect_error(runner.run({"secret-set", "app", "token=x"}), 1, "this unit is not the leader");
  expect_error(runner.run({"secret-set", "granted", "user=x"}), 1, "permission denied");
  expect_error(runner.run({"secret-set", "nope", "user=x"}), 1, "secret \"nope\" not found");
  expect_error(runner.run({"secret-set"}), 2, "missing secret URI");
  EXPECT_EQ(runner.state(), secrets_state(false));
}

// --- secret-remove ------------------------------------------------------------------

TEST(SecretRemove, OneRevisionIsRemovedAndRecorded) {
  SessionRunner runner = runner_with(false);
  runner.ok({"secret-remove", "secret:unit0000000000000000", "--revision", "2"});
  EXPECT_EQ(secret_in(runner, "secret:unit0000000000000000").contents.size(), 1u);
  EXPECT_EQ(secret_in(runner, "secret:unit0000000000000000").revision, 1);
  runner.ok({"secret-remove", "secret:unit0000000000000000", "--revision", "1"});
  EXPECT_EQ(runner.state().find_secret("secret:unit0000000000000000"), nullptr);
  EXPECT_EQ(runner.records().removed_secret_revisions,
            (std::vector<RemovedSecretRevision>{{"secret:unit0000000000000000", 2},
                                                {"secret:unit0000000000000000", 1}}));
  SessionRunner other = runner_with(false);
  expect_error(other.run({"secret-remove", "secret:unit0000000000000000", "--revision", "5"}), 1,
               "secret \"unit0000000000000000\" revision 5 not found");
}

TEST(SecretRemove, WithoutRevisionTheSecretGoes) {
  SessionRunner runner = runner_with(true);
  runner.ok({"secret-remove", "app"});
  EXPECT_EQ(runner.state().find_secret("app"), nullptr);
  EXPECT_EQ(runner.records().removed_secret_revisions,
            (std::vector<RemovedSecretRevision>{{"app", 3}}));
}

TEST(SecretRemove, OnlyManagersMayRemove) {
  SessionRunner runner = runner_with(false);
  expect_error(runner.run({"secret-remove", "app"}), 1, "this unit is not the leader");
  expect_error(runner.run({"secret-remove", "granted"}), 1, "permission denied");
  expect_error(runner.run({"secret-remove", "app", "--revision", "x"}), 2,
               "invalid value \"x\" for option --revision: strconv.ParseInt: parsing \"x\": "
               "invalid syntax");
  EXPECT_TRUE(runner.records().removed_secret_revisions.empty());
}

// --- secret-grant / secret-revoke -----------------------------------------------------

TEST(SecretGrant, GrantsAreRecordedPerRelation) {
  SessionRunner runner = runner_with(true);
  runner.ok({"secret-grant", "app", "-r", "1"});
  runner.ok({"secret-grant", "--relation", "db:1", "--unit", "mysql/1", "app"});
  runner.ok({"secret-grant", "secret:unit0000000000000000", "-r", "2", "--unit", "myapp/1"});
  EXPECT_EQ(secret_in(runner, "app").remote_grants,
            (std::map<int, std::set<std::string>>{{1, {"mysql"}}}));
  EXPECT_EQ(secret_in(runner, "secret:unit0000000000000000").remote_grants,
            (std::map<int, std::set<std::string>>{{2, {"myapp/1"}}}));
}

TEST(SecretGrant, AppGrantAfterUnitGrantsIsRefused) {
  SessionRunner runner = runner_with(true);
  runner.ok({"secret-grant", "app", "-r", "1", "--unit", "mysql/0"});
  expect_error(runner.run({"secret-grant", "app", "-r", "1"}), 1,
               "any unit level grants need to be revoked before granting access to the "
               "corresponding application");
}

TEST(SecretGrant, ArgumentsAndPermissions) {
  SessionRunner runner = runner_with(false);
  expect_error(runner.run({"secret-grant", "app"}), 2, "no relation id specified");
  expect_error(runner.run({"secret-grant", "app", "-r", "9"}), 2,
               "invalid value \"9\" for option -r: relation not found");
  expect_error(runner.run({"secret-grant", "app", "-r", "1", "--unit", "wordpress/0"}), 2,
               "cannot specify unit \"wordpress/0\" in relation to application \"mysql\"");
  expect_error(runner.run({"secret-grant", "app", "-r", "1", "--unit", "mysql"}), 2,
               "unit \"mysql\" not valid");
  // Juju grants only on secrets in the unit's metadata: an app secret's for the leader.
  expect_error(runner.run({"secret-grant", "app", "-r", "1"}), 1, "secret \"app\" not found");
  expect_error(runner.run({"secret-grant", "granted", "-r", "1"}), 1,
               "secret \"granted\" not found");
}

TEST(SecretGrant, DefaultsToTheHookRelation) {
  SessionConfig config = SessionRunner::default_config();
  SessionRunner runner(secrets_state(true), relation_event("db", 1, "changed", 0), config);
  runner.ok({"secret-grant", "app"});
  EXPECT_EQ(secret_in(runner, "app").remote_grants,
            (std::map<int, std::set<std::string>>{{1, {"mysql"}}}));
  runner.ok({"secret-revoke", "app"});
  EXPECT_TRUE(secret_in(runner, "app").remote_grants.empty());
}

TEST(SecretRevoke, RevokesTheRelationsAppOrOneUnit) {
  State state = secrets_state(true);
  state.secrets[1].remote_grants = {{1, {"mysql", "mysql/1"}}};
  SessionRunner runner(state);
  runner.ok({"secret-revoke", "app", "--relation", "1", "--unit", "mysql/1"});
  EXPECT_EQ(secret_in(runner, "app").remote_grants,
            (std::map<int, std::set<std::string>>{{1, {"mysql"}}}));
  runner.ok({"secret-revoke", "app", "--app", "mysql"});
  EXPECT_TRUE(secret_in(runner, "app").remote_grants.empty());
}

TEST(SecretRevoke, ArgumentsAndPermissions) {
  SessionRunner runner = runner_with(false);
  expect_error(runner.run({"secret-revoke", "app"}), 2, "missing relation or application or unit");
  expect_error(runner.run({"secret-revoke", "app", "--app", "a", "--unit", "a/0"}), 2,
               "specify only one of application or unit");
  expect_error(runner.run({"secret-revoke", "app", "-r", "1", "--application", "a"}), 2,
               "do not specify both relation and app");
  expect_error(runner.run({"secret-revoke", "app", "-r", "1"}), 1, "this unit is not the leader");
  expect_error(runner.run({"secret-revoke", "granted", "-r", "1"}), 1, "permission denied");
}

// --- secret-ids / secret-info-get ---------------------------------------------------

TEST(SecretIds, ListsTheSecretsTheUnitManages) {
  EXPECT_EQ(runner_with(false).ok({"secret-ids"}), "unit0000000000000000\n");
  EXPECT_EQ(runner_with(true).ok({"secret-ids", "--format=json"}),
            "[\"app\",\"unit0000000000000000\"]\n");
}

TEST(SecretInfoGet, PrintsJujusMetadataKeyedByBareId) {
  SessionRunner runner = runner_with(true);
  // metadataDisplay is a struct: its fields in declaration order.
  EXPECT_EQ(runner.ok({"secret-info-get", "--format=json", "app"}),
            "{\"app\":{\"revision\":3,\"label\":\"shared\",\"owner\":\"application\","
            "\"description\":\"an app secret\",\"rotation\":\"daily\",\"expiry\":"
            "\"2030-01-01T00:00:00Z\"}}\n");
  EXPECT_EQ(runner.ok({"secret-info-get", "--label", "mine", "--format=json"}),
            "{\"unit0000000000000000\":{\"revision\":2,\"label\":\"mine\",\"owner\":\"unit\"}}\n");
  // A time.Time, so yaml.v2 writes the expiry plain where a string would be quoted.
  EXPECT_EQ(runner.ok({"secret-info-get", "app"}),
            "app:\n  revision: 3\n  label: shared\n  owner: application\n"
            "  description: an app secret\n  rotation: daily\n  expiry: 2030-01-01T00:00:00Z\n");
}

TEST(SecretInfoGet, OthersSecretsAreNotFound) {
  SessionRunner runner = runner_with(false);
  expect_error(runner.run({"secret-info-get", "app"}), 1, "secret \"app\" not found");
  expect_error(runner.run({"secret-info-get", "granted"}), 1, "secret \"granted\" not found");
  expect_error(runner.run({"secret-info-get", "--label", "x"}), 1, "secret \"x\" not found");
  expect_error(runner.run({"secret-info-get", "app", "--label", "x"}), 2,
               "specify either a secret URI or label but not both");
  expect_error(runner.run({"secret-info-get"}), 2, "require either a secret URI or label");
}

}  // namespace
}  // namespace scenario::testing
