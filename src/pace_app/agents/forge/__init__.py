"""FORGE: the model tool-calling loop that implements a story in a worktree."""

from pace_app.agents.forge.loop import ForgeOutcome, run_forge

__all__ = ["ForgeOutcome", "run_forge"]
