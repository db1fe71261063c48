# SPDX-License-Identifier: Apache-2.0
"""Load the example charm's spec and a state file through the Python bindings."""

from __future__ import annotations

import pathlib

from scenario import _core

HERE = pathlib.Path(__file__).parent


def main() -> None:
    """Shows the example charm's spec and what the engine makes of a state file."""
    spec = _core.load_charm_spec_dir(str(HERE / "charms" / "webapp"))
    print(f"charm {spec.name!r} ({spec.kind.name}), from {', '.join(spec.sources)}")
    for rel in spec.relations:
        print(f"  {rel.role.name:<8} {rel.name:<10} interface={rel.interface}")

    text = (HERE / "states" / "webapp-leader.json").read_text()
    state = _core.state_from_json(text)
    print(f"state: leader={state.leader}, {len(state.relations)} relations")
    for rel in state.relations:
        declared = spec.find_relation(rel.endpoint)
        role = declared.role.name if declared else "undeclared"
        print(
            f"  relation {rel.relation_id} on {rel.endpoint!r} ({role}, {rel.kind.name}): "
            f"remote units {rel.remote_unit_ids()}"
        )

    try:
        _core.state_from_json((HERE / "states" / "webapp-broken.json").read_text())
    except _core.StateValidationError as e:
        print(f"broken state: {len(e.problems)} problems, first: {e.problems[0]}")


if __name__ == "__main__":
    main()
