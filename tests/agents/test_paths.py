"""Confining model-supplied paths to the worktree."""

import logging
from pathlib import Path

import pytest

from pace_app.agents.paths import (
    Worktree,
    is_git_name,
    is_protected,
    protected_refusal,
    refusal_note,
)
from pace_app.errors import ToolError


@pytest.mark.parametrize(
    ("path", "problem"),
    [
        ("/etc/passwd", "is absolute"),
        ("C:/Windows", "is absolute"),
        ("../outside/secret.txt", "contains '..'"),
        ("src/../../outside", "contains '..'"),
        ("src/..", "contains '..'"),
        (".git/config", "inside .git"),
        (".git", "inside .git"),
        (".GIT/config", "inside .git"),
        ("src/.Git/HEAD", "inside .git"),
        ("src\\app.py", "backslash"),
        ("a\x00b", "NUL"),
        ("x" * 2000, "longer than 1024"),
        ("", "is empty"),
        (".", "is empty"),
        ("link_out_file", "leaves the repository"),
        ("link_out_dir/secret.txt", "leaves the repository"),
        ("link_out_dir", "leaves the repository"),
        ("dangling_out", "leaves the repository"),
        ("link_git/config", "leads into .git"),
    ],
)
def test_refused_paths(repo: Path, path: str, problem: str) -> None:
    with pytest.raises(ToolError, match=problem):
        Worktree(repo).resolve(path)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("README.md", "README.md"),
        ("./src//pkg/app.py", "src/pkg/app.py"),
        ("src/pkg/", "src/pkg"),
        ("link_in", "src/pkg/app.py"),
        ("new/dir/file.txt", "new/dir/file.txt"),
        (".github/workflows/ci.yml", ".github/workflows/ci.yml"),
        (".gitignore", ".gitignore"),
    ],
)
def test_allowed_paths(repo: Path, path: str, expected: str) -> None:
    worktree = Worktree(repo)
    assert worktree.display(worktree.resolve(path)) == expected


@pytest.mark.parametrize("path", ["", ".", "./", "./."])
def test_the_root_is_allowed_only_when_asked(repo: Path, path: str) -> None:
    worktree = Worktree(repo)
    real = worktree.resolve(path, allow_root=True)
    assert real == repo.resolve()
    assert worktree.display(real) == "."


def test_a_symlink_to_the_root_names_the_root(repo: Path) -> None:
    (repo / "self").symlink_to(repo, target_is_directory=True)
    worktree = Worktree(repo)
    assert worktree.resolve("self", allow_root=True) == repo.resolve()
    with pytest.raises(ToolError, match="names the repository root"):
        worktree.resolve("self")


def test_the_root_may_itself_be_reached_through_a_symlink(tmp_path: Path, repo: Path) -> None:
    alias = tmp_path / "alias"
    alias.symlink_to(repo, target_is_directory=True)
    worktree = Worktree(alias)
    assert worktree.display(worktree.resolve("link_in")) == "src/pkg/app.py"


def test_the_root_must_be_a_directory(repo: Path) -> None:
    with pytest.raises(NotADirectoryError):
        Worktree(repo / "README.md")


def test_refusals_are_logged_with_a_clipped_path(
    repo: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING), pytest.raises(ToolError):
        Worktree(repo).resolve("/" + "x" * 500)
    (record,) = caplog.records
    assert record.getMessage() == "forge path refused"
    assert len(record.__dict__["path"]) == 200


@pytest.mark.parametrize(("name", "expected"), [(".git", True), (".GiT", True), (".github", False)])
def test_is_git_name(name: str, expected: bool) -> None:
    assert is_git_name(name) is expected


@pytest.mark.parametrize(
    ("path", "extra", "protected"),
    [
        ("pace.config.yaml", (), True),
        ("PACE.CONFIG.YAML", (), True),
        ("pace/pace.config.yaml", (), True),
        ("src/pace.config.yaml", (), False),
        ("plan.yaml", (), True),
        ("PLAN.YAML", (), True),
        ("docs/plan.yaml", (), False),
        (".gitattributes", (), True),
        ("a/b/c/.gitattributes", (), True),
        (".gitattributes.bak", (), False),
        (".gitmodules", (), True),
        ("lib/.gitmodules", (), False),
        (".github/workflows", (), True),
        (".github/workflows/ci.yml", (), True),
        (".github/dependabot.yml", (), False),
        (".pace", (), True),
        (".pace/context/engineering.md", (), False),
        (".pace/context/engineering.md.bak", (), True),
        ("./.pace//context/../plan.yaml", (), True),
        ("Makefile", ("Makefile",), True),
        ("src/Makefile", ("Makefile",), False),
        ("src/Makefile", ("**/Makefile",), True),
        ("deploy/a/b.yaml", ("deploy/*.yaml",), False),
        ("deploy/b.yaml", ("deploy/*.yaml",), True),
        ("src/app.py", ("deploy/**", "*.cfg"), False),
    ],
)
def test_is_protected(path: str, extra: tuple[str, ...], protected: bool) -> None:
    assert is_protected(path, extra) is protected


def test_a_refused_workflow_write_tells_the_model_why_and_to_tell_the_user() -> None:
    reason = protected_refusal(".github/workflows/ci.yml")
    assert (
        "GitHub refuses a push that changes .github/workflows/ci.yml without the workflows"
        in reason
    )
    assert "permission, which this App does not ask for; make that change by hand" in reason
    assert "complete_handoff's risks" in reason
    assert "change the code instead" in protected_refusal("pace.config.yaml")


def test_the_status_note_names_what_forge_could_not_write_and_why() -> None:
    assert refusal_note(()) is None
    note = refusal_note((".github/workflows/ci.yml",))
    assert note is not None
    assert note.startswith("FORGE was not allowed to change `.github/workflows/ci.yml`: ")
    assert "workflows permission" in note
    other = refusal_note(("pace.config.yaml", "a`b@team<x>"))
    assert other == (
        "FORGE was not allowed to change `pace.config.yaml`, `a'b@\u2060team&lt;x&gt;`: "
        "files that steer PACE, git or CI are changed by people, not by FORGE"
    )
    many = refusal_note(tuple(f".pace/{n}" for n in range(7)))
    assert many is not None
    assert many.count("`") == 10
    assert " and 2 more:" in many
