# SPDX-License-Identifier: Apache-2.0
"""README "Emitting custom events": owner paths, and NoObserverError without one."""

from __future__ import annotations

import ops
import pytest
import scenario
import scenario.ops_main_mock
from scenario import Context, Event, State

SEEN: list = []


class IngressProvidedEvent(ops.EventBase):
    pass


class FooEvent(ops.EventBase):
    pass


class MyCharmLibEvents(ops.ObjectEvents):
    ingress_provided = ops.EventSource(IngressProvidedEvent)
    foo = ops.EventSource(FooEvent)


class MyCharmLib(ops.Object):
    on = MyCharmLibEvents()

    def __init__(self, charm: ops.CharmBase):
        super().__init__(charm, "my_charm_lib")


class CustomCharmEvents(ops.CharmEvents):
    my_charm_event = ops.EventSource(FooEvent)


class MyCharm(ops.CharmBase):
    on = CustomCharmEvents()

    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        self.my_charm_lib = MyCharmLib(self)
        framework.observe(self.my_charm_lib.on.ingress_provided, self._on_ingress_provided)
        framework.observe(self.my_charm_lib.on.foo, self._on_foo)
        framework.observe(self.on.my_charm_event, self._on_my_charm_event)

    def _on_ingress_provided(self, event):
        SEEN.append(("ingress_provided", event.handle.path))
        self.unit.status = ops.ActiveStatus("ingress provided")

    def _on_foo(self, event):
        SEEN.append(("foo", event.handle.path))

    def _on_my_charm_event(self, event):
        SEEN.append(("my_charm_event", event.handle.path))


@pytest.fixture(autouse=True)
def _clear():
    SEEN.clear()


def test_event_on_another_object_without_path_raises():
    with pytest.raises(scenario.ops_main_mock.NoObserverError):
        Context(MyCharm, meta={"name": "foo"}).run("ingress_provided", State())
    assert SEEN == []


def test_no_observer_error_is_the_public_class():
    assert scenario.ops_main_mock.NoObserverError is scenario.NoObserverError


def test_owner_path_prefix_emits_on_the_owner():
    out = Context(MyCharm, meta={"name": "foo"}).run("my_charm_lib.on.foo", State())
    assert [name for name, _ in SEEN] == ["foo"]
    assert SEEN[0][1].startswith("MyCharm/MyCharmLib[my_charm_lib]/on/foo[")
    assert out.unit_status == ops.UnknownStatus()


def test_owner_path_library_event_changes_state():
    out = Context(MyCharm, meta={"name": "foo"}).run(
        Event("my_charm_lib.on.ingress_provided"), State()
    )
    assert [name for name, _ in SEEN] == ["ingress_provided"]
    assert out.unit_status == ops.ActiveStatus("ingress provided")


def test_custom_event_on_the_charm_itself():
    Context(MyCharm, meta={"name": "foo"}).run("my_charm_event", State())
    assert [name for name, _ in SEEN] == ["my_charm_event"]


def test_custom_events_are_in_emitted_events():
    ctx = Context(MyCharm, meta={"name": "foo"})
    ctx.run("my_charm_lib.on.foo", State())
    assert [type(e) for e in ctx.emitted_events] == [FooEvent]
