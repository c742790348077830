"""FORGE: the model tool-calling loop that implements a story in a worktree."""

from pace_app.agents.forge.loop import ForgeOutcome, run_forge
from pace_app.agents.forge.progress import ProgressHook, TurnProgress

__all__ = ["ForgeOutcome", "ProgressHook", "TurnProgress", "run_forge"]
