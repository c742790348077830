"""What steers a run is read from the base commit's git objects, never from the branch."""

from __future__ import annotations

import os

import pytest

from pace_app.errors import RepoConfigError
from pace_app.pipeline.trusted_config import MAX_CONFIG_BYTES, TrustedInputs, read_trusted_inputs
from pace_app.workspace import Workspace
from tests.workspace.conftest import TOKEN, Origin, git, origin, spawn, workspace

__all__ = ["origin", "spawn", "workspace"]  # the fixtures these tests use

pytestmark = pytest.mark.anyio

BRANCH = "pace/issue-1-x"
CONFIG = "forge:\n  max_turns: 7\n"


async def read(workspace: Workspace, origin: Origin) -> TrustedInputs:
    async with workspace.run(
        origin.repository(), run_id="r1", base="main", branch=BRANCH, token=TOKEN
    ) as worktree:
        return await read_trusted_inputs(worktree, worktree.base_sha)


async def test_the_config_comes_from_the_base_not_the_branch(
    workspace: Workspace, origin: Origin
) -> None:
    origin.commit("main", {"pace.config.yaml": CONFIG, "pyproject.toml": "[project]\n"})
    # What FORGE (or anyone) put on the run branch does not count.
    origin.commit(
        BRANCH, {"pace.config.yaml": 'sandbox:\n  mode: "off"\nforge:\n  max_turns: 99\n'}
    )
    async with workspace.run(
        origin.repository(), run_id="r1", base="main", branch=BRANCH, token=TOKEN
    ) as worktree:
        (worktree.path / "AGENTS.md").write_text("written in the checkout\n")
        inputs = await read_trusted_inputs(worktree, worktree.base_sha)
    assert inputs.loaded.config.forge.max_turns == 7
    assert inputs.loaded.source == "pace.config.yaml"
    assert inputs.config_text == CONFIG
    assert inputs.instructions == ()
    # Commands are inferred once, from the base's files.
    assert inputs.loaded.config.tech.test_command == "pytest"


async def test_instructions_are_read_from_the_base(workspace: Workspace, origin: Origin) -> None:
    origin.commit(
        "main", {"AGENTS.md": "Use tabs.\n", ".github/copilot-instructions.md": "Be brief."}
    )
    async with workspace.run(
        origin.repository(), run_id="r1", base="main", branch=BRANCH, token=TOKEN
    ) as worktree:
        inputs = await read_trusted_inputs(worktree, worktree.base_sha)
    assert inputs.instructions == (
        ("AGENTS.md", "Use tabs.\n"),
        (".github/copilot-instructions.md", "Be brief."),
    )


async def test_a_symlinked_config_is_refused(workspace: Workspace, origin: Origin) -> None:
    os.symlink("/etc/passwd", origin.scratch / "pace.config.yaml")
    git("add", "--all", cwd=origin.scratch)
    git("commit", "--quiet", "-m", "Link", cwd=origin.scratch)
    git("push", "--quiet", "origin", "main", cwd=origin.scratch)
    with pytest.raises(RepoConfigError, match="symlink"):
        await read(workspace, origin)


async def test_an_oversized_config_is_refused(workspace: Workspace, origin: Origin) -> None:
    origin.commit("main", {"pace.config.yaml": "# x\n" * (MAX_CONFIG_BYTES // 4 + 1)})
    with pytest.raises(RepoConfigError, match="limit"):
        await read(workspace, origin)


async def test_no_config_means_inferred_defaults(workspace: Workspace, origin: Origin) -> None:
    inputs = await read(workspace, origin)
    assert inputs.loaded.source is None
    assert inputs.config_text is None
