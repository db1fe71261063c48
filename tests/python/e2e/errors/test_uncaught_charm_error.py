# SPDX-License-Identifier: Apache-2.0
"""A charm that raises: UncaughtCharmError, caused by the charm's own exception."""

from __future__ import annotations

import traceback

import ops
import pytest
import scenario
from scenario import Context, State, UncaughtCharmError


class CharmSpecificError(Exception):
    pass


class RaisingCharm(ops.CharmBase):
    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.start, self._on_start)
        framework.observe(self.on.explode_action, self._on_explode)

    def _on_start(self, _):
        self._helper_that_raises("start failed")

    def _on_explode(self, event: ops.ActionEvent):
        event.log("about to explode")
        self._helper_that_raises("action failed")

    def _helper_that_raises(self, message: str):
        raise CharmSpecificError(message)


class RaisingInInit(ops.CharmBase):
    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        raise KeyError("in __init__")


def _frames(exc: BaseException) -> list[str]:
    return [frame.name for frame in traceback.extract_tb(exc.__traceback__)]


def test_run_raises_uncaught_charm_error_caused_by_the_charm_error():
    ctx = Context(RaisingCharm, meta={"name": "foo"}, actions={"explode": {}})
    with pytest.raises(UncaughtCharmError) as exc_info:
        ctx.run("start", State())
    error = exc_info.value
    assert isinstance(error, scenario.ScenarioRuntimeError)
    assert isinstance(error, RuntimeError)
    cause = error.__cause__
    assert isinstance(cause, CharmSpecificError)
    assert str(cause) == "start failed"
    # the original traceback is kept: it reaches into the charm's handler
    frames = _frames(cause)
    assert "_on_start" in frames
    assert frames[-1] == "_helper_that_raises"
    files = [frame.filename for frame in traceback.extract_tb(cause.__traceback__)]
    assert __file__ in files


def test_run_action_raises_uncaught_charm_error_caused_by_the_charm_error():
    ctx = Context(RaisingCharm, meta={"name": "foo"}, actions={"explode": {}})
    with pytest.raises(UncaughtCharmError) as exc_info:
        ctx.run_action("explode", State())
    cause = exc_info.value.__cause__
    assert isinstance(cause, CharmSpecificError)
    assert str(cause) == "action failed"
    frames = _frames(cause)
    assert "_on_explode" in frames
    assert frames[-1] == "_helper_that_raises"


def test_error_in_charm_init():
    with pytest.raises(UncaughtCharmError) as exc_info:
        Context(RaisingInInit, meta={"name": "foo"}).run("start", State())
    assert isinstance(exc_info.value.__cause__, KeyError)
    assert "__init__" in _frames(exc_info.value.__cause__)


def test_error_raised_by_manager_run():
    ctx = Context(RaisingCharm, meta={"name": "foo"}, actions={"explode": {}})
    with pytest.raises(UncaughtCharmError) as exc_info:
        with ctx.manager("start", State()) as manager:
            manager.run()
    assert isinstance(exc_info.value.__cause__, CharmSpecificError)


def test_error_message_names_the_event_and_the_exception():
    ctx = Context(RaisingCharm, meta={"name": "foo"}, actions={"explode": {}})
    with pytest.raises(UncaughtCharmError) as exc_info:
        ctx.run("start", State())
    message = str(exc_info.value)
    assert "start" in message
    assert "CharmSpecificError" in message


def test_context_is_usable_after_a_charm_error():
    ctx = Context(RaisingCharm, meta={"name": "foo"}, actions={"explode": {}})
    with pytest.raises(UncaughtCharmError):
        ctx.run("start", State())
    out = ctx.run("update-status", State(leader=True))
    assert out.leader is True
