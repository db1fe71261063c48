# SPDX-License-Identifier: Apache-2.0
"""tests/python/unit/state/test_state_doc_collector.py: the garbage collector around
State conversions: paused while they run, as it was once they are done."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import ops
import pytest
from scenario import Context, _doc
from scenario.state import Relation, State

META = {"name": "collector", "requires": {"db": {"interface": "db"}}}


class _Charm(ops.CharmBase):
    def __init__(self, framework: ops.Framework) -> None:
        super().__init__(framework)
        framework.observe(self.on.update_status, self._on_update_status)

    def _on_update_status(self, _: ops.EventBase) -> None:
        relation = self.model.get_relation("db")
        assert relation is not None
        relation.data[self.unit]["seen"] = "yes"


@pytest.fixture
def collector_enabled() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.enable()
    yield
    if not was_enabled:
        gc.disable()


def _state() -> State:
    return State(relations=[Relation("db", remote_app_data={"k": "v"})])


def test_conversions_run_with_the_collector_paused(
    collector_enabled: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[str, bool]] = []
    to_doc, from_doc = _doc.state_to_doc, _doc.state_from_doc

    def spy_to_doc(state: State) -> _doc.Doc:
        seen.append(("to", gc.isenabled()))
        return to_doc(state)

    def spy_from_doc(*args: object, **kwargs: object) -> State:
        seen.append(("from", gc.isenabled()))
        return from_doc(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(_doc, "state_to_doc", spy_to_doc)
    monkeypatch.setattr(_doc, "state_from_doc", spy_from_doc)
    out = Context(_Charm, meta=META).run("update-status", _state())

    assert seen == [("to", False), ("from", False)]
    assert gc.isenabled()
    assert out.relations[0].local_unit_data == {"seen": "yes"}


def test_a_disabled_collector_stays_disabled() -> None:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        out = Context(_Charm, meta=META).run("update-status", _state())
        assert not gc.isenabled()
    finally:
        if was_enabled:
            gc.enable()
    assert out.relations[0].local_unit_data == {"seen": "yes"}


def test_the_collector_is_resumed_when_a_conversion_fails(collector_enabled: None) -> None:
    with pytest.raises(ZeroDivisionError), _doc.collection_paused():
        assert not gc.isenabled()
        _ = 1 / 0
    assert gc.isenabled()


def test_pausing_nests(collector_enabled: None) -> None:
    with _doc.collection_paused():
        with _doc.collection_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
