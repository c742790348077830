"""The sandbox runner for repository code.

Everything a repository's configuration or a model asks to run goes through
``SandboxRunner.run``: an empty environment plus an allowlist, its own process group,
time, output and resource limits, and bubblewrap. The operator's settings make the
policy; a repository may only tighten it. See docs/sandbox.md.
"""

from pace_app.sandbox.infer import (
    infer_build_command,
    infer_setup_command,
    infer_test_command,
    project_files,
)
from pace_app.sandbox.operator import OperatorSandbox, operator_sandbox
from pace_app.sandbox.policy import (
    CommandResult,
    Limits,
    SandboxMode,
    SandboxPolicy,
    SandboxRequest,
    tighten,
)
from pace_app.sandbox.runner import SandboxRunner

__all__ = [
    "CommandResult",
    "Limits",
    "OperatorSandbox",
    "SandboxMode",
    "SandboxPolicy",
    "SandboxRequest",
    "SandboxRunner",
    "infer_build_command",
    "infer_setup_command",
    "infer_test_command",
    "operator_sandbox",
    "project_files",
    "tighten",
]
