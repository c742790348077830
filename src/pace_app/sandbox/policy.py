"""What a sandboxed command may do, who decides it, and what running one produced.

The operator's settings (``SANDBOX_MODE``, ``SANDBOX_SETUP_NETWORK`` and the limits)
make the policy; a repository's ``sandbox:`` section is only a request that
``tighten`` applies where it asks for less, never for more.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal, get_args

from pace_app.errors import SandboxError

SandboxMode = Literal["auto", "required", "off"]
SANDBOX_MODES: tuple[str, ...] = get_args(SandboxMode)
# How much isolation each mode guarantees; a request may only move up this order.
STRICTNESS: dict[str, int] = {"off": 0, "auto": 1, "required": 2}

DEFAULT_TIMEOUT = 600.0
DEFAULT_MAX_OUTPUT_BYTES = 1024 * 1024
DEFAULT_KILL_GRACE = 5.0
# Below this a head and a tail plus the cut marker stop being readable.
MIN_OUTPUT_BYTES = 256
GIB = 1024**3
MIB = 1024**2
OFF_NOTE = "repository code ran unsandboxed (SANDBOX_MODE=off)"


@dataclass(frozen=True)
class Limits:
    """Resources one sandboxed command may use.

    ``memory_bytes`` bounds the resident memory of all its processes together,
    ``processes`` how many run at once, ``file_bytes`` the size of any one file it
    writes, ``disk_bytes`` how much the run directory may grow while the run's commands
    write to it.
    """

    memory_bytes: int = 2 * GIB
    processes: int = 256
    file_bytes: int = 1 * GIB
    disk_bytes: int = 10 * GIB

    def __post_init__(self) -> None:
        for name in ("memory_bytes", "processes", "file_bytes", "disk_bytes"):
            if getattr(self, name) < 1:
                raise SandboxError(f"the sandbox limit {name} must be positive")


@dataclass(frozen=True)
class SandboxRequest:
    """What a repository's ``sandbox:`` section asks for; None where it says nothing."""

    mode: SandboxMode | None = None
    setup_network: bool | None = None


@dataclass(frozen=True)
class SandboxPolicy:
    """Limits and isolation for the commands of one run.

    ``mode``: ``required`` refuses to run without bubblewrap, ``auto`` falls back to an
    unsandboxed run with a warning, ``off`` never uses it. ``setup_network`` says
    whether a command that asks for the network (setup) gets it, through its own
    user-mode network that cannot reach this host or private ranges; ``setup_hosts``,
    when set, are the only hosts it can reach. ``kill_grace`` is how long a timed-out
    command gets between SIGTERM and SIGKILL. ``protected_paths`` are the operator's
    globs FORGE may not write, on top of the built-in list. ``notes`` are what the user
    must be told about how the policy came about.
    """

    mode: SandboxMode = "required"
    setup_network: bool = False
    setup_hosts: tuple[str, ...] = ()
    timeout: float = DEFAULT_TIMEOUT
    max_output_bytes: int = DEFAULT_MAX_OUTPUT_BYTES
    kill_grace: float = DEFAULT_KILL_GRACE
    limits: Limits = field(default_factory=Limits)
    protected_paths: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.mode not in SANDBOX_MODES:
            raise SandboxError(
                f"sandbox.mode must be one of {', '.join(SANDBOX_MODES)}, not {self.mode!r}"
            )
        if not self.timeout > 0:
            raise SandboxError("the sandbox timeout must be positive")
        if self.max_output_bytes < MIN_OUTPUT_BYTES:
            raise SandboxError(f"the output limit must be at least {MIN_OUTPUT_BYTES} bytes")
        if self.kill_grace < 0:
            raise SandboxError("the kill grace period must not be negative")


def tighten(operator: SandboxPolicy, request: SandboxRequest) -> SandboxPolicy:
    """Return the operator's policy with the repository's stricter requests applied.

    A request for less isolation than the operator set is ignored and explained in
    ``notes``; so is a request for a setup network the operator does not allow.
    """
    notes: list[str] = list(operator.notes)
    mode = operator.mode
    if request.mode is not None:
        if STRICTNESS[request.mode] > STRICTNESS[mode]:
            mode = request.mode
        elif STRICTNESS[request.mode] < STRICTNESS[mode]:
            notes.append(
                f"the repository asked for sandbox.mode {request.mode}; the operator's "
                f"policy `{operator.mode}` applies"
            )
    setup_network = operator.setup_network
    if request.setup_network is False:
        setup_network = False
    elif request.setup_network and not operator.setup_network:
        notes.append(
            "the repository asked for network during setup; the operator's policy "
            "(SANDBOX_SETUP_NETWORK off) runs setup without network"
        )
    if mode == "off":
        notes.append(OFF_NOTE)
    return replace(
        operator, mode=mode, setup_network=setup_network, notes=tuple(dict.fromkeys(notes))
    )


def size_text(count: int) -> str:
    """Render a byte count the way the limits are configured: GiB, MiB or bytes."""
    for unit, size in (("GiB", GIB), ("MiB", MIB), ("KiB", 1024)):
        if count >= size and count % size == 0:
            return f"{count // size} {unit}"
    if count >= MIB:
        return f"{count / MIB:.1f} MiB"
    return f"{count} bytes"


@dataclass(frozen=True)
class CommandResult:
    """The outcome of one command run through the sandbox runner.

    ``exit_code`` is None when the runner had to kill the command (timeout or a
    limit); ``output`` is stdout and stderr interleaved, capped to the policy's limit;
    ``warning`` says why the command ran without bubblewrap or how the policy differs
    from what the repository asked, for the status comment; ``limit`` names the
    resource limit the command hit, as in "killed: memory limit 2 GiB reached".
    """

    command: str
    exit_code: int | None
    timed_out: bool
    duration: float
    output: str
    truncated: bool
    sandboxed: bool
    warning: str | None = None
    limit: str | None = None

    @property
    def succeeded(self) -> bool:
        """Say whether the command ran to completion with exit status 0."""
        return self.exit_code == 0 and not self.timed_out and self.limit is None

    def tail(self, n_chars: int) -> str:
        """Return at most the last ``n_chars`` characters of the output."""
        if n_chars <= 0:
            return ""
        return self.output[-n_chars:]
