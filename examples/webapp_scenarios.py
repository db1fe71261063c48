# SPDX-License-Identifier: Apache-2.0
"""Run the example charm through a few scenarios and show what came out.

Each scenario is one event on one State; the output State and the Context's records
(status history, juju-log, action results) are printed.
"""

from __future__ import annotations

import pathlib
import sys

HERE = pathlib.Path(__file__).parent
sys.path.insert(0, str(HERE / "charms" / "webapp" / "src"))

import scenario  # noqa: E402 - after the charm's directory is on the path
from charm import WebappCharm  # noqa: E402 - the example charm's module

DB = scenario.Relation("database", remote_app_name="postgresql", remote_units_data={0: {}, 1: {}})


def show(title: str, ctx: scenario.Context, out: scenario.State) -> None:
    """Prints what a run produced: the output State and the Context's records."""
    print(f"\n== {title}")
    print(f"   unit status:    {out.unit_status!r}")
    print(f"   status history: {ctx.unit_status_history}")
    if out.opened_ports:
        print(f"   opened ports:   {out.opened_ports}")
    for rel in out.relations:
        if rel.local_unit_data:
            print(f"   {rel.endpoint} (id {rel.relation_id}) unit databag: {rel.local_unit_data}")
    if out.stored_state:
        print(f"   stored state:   {[s.content for s in out.stored_state]}")


def main() -> None:
    """Runs the example charm through each scenario."""
    ctx = scenario.Context(WebappCharm)  # metadata, config and actions from charmcraft.yaml

    out = ctx.run("start", scenario.State(leader=True))
    show("start, as leader", ctx, out)
    ctx.cleanup()

    out = ctx.run("config-changed", scenario.State(config={"port": 80}))
    show("config-changed with port 80 (privileged)", ctx, out)
    ctx.cleanup()

    out = ctx.run("config-changed", scenario.State())
    show("config-changed with the default port", ctx, out)
    ctx.cleanup()

    out = ctx.run(DB.changed_event, scenario.State(relations=[DB]))
    show("database-relation-changed, no credentials yet", ctx, out)
    ctx.cleanup()

    ready = DB.replace(remote_app_data={"password": "s3cret"})
    out = ctx.run(ready.changed_event(remote_unit_id=1), scenario.State(relations=[ready]))
    show("database-relation-changed with credentials", ctx, out)
    print(f"   juju-log:       {[line.message for line in ctx.juju_log if line.level == 'INFO']}")
    ctx.cleanup()

    web = scenario.Container(
        "web",
        can_connect=True,
        exec_mock={("webapp", "--version"): scenario.ExecOutput(stdout="1.4.2\n")},
    )
    out = ctx.run(web.pebble_ready_event, scenario.State(containers=[web]))
    show("web-pebble-ready: push config, add a layer, replan, exec", ctx, out)
    web_out = out.get_container("web")
    config = (web_out.get_filesystem(ctx) / "etc/webapp/config.json").read_text()
    print(f"   pushed file:    /etc/webapp/config.json = {config}")
    print(f"   plan services:  {web_out.plan.to_dict()['services']}")
    print(f"   service status: {dict(web_out.service_status)}")
    print(f"   workload:       {out.workload_version}")
    ctx.cleanup()

    action = scenario.Action("backup", params={"target": "/backups/today"})
    result = ctx.run_action(action, scenario.State())
    print("\n== backup action")
    print(f"   success: {result.success}, results: {result.results}, logs: {result.logs}")

    print("\n== backup action without its required 'target'")
    try:
        ctx.run_action(scenario.Action("backup"), scenario.State())
    except scenario.errors.InconsistentScenarioError as e:
        # Juju refuses to run an action without its required parameters, so the
        # consistency checker stops the run before the charm sees it.
        for finding in e.errors:
            print(f"   refused: {finding.code}: {finding.message}")

    print("\n== config-changed with a port the charm cannot parse")
    try:
        ctx.run("config-changed", scenario.State(config={"port": 8080.5}))
    except scenario.errors.InconsistentScenarioError as e:
        print(f"   refused: {e.errors[0].path}: {e.errors[0].message}")


if __name__ == "__main__":
    main()
