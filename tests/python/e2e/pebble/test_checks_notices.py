# SPDX-License-Identifier: Apache-2.0
"""Pebble health checks and notices: their state in the container, and the
custom-notice, check-failed and check-recovered events.
"""

from __future__ import annotations

import datetime

import ops
import pytest
from ops import pebble
from scenario import CheckInfo, Container, Context, Notice, State
from scenario.errors import InconsistentScenarioError, InvalidEventError

META = {"name": "app", "containers": {"web": {}}}

CHECK_LAYER = pebble.Layer(
    {
        "checks": {
            "http": {
                "override": "replace",
                "level": "alive",
                "threshold": 5,
                "http": {"url": "http://localhost/health"},
            }
        }
    }
)

SEEN: dict[str, object] = {}

HAS_CHECK_EVENTS = hasattr(ops, "PebbleCheckFailedEvent")

JUJU = "3.6"
"""Check events need Juju 3.6, custom-notice events 3.4."""


@pytest.fixture(autouse=True)
def _clear_seen():
    SEEN.clear()


class Charm(ops.CharmBase):
    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.web_pebble_custom_notice, self._on_notice)
        if HAS_CHECK_EVENTS:
            framework.observe(self.on.web_pebble_check_failed, self._on_check)
            framework.observe(self.on.web_pebble_check_recovered, self._on_check)

    def _on_notice(self, event: ops.PebbleCustomNoticeEvent) -> None:
        SEEN["notice"] = (event.notice.id, event.notice.type, event.notice.key)
        SEEN["last_data"] = event.notice.last_data
        SEEN["occurrences"] = event.notice.occurrences

    def _on_check(self, event: ops.EventBase) -> None:
        info = event.info  # type: ignore[attr-defined]
        SEEN["check"] = (info.name, info.status, info.failures, info.threshold)


def test_check_infos_are_what_pebble_reports():
    container = Container(
        "web",
        can_connect=True,
        layers={"base": CHECK_LAYER},
        check_infos=frozenset(
            {CheckInfo("http", status=pebble.CheckStatus.DOWN, failures=5, threshold=5)}
        ),
    )
    with Context(ops.CharmBase, meta=META).manager("start", State(containers=[container])) as mgr:
        checks = mgr.charm.unit.get_container("web").get_checks()
        assert checks["http"].status == pebble.CheckStatus.DOWN
        assert checks["http"].failures == 5
        assert checks["http"].level == pebble.CheckLevel.ALIVE


def test_custom_notice_event_carries_the_notice():
    notice = Notice(
        key="example.com/db-ready",
        last_data={"host": "db"},
        occurrences=2,
        first_occurred=datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc),
    )
    container = Container("web", can_connect=True, notices=[notice])
    Context(Charm, meta=META, juju_version=JUJU).run(
        container.custom_notice_event(notice), State(containers=[container])
    )
    assert SEEN["notice"] == ("1", pebble.NoticeType.CUSTOM, "example.com/db-ready")
    assert SEEN["last_data"] == {"host": "db"}
    assert SEEN["occurrences"] == 2


def test_notice_ids_are_numbered_after_the_given_ones():
    first = Notice(key="a.com/x", id="7")
    second = Notice(key="a.com/y")
    container = Container("web", can_connect=True, notices=[first, second])
    Context(Charm, meta=META, juju_version=JUJU).run(
        container.custom_notice_event(second), State(containers=[container])
    )
    assert SEEN["notice"] == ("8", pebble.NoticeType.CUSTOM, "a.com/y")


def test_notices_round_trip_unchanged():
    notice = Notice(key="a.com/x", last_data={"k": "v"})
    container = Container("web", can_connect=True, notices=[notice])
    out = Context(ops.CharmBase, meta=META).run("update-status", State(containers=[container]))
    out_notices = out.get_container("web").notices
    assert [n.key for n in out_notices] == ["a.com/x"]
    assert out_notices[0].last_data == {"k": "v"}


def test_get_notice_and_get_check_info_helpers():
    notice = Notice(key="a.com/x")
    info = CheckInfo("http")
    container = Container("web", notices=[notice], check_infos=frozenset({info}))
    assert container.get_notice("a.com/x") is notice
    assert container.get_check_info("http") is info
    with pytest.raises(KeyError):
        container.get_notice("a.com/zzz")
    with pytest.raises(KeyError):
        container.get_check_info("tcp")


