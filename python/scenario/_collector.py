# SPDX-License-Identifier: Apache-2.0
"""Python's cyclic garbage collector while a run is in progress.

A run allocates thousands of objects that all stay alive until it ends: the State as a
document and the engine's copy, ops' framework and model (a Relation per relation, a
Unit per remote unit), the output State. With the default young-generation threshold
(700 allocations), the collector starts dozens of times per run, each time scanning the
run's live objects again and promoting them, and every tenth young collection scans the
middle generation too; full collections come sooner, and each walks every object the
process keeps (a Context's ``emitted_events`` keep each run's framework). On 100
relations of 10 units that was 4.7 ms of collector time per run.

So during a run the young threshold is raised to ``RUN_THRESHOLD``: a run of a usual
size starts no collection, and the one after it scans the run's objects once. A run
that allocates more (a charm making garbage in a loop) is still collected every
``RUN_THRESHOLD`` allocations, so its memory stays bounded. A disabled collector, or
a young threshold of 0 or already as high, is left as it is; so is a young threshold
the charm or the test set during the run (thresholds it set for the older generations
stay too).

``Context.run`` and ``run_action`` hold the raised threshold until they have dropped
their own reference to the run (ops' charm, and its framework and model unless a
recorded event keeps them), so that the young collection the threshold may start then
does not scan those objects alive and move them to the middle generation. A run leaves
no reference cycle, but one that makes its charm class's subclasses (see
``_ops_adapter.wrap_charm_type``).
"""

from __future__ import annotations

import gc
from types import TracebackType

RUN_THRESHOLD = 50_000
"""Allocations between young collections while a run is in progress."""


class FewerCollections:
    """Raises the collector's young threshold to ``RUN_THRESHOLD`` while entered.

    A class rather than a generator-based manager: it is entered on every run.
    """

    __slots__ = ("_saved",)

    def __init__(self) -> None:
        self._saved: tuple[int, int, int] | None = None

    def __enter__(self) -> None:
        saved = gc.get_threshold()
        if gc.isenabled() and 0 < saved[0] < RUN_THRESHOLD:
            self._saved = saved
            gc.set_threshold(RUN_THRESHOLD, *saved[1:])

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        saved, self._saved = self._saved, None
        # Only the young threshold is ours to put back: whatever the run set for the
        # older generations stays, and a young threshold it set is its own.
        current = gc.get_threshold()
        if saved is not None and current[0] == RUN_THRESHOLD:
            gc.set_threshold(saved[0], *current[1:])
