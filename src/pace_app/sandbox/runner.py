"""Run repository commands with an allowlisted environment, limits and bubblewrap.

Every command from a repository's configuration, and every command a model asks for,
goes through ``SandboxRunner.run``. The command runs with ``/bin/sh -c`` in its own
process group; when it ends, times out or the caller is cancelled, the whole group is
killed, so no background process outlives it. Output is read as it comes and capped.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Mapping
from pathlib import Path

import anyio
from anyio.abc import ByteReceiveStream, Process

from pace_app.errors import SandboxError
from pace_app.sandbox.bwrap import bwrap_argv, host_layout
from pace_app.sandbox.environment import build_environment, tool_dirs
from pace_app.sandbox.output import OutputCap
from pace_app.sandbox.policy import CommandResult, SandboxPolicy
from pace_app.sandbox.probe import bwrap_problem

logger = logging.getLogger(__name__)

OFF_WARNING = (
    "The sandbox is turned off (sandbox.mode: off): repository code ran without "
    "filesystem or network isolation."
)


class SandboxRunner:
    """Run shell commands for one pipeline run under a ``SandboxPolicy``.

    ``run_dir`` is the run's private directory; commands get ``run_dir/home`` as their
    home. ``bwrap_path`` names the bubblewrap binary (looked up on ``PATH`` when it is
    not absolute); None means bubblewrap is not available.
    """

    def __init__(
        self,
        run_dir: Path,
        policy: SandboxPolicy,
        *,
        bwrap_path: str | None = "bwrap",
    ) -> None:
        self._run_dir = run_dir
        self._policy = policy
        self._bwrap = shutil.which(bwrap_path) if bwrap_path is not None else None

    @property
    def policy(self) -> SandboxPolicy:
        """Return the policy commands run under."""
        return self._policy

    async def isolation(self) -> tuple[bool, str | None]:
        """Say whether commands will run in bubblewrap, and the warning when not.

        Raises ``SandboxError`` when the policy requires bubblewrap and it cannot run.
        """
        if self._policy.mode == "off":
            return False, OFF_WARNING
        if self._bwrap is None:
            problem: str | None = "bubblewrap (bwrap) is not installed"
        else:
            problem = await bwrap_problem(self._bwrap)
        if problem is None:
            return True, None
        if self._policy.mode == "required":
            raise SandboxError(f"sandbox.mode is required, but {problem}")
        return False, (
            f"Ran without the bubblewrap sandbox: {problem}. Repository code had no "
            "filesystem or network isolation; secrets were still withheld."
        )

    async def run(
        self,
        command: str,
        *,
        cwd: Path,
        extra_env: Mapping[str, str] | None = None,
        network: bool | None = None,
    ) -> CommandResult:
        """Run ``command`` with ``/bin/sh -c`` in ``cwd`` and return what happened."""
        sandboxed, warning = await self.isolation()
        allow_network = self._policy.network if network is None else network
        # Everything that touches the filesystem runs off the event loop.
        argv, env, cwd = await anyio.to_thread.run_sync(
            self._prepare, command, cwd, extra_env, allow_network, sandboxed
        )
        output = OutputCap(self._policy.max_output_bytes)
        started = time.monotonic()
        try:
            process = await anyio.open_process(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                cwd=cwd,
                env=env,
                start_new_session=True,
            )
        except OSError as exc:
            raise SandboxError(f"could not start the command ({exc.strerror or exc})") from exc
        async with process:
            exit_code, timed_out = await self._supervise(process, output)
        duration = time.monotonic() - started
        kept = output.result()
        logger.info(
            "sandboxed command finished",
            extra={
                "exit_code": exit_code,
                "timed_out": timed_out,
                "duration": round(duration, 3),
                "sandboxed": sandboxed,
                "output_bytes": kept.total_bytes,
            },
        )
        return CommandResult(
            command=command,
            exit_code=exit_code,
            timed_out=timed_out,
            duration=duration,
            output=kept.text,
            truncated=kept.truncated,
            sandboxed=sandboxed,
            warning=warning,
        )

    def _prepare(
        self,
        command: str,
        cwd: Path,
        extra_env: Mapping[str, str] | None,
        network: bool,
        sandboxed: bool,
    ) -> tuple[list[str], dict[str, str], Path]:
        """Check the directories and build the argv and environment for one command."""
        if not cwd.is_dir():
            raise SandboxError(f"the working directory {cwd} does not exist")
        cwd = cwd.resolve()
        home = (self._run_dir / "home").resolve()
        home.mkdir(parents=True, exist_ok=True)
        extra_dirs = tool_dirs()
        env = build_environment(cwd=cwd, home=home, extra_dirs=extra_dirs, extra_env=extra_env)
        if not sandboxed:
            return ["/bin/sh", "-c", command], env, cwd
        assert self._bwrap is not None
        argv = bwrap_argv(
            self._bwrap,
            layout=host_layout(extra_dirs),
            cwd=cwd,
            home=home,
            env=env,
            network=network,
            command=command,
        )
        return argv, env, cwd

    async def _supervise(self, process: Process, output: OutputCap) -> tuple[int | None, bool]:
        """Wait for the command within the timeout; kill its group however it ends."""
        assert process.stdout is not None
        drained = anyio.Event()
        exit_code: int | None = None
        try:
            with anyio.move_on_after(self._policy.timeout):
                async with anyio.create_task_group() as group:
                    group.start_soon(_drain, process.stdout, output, drained)
                    exit_code = await process.wait()
                    # The leader is done; background children it left would hold the
                    # output pipe open and outlive the run, so they go now.
                    _signal_group(process.pid, signal.SIGKILL)
                    # Only a process that left the group (setsid) can still hold the
                    # pipe; stop waiting for it after the grace period.
                    with anyio.move_on_after(self._policy.kill_grace):
                        await drained.wait()
                    group.cancel_scope.cancel()
        except BaseException:
            with anyio.CancelScope(shield=True):
                await self._terminate(process)
            raise
        if exit_code is None:
            # Only the timeout ends the block before the leader exits.
            await self._terminate(process)
            return None, True
        return exit_code, False

    async def _terminate(self, process: Process) -> None:
        """Send SIGTERM to the group, then SIGKILL after the grace period."""
        _signal_group(process.pid, signal.SIGTERM)
        with anyio.move_on_after(self._policy.kill_grace):
            await process.wait()
        # SIGKILL even when the leader went quietly: children may ignore SIGTERM.
        _signal_group(process.pid, signal.SIGKILL)
        await process.wait()


async def _drain(stream: ByteReceiveStream, output: OutputCap, drained: anyio.Event) -> None:
    async for chunk in stream:
        output.feed(chunk)
    drained.set()


def _signal_group(pgid: int, signum: signal.Signals) -> None:
    # Either error means the group is already gone.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signum)
