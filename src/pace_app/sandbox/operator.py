"""The operator's sandbox: the policy the service settings make, and runners under it."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

from pace_app.config.settings import Settings
from pace_app.sandbox.policy import MIB, Limits, SandboxPolicy, SandboxRequest, tighten
from pace_app.sandbox.probe import bwrap_problem
from pace_app.sandbox.runner import SandboxRunner


@dataclass(frozen=True)
class OperatorSandbox:
    """The operator's policy and bubblewrap binary, shared by every run of a process."""

    policy: SandboxPolicy = field(default_factory=SandboxPolicy)
    bwrap_path: str | None = "bwrap"

    def runner(self, run_dir: Path, request: SandboxRequest | None = None) -> SandboxRunner:
        """Return a runner for one run, the repository's ``request`` applied where stricter."""
        policy = tighten(self.policy, request or SandboxRequest())
        return SandboxRunner(run_dir, policy, bwrap_path=self.bwrap_path)

    async def problem(self) -> str | None:
        """Return why bubblewrap cannot sandbox on this host, or None when it can."""
        found = shutil.which(self.bwrap_path) if self.bwrap_path is not None else None
        if found is None:
            return f"bubblewrap is not installed ({self.bwrap_path} not found)"
        return await bwrap_problem(found)

    async def start_line(self) -> str | None:
        """Return the one line ``serve`` logs at start when repository code is at risk."""
        mode = self.policy.mode
        if mode == "off":
            return "SANDBOX_MODE=off: repository code runs unsandboxed, on this host"
        problem = await self.problem()
        if problem is None:
            return None
        if mode == "required":
            return f"SANDBOX_MODE=required but {problem}: every story run will fail"
        return f"SANDBOX_MODE=auto and {problem}: repository code runs unsandboxed"


def operator_sandbox(settings: Settings) -> OperatorSandbox:
    """Build the operator's sandbox from the service settings."""
    policy = SandboxPolicy(
        mode=settings.sandbox_mode,
        setup_network=settings.sandbox_setup_network,
        setup_hosts=_listed(settings.sandbox_setup_hosts),
        limits=Limits(
            memory_bytes=settings.sandbox_memory_mb * MIB,
            processes=settings.sandbox_processes,
            file_bytes=settings.sandbox_file_mb * MIB,
            disk_bytes=settings.sandbox_disk_mb * MIB,
        ),
        protected_paths=_listed(settings.protected_paths),
    )
    return OperatorSandbox(policy=policy, bwrap_path=settings.sandbox_bwrap)


def _listed(value: str | None) -> tuple[str, ...]:
    """Split a comma-separated setting into its non-empty items."""
    return tuple(item.strip() for item in (value or "").split(",") if item.strip())
