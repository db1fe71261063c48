# SPDX-License-Identifier: Apache-2.0
"""The modules ops-scenario 5.8 users import from exist and export the same names."""

from __future__ import annotations

import importlib

import pytest

# The public classes, functions and exceptions of ops-scenario 5.8, module by module.
PUBLIC_NAMES = {
    "scenario": [
        "Action", "ActionOutput", "Address", "BindAddress", "Container", "Context",
        "DeferredEvent", "Event", "ExecOutput", "InjectRelation", "Model", "Mount",
        "Network", "PeerRelation", "Port", "Relation", "RelationBase", "Secret", "State",
        "StateValidationError", "Storage", "StoredState", "SubordinateRelation", "deferred",
    ],
    "scenario.state": [
        "ATTACH_ALL_STORAGES", "BREAK_ALL_RELATIONS", "BUILTIN_EVENTS",
        "CREATE_ALL_RELATIONS", "DETACH_ALL_STORAGES", "FRAMEWORK_EVENTS", "META_EVENTS",
        "Action", "Address", "BindAddress", "BindFailedError", "Container", "DeferredEvent",
        "Event", "ExecOutput", "Inject", "InjectRelation", "JujuLogLine",
        "MetadataNotFoundError", "Model", "Mount", "Network", "PeerRelation", "Port",
        "Relation", "RelationBase", "Secret", "State", "StateValidationError", "Storage",
        "StoredState", "SubordinateRelation", "deferred", "next_relation_id",
        "next_storage_index", "normalize_name", "sort_patch",
    ],
    "scenario.context": [
        "ActionOutput", "AlreadyEmittedError", "Context", "ContextSetupError",
        "InvalidActionError", "InvalidEventError", "MetadataNotFoundError",
    ],
    "scenario.runtime": [
        "InconsistentScenarioError", "NoObserverError", "Runtime", "ScenarioRuntimeError",
        "UncaughtCharmError",
    ],
    "scenario.ops_main_mock": ["BadOwnerPath", "NoObserverError", "Ops"],
    "scenario.consistency_checker": [
        "InconsistentScenarioError", "Results", "check_config_consistency",
        "check_consistency", "check_containers_consistency", "check_event_consistency",
        "check_relation_consistency", "check_resource_consistency",
        "check_secrets_consistency", "check_storages_consistency",
    ],
    "scenario.capture_events": ["capture_events"],
    "scenario.sequences": [
        "check_builtin_sequences", "decompose_meta_event", "generate_builtin_sequences",
        "generate_startup_sequence", "generate_teardown_sequence",
    ],
}  # fmt: skip


@pytest.mark.parametrize("module_name", sorted(PUBLIC_NAMES))
def test_module_exports_the_names_of_ops_scenario_5_8(module_name: str):
    module = importlib.import_module(module_name)
    missing = [name for name in PUBLIC_NAMES[module_name] if not hasattr(module, name)]
    assert missing == []


def test_exceptions_are_the_same_classes_everywhere():
    import scenario.context
    import scenario.errors
    import scenario.ops_main_mock
    import scenario.runtime
    import scenario.state

    assert scenario.runtime.UncaughtCharmError is scenario.errors.UncaughtCharmError
    assert scenario.ops_main_mock.NoObserverError is scenario.runtime.NoObserverError
    assert scenario.state.StateValidationError is scenario.StateValidationError
    assert scenario.context.ContextSetupError is scenario.errors.ContextSetupError
    for cls in (scenario.errors.UncaughtCharmError, scenario.errors.NoObserverError):
        assert issubclass(cls, RuntimeError)
