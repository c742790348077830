"""Worktrees: where they start, commits, diffs, pushes and the push lease."""

from __future__ import annotations

from pathlib import Path

import pytest

from pace_app.errors import WorkspaceError
from pace_app.workspace import Identity, Workspace, bot_identity
from tests.workspace.conftest import TOKEN, Origin, git

BOT = bot_identity("pace-app", 41898282)


def test_bot_identity_is_what_github_shows() -> None:
    assert BOT == Identity("pace-app[bot]", "41898282+pace-app[bot]@users.noreply.github.com")


@pytest.mark.parametrize(("name", "email"), [("", "a@b"), ("x", ""), ("a<b", "a@b"), ("a", "a\n")])
def test_identity_refuses_unusable_values(name: str, email: str) -> None:
    with pytest.raises(WorkspaceError):
        Identity(name, email)


@pytest.mark.anyio
async def test_new_branch_starts_at_the_base(workspace: Workspace, origin: Origin) -> None:
    base = origin.head("main")
    async with workspace.run(
        origin.repository(), run_id="r1", base="main", branch="pace/issue-1-x", token=TOKEN
    ) as worktree:
        assert await worktree.head() == base
        assert worktree.base_sha == base
        assert worktree.remote_sha is None
        assert (worktree.path / "src" / "app.py").read_text() == "x = 1\n"
        current = git("symbolic-ref", "--short", "HEAD", cwd=worktree.path).strip()
        assert current == "pace/issue-1-x"


@pytest.mark.anyio
async def test_existing_branch_starts_at_its_remote_head(
    workspace: Workspace, origin: Origin
) -> None:
    pushed = origin.commit("pace/issue-1-x", {"src/app.py": "x = 2\n"})
    async with workspace.run(
        origin.repository(), run_id="r1", base="main", branch="pace/issue-1-x", token=TOKEN
    ) as worktree:
        assert await worktree.head() == pushed
        assert worktree.remote_sha == pushed
        assert worktree.base_sha == origin.head("main")
        assert (worktree.path / "src" / "app.py").read_text() == "x = 2\n"


@pytest.mark.anyio
async def test_base_may_be_a_commit_sha(workspace: Workspace, origin: Origin) -> None:
    first = origin.head("main")
    origin.commit("main", {"later.txt": "later\n"})
    async with workspace.run(
        origin.repository(), run_id="r1", base=first, branch="b", token=TOKEN
    ) as worktree:
        assert await worktree.head() == first
        assert not (worktree.path / "later.txt").exists()


@pytest.mark.anyio
@pytest.mark.parametrize("base", ["nope", "0" * 40])
async def test_unknown_base_is_refused_and_leaves_nothing(
    workspace: Workspace, origin: Origin, base: str
) -> None:
    with pytest.raises(WorkspaceError, match="not a branch or commit"):
        async with workspace.run(
            origin.repository(), run_id="r1", base=base, branch="b", token=TOKEN
        ):
            pass  # pragma: no cover
    assert not (workspace.runs_root / "r1" / "worktree").exists()


@pytest.mark.anyio
async def test_commit_push_and_read_back_from_the_origin(
    workspace: Workspace, origin: Origin
) -> None:
    async with workspace.run(
        origin.repository(), run_id="r1", base="main", branch="pace/issue-7-add", token=TOKEN
    ) as worktree:
        (worktree.path / "src" / "widget.py").write_text("def widget() -> int:\n    return 1\n")
        (worktree.path / "README.md").unlink()
        assert await worktree.changed_files() == ["README.md", "src/widget.py"]
        sha = await worktree.commit("Add a widget\n\n# Heading kept", BOT)
        assert sha is not None
        assert await worktree.commit("Nothing new", BOT) is None
        diff = await worktree.diff()
        assert "+++ b/src/widget.py" in diff
        assert "--- a/README.md" in diff
        assert await worktree.diff("main") == diff
        assert await worktree.diff(worktree.base_sha) == diff
        await worktree.push(TOKEN)
        assert worktree.remote_sha == sha

    assert origin.branches() == {"main", "pace/issue-7-add"}
    assert origin.head("pace/issue-7-add") == sha
    log = git(
        "log", "-1", "--format=%an%n%ae%n%cn%n%ce%n%B", "pace/issue-7-add", cwd=origin.bare
    ).splitlines()
    assert log[:4] == [BOT.name, BOT.email, BOT.name, BOT.email]
    assert log[4:7] == ["Add a widget", "", "# Heading kept"]


@pytest.mark.anyio
async def test_second_push_of_the_same_run_moves_the_branch(
    workspace: Workspace, origin: Origin
) -> None:
    async with workspace.run(
        origin.repository(), run_id="r1", base="main", branch="b", token=TOKEN
    ) as worktree:
        (worktree.path / "a.txt").write_text("a\n")
        await worktree.commit("First", BOT)
        await worktree.push(TOKEN)
        (worktree.path / "b.txt").write_text("b\n")
        second = await worktree.commit("Second", BOT)
        await worktree.push(TOKEN)
    assert origin.head("b") == second


@pytest.mark.anyio
async def test_push_refuses_when_the_branch_moved(workspace: Workspace, origin: Origin) -> None:
    started = origin.commit("b", {"a.txt": "human\n"})
    async with workspace.run(
        origin.repository(), run_id="r1", base="main", branch="b", token=TOKEN
    ) as worktree:
        human = origin.commit("b", {"a.txt": "human again\n"}, message="Human push")
        (worktree.path / "c.txt").write_text("bot\n")
        await worktree.commit("Bot change", BOT)
        with pytest.raises(WorkspaceError, match="rejected") as caught:
            await worktree.push(TOKEN)
        assert worktree.remote_sha == started
    assert origin.head("b") == human
    assert TOKEN not in str(caught.value)


@pytest.mark.anyio
async def test_push_refuses_when_a_new_branch_appeared(
    workspace: Workspace, origin: Origin
) -> None:
    async with workspace.run(
        origin.repository(), run_id="r1", base="main", branch="b", token=TOKEN
    ) as worktree:
        human = origin.commit("b", {"a.txt": "human\n"})
        (worktree.path / "c.txt").write_text("bot\n")
        await worktree.commit("Bot change", BOT)
        with pytest.raises(WorkspaceError, match="rejected"):
            await worktree.push(TOKEN)
    assert origin.head("b") == human


@pytest.mark.anyio
async def test_push_to_a_vanished_origin_fails_with_git_s_reason(
    workspace: Workspace, origin: Origin, tmp_path: Path
) -> None:
    async with workspace.run(
        origin.repository(), run_id="r1", base="main", branch="b", token=TOKEN
    ) as worktree:
        origin.bare.rename(tmp_path / "moved.git")
        with pytest.raises(WorkspaceError, match="git push failed") as caught:
            await worktree.push(TOKEN)
    assert TOKEN not in str(caught.value)


@pytest.mark.anyio
async def test_empty_commit_message_is_refused(workspace: Workspace, origin: Origin) -> None:
    async with workspace.run(
        origin.repository(), run_id="r1", base="main", branch="b", token=TOKEN
    ) as worktree:
        with pytest.raises(WorkspaceError, match="empty"):
            await worktree.commit("  \n", BOT)


@pytest.mark.anyio
async def test_diff_against_an_unknown_base_is_refused(
    workspace: Workspace, origin: Origin
) -> None:
    async with workspace.run(
        origin.repository(), run_id="r1", base="main", branch="b", token=TOKEN
    ) as worktree:
        with pytest.raises(WorkspaceError, match="not in the worktree"):
            await worktree.diff("gone")
        assert "b" in repr(worktree)
