# SPDX-License-Identifier: Apache-2.0
"""Capturing the events the framework emits, for tests that check the event flow."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import ops

from . import _ops_adapter

__all__ = ["capture_events"]


@contextlib.contextmanager
def capture_events(
    *types: type[ops.EventBase],
    include_framework: bool = False,
    include_deferred: bool = True,
) -> Iterator[list[ops.EventBase]]:
    """Collects every event of ``types`` (default: all) emitted inside the block.

    Args:
        types: event classes to keep (``isinstance`` checks); none means every event.
        include_framework: also keep pre-commit, commit and collect-status events.
        include_deferred: also keep deferred events as they are re-emitted.

    Yields:
        The list the captured events are appended to, in emission order.
    """
    captured: list[ops.EventBase] = []
    with _ops_adapter.EventsCaptured(
        captured,
        types or (ops.EventBase,),
        include_framework=include_framework,
        include_deferred=include_deferred,
    ):
        yield captured
