"""Repository mirrors and per-run worktrees."""
