# SPDX-License-Identifier: Apache-2.0
"""Warnings that point at the line outside scenario and ops that led to them.

That is the test's own line (``ctx.run(...)``, a ``manager`` block, a setter called
after the run) or a charm library's: the line to change.
"""

from __future__ import annotations

import contextlib
import os
import sys
import warnings

import ops

_INTERNAL = (
    os.path.dirname(ops.__file__) + os.sep,
    os.path.dirname(__file__) + os.sep,
    contextlib.__file__,
)


def warn_at_caller(message: str, category: type[Warning]) -> None:
    """Warns ``message``, located at the first frame outside scenario, ops and contextlib."""
    frame = sys._getframe(1)
    level = 2  # warnings.warn's stacklevel of that frame
    while frame is not None and frame.f_code.co_filename.startswith(_INTERNAL):
        frame = frame.f_back
        level += 1
    warnings.warn(message, category, stacklevel=level)
