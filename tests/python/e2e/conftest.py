# SPDX-License-Identifier: Apache-2.0
"""Fixtures for the end-to-end tests: real ops charms run through scenario."""

from __future__ import annotations

import importlib.util
import pathlib
import sys
import types
from collections.abc import Iterator

import pytest

REPO = pathlib.Path(__file__).resolve().parents[3]
CHARMS = REPO / "tests" / "charms"
WEBAPP_SRC = REPO / "examples" / "charms" / "webapp" / "src"


def load_charm_module(path: pathlib.Path, module_name: str) -> types.ModuleType:
    """Imports a charm file under a unique module name (several charms are all charm.py)."""
    if module_name in sys.modules:
        return sys.modules[module_name]
    spec = importlib.util.spec_from_file_location(module_name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def webapp_charm_module() -> Iterator[types.ModuleType]:
    """``from charm import WebappCharm`` with the example charm's src/ on sys.path."""
    saved_path = list(sys.path)
    saved_charm = sys.modules.pop("charm", None)
    sys.path.insert(0, str(WEBAPP_SRC))
    try:
        import charm  # the webapp's src/charm.py

        assert pathlib.Path(charm.__file__).resolve() == (WEBAPP_SRC / "charm.py").resolve()
        yield charm
    finally:
        sys.path[:] = saved_path
        sys.modules.pop("charm", None)
        if saved_charm is not None:
            sys.modules["charm"] = saved_charm


@pytest.fixture
def readme_charm_module() -> types.ModuleType:
    """The README's leader/status charm, from tests/charms/readme/src/charm.py."""
    return load_charm_module(CHARMS / "readme" / "src" / "charm.py", "e2e_readme_charm")
