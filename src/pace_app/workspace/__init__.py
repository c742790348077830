"""Repository mirrors and per-run worktrees.

``Workspace.run`` syncs the repository's mirror and yields a ``Worktree`` for one run,
removing it on every exit. The installation token reaches git per command only.
See docs/workspace.md.
"""

from pace_app.workspace.git import Git, GitResult, Spawn, spawn_process
from pace_app.workspace.mirror import Mirror, Mirrors
from pace_app.workspace.policy import LOOPBACK_HOSTS, Repository, UrlPolicy
from pace_app.workspace.runs import Workspace
from pace_app.workspace.worktree import Identity, Worktree, bot_identity, create_worktree

__all__ = [
    "LOOPBACK_HOSTS",
    "Git",
    "GitResult",
    "Identity",
    "Mirror",
    "Mirrors",
    "Repository",
    "Spawn",
    "UrlPolicy",
    "Workspace",
    "Worktree",
    "bot_identity",
    "create_worktree",
    "spawn_process",
]
