"""The sandbox runner for repository code.

Everything a repository's configuration or a model asks to run goes through
``SandboxRunner.run``: an empty environment plus an allowlist, its own process group,
time and output limits, and bubblewrap where it works. See docs/sandbox.md.
"""

from pace_app.sandbox.infer import (
    infer_build_command,
    infer_setup_command,
    infer_test_command,
    project_files,
)
from pace_app.sandbox.policy import CommandResult, SandboxMode, SandboxPolicy
from pace_app.sandbox.runner import SandboxRunner

__all__ = [
    "CommandResult",
    "SandboxMode",
    "SandboxPolicy",
    "SandboxRunner",
    "infer_build_command",
    "infer_setup_command",
    "infer_test_command",
    "project_files",
]
