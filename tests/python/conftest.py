# SPDX-License-Identifier: Apache-2.0
"""Shared fixtures for the Python tests."""

from __future__ import annotations

import pathlib

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture
def repo() -> pathlib.Path:
    """The repository root."""
    return REPO


@pytest.fixture
def webapp_dir(repo: pathlib.Path) -> pathlib.Path:
    """The example Kubernetes charm."""
    return repo / "examples" / "charms" / "webapp"
