# SPDX-License-Identifier: Apache-2.0
"""A charm's spec, loaded once per Context: for the engine and for ops.

The engine reads the spec (metadata, config, actions) into a ``_core.CharmSpec``; ops
needs the same data as raw dicts to build its ``CharmMeta``. Both come from one
source: the dicts a test passes, or the charm's files found next to its code.
"""

from __future__ import annotations

import dataclasses
import functools
import inspect
import json
import pathlib
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import ops
import yaml

from . import _core, _ops_adapter

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclasses.dataclass(frozen=True)
class CharmSpec:
    """The charm type with its metadata, config and actions, and the engine's view of them.

    Metadata, config and actions are raw dicts, as in the YAML files; the engine's view
    is built on first use.
    """

    charm_type: type[ops.CharmBase]
    meta: dict[str, Any] | None
    actions: dict[str, Any] | None = None
    config: dict[str, Any] | None = None
    is_autoloaded: bool = False
    charm_root: pathlib.Path | None = None
    """The charm's root directory (``JUJU_CHARM_DIR``); by default the directory above
    the one holding the charm's module."""

    @functools.cached_property
    def _texts(self) -> tuple[str, str | None, str | None]:
        """Metadata, config and actions as JSON texts: the spec's identity for caches.

        Raises:
            TypeError, ValueError: a part holds something JSON cannot (the engine cannot
                read it either).
        """
        meta = dict(self.meta or {})
        # ops-scenario accepted metadata without a name; the charm class names it then.
        meta.setdefault("name", self.charm_type.__name__)
        return (
            json.dumps(meta),
            json.dumps(self.config) if self.config is not None else None,
            json.dumps(self.actions) if self.actions is not None else None,
        )

    @functools.cached_property
    def engine(self) -> _core.CharmSpec:
        """The engine's view of the spec.

        Raises:
            SpecError: the metadata, config or actions are malformed.
        """
        return _load_engine_spec(*self._texts)

    @functools.cached_property
    def _identity(self) -> tuple[str, str | None, str | None, bool] | None:
        """The spec's key in the per-process caches, or None if JSON cannot hold it.

        The texts name a nameless charm after its class; ops and the metadata file see
        the metadata as given, so whether it had a name is part of the key.
        """
        try:
            return (*self._texts, "name" in (self.meta or {}))
        except (TypeError, ValueError):
            return None

    @property
    def ops_meta(self) -> ops.CharmMeta:
        """The spec as ops reads it (``CharmMeta``), one per distinct spec in the process.

        ops only reads it; a test suite makes a Context per test, most with the same few
        specs, and parsing the metadata into ops' objects is a visible part of a new one.
        """
        return _once_per_spec(
            _OPS_METAS,
            self._identity,
            lambda: _ops_adapter.make_charm_meta(self.meta or {}, self.actions, self.config),
        )

    @property
    def yaml_files(self) -> tuple[tuple[str, bytes], ...]:
        """The spec's YAML files, as (file name, content) pairs, for the charm's directory.

        ``metadata.yaml``, and ``config.yaml`` and ``actions.yaml`` when given. Dumped
        once per distinct spec in the process (dumping YAML is slow, and a test suite
        makes a Context per test). What is dumped is the spec as JSON reads it back, so
        tuples become lists as everywhere else the spec goes.
        """
        key = self._identity
        if self.meta is None or key is None:  # no metadata file, or not JSON-able: as is
            return _yaml_files(self.meta, self.config, self.actions)
        return _once_per_spec(_YAML_FILES, key, lambda: _yaml_files_of_texts(*key))

    @property
    def root(self) -> pathlib.Path:
        """The charm's root directory."""
        return self.charm_root or _charm_source_root(self.charm_type)

    @property
    def app_name(self) -> str:
        """The application name: the charm's name."""
        return self.engine.name

    @staticmethod
    def autoload(charm_type: type[ops.CharmBase]) -> CharmSpec:
        """The spec in the charm's own files (see ``autoload``)."""
        return autoload(charm_type)


_SpecKey = tuple[str, str | None, str | None, bool]
_OPS_METAS: dict[_SpecKey, ops.CharmMeta] = {}
_YAML_FILES: dict[_SpecKey, tuple[tuple[str, bytes], ...]] = {}
_PER_SPEC_LIMIT = 64
_YAML_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_T = TypeVar("_T")


