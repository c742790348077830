"""A small async runner for git: a fixed environment, a timeout, redacted errors.

Every git command the app runs goes through ``Git.run``. The environment is built
from scratch (no app secrets reach git or anything it starts), the host's and the
user's git configuration are ignored, hooks and fsmonitor are off, only the allowed
transports work, and the token (when a command needs one) travels in environment
variables for that one command. A failure becomes ``WorkspaceError`` carrying git's
redacted stderr.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import subprocess
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol
from urllib.parse import urlsplit

import anyio
from anyio.abc import ByteReceiveStream

from pace_app.errors import WorkspaceError
from pace_app.workspace.credentials import auth_config, token_redactor
from pace_app.workspace.policy import origin_of

logger = logging.getLogger(__name__)

DEFAULT_TIMEOUT = 300.0
REMOTE_PROTOCOLS = ("https", "http")
_MAX_ERROR_CHARS = 2000
_DEFAULT_PATH = "/usr/local/bin:/usr/bin:/bin"

# Command-scope settings win over any repository's .git/config, so these hold even
# in a worktree whose .git a sandboxed command could have touched.
SAFE_CONFIG: tuple[tuple[str, str], ...] = (
    ("core.hooksPath", os.devnull),
    ("core.fsmonitor", "false"),
    ("core.attributesFile", os.devnull),
    ("core.excludesFile", os.devnull),
    ("core.pager", "cat"),
    ("credential.helper", ""),
    ("http.followRedirects", "false"),
    ("commit.gpgSign", "false"),
    ("tag.gpgSign", "false"),
    ("submodule.recurse", "false"),
    ("fetch.recurseSubmodules", "false"),
    ("push.recurseSubmodules", "no"),
    ("gc.autoDetach", "false"),
    ("maintenance.autoDetach", "false"),
    ("init.defaultBranch", "main"),
    ("advice.detachedHead", "false"),
    ("safe.bareRepository", "all"),
)


@dataclass(frozen=True)
class GitResult:
    """What one git command did."""

    args: tuple[str, ...]
    exit_code: int
    stdout: str
    stderr: str
    # The output as git wrote it, for blobs that are not text.
    stdout_bytes: bytes = b""


class Spawn(Protocol):
    """Start a process, wait for it at most ``limit`` seconds, return exit code and output."""

    async def __call__(
        self, argv: Sequence[str], *, env: Mapping[str, str], cwd: Path | None, limit: float
    ) -> tuple[int, bytes, bytes]: ...


async def spawn_process(
    argv: Sequence[str], *, env: Mapping[str, str], cwd: Path | None, limit: float
) -> tuple[int, bytes, bytes]:
    """Run ``argv`` in its own process group; kill the group on timeout or cancellation."""
    # Shielded: asyncio loses track of a process whose start is cancelled half-way,
    # and it would then outlive the run unsupervised.
    with anyio.CancelScope(shield=True):
        process = await anyio.open_process(
            list(argv),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=cwd,
            env=dict(env),
            start_new_session=True,
        )
    chunks: tuple[list[bytes], list[bytes]] = ([], [])
    async with process:
        assert process.stdout is not None
        assert process.stderr is not None
        try:
            with anyio.fail_after(limit):
                async with anyio.create_task_group() as group:
                    group.start_soon(_drain, process.stdout, chunks[0])
                    group.start_soon(_drain, process.stderr, chunks[1])
                    exit_code = await process.wait()
        except BaseException:
            # git starts helpers (remote-https, pack-objects): the group goes with it.
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
            with anyio.CancelScope(shield=True):
                await process.wait()
            raise
    return exit_code, b"".join(chunks[0]), b"".join(chunks[1])


async def _drain(stream: ByteReceiveStream, into: list[bytes]) -> None:
    async for chunk in stream:
        into.append(chunk)


# The tree every git knows without storing it; attributes read from it are none.
EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
# Every diff the App reads shows the real content: no attribute (in-tree, info/ or the
# user's) can mark a file binary (`-diff`, `binary`) or route it through a textconv or
# an external diff driver. With core.attributesFile=/dev/null and GIT_ATTR_NOSYSTEM
# above, only the worktree's .gitattributes remain; `--text` overrides what they can
# still say on git 2.39, and GIT_ATTR_SOURCE (git 2.40 and later; older ones ignore it)
# makes git read no in-tree attributes at all.
DIFF_FLAGS: tuple[str, ...] = ("--text", "--no-textconv", "--no-ext-diff", "--no-color")
DIFF_ENV: Mapping[str, str] = {"GIT_ATTR_SOURCE": EMPTY_TREE}


class Git:
    """Run git commands with a controlled environment and a per-command timeout."""

    def __init__(
        self,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        executable: str = "git",
        spawn: Spawn = spawn_process,
    ) -> None:
        self.timeout = timeout
        self._executable = executable
        self._spawn = spawn

    def environment(
        self,
        *,
        config: Iterable[tuple[str, str]] = (),
        protocols: Sequence[str] = REMOTE_PROTOCOLS,
        extra: Mapping[str, str] | None = None,
    ) -> dict[str, str]:
        """Return the whole environment for one git command."""
        env = {
            "PATH": os.environ.get("PATH", _DEFAULT_PATH),
            # No readable home: no ~/.gitconfig, ~/.config/git/*, ~/.netrc.
            "HOME": os.devnull,
            "LC_ALL": "C",
            "LANG": "C",
            "GIT_TERMINAL_PROMPT": "0",
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_ATTR_NOSYSTEM": "1",
            "GIT_NO_REPLACE_OBJECTS": "1",
            "GIT_ALLOW_PROTOCOL": ":".join(protocols),
            "GIT_PAGER": "cat",
            "GIT_EDITOR": "true",
        }
        settings = [*SAFE_CONFIG, *config]
        env["GIT_CONFIG_COUNT"] = str(len(settings))
        for index, (key, value) in enumerate(settings):
            env[f"GIT_CONFIG_KEY_{index}"] = key
            env[f"GIT_CONFIG_VALUE_{index}"] = value
        env.update(extra or {})
        return env

    async def run(
        self,
        *args: str,
        cwd: Path | None = None,
        token: str | None = None,
        url: str | None = None,
        protocols: Sequence[str] = REMOTE_PROTOCOLS,
        extra_env: Mapping[str, str] | None = None,
        check: bool = True,
        limit: float | None = None,
        config: Iterable[tuple[str, str]] = (),
    ) -> GitResult:
        """Run ``git ARGS``; with ``token``, authenticate to ``url``'s origin only.

        ``config`` holds further settings for this one command (e.g. a signing key's path).
        """
        redact = token_redactor(token).text
        settings: list[tuple[str, str]] = list(config)
        if token is not None:
            if url is None:
                raise WorkspaceError("a token needs the URL it is meant for")
            if urlsplit(url).scheme.lower() in REMOTE_PROTOCOLS:
                settings += auth_config(token, origin_of(url))
        env = self.environment(config=settings, protocols=protocols, extra=extra_env)
        argv = (self._executable, *args)
        command = _subcommand(args)
        limit = self.timeout if limit is None else limit
        started = time.monotonic()
        try:
            exit_code, out, err = await self._spawn(argv, env=env, cwd=cwd, limit=limit)
        except TimeoutError:
            raise WorkspaceError(f"git {command} did not finish within {limit:g} s") from None
        except OSError as exc:
            raise WorkspaceError(
                f"could not start git {command} ({redact(exc.strerror or str(exc))})"
            ) from None
        stderr = redact(err.decode("utf-8", "replace"))
        result = GitResult(
            args=tuple(redact(a) for a in args),
            exit_code=exit_code,
            stdout=out.decode("utf-8", "replace"),
            stderr=stderr,
            stdout_bytes=out,
        )
        logger.debug(
            "git command finished",
            extra={
                "git_command": command,
                "exit_code": exit_code,
                "duration": round(time.monotonic() - started, 3),
            },
        )
        if check and exit_code != 0:
            raise WorkspaceError(git_failure(command, exit_code, stderr))
        return result


def git_failure(command: str, exit_code: int, detail: str) -> str:
    """Phrase a failed git command for an error message (``detail`` already redacted)."""
    detail = detail.strip()
    if len(detail) > _MAX_ERROR_CHARS:
        detail = "…" + detail[-_MAX_ERROR_CHARS:]
    message = f"git {command} failed with exit code {exit_code}"
    return f"{message}: {detail}" if detail else message


def _subcommand(args: Sequence[str]) -> str:
    return next((a for a in args if not a.startswith("-")), "")
