"""What a sandboxed command may do and what running one produced."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from pace_app.errors import SandboxError

SandboxMode = Literal["auto", "required", "off"]
SANDBOX_MODES: tuple[str, ...] = get_args(SandboxMode)

DEFAULT_TIMEOUT = 600.0
DEFAULT_MAX_OUTPUT_BYTES = 1024 * 1024
DEFAULT_KILL_GRACE = 5.0
# Below this a head and a tail plus the cut marker stop being readable.
MIN_OUTPUT_BYTES = 256


@dataclass(frozen=True)
class SandboxPolicy:
    """Limits and isolation for commands run from one repository's configuration.

    ``mode`` comes from the repository's ``sandbox.mode``: ``auto`` uses bubblewrap
    when it works and falls back to an unsandboxed run with a warning, ``required``
    refuses to run without it, ``off`` never uses it. ``network`` is the default for
    commands that do not say; setup turns it on when ``sandbox.network_during_setup``
    allows it. ``kill_grace`` is how long a timed-out command gets between SIGTERM and
    SIGKILL.
    """

    mode: SandboxMode = "auto"
    network: bool = False
    timeout: float = DEFAULT_TIMEOUT
    max_output_bytes: int = DEFAULT_MAX_OUTPUT_BYTES
    kill_grace: float = DEFAULT_KILL_GRACE

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


@dataclass(frozen=True)
class CommandResult:
    """The outcome of one command run through the sandbox runner.

    ``exit_code`` is None when the runner had to kill the command (timeout);
    ``output`` is stdout and stderr interleaved, capped to the policy's limit;
    ``warning`` says why the command ran without bubblewrap, for the status comment.
    """

    command: str
    exit_code: int | None
    timed_out: bool
    duration: float
    output: str
    truncated: bool
    sandboxed: bool
    warning: str | None = None

    @property
    def succeeded(self) -> bool:
        """Say whether the command ran to completion with exit status 0."""
        return self.exit_code == 0 and not self.timed_out

    def tail(self, n_chars: int) -> str:
        """Return at most the last ``n_chars`` characters of the output."""
        if n_chars <= 0:
            return ""
        return self.output[-n_chars:]
