"""Tests for the sandbox runner, running real commands with and without bubblewrap."""

from __future__ import annotations

import os
import secrets
import shutil
import signal
import time
from pathlib import Path

import anyio
import pytest

from pace_app.errors import SandboxError
from pace_app.sandbox import runner as runner_module
from pace_app.sandbox.policy import OFF_NOTE, SandboxMode, SandboxPolicy
from pace_app.sandbox.runner import SandboxRunner

ISOLATIONS = [
    pytest.param("off", id="unsandboxed"),
    pytest.param("required", id="bwrap", marks=pytest.mark.bwrap),
]
PARENT_SECRETS = {
    "GITHUB_WEBHOOK_SECRET": "whsec-parent-value-1",
    "ANTHROPIC_API_KEY": "sk-ant-parent-value-2",
    "GITHUB_PRIVATE_KEY": "-----BEGIN RSA PRIVATE KEY-----parent-value-3",
    "GITHUB_TOKEN": "ghs_parentvalue4",
    "INSTALLATION_TOKEN": "ghs_parentvalue5",
}


@pytest.fixture(params=ISOLATIONS)
def mode(request: pytest.FixtureRequest) -> SandboxMode:
    """Run the test once without the sandbox and once inside bubblewrap."""
    value: SandboxMode = request.param
    return value


def runner(run_dir: Path, mode: SandboxMode, **policy: float | bool) -> SandboxRunner:
    """Build a runner with short limits suited to tests."""
    fields: dict[str, float | bool] = {"timeout": 10.0, "kill_grace": 0.3}
    fields.update(policy)
    return SandboxRunner(run_dir, SandboxPolicy(mode=mode, **fields))  # type: ignore[arg-type]


def unique_sleep() -> str:
    """Return a sleep duration no other process on this machine uses as an argument."""
    return f"{3000 + secrets.randbelow(6000)}.{secrets.randbelow(10**6):06d}"