def _once_per_spec(cache: dict[_SpecKey, _T], key: _SpecKey | None, make: Callable[[], _T]) -> _T:
    """``cache``'s value for ``key``, made on first use; made every time without a key."""
    if key is None:
        return make()
    value = cache.get(key)
    if value is None:
        if len(cache) >= _PER_SPEC_LIMIT:
            cache.clear()
        value = cache[key] = make()
    return value


def _yaml_files_of_texts(
    meta_text: str, config_text: str | None, actions_text: str | None, has_name: bool
) -> tuple[tuple[str, bytes], ...]:
    meta = json.loads(meta_text)
    if not has_name:
        del meta["name"]  # the texts named it after the charm class; the file does not
    return _yaml_files(
        meta,
        json.loads(config_text) if config_text is not None else None,
        json.loads(actions_text) if actions_text is not None else None,
    )


def _yaml_files(
    meta: Mapping[str, Any] | None,
    config: Mapping[str, Any] | None,
    actions: Mapping[str, Any] | None,
) -> tuple[tuple[str, bytes], ...]:
    return tuple(
        (f"{name}.yaml", yaml.dump(dict(content), Dumper=_YAML_DUMPER).encode("utf-8"))
        for name, content in (("metadata", meta), ("config", config), ("actions", actions))
        if content is not None
    )


@functools.lru_cache(maxsize=64)
def _load_engine_spec(meta: str, config: str | None, actions: str | None) -> _core.CharmSpec:
    """The engine's spec for these JSON texts, loaded once for every Context that has them.

    Test suites make a Context per test, most with the same few specs; an engine spec
    is never changed once loaded, so one object serves them all.
    """
    return _core.load_charm_spec(
        meta,
        config=config,
        actions=actions,
        metadata_file="meta",
        config_file="config",
        actions_file="actions",
    )


def source_tree(charm_type: type[ops.CharmBase]) -> pathlib.Path | None:
    """The parent of the directory holding the charm's code (``<root>/src/charm.py``).

    None for a class with no file (defined in a REPL, or by ``exec``).
    """
    try:
        source = pathlib.Path(inspect.getfile(charm_type)).resolve()
    except (TypeError, OSError):
        return None
    return source.parent.parent


def _charm_source_root(charm_type: type[ops.CharmBase]) -> pathlib.Path:
    """Where a charm's files are: its source tree, else the current directory."""
    return source_tree(charm_type) or pathlib.Path.cwd()


def _read_yaml(path: pathlib.Path) -> Any:
    with path.open(encoding="utf-8") as f:
        return yaml.load(f, Loader=_Loader)  # noqa: S506 - a safe loader (CSafeLoader or SafeLoader)


def autoload(charm_type: type[ops.CharmBase], root: pathlib.Path | None = None) -> CharmSpec:
    """The spec in the charm's own files.

    Those are charmcraft.yaml, or metadata.yaml with config.yaml and actions.yaml.

    Raises:
        MetadataNotFoundError: no metadata was found.
        SpecError: a file is malformed (every problem, with file and line).
    """
    root = root or _charm_source_root(charm_type)
    engine = _core.load_charm_spec_dir(str(root))
    if engine.sources and engine.sources[0] == "charmcraft.yaml":
        raw = dict(_read_yaml(root / "charmcraft.yaml") or {})
        config = raw.pop("config", None)
        actions = raw.pop("actions", None)
        meta = raw
    else:
        meta = _read_yaml(root / "metadata.yaml") or {}
        config = _read_yaml(root / "config.yaml") if (root / "config.yaml").exists() else None
        actions = _read_yaml(root / "actions.yaml") if (root / "actions.yaml").exists() else None
    spec = CharmSpec(charm_type, meta, actions, config, is_autoloaded=True, charm_root=root)
    spec.__dict__["engine"] = engine  # already loaded from the files: the cached property
    return spec


def from_dicts(
    charm_type: type[ops.CharmBase],
    meta: Mapping[str, Any] | None,
    actions: Mapping[str, Any] | None,
    config: Mapping[str, Any] | None,
    root: pathlib.Path | None,
) -> CharmSpec:
    """The spec given as dicts, in the shape of metadata.yaml, actions.yaml, config.yaml.

    A missing ``meta`` becomes ``{"name": <charm class name>}``, as in ops-scenario.

    Raises:
        SpecError: the dicts are malformed (every problem, with its key).
    """
    spec = CharmSpec(
        charm_type,
        dict(meta) if meta else {"name": charm_type.__name__},
        dict(actions) if actions is not None else None,
        dict(config) if config is not None else None,
        charm_root=root,
    )
    spec.engine  # noqa: B018 - load now, so a bad spec fails at Context(), not at a run
    return spec
