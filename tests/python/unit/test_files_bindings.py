# SPDX-License-Identifier: Apache-2.0
"""``_core.empty_directory`` and ``_core.remove_tree`` from Python: the engine's tree
removal, with its errors as Python exceptions."""

from __future__ import annotations

import pathlib

import pytest
from scenario import _core


def test_empty_directory_keeps_the_directory_and_not_what_links_point_to(tmp_path: pathlib.Path):
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "kept.txt").write_text("kept")
    root = tmp_path / "root"
    (root / "a" / "b").mkdir(parents=True)
    (root / "a" / "b" / "f").write_text("x")
    (root / "link").symlink_to(tmp_path / "outside")
    _core.empty_directory(str(root))
    assert root.is_dir() and list(root.iterdir()) == []
    assert (tmp_path / "outside" / "kept.txt").read_text() == "kept"


def test_remove_tree_removes_the_directory_and_ignores_what_is_not_there(tmp_path: pathlib.Path):
    root = tmp_path / "root"
    (root / "a").mkdir(parents=True)
    (root / "a" / "f").write_text("x")
    _core.remove_tree(str(root))
    assert not root.exists()
    _core.remove_tree(str(root))  # already gone: nothing to do


def test_a_failure_is_a_scenario_error_naming_the_path(tmp_path: pathlib.Path):
    (tmp_path / "blocker").write_text("a file where a directory should be")
    target = tmp_path / "blocker" / "root"
    with pytest.raises(_core.ScenarioRuntimeError) as info:
        _core.empty_directory(str(target))
    assert f"cannot empty '{target}'" in str(info.value)


@pytest.mark.parametrize("function", [_core.empty_directory, _core.remove_tree])
def test_a_path_with_a_nul_byte_is_refused(tmp_path: pathlib.Path, function):
    (tmp_path / "keep").mkdir()
    (tmp_path / "keep" / "f").write_text("x")
    with pytest.raises(ValueError, match="NUL byte"):
        function(str(tmp_path / "keep") + "\0/ignored")
    assert (tmp_path / "keep" / "f").read_text() == "x"