def processes_with(token: str) -> list[int]:
    """Return the pids of live (non-zombie) processes whose command line has ``token``."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if token.encode() in cmdline and state not in ("Z", "X"):
            found.append(int(entry.name))
    return found


def wait_until_gone(token: str, within: float = 3.0) -> list[int]:
    """Poll until no process carries ``token``; return the survivors at the deadline."""
    deadline = time.monotonic() + within
    while (alive := processes_with(token)) and time.monotonic() < deadline:
        time.sleep(0.05)
    return alive


def kill_all(token: str) -> None:
    """Remove processes a test deliberately let escape."""
    for pid in processes_with(token):
        os.kill(pid, signal.SIGKILL)


def fake_bwrap(tmp_path: Path, body: str) -> str:
    """Write an executable stand-in for bwrap."""
    path = tmp_path / "fake-bin" / "bwrap"
    path.parent.mkdir()
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(0o755)
    return str(path)


def connect_command(host: str, port: int) -> str:
    """Return a command printing ``connected`` if a TCP connection to host:port opens."""
    return (
        'python3 -c "import socket; '
        f"socket.create_connection(('{host}', {port}), timeout=2); print('connected')\""
    )


@pytest.mark.anyio
async def test_parent_secrets_never_reach_the_command(
    run_dir: Path, worktree: Path, mode: SandboxMode, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in PARENT_SECRETS.items():
        monkeypatch.setenv(name, value)
    result = await runner(run_dir, mode).run(
        "env", cwd=worktree, extra_env={"PYTEST_ADDOPTS": "-x"}
    )
    assert result.exit_code == 0
    names = {line.split("=", 1)[0] for line in result.output.splitlines()}
    # The shell adds PWD (and SHLVL in some shells) itself.
    assert names - {"PWD", "SHLVL", "_"} == {"PATH", "HOME", "LANG", "CI", "PYTEST_ADDOPTS"}
    for name, value in PARENT_SECRETS.items():
        assert name not in result.output
        assert value not in result.output
    assert result.sandboxed is (mode == "required")


@pytest.mark.anyio
async def test_runs_in_the_worktree_with_a_private_home(
    run_dir: Path, worktree: Path, mode: SandboxMode
) -> None:
    result = await runner(run_dir, mode).run(
        'pwd; echo "home=$HOME"; echo oops >&2; touch "$HOME/cache" made; exit 3', cwd=worktree
    )
    assert result.exit_code == 3
    assert not result.timed_out
    assert result.output == f"{worktree}\nhome={run_dir / 'home'}\noops\n"
    assert (worktree / "made").exists()
    assert (run_dir / "home" / "cache").exists()
    assert result.duration >= 0
    assert result.command.endswith("exit 3")


@pytest.mark.anyio
async def test_timeout_kills_the_whole_process_group(
    run_dir: Path, worktree: Path, mode: SandboxMode
) -> None:
    token = unique_sleep()
    # A child that ignores SIGTERM and a grandchild; only SIGKILL of the group ends both.
    command = (
        f"(trap '' TERM; sleep {token} & sh -c 'sleep {token}; true' & wait) & "
        f"echo started; sleep {token}"
    )
    started = time.monotonic()
    result = await runner(run_dir, mode, timeout=1.0).run(command, cwd=worktree)
    assert result.timed_out
    assert result.exit_code is None
    assert result.output == "started\n"
    assert 1.0 <= time.monotonic() - started < 4.0
    assert wait_until_gone(token) == []


@pytest.mark.anyio
async def test_background_processes_die_when_the_command_ends(
    run_dir: Path, worktree: Path, mode: SandboxMode
) -> None:
    token = unique_sleep()
    started = time.monotonic()
    result = await runner(run_dir, mode).run(f"sleep {token} & echo left", cwd=worktree)
    assert (result.exit_code, result.output, result.timed_out) == (0, "left\n", False)
    assert time.monotonic() - started < 3.0
    assert wait_until_gone(token) == []


@pytest.mark.anyio
async def test_a_process_leaving_the_group_does_not_hold_the_run(
    run_dir: Path, worktree: Path, mode: SandboxMode
) -> None:
    token = unique_sleep()
    started = time.monotonic()
    try:
        # The pause lets setsid leave the group before the shell exits.
        result = await runner(run_dir, mode, kill_grace=0.5).run(
            f"setsid sleep {token} & sleep 0.2; echo done", cwd=worktree
        )
        assert (result.exit_code, result.output) == (0, "done\n")
        assert time.monotonic() - started < 3.0
        if mode == "required":
            # The pid namespace ends with bwrap; nothing escapes it.
            assert wait_until_gone(token) == []
        else:
            # Without bwrap a process that starts its own session outlives the run;
            # docs/sandbox.md lists this limit.
            assert processes_with(token) != []
    finally:
        kill_all(token)


@pytest.mark.anyio
async def test_cancelling_the_caller_kills_the_process_group(
    run_dir: Path, worktree: Path, mode: SandboxMode
) -> None:
    token = unique_sleep()
    sandbox = runner(run_dir, mode)
    with anyio.move_on_after(0.5) as scope:
        await sandbox.run(f"sleep {token} & sleep {token}", cwd=worktree)
    assert scope.cancelled_caught
    assert wait_until_gone(token) == []


@pytest.mark.anyio
async def test_huge_output_is_capped_while_reading(
    run_dir: Path, worktree: Path, mode: SandboxMode
) -> None:
    command = "printf BEGIN; head -c 20000000 /dev/zero | tr '\\0' x; printf END"
    result = await runner(run_dir, mode, max_output_bytes=65536).run(command, cwd=worktree)
    assert result.exit_code == 0
    assert result.truncated
    assert result.output.startswith("BEGINxxx")
    assert result.output.endswith("xxxEND")
    assert f"[... {20_000_008 - 65536} bytes of output omitted ...]" in result.output
    assert len(result.output) < 65536 + 100


@pytest.mark.anyio
async def test_caller_variables_are_passed_and_checked(
    run_dir: Path, worktree: Path, mode: SandboxMode
) -> None:
    sandbox = runner(run_dir, mode)
    result = await sandbox.run(
        'echo "$PYTEST_ADDOPTS"', cwd=worktree, extra_env={"PYTEST_ADDOPTS": "-k fast"}
    )
    assert result.output == "-k fast\n"
    with pytest.raises(SandboxError, match="may carry a secret"):
        await sandbox.run("true", cwd=worktree, extra_env={"GITHUB_TOKEN": "x"})


@pytest.mark.bwrap
@pytest.mark.anyio
async def test_network_is_cut_unless_the_policy_allows_setup_network(
    run_dir: Path, worktree: Path
) -> None:
    # slirp4netns's DNS forwarder answers TCP on 10.0.2.3:53 only inside a setup network.
    probe = connect_command("10.0.2.3", 53)
    asked = await runner(run_dir, "required").run(probe, cwd=worktree, network=True)
    assert "connected" not in asked.output
    not_asked = await runner(run_dir, "required", setup_network=True).run(probe, cwd=worktree)
    assert "connected" not in not_asked.output
    if shutil.which("slirp4netns") is None and not os.environ.get("PACE_TEST_REQUIRE_BWRAP"):
        pytest.skip("slirp4netns is not installed")
    granted = await runner(run_dir, "required", setup_network=True).run(
        probe, cwd=worktree, network=True
    )
    assert granted.output == "connected\n", granted.output


@pytest.mark.bwrap
@pytest.mark.anyio
async def test_only_the_worktree_and_home_are_writable(
    run_dir: Path, worktree: Path, tmp_path: Path
) -> None:
    token = secrets.token_hex(6)
    targets = [
        Path.home() / f"pace-probe-{token}",
        Path(f"/etc/pace-probe-{token}"),
        Path(f"/usr/pace-probe-{token}"),
        Path(f"/pace-probe-{token}"),
    ]
    sandbox = runner(run_dir, "required")
    for target in targets:
        result = await sandbox.run(f"echo x > {target}", cwd=worktree)
        assert result.exit_code != 0, target
        assert not target.exists()
    # /tmp inside is private: writes there (including beside a worktree that lives under
    # /tmp, as in these tests) never land on the host.
    for target in (Path(f"/tmp/pace-probe-{token}"), run_dir / f"pace-probe-{token}"):
        private = await sandbox.run(f"echo x > {target} && echo ok", cwd=worktree)
        assert private.output == "ok\n"
        assert not target.exists()
    inside = await sandbox.run("mkdir -p src && echo x > src/new.py", cwd=worktree)
    assert inside.exit_code == 0
    assert (worktree / "src" / "new.py").read_text() == "x\n"


@pytest.mark.bwrap
@pytest.mark.anyio
async def test_paths_that_are_not_bound_are_invisible(
    run_dir: Path, worktree: Path, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "pace.db").write_text("installation-token-cache")
    sandbox = runner(run_dir, "required")
    for command in (f"ls {data_dir}", f"cat {data_dir / 'pace.db'}"):
        result = await sandbox.run(command, cwd=worktree)
        assert result.exit_code != 0
        assert "No such file or directory" in result.output
        assert "installation-token-cache" not in result.output


@pytest.mark.bwrap
@pytest.mark.anyio
async def test_auto_mode_uses_bwrap_when_it_works(run_dir: Path, worktree: Path) -> None:
    result = await runner(run_dir, "auto").run("true", cwd=worktree)
    assert (result.sandboxed, result.warning) == (True, None)


@pytest.mark.anyio
async def test_auto_mode_without_bwrap_runs_unsandboxed_with_a_warning(
    run_dir: Path, worktree: Path
) -> None:
    sandbox = SandboxRunner(run_dir, SandboxPolicy(mode="auto"), bwrap_path=None)
    result = await sandbox.run("echo hi", cwd=worktree)
    assert (result.exit_code, result.output, result.sandboxed) == (0, "hi\n", False)
    assert result.warning is not None
    assert "bubblewrap (bwrap) is not installed" in result.warning


@pytest.mark.anyio
async def test_auto_mode_with_unusable_bwrap_warns(
    run_dir: Path, worktree: Path, tmp_path: Path
) -> None:
    bwrap = fake_bwrap(tmp_path, "echo 'No permissions to create new namespace' >&2; exit 1")
    result = await SandboxRunner(run_dir, SandboxPolicy(mode="auto"), bwrap_path=bwrap).run(
        "echo hi", cwd=worktree
    )
    assert (result.output, result.sandboxed) == ("hi\n", False)
    assert result.warning is not None
    assert "No permissions to create new namespace" in result.warning


@pytest.mark.anyio
async def test_required_mode_refuses_to_run_without_bwrap(
    run_dir: Path, worktree: Path, tmp_path: Path
) -> None:
    bwrap = fake_bwrap(tmp_path, "exit 1")
    for path in (None, bwrap):
        sandbox = SandboxRunner(run_dir, SandboxPolicy(mode="required"), bwrap_path=path)
        with pytest.raises(SandboxError, match=r"the sandbox is required, but (bubblewrap|bwrap)"):
            await sandbox.run(f"touch {worktree / 'ran'}", cwd=worktree)
    assert not (worktree / "ran").exists()


@pytest.mark.anyio
async def test_off_mode_never_uses_bwrap(run_dir: Path, worktree: Path) -> None:
    sandbox = SandboxRunner(run_dir, SandboxPolicy(mode="off"))
    assert sandbox.policy.mode == "off"
    result = await sandbox.run("true", cwd=worktree)
    assert (result.sandboxed, result.warning) == (False, OFF_NOTE)


@pytest.mark.anyio
async def test_missing_working_directory_is_an_error(run_dir: Path, tmp_path: Path) -> None:
    with pytest.raises(SandboxError, match="does not exist"):
        await runner(run_dir, "off").run("true", cwd=tmp_path / "gone")


@pytest.mark.anyio
async def test_a_command_that_cannot_start_is_an_error(
    run_dir: Path, worktree: Path, tmp_path: Path
) -> None:
    # A stand-in that passes the usability probe, then disappears before the run.
    bwrap = fake_bwrap(tmp_path, "exit 0")
    sandbox = SandboxRunner(run_dir, SandboxPolicy(mode="required"), bwrap_path=bwrap)
    assert await sandbox.isolation() == (True, None)
    os.unlink(bwrap)
    with pytest.raises(SandboxError, match="could not start the command"):
        await sandbox.run("true", cwd=worktree)


def test_bwrap_path_is_looked_up_on_path(run_dir: Path) -> None:
    sandbox = SandboxRunner(run_dir, SandboxPolicy(), bwrap_path="sh")
    assert sandbox._bwrap == shutil.which("sh")


@pytest.mark.anyio
async def test_without_prlimit_nothing_runs(run_dir: Path, worktree: Path) -> None:
    sandbox = SandboxRunner(run_dir, SandboxPolicy(mode="off"), prlimit_path="/nonexistent")
    with pytest.raises(SandboxError, match="prlimit"):
        await sandbox.run(f"touch {worktree / 'ran'}", cwd=worktree)
    assert not (worktree / "ran").exists()


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        (b'{"child-pid": "7"}', "names no child pid"),
        (b"[1]", "names no child pid"),
        (b"", "no child"),
    ],
)
def test_bubblewraps_info_must_name_the_child(written: bytes, problem: str) -> None:
    read_end, write_end = os.pipe()
    os.write(write_end, written)
    os.close(write_end)
    try:
        with pytest.raises(ValueError, match=problem):
            runner_module._read_info(read_end)
    finally:
        os.close(read_end)
