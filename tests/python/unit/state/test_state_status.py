# SPDX-License-Identifier: Apache-2.0
"""State statuses behave like the ops statuses they were built from."""

from __future__ import annotations

import copy
import dataclasses
import logging
import pickle

import ops
import pytest
from scenario.state import State, _EntityStatus, _status_to_entitystatus

ALL_STATUSES = [
    ops.ActiveStatus("running"),
    ops.BlockedStatus("need config"),
    ops.MaintenanceStatus("installing"),
    ops.WaitingStatus("for db"),
    ops.UnknownStatus(),
    ops.ErrorStatus("oops"),
]


@pytest.mark.parametrize("status", ALL_STATUSES, ids=lambda s: s.name)
def test_status_equals_the_ops_status(status):
    state = State(unit_status=status, app_status=status)
    assert state.unit_status == status
    assert status == state.unit_status
    assert state.app_status == status
    assert isinstance(state.unit_status, type(status))
    assert isinstance(state.unit_status, ops.StatusBase)
    assert state.unit_status.name == status.name
    assert state.unit_status.message == status.message


@pytest.mark.parametrize("status", ALL_STATUSES, ids=lambda s: s.name)
def test_status_repr(status):
    assert repr(State(unit_status=status).unit_status) == repr(status)


def test_repr_examples():
    assert repr(State(unit_status=ops.ActiveStatus("foo")).unit_status) == "ActiveStatus('foo')"
    assert repr(State().unit_status) == "UnknownStatus()"


def test_default_status_is_unknown():
    state = State()
    assert state.unit_status == ops.UnknownStatus()
    assert isinstance(state.app_status, ops.UnknownStatus)


def test_different_statuses_differ():
    state = State(unit_status=ops.ActiveStatus("a"))
    assert state.unit_status != ops.ActiveStatus("b")
    assert state.unit_status != ops.BlockedStatus("a")
    assert not isinstance(state.unit_status, ops.BlockedStatus)


def test_compare_with_a_tuple(caplog):
    state = State(unit_status=ops.BlockedStatus("no"))
    with caplog.at_level(logging.WARNING, logger="scenario"):
        assert state.unit_status == ("blocked", "no")
    assert "deprecated" in caplog.text


def test_iterates_as_name_and_message():
    name, message = State(unit_status=ops.WaitingStatus("db")).unit_status
    assert (name, message) == ("waiting", "db")


def test_status_is_hashable_and_frozen():
    status = State(unit_status=ops.ActiveStatus("x")).unit_status
    assert hash(status) == hash(_status_to_entitystatus(ops.ActiveStatus("x")))
    with pytest.raises(dataclasses.FrozenInstanceError):
        status.message = "y"  # type: ignore[misc]  # the point of the test


def test_status_survives_copy_and_pickle():
    status = State(unit_status=ops.MaintenanceStatus("m")).unit_status
    for other in (copy.deepcopy(status), pickle.loads(pickle.dumps(status))):
        assert other == status
        assert isinstance(other, ops.MaintenanceStatus)


def test_plain_entity_status_is_accepted():
    state = State(unit_status=_EntityStatus("active", "hi"))
    assert isinstance(state.unit_status, ops.ActiveStatus)
    assert state.unit_status == ops.ActiveStatus("hi")


def test_ops_status_registry_is_untouched():
    State(unit_status=ops.ActiveStatus("x"))
    assert type(ops.StatusBase.from_name("active", "y")) is ops.ActiveStatus
    assert type(ops.StatusBase.from_name("blocked", "y")) is ops.BlockedStatus


def test_invalid_status_type():
    with pytest.raises(TypeError):
        State(unit_status="active")  # type: ignore[arg-type]  # the point of the test


def test_with_unit_status():
    state = State().with_unit_status(ops.BlockedStatus("b"))
    assert state.unit_status == ops.BlockedStatus("b")
    assert isinstance(state.unit_status, ops.BlockedStatus)


def test_replace_status():
    state = State().replace(app_status=ops.ActiveStatus("ok"))
    assert isinstance(state.app_status, ops.ActiveStatus)
