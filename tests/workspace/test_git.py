"""The git runner: its environment, timeouts, failures and allowed transports."""

from __future__ import annotations

import os
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

import anyio
import pytest

from pace_app.errors import WorkspaceError
from pace_app.workspace import Git
from pace_app.workspace.git import git_failure, spawn_process
from tests.workspace.conftest import TOKEN, Origin, RecordingSpawn


def test_environment_is_built_from_scratch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-secret")
    monkeypatch.setenv("GIT_DIR", "/elsewhere")
    env = Git().environment(config=[("a.b", "c")], protocols=("https",))
    assert "ANTHROPIC_API_KEY" not in env
    assert "GIT_DIR" not in env
    assert env["HOME"] == os.devnull
    assert env["GIT_CONFIG_GLOBAL"] == os.devnull
    assert env["GIT_CONFIG_NOSYSTEM"] == "1"
    assert env["GIT_TERMINAL_PROMPT"] == "0"
    assert env["GIT_ALLOW_PROTOCOL"] == "https"
    settings = {
        env[f"GIT_CONFIG_KEY_{i}"]: env[f"GIT_CONFIG_VALUE_{i}"]
        for i in range(int(env["GIT_CONFIG_COUNT"]))
    }
    assert settings["core.hooksPath"] == os.devnull
    assert settings["credential.helper"] == ""
    assert settings["a.b"] == "c"


@pytest.mark.anyio
async def test_git_sees_only_the_controlled_configuration(tmp_path: Path) -> None:
    result = await Git().run("config", "--show-scope", "--list", cwd=tmp_path)
    scopes = {line.split("\t", 1)[0] for line in result.stdout.splitlines()}
    assert scopes == {"command"}
    assert "core.hookspath=/dev/null" in result.stdout


@pytest.mark.anyio
async def test_a_failure_carries_git_s_redacted_stderr(tmp_path: Path) -> None:
    with pytest.raises(
        WorkspaceError, match=r"git rev-parse failed with exit code \d+: "
    ) as caught:
        await Git().run("rev-parse", f"no-such-ref-{TOKEN}", cwd=tmp_path)
    assert TOKEN not in str(caught.value)
    assert caught.value.__cause__ is None


@pytest.mark.anyio
async def test_unchecked_failure_returns_the_result(tmp_path: Path) -> None:
    result = await Git().run("rev-parse", "HEAD", cwd=tmp_path, check=False)
    assert result.exit_code != 0
    assert "not a git repository" in result.stderr


@pytest.mark.anyio
async def test_file_transport_is_refused_unless_allowed(origin: Origin, tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="transport 'file' not allowed"):
        await Git().run("ls-remote", origin.url)
    listed = await Git().run("ls-remote", origin.url, protocols=("file",))
    assert "refs/heads/main" in listed.stdout


@pytest.mark.anyio
async def test_a_slow_command_times_out(tmp_path: Path) -> None:
    async def slow(
        argv: Sequence[str], *, env: Mapping[str, str], cwd: Path | None, limit: float
    ) -> tuple[int, bytes, bytes]:
        return await spawn_process(["sleep", "30"], env=env, cwd=cwd, limit=limit)

    with anyio.fail_after(10), pytest.raises(WorkspaceError, match=r"did not finish within 0\.2 s"):
        await Git(spawn=slow).run("fetch", limit=0.2)


@pytest.mark.anyio
async def test_cancellation_kills_the_process_group(tmp_path: Path) -> None:
    marker = tmp_path / "pid"
    script = f"sleep 30 & echo $! > {marker}; wait"
    with anyio.move_on_after(0.5):
        await spawn_process(["sh", "-c", script], env=os.environ, cwd=tmp_path, limit=60)
    child = int(marker.read_text())
    assert await anyio.to_thread.run_sync(_gone_within, child, 10.0)


@pytest.mark.anyio
async def test_a_missing_executable_is_a_workspace_error() -> None:
    with pytest.raises(WorkspaceError, match="could not start git version"):
        await Git(executable="/nonexistent/git").run("version")


@pytest.mark.anyio
async def test_argv_is_recorded_without_the_token(spawn: RecordingSpawn, origin: Origin) -> None:
    await Git(spawn=spawn).run("ls-remote", origin.url, token=TOKEN, url=origin.url,
                               protocols=("file",))  # fmt: skip
    ((argv, env),) = spawn.calls
    assert argv[0] == "git"
    assert TOKEN not in " ".join(argv)
    # A file URL gets no HTTP header at all.
    assert not any(TOKEN in value for value in env.values())


def test_git_failure_keeps_the_end_of_long_output() -> None:
    message = git_failure("fetch", 128, "x" * 5000 + "the reason")
    assert message.endswith("the reason")
    assert len(message) < 2100
    assert git_failure("fetch", 1, "  ") == "git fetch failed with exit code 1"


def _gone_within(pid: int, seconds: float) -> bool:
    """Wait until ``pid`` has exited; say whether it did in time."""
    deadline = time.monotonic() + seconds
    while _alive(pid):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie still answers signal 0; it is dead for our purpose.
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(")")[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False
