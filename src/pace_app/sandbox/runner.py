"""Run repository commands with an allowlisted environment, limits and bubblewrap.

Every command from a repository's configuration, and every command a model asks for,
goes through ``SandboxRunner.run``. The command runs with ``/bin/sh -c`` in its own
process group; when it ends, times out or the caller is cancelled, the whole group is
killed, so no background process outlives it. Output is read as it comes and capped;
memory, processes, file size and disk are limited (see ``limits``), and a setup command
allowed the network gets its own user-mode network (see ``network``).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import anyio
from anyio.abc import ByteReceiveStream, Process

from pace_app.errors import SandboxError
from pace_app.sandbox.bwrap import NetworkHandshake, bwrap_argv, host_layout
from pace_app.sandbox.environment import build_environment, tool_dirs
from pace_app.sandbox.limits import (
    DISK_EVERY,
    MEMORY_EVERY,
    disk_message,
    disk_usage,
    file_size_message,
    hit_file_limit,
    kill_all,
    over_limit,
    rlimit_argv,
    tree_usage,
)
from pace_app.sandbox.network import NetworkTools, SetupNetwork, find_tools, write_resolv_conf
from pace_app.sandbox.output import OutputCap
from pace_app.sandbox.policy import OFF_NOTE, CommandResult, SandboxPolicy
from pace_app.sandbox.probe import bwrap_problem

logger = logging.getLogger(__name__)

HANDSHAKE_TIMEOUT = 10.0


@dataclass
class _Launch:
    """What one command needs to start: argv, environment and the setup-network pipes."""

    argv: list[str]
    env: dict[str, str]
    cwd: Path
    pass_fds: tuple[int, ...] = ()
    info_read: int | None = None
    block_write: int | None = None

    def close_child_ends(self) -> None:
        """Close the descriptors only the child needs, once it has them."""
        for fd in self.pass_fds:
            os.close(fd)
        self.pass_fds = ()

    def close(self) -> None:
        """Close every descriptor still open."""
        self.close_child_ends()
        for fd in (self.info_read, self.block_write):
            if fd is not None:
                with contextlib.suppress(OSError):
                    os.close(fd)
        self.info_read = self.block_write = None


class SandboxRunner:
    """Run shell commands for one pipeline run under a ``SandboxPolicy``.

    ``run_dir`` is the run's private directory; commands get ``run_dir/home`` as their
    home, and the disk limit counts what the run directory gains. ``bwrap_path`` names
    the bubblewrap binary (looked up on ``PATH`` when it is not absolute); None means
    bubblewrap is not available.
    """

    def __init__(
        self,
        run_dir: Path,
        policy: SandboxPolicy,
        *,
        bwrap_path: str | None = "bwrap",
        prlimit_path: str = "prlimit",
    ) -> None:
        self._run_dir = run_dir
        self._policy = policy
        self._bwrap = shutil.which(bwrap_path) if bwrap_path is not None else None
        self._prlimit = shutil.which(prlimit_path)
        self._disk_baseline: int | None = None

    @property
    def policy(self) -> SandboxPolicy:
        """Return the policy commands run under."""
        return self._policy

    async def isolation(self) -> tuple[bool, str | None]:
        """Say whether commands will run in bubblewrap, and what the user must be told.

        Raises ``SandboxError`` when the policy requires bubblewrap and it cannot run.
        """
        notes = list(self._policy.notes)
        if self._policy.mode == "off":
            return False, _joined([*notes, OFF_NOTE])
        if self._bwrap is None:
            problem: str | None = "bubblewrap (bwrap) is not installed"
        else:
            problem = await bwrap_problem(self._bwrap)
        if problem is None:
            return True, _joined(notes)
        if self._policy.mode == "required":
            raise SandboxError(
                f"the sandbox is required, but {problem}; repository code does not run without it"
            )
        return False, _joined(
            [
                *notes,
                f"Ran without the bubblewrap sandbox: {problem}. Repository code had no "
                "filesystem or network isolation; secrets were still withheld.",
            ]
        )

    async def run(
        self,
        command: str,
        *,
        cwd: Path,
        extra_env: Mapping[str, str] | None = None,
        network: bool | None = None,
    ) -> CommandResult:
        """Run ``command`` with ``/bin/sh -c`` in ``cwd`` and return what happened.

        ``network`` asks for a network (setup does); the command gets one only when the
        policy's ``setup_network`` allows it.
        """
        sandboxed, warning = await self.isolation()
        if self._prlimit is None:
            raise SandboxError("prlimit (util-linux) is not installed, so limits cannot hold")
        tools: NetworkTools | None = None
        if network and self._policy.setup_network and sandboxed:
            found = find_tools(
                (name, shutil.which(name)) for name in ("slirp4netns", "nsenter", "ip")
            )
            if isinstance(found, str):
                warning = _joined(
                    [
                        *([warning] if warning else []),
                        f"setup ran without network: {found}",
                    ]
                )
            else:
                tools = found
        if self._disk_baseline is None:
            self._disk_baseline = await anyio.to_thread.run_sync(disk_usage, self._run_dir)
        # Everything that touches the filesystem runs off the event loop.
        launch = await anyio.to_thread.run_sync(
            self._prepare, command, cwd, extra_env, tools is not None, sandboxed
        )
        output = OutputCap(self._policy.max_output_bytes)
        started = time.monotonic()
        try:
            try:
                process = await anyio.open_process(
                    launch.argv,
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.PIPE,
                    stderr=subprocess.STDOUT,
                    cwd=launch.cwd,
                    env=launch.env,
                    start_new_session=True,
                    pass_fds=launch.pass_fds,
                )
            except OSError as exc:
                raise SandboxError(f"could not start the command ({exc.strerror or exc})") from exc
            finally:
                launch.close_child_ends()
            async with process:
                network_up = SetupNetwork(tools, hosts=self._policy.setup_hosts) if tools else None
                try:
                    if network_up is not None:
                        await self._connect(process, launch, network_up)
                    exit_code, timed_out, limit = await self._supervise(process, output)
                finally:
                    if network_up is not None:
                        await network_up.close()
        finally:
            launch.close()
        duration = time.monotonic() - started
        kept = output.result()
        text = kept.text
        if limit is None and hit_file_limit(exit_code, text):
            limit = file_size_message(self._policy.limits)
        if limit is not None:
            text += f"\n[{limit}]"
        logger.info(
            "sandboxed command finished",
            extra={
                "exit_code": exit_code,
                "timed_out": timed_out,
                "duration": round(duration, 3),
                "sandboxed": sandboxed,
                "output_bytes": kept.total_bytes,
                "limit": limit,
            },
        )
        return CommandResult(
            command=command,
            exit_code=exit_code,
            timed_out=timed_out,
            duration=duration,
            output=text,
            truncated=kept.truncated,
            sandboxed=sandboxed,
            warning=warning,
            limit=limit,
        )

    def _prepare(
        self,
        command: str,
        cwd: Path,
        extra_env: Mapping[str, str] | None,
        network: bool,
        sandboxed: bool,
    ) -> _Launch:
        """Check the directories and build the argv and environment for one command."""
        if not cwd.is_dir():
            raise SandboxError("the working directory does not exist")
        cwd = cwd.resolve()
        home = (self._run_dir / "home").resolve()
        home.mkdir(parents=True, exist_ok=True)
        extra_dirs = tool_dirs()
        env = build_environment(cwd=cwd, home=home, extra_dirs=extra_dirs, extra_env=extra_env)
        limits = self._policy.limits
        assert self._prlimit is not None
        if not sandboxed:
            prefix = rlimit_argv(self._prlimit, limits, processes=False)
            return _Launch([*prefix, "/bin/sh", "-c", command], env, cwd)
        assert self._bwrap is not None
        handshake: NetworkHandshake | None = None
        launch = _Launch([], env, cwd)
        if network:
            info_read, info_write = os.pipe()
            block_read, block_write = os.pipe()
            launch = _Launch([], env, cwd, (info_write, block_read), info_read, block_write)
            etc = self._run_dir / "etc"
            etc.mkdir(exist_ok=True)
            handshake = NetworkHandshake(info_write, block_read, write_resolv_conf(etc))
        launch.argv = bwrap_argv(
            self._bwrap,
            layout=host_layout(extra_dirs),
            cwd=cwd,
            home=home,
            env=env,
            command=command,
            handshake=handshake,
            tmp_bytes=limits.memory_bytes,
            prefix=rlimit_argv(self._prlimit, limits, processes=True),
        )
        return launch

    async def _connect(self, process: Process, launch: _Launch, network: SetupNetwork) -> None:
        """Attach the setup network while bubblewrap waits, then let the command start."""
        assert launch.info_read is not None
        assert launch.block_write is not None
        try:
            with anyio.fail_after(HANDSHAKE_TIMEOUT):
                child = await anyio.to_thread.run_sync(
                    _read_info, launch.info_read, abandon_on_cancel=True
                )
                await network.attach(child)
        except (TimeoutError, ValueError) as exc:
            await self._terminate(process)
            raise SandboxError("bubblewrap did not hand over its network namespace") from exc
        except BaseException:
            with anyio.CancelScope(shield=True):
                await self._terminate(process)
            raise
        os.write(launch.block_write, b"1")

    async def _supervise(
        self, process: Process, output: OutputCap
    ) -> tuple[int | None, bool, str | None]:
        """Wait for the command within the timeout and limits; kill its group however it ends."""
        assert process.stdout is not None
        drained = anyio.Event()
        exit_code: int | None = None
        hit: list[str] = []
        try:
            with anyio.move_on_after(self._policy.timeout):
                async with anyio.create_task_group() as group:
                    group.start_soon(_drain, process.stdout, output, drained)
                    group.start_soon(self._watch, process.pid, hit)
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
        if hit:
            return None, False, hit[0]
        if exit_code is None:
            # Only the timeout ends the block before the leader exits.
            await self._terminate(process)
            return None, True, None
        return exit_code, False, None

    async def _watch(self, pid: int, hit: list[str]) -> None:
        """Sample the command's memory, processes and disk; kill it at a limit."""
        limits = self._policy.limits
        baseline = self._disk_baseline or 0
        next_disk = time.monotonic() + DISK_EVERY
        while True:
            await anyio.sleep(MEMORY_EVERY)
            usage = await anyio.to_thread.run_sync(tree_usage, pid)
            message = over_limit(usage, limits)
            if message is None and time.monotonic() >= next_disk:
                next_disk = time.monotonic() + DISK_EVERY
                written = await anyio.to_thread.run_sync(disk_usage, self._run_dir) - baseline
                if written >= limits.disk_bytes:
                    message = disk_message(limits)
            if message is not None:
                hit.append(message)
                _signal_group(pid, signal.SIGKILL)
                kill_all(usage.pids)
                return

    async def _terminate(self, process: Process) -> None:
        """Send SIGTERM to the group, then SIGKILL after the grace period."""
        _signal_group(process.pid, signal.SIGTERM)
        with anyio.move_on_after(self._policy.kill_grace):
            await process.wait()
        # SIGKILL even when the leader went quietly: children may ignore SIGTERM.
        _signal_group(process.pid, signal.SIGKILL)
        await process.wait()


def _joined(notes: list[str]) -> str | None:
    return "; ".join(dict.fromkeys(notes)) or None


def _read_info(fd: int) -> int:
    """Read the sandbox's child pid from bubblewrap's ``--info-fd`` JSON."""
    data = b""
    while b"}" not in data:
        chunk = os.read(fd, 4096)
        if not chunk:
            break
        data += chunk
    value = json.loads(data.decode("utf-8", errors="replace") or "{}")
    pid = value.get("child-pid") if isinstance(value, dict) else None
    if not isinstance(pid, int):
        raise ValueError("bubblewrap's info names no child pid")
    return pid


async def _drain(stream: ByteReceiveStream, output: OutputCap, drained: anyio.Event) -> None:
    async for chunk in stream:
        output.feed(chunk)
    drained.set()


def _signal_group(pgid: int, signum: signal.Signals) -> None:
    # Either error means the group is already gone.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signum)
