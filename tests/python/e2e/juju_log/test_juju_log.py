# SPDX-License-Identifier: Apache-2.0
"""``Context.juju_log``: what the charm logged through juju-log, with its level."""

from __future__ import annotations

import logging

import ops
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
