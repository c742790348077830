"""Resource limits of a sandboxed command: rlimits in the child, a watcher outside.

The kernel enforces what it can per process: ``prlimit`` sets the largest file a
command may write and, inside bubblewrap's user namespace, how many processes it may
run. What no rlimit expresses — the memory of all processes together, the disk the
run directory gains — a watcher measures from outside, killing the command with a
message naming the limit. The process count is watched too, because the kernel does
not apply ``RLIMIT_NPROC`` to root or outside a fresh user namespace.

Memory is the resident, not shared, memory of every process in the command's tree
(``/proc/PID/statm``), sampled every ``MEMORY_EVERY`` seconds; virtual-size limits are
not used because runtimes such as the JVM, V8 and Go reserve far more address space
than they touch.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from pace_app.sandbox.policy import Limits, size_text

MEMORY_EVERY = 0.25
DISK_EVERY = 2.0
_PAGE = os.sysconf("SC_PAGE_SIZE")
# The message a writer sees when RLIMIT_FSIZE stops it and it ignores SIGXFSZ (Python).
FILE_TOO_LARGE = os.strerror(27)


def rlimit_argv(prlimit: str, limits: Limits, *, processes: bool) -> list[str]:
    """Return the ``prlimit`` prefix that applies the per-process limits to a command.

    ``processes`` is False outside a fresh user namespace, where ``RLIMIT_NPROC`` would
    count every process of the service's user, not only the command's.
    """
    argv = [prlimit, f"--fsize={limits.file_bytes}"]
    if processes:
        argv.append(f"--nproc={limits.processes}")
    return [*argv, "--"]


def memory_message(limits: Limits) -> str:
    """Return the message for a command killed at the memory limit."""
    return f"killed: memory limit {size_text(limits.memory_bytes)} reached"


def process_message(limits: Limits) -> str:
    """Return the message for a command killed at the process limit."""
    return f"killed: process limit {limits.processes} reached"


def disk_message(limits: Limits) -> str:
    """Return the message for a command killed at the disk limit."""
    return f"killed: disk limit {size_text(limits.disk_bytes)} reached"


def file_size_message(limits: Limits) -> str:
    """Return the message for a command stopped at the file size limit."""
    return f"stopped: file size limit {size_text(limits.file_bytes)} reached"


def hit_file_limit(exit_code: int | None, output: str) -> bool:
    """Say whether a finished command was stopped by ``RLIMIT_FSIZE``."""
    if exit_code is None:
        return False
    # The shell and bubblewrap report a death by signal as 128 + the signal number,
    # Python's subprocess as the negative signal number.
    by_signal = exit_code in (128 + signal.SIGXFSZ, -signal.SIGXFSZ)
    return by_signal or (exit_code != 0 and FILE_TOO_LARGE in output)


@dataclass(frozen=True)
class TreeUsage:
    """How many processes a command's tree holds and their resident memory."""

    pids: frozenset[int]
    memory_bytes: int


def parse_stat(text: str) -> tuple[int, int]:
    """Return (pid, parent pid) from the text of ``/proc/PID/stat``."""
    # The command name sits in parentheses and may itself contain ") ".
    pid, _, rest = text.partition(" (")
    fields = rest.rpartition(") ")[2].split()
    return int(pid), int(fields[1])


def descendants(parents: Mapping[int, int], root: int) -> frozenset[int]:
    """Return ``root`` and every process below it, given each process's parent."""
    children: dict[int, list[int]] = {}
    for pid, parent in parents.items():
        children.setdefault(parent, []).append(pid)
    found = {root}
    stack = [root]
    while stack:
        for child in children.get(stack.pop(), ()):
            if child not in found:
                found.add(child)
                stack.append(child)
    return frozenset(found)


def tree_usage(root: int, proc: Path = Path("/proc")) -> TreeUsage:
    """Measure the processes under ``root`` and their resident, unshared memory."""
    parents: dict[int, int] = {}
    for entry in os.scandir(proc):
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, ValueError, IndexError):
            pid, parent = parse_stat((Path(entry.path) / "stat").read_text())
            parents[pid] = parent
    pids = descendants(parents, root)
    memory = 0
    for pid in pids:
        with contextlib.suppress(OSError, ValueError, IndexError):
            fields = (proc / str(pid) / "statm").read_text().split()
            memory += max(0, int(fields[1]) - int(fields[2])) * _PAGE
    return TreeUsage(pids=pids, memory_bytes=memory)


def disk_usage(root: Path) -> int:
    """Return the bytes the files under ``root`` occupy, never following symlinks."""
    total = 0
    stack = [str(root)]
    while stack:
        try:
            entries = list(os.scandir(stack.pop()))
        except OSError:
            continue
        for entry in entries:
            with contextlib.suppress(OSError):
                info = entry.stat(follow_symlinks=False)
                total += info.st_blocks * 512
                if entry.is_dir(follow_symlinks=False):
                    stack.append(entry.path)
    return total


def over_limit(usage: TreeUsage, limits: Limits) -> str | None:
    """Return the message for the first tree limit ``usage`` reaches, or None."""
    if usage.memory_bytes >= limits.memory_bytes:
        return memory_message(limits)
    if len(usage.pids) > limits.processes:
        return process_message(limits)
    return None


def kill_all(pids: Iterable[int]) -> None:
    """Send SIGKILL to each process; one that is already gone is skipped."""
    for pid in pids:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)
