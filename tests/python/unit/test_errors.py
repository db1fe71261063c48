# SPDX-License-Identifier: Apache-2.0
"""The Python exception classes match the table in docs/design/errors.md."""

from __future__ import annotations

import pathlib
import re

import scenario
from scenario import _core, errors


def _table(repo: pathlib.Path) -> dict[str, list[str]]:
    """Python class -> Python bases, from the mapping table in docs/design/errors.md."""
    text = (repo / "docs" / "design" / "errors.md").read_text()
    # A row's C++ class is "(none)" for a warning only Python raises.
    rows = re.findall(
        r"^\| (?:`scenario::\w+`|\(none\)) \| `(\w+)` \| ([^|]+) \|", text, re.MULTILINE
    )
    return {name: re.findall(r"`(\w+)`", bases) for name, bases in rows}


def test_every_documented_class_exists_with_its_bases(repo: pathlib.Path):
    table = _table(repo)
    assert table, "the table in docs/design/errors.md was not found"
    for name, bases in table.items():
        cls = getattr(errors, name)
        assert [base.__name__ for base in cls.__bases__] == bases, name


def test_a_malformed_state_is_an_inconsistent_scenario_too():
    """ops-scenario's consistency checker reported malformed States: tests catch them so."""
    assert issubclass(errors.StateValidationError, errors.InconsistentScenarioError)
    assert issubclass(errors.StateValidationError, errors.ProblemsError)


def test_errors_module_only_reexports_the_engine_classes(repo: pathlib.Path):
    for name in _table(repo):
        assert getattr(errors, name) is getattr(_core, name)
        assert getattr(scenario, name) is getattr(_core, name)


def test_every_engine_exception_is_documented(repo: pathlib.Path):
    table = _table(repo)
    engine = {
        name
        for name in dir(_core)
        if isinstance(getattr(_core, name), type) and issubclass(getattr(_core, name), Exception)
    }
    assert engine == set(table)
