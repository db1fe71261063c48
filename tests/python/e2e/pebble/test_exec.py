# SPDX-License-Identifier: Apache-2.0
"""``Container.exec`` through ops' real ExecProcess: mocked output, exit codes,
standard input, environment and working directory, and unmocked commands.
"""

from __future__ import annotations

import io

import ops
import pytest
from ops import pebble
from scenario import Container, Context, ExecArgs, ExecOutput, State
from scenario.errors import UncaughtCharmError

META = {"name": "app", "containers": {"web": {}}}


def _state(**mocks: ExecOutput) -> State:
    return State(
        containers=[
            Container(
                "web",
                can_connect=True,
                exec_mock={tuple(k.split("_")): v for k, v in mocks.items()},
            )
        ]
    )


def _web(mgr) -> ops.Container:
    return mgr.charm.unit.get_container("web")


def test_wait_output_returns_stdout_and_stderr():
    state = _state(echo_hi=ExecOutput(stdout="hi\n", stderr="warn\n"))
    with Context(ops.CharmBase, meta=META).manager("start", state) as mgr:
        out, err = _web(mgr).exec(["echo", "hi"]).wait_output()
        assert (out, err) == ("hi\n", "warn\n")


def test_bytes_output_without_encoding():
    state = _state(cat=ExecOutput(stdout="data"))
    with Context(ops.CharmBase, meta=META).manager("start", state) as mgr:
        out, _ = _web(mgr).exec(["cat"], encoding=None).wait_output()
        assert out == b"data"


def test_non_zero_exit_is_exec_error_with_output():
    state = _state(false=ExecOutput(return_code=3, stdout="o", stderr="boom"))
    with Context(ops.CharmBase, meta=META).manager("start", state) as mgr:
        with pytest.raises(pebble.ExecError) as info:
            _web(mgr).exec(["false"]).wait_output()
        assert info.value.exit_code == 3
        assert info.value.stdout == "o"
        assert info.value.stderr == "boom"
        assert info.value.command == ["false"]


def test_wait_raises_exec_error_on_failure_and_returns_on_success():
    state = _state(ok=ExecOutput(), bad=ExecOutput(return_code=1))
    with Context(ops.CharmBase, meta=META).manager("start", state) as mgr:
        _web(mgr).exec(["ok"]).wait()
        with pytest.raises(pebble.ExecError) as info:
            _web(mgr).exec(["bad"]).wait()
        assert info.value.exit_code == 1


def test_stdin_env_and_working_dir_are_accepted():
    state = _state(cat=ExecOutput(stdout="mocked"))
    with Context(ops.CharmBase, meta=META).manager("start", state) as mgr:
        process = _web(mgr).exec(
            ["cat"],
            stdin="some input",
            environment={"A": "1"},
            working_dir="/tmp",
        )
        assert process.wait_output() == ("mocked", "")


def test_stdin_from_a_file_and_combined_stderr():
    state = _state(cat=ExecOutput(stdout="out", stderr="err"))
    with Context(ops.CharmBase, meta=META).manager("start", state) as mgr:
        process = _web(mgr).exec(["cat"], stdin=io.StringIO("x"), combine_stderr=True)
        out, err = process.wait_output()
        assert err is None
        assert "out" in out


def test_stdout_to_a_writer():
    state = _state(ls=ExecOutput(stdout="a b c"))
    sink = io.StringIO()
    with Context(ops.CharmBase, meta=META).manager("start", state) as mgr:
        _web(mgr).exec(["ls"], stdout=sink, stderr=io.StringIO()).wait()
    assert sink.getvalue() == "a b c"


def test_unmocked_command_fails_as_pebble_does():
    state = _state(ls=ExecOutput())
    with Context(ops.CharmBase, meta=META).manager("start", state) as mgr:
        with pytest.raises((pebble.APIError, pebble.ChangeError)) as info:
            _web(mgr).exec(["rm", "-rf", "/"]).wait_output()
        assert "rm" in str(info.value)
        assert "exec_mock" in str(info.value)


class RunsUnmocked(ops.CharmBase):
    def __init__(self, framework: ops.Framework):
        super().__init__(framework)
        framework.observe(self.on.start, self._on_start)

    def _on_start(self, _: ops.StartEvent) -> None:
        self.unit.get_container("web").exec(["whoami"]).wait_output()


def test_unmocked_command_in_a_charm_is_an_uncaught_charm_error():
    with pytest.raises(UncaughtCharmError) as info:
        Context(RunsUnmocked, meta=META).run("start", _state())
    assert isinstance(info.value.__cause__, (pebble.APIError, pebble.ChangeError))


def test_change_ids_do_not_depend_on_earlier_runs():
    state = _state(ok=ExecOutput())
    ids = []
    for _ in range(2):
        with Context(ops.CharmBase, meta=META).manager("start", state) as mgr:
            web = _web(mgr)
            web.exec(["ok"]).wait()
            ids.append([c.id for c in web.pebble.get_changes(select=pebble.ChangeState.ALL)])
    assert ids[0] == ids[1]


def test_stdin_from_a_real_file_and_interactive_streams(tmp_path):
    source = tmp_path / "in.txt"
    source.write_text("abc" * 10_000)
    state = _state(cat=ExecOutput(stdout="o"))
    with Context(ops.CharmBase, meta=META).manager("start", state) as mgr:
        web = _web(mgr)
        with source.open() as f:
            assert web.exec(["cat"], stdin=f).wait_output() == ("o", "")
        process = web.exec(["cat"])
        process.stdin.write("hello")
        process.stdin.close()
        assert process.wait_output() == ("o", "")
        process = web.exec(["cat"])
        assert process.stdout.read() == "o"
        process.wait()


def test_exec_history_records_what_the_charm_asked_for():
    state = _state(cat=ExecOutput(stdout="o"), ls=ExecOutput())
    ctx = Context(ops.CharmBase, meta=META)
    with ctx.manager("start", state) as mgr:
        web = _web(mgr)
        web.exec(
            ["cat"],
            stdin="some input",
            environment={"A": "1"},
            working_dir="/srv",
            timeout=4,
            user="app",
            group_id=100,
        ).wait_output()
        web.exec(["ls"], combine_stderr=True).wait()
    first, second = ctx.exec_history["web"]
    assert first == ExecArgs(
        command=["cat"],
        environment={"A": "1"},
        working_dir="/srv",
        timeout="4.000s",
        user="app",
        group_id=100,
        stdin=b"some input",
        combine_stderr=False,
    )
    assert second.command == ["ls"]
    assert second.combine_stderr
    assert second.stdin == b""
    ctx.cleanup()
    assert ctx.exec_history == {}


def test_exec_history_accumulates_across_runs():
    ctx = Context(ops.CharmBase, meta=META)
    for _ in range(2):
        with ctx.manager("start", _state(ls=ExecOutput())) as mgr:
            _web(mgr).exec(["ls"]).wait()
    assert [args.command for args in ctx.exec_history["web"]] == [["ls"], ["ls"]]


def test_output_can_be_read_after_wait_as_in_ops_scenario_5_8():
    state = _state(ls=ExecOutput(stdout="hello pebble"))
    with Context(ops.CharmBase, meta=META).manager("start", state) as mgr:
        process = _web(mgr).exec(["ls"])
        process.wait()
        assert process.stdout.read() == "hello pebble"
        assert process.stdout.read() == ""
