# SPDX-License-Identifier: Apache-2.0
"""ops' OpenTelemetry spans: free while no tracer provider is set, real once one is."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import ops
import pytest
from scenario import Container, Context, State, _ops_adapter

trace = pytest.importorskip("opentelemetry.trace")

pytestmark = pytest.mark.skipif(
    not _ops_adapter._TRACED_MODULES, reason="this ops opens no spans (tracing came in 2.21)"
)

_META = {"name": "traced", "containers": {"app": {}}}


class _Charm(ops.CharmBase):
    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.app_pebble_ready, self._on_ready)

    def _on_ready(self, event: ops.PebbleReadyEvent) -> None:
        event.workload.push("/etc/app.conf", "x", make_dirs=True)
        self.unit.status = ops.ActiveStatus(str(self.unit.is_leader()))


def _run() -> State:
    container = Container("app", can_connect=True)
    return Context(_Charm, meta=_META).run(
        container.pebble_ready_event, State(containers=[container])
    )


def test_without_a_provider_ops_spans_go_nowhere_and_cost_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened: list[str] = []
    real = trace.ProxyTracer.start_as_current_span

    def counting(self: Any, name: str, *args: Any, **kwargs: Any) -> Any:
        opened.append(name)
        return real(self, name, *args, **kwargs)

    monkeypatch.setattr(trace.ProxyTracer, "start_as_current_span", counting)
    assert isinstance(trace.get_tracer_provider(), trace.ProxyTracerProvider)
    out = _run()
    assert out.unit_status == ops.ActiveStatus("False")
    assert opened == []
    # Outside a run, ops' tracer is its own again.
    with ops.pebble.tracer.start_as_current_span("outside"):
        pass
    assert opened == ["outside"]


class _Span:
    def __init__(self, name: str) -> None:
        self.name = name
        self.attributes: dict[str, Any] = {}

    def is_recording(self) -> bool:
        return True

    def set_attribute(self, key: str, value: Any) -> None:
        self.attributes[key] = value

    def set_attributes(self, attributes: dict[str, Any]) -> None:
        self.attributes.update(attributes)

    def __getattr__(self, name: str) -> Any:  # the rest of a span's API: no-ops here
        return lambda *_, **__: None


class _Tracer:
    def __init__(self, spans: list[_Span]) -> None:
        self._spans = spans

    @contextlib.contextmanager
    def start_as_current_span(self, name: str, *_: Any, **__: Any) -> Iterator[_Span]:
        span = _Span(name)
        self._spans.append(span)
        yield span


class _Provider(trace.TracerProvider):
    def __init__(self) -> None:
        self.spans: list[_Span] = []

    def get_tracer(self, *_: Any, **__: Any) -> Any:
        return _Tracer(self.spans)


def test_with_a_provider_ops_spans_are_its_own(monkeypatch: pytest.MonkeyPatch) -> None:
    provider = _Provider()
    # OpenTelemetry lets a process set its provider once, and ops' proxy tracer keeps
    # the first tracer it gets from one: the test puts both back.
    monkeypatch.setattr(trace, "_TRACER_PROVIDER", provider)
    monkeypatch.setattr(_ops_adapter._OPS_TRACER, "_real_tracer", None, raising=False)
    _run()
    names = [span.name for span in provider.spans]
    assert "is-leader" in names and "status-set" in names  # hook commands
    assert any(name.startswith("app_pebble_ready: ") for name in names)  # the observer
    assert any(name.startswith("pebble") for name in names)  # Pebble requests


def test_a_provider_named_in_the_environment_is_not_loaded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # OpenTelemetry reads OTEL_PYTHON_TRACER_PROVIDER only when code asks for the global
    # provider; ops' tracer never does, so neither does a run.
    monkeypatch.setenv("OTEL_PYTHON_TRACER_PROVIDER", "no-such-provider")
    assert _run().unit_status == ops.ActiveStatus("False")
    assert trace._TRACER_PROVIDER is None


def test_a_tracer_the_test_gives_ops_is_the_one_ops_uses(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    spans: list[_Span] = []
    mine = _Tracer(spans)
    monkeypatch.setattr(ops.model, "tracer", mine)
    _run()
    assert "is-leader" in [span.name for span in spans]
    assert ops.model.tracer is mine