def test_custom_notice_event_for_an_unknown_notice_is_inconsistent():
    container = Container("web", can_connect=True)
    event = container.custom_notice_event(Notice(key="a.com/x", id="42"))
    with pytest.raises(InconsistentScenarioError) as info:
        Context(Charm, meta=META, juju_version=JUJU).run(event, State(containers=[container]))
    assert "notice id '42'" in str(info.value)


@pytest.mark.skipif(not HAS_CHECK_EVENTS, reason="check events need ops 2.15 or later")
@pytest.mark.parametrize("kind", ["failed", "recovered"])
def test_check_events_carry_the_check(kind: str):
    info = CheckInfo(
        "http",
        status=pebble.CheckStatus.DOWN if kind == "failed" else pebble.CheckStatus.UP,
        failures=5 if kind == "failed" else 0,
        threshold=5,
    )
    container = Container(
        "web", can_connect=True, layers={"base": CHECK_LAYER}, check_infos=frozenset({info})
    )
    event = getattr(container, f"check_{kind}_event")(info)
    Context(Charm, meta=META, juju_version=JUJU).run(event, State(containers=[container]))
    assert SEEN["check"] == ("http", info.status, info.failures, 5)


@pytest.mark.skipif(HAS_CHECK_EVENTS, reason="ops 2.15 and later have check events")
def test_check_events_on_an_older_ops_say_so():
    container = Container("web", can_connect=True, layers={"base": CHECK_LAYER})
    with pytest.raises(InvalidEventError) as info:
        Context(ops.CharmBase, meta=META, juju_version=JUJU).run(
            container.check_failed_event("http"), State(containers=[container])
        )
    assert "ops 2.15" in str(info.value)


def test_a_check_in_the_layers_but_not_in_check_infos_is_up():
    container = Container("web", can_connect=True, layers={"base": CHECK_LAYER})
    with Context(ops.CharmBase, meta=META).manager("start", State(containers=[container])) as mgr:
        check = mgr.charm.unit.get_container("web").get_check("http")
        assert check.status == pebble.CheckStatus.UP
        assert check.failures == 0


def test_notices_the_charm_records_are_in_the_output():
    container = Container("web", can_connect=True, notices=[Notice(key="a.com/old")])
    with Context(ops.CharmBase, meta=META).manager("start", State(containers=[container])) as mgr:
        mgr.charm.unit.get_container("web").pebble.notify(
            pebble.NoticeType.CUSTOM, "a.com/new", data={"k": "v"}
        )
    assert mgr.output is not None
    notices = mgr.output.get_container("web").notices
    assert [n.key for n in notices] == ["a.com/old", "a.com/new"]
    # The unchanged notice is the input's object; the new one is numbered after it.
    assert notices[0] is container.notices[0]
    assert notices[1].id == "2"
    assert notices[1].last_data == {"k": "v"}


def test_every_notice_and_check_field_passes_through_a_run():
    when = datetime.datetime(2024, 5, 6, 7, 8, 9, tzinfo=datetime.timezone.utc)
    notice = Notice(
        key="a.com/x",
        id="3",
        user_id=1000,
        first_occurred=when,
        last_occurred=when,
        last_repeated=when,
        occurrences=4,
        last_data={"a": "b"},
        repeat_after=datetime.timedelta(minutes=5),
        expire_after=datetime.timedelta(days=1),
    )
    info = CheckInfo(
        "http",
        level=pebble.CheckLevel.READY,
        status=pebble.CheckStatus.DOWN,
        failures=2,
        threshold=2,
    )
    container = Container("web", notices=[notice], check_infos=frozenset({info}))
    out = Context(ops.CharmBase, meta=META).run("update-status", State(containers=[container]))
    assert out.get_container("web") == container
    out_notice = out.get_container("web").notices[0]
    assert out_notice is notice


def test_an_engine_changed_notice_is_read_back_with_its_types():
    container = Container("web", can_connect=True)
    with Context(ops.CharmBase, meta=META).manager("start", State(containers=[container])) as mgr:
        mgr.charm.unit.get_container("web").pebble.notify(
            pebble.NoticeType.CUSTOM, "a.com/new", repeat_after=datetime.timedelta(seconds=30)
        )
    assert mgr.output is not None
    notice = mgr.output.get_container("web").notices[0]
    assert notice.type == pebble.NoticeType.CUSTOM
    assert notice.repeat_after == datetime.timedelta(seconds=30)
    assert isinstance(notice.first_occurred, datetime.datetime)
    assert notice.first_occurred.tzinfo is not None
