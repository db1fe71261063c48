# SPDX-License-Identifier: Apache-2.0
"""``Context.juju_log``: what the charm logged through juju-log, with its level."""

from __future__ import annotations

import json
import logging

import ops
import pytest
from scenario import Context, State
from scenario.state import JujuLogLine

logger = logging.getLogger("test.charm")


class LoggingCharm(ops.CharmBase):
    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.start, self._on_start)

    def _on_start(self, _):
        logger.debug("a debug line")
        logger.info("an info line")
        logger.warning("a warning line")
        logger.error("an error line")


def test_juju_log_records_levels_and_messages():
    ctx = Context(LoggingCharm, meta={"name": "foo"})
    ctx.run("start", State())
    lines = [(line.level, line.message) for line in ctx.juju_log]
    expected = [
        ("DEBUG", "a debug line"),
        ("INFO", "an info line"),
        ("WARNING", "a warning line"),
        ("ERROR", "an error line"),
    ]
    # ops logs its own lines too ("Emitting Juju event start."); ours come in order
    ours = [line for line in lines if line in expected]
    assert ours == expected
    assert all(isinstance(line, JujuLogLine) for line in ctx.juju_log)
    assert any("start" in message for _, message in lines if "Emitting" in message)


def test_juju_log_accumulates_across_runs():
    ctx = Context(LoggingCharm, meta={"name": "foo"})
    ctx.run("start", State())
    ctx.run("start", State())
    assert [line.message for line in ctx.juju_log].count("a warning line") == 2


def test_each_context_has_its_own_log():
    ctx1 = Context(LoggingCharm, meta={"name": "foo"})
    ctx2 = Context(LoggingCharm, meta={"name": "foo"})
    ctx1.run("start", State())
    assert ctx2.juju_log == []
    ctx2.run("update-status", State())
    assert "a warning line" not in [line.message for line in ctx2.juju_log]


class RefusedCharm(ops.CharmBase):
    """Tries to add an application secret, which Juju refuses a unit that does not lead."""

    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.start, self._on_start)

    def _on_start(self, _):
        try:
            self.app.add_secret({"key": "value"})
        except ops.ModelError:
            pass


def _security_events(ctx: Context) -> list[dict]:
    return [
        json.loads(line.message)
        for line in ctx.juju_log
        if line.level == "TRACE" and '"type": "security"' in line.message
    ]


@pytest.mark.skipif(
    not hasattr(ops.log, "_log_security_event"), reason="ops logs security events from 3.3"
)
def test_each_run_logs_its_security_events_as_its_own_unit():
    # ops remembers the first juju-log handler it logs a security event through, for
    # the whole process; every run here is a dispatch of its own, of its own unit.
    first = Context(RefusedCharm, meta={"name": "first"})
    first.run("start", State(leader=False))
    second = Context(RefusedCharm, meta={"name": "second"})
    second.run("start", State(leader=False, unit_id=3))
    assert [e["event"] for e in _security_events(first)] == ["authz_fail:secret-add"]
    [event] = _security_events(second)
    assert event["appid"].endswith("-second/3")
    assert _security_events(first)[0]["appid"].endswith("-first/0")


def test_a_run_inside_another_logs_only_through_its_own_handler():
    # The outer run's juju-log handler stays on the root logger during its manager
    # block; the inner run's lines must reach the inner Context once, as the inner unit.
    outer = Context(RefusedCharm, meta={"name": "outer"})
    inner = Context(LoggingCharm, meta={"name": "inner"})
    with outer.manager("start", State(leader=False)) as mgr:
        inner.run("start", State())
        mgr.run()
    messages = [line.message for line in inner.juju_log]
    assert messages.count("an info line") == 1
    assert messages.count("Emitting Juju event start.") == 1
    assert not [line for line in outer.juju_log if line.message == "an info line"]


@pytest.mark.skipif(
    not hasattr(ops.log, "_log_security_event"), reason="ops logs security events from 3.3"
)
def test_a_run_inside_another_logs_its_security_events_as_its_own_unit():
    outer = Context(LoggingCharm, meta={"name": "outer"})
    inner = Context(RefusedCharm, meta={"name": "inner"})
    with outer.manager("start", State()) as mgr:
        inner.run("start", State(leader=False, unit_id=2))
        mgr.run()
    [event] = _security_events(inner)
    assert event["appid"].endswith("-inner/2")
    assert _security_events(outer) == []
