"""The git smart-HTTP server: real clones and pushes, refused without the token."""

from __future__ import annotations

import base64
import logging
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fakes.git_server import USERNAME, GitServer

TOKEN = "ghs_test-installation-token"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[GitServer]:
    """Serve bare repositories from a temporary directory."""
    with GitServer(tmp_path / "remote", password=TOKEN) as git_server:
        yield git_server


def run_git(
    *args: str, cwd: Path | None = None, password: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run git as the app would: the token only in a per-command header."""
    auth: list[str] = []
    if password is not None:
        basic = base64.b64encode(f"{USERNAME}:{password}".encode()).decode()
        auth = ["-c", f"http.extraHeader=Authorization: Basic {basic}"]
    env = {
        "PATH": os.environ["PATH"],
        "HOME": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_TERMINAL_PROMPT": "0",
        "GIT_AUTHOR_NAME": "Forge",
        "GIT_AUTHOR_EMAIL": "forge@example.com",
        "GIT_COMMITTER_NAME": "Forge",
        "GIT_COMMITTER_EMAIL": "forge@example.com",
    }
    return subprocess.run(
        ["git", *auth, *args], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )


def test_clone_with_the_token(server: GitServer, tmp_path: Path) -> None:
    url = server.create_repo("octo/widgets", {"README.md": "# Widgets\n", "src/app.py": "x = 1\n"})
    result = run_git("clone", url, str(tmp_path / "work"), password=TOKEN)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "work" / "src" / "app.py").read_text() == "x = 1\n"


@pytest.mark.parametrize("password", [None, "wrong"])
def test_clone_without_the_token_is_refused(
    server: GitServer, tmp_path: Path, password: str | None
) -> None:
    url = server.create_repo("octo/widgets", {"README.md": "hi\n"})
    result = run_git("clone", url, str(tmp_path / "work"), password=password)
    assert result.returncode != 0
    assert not (tmp_path / "work" / "README.md").exists()
    assert {r.status for r in server.requests} == {401}


def test_push_a_branch_and_read_it_back(server: GitServer, tmp_path: Path) -> None:
    url = server.create_repo("octo/widgets", {"README.md": "hi\n"})
    work = tmp_path / "work"
    assert run_git("clone", url, str(work), password=TOKEN).returncode == 0
    run_git("switch", "-c", "pace/issue-1-widget", cwd=work)
    (work / "widget.py").write_text("def widget() -> int:\n    return 1\n")
    run_git("add", "widget.py", cwd=work)
    run_git("commit", "-m", "Add a widget", cwd=work)
    pushed = run_git("push", "origin", "pace/issue-1-widget", cwd=work, password=TOKEN)
    assert pushed.returncode == 0, pushed.stderr

    branches = server.branches("octo/widgets")
    assert set(branches) == {"main", "pace/issue-1-widget"}
    assert server.read_file("octo/widgets", "widget.py", "pace/issue-1-widget") == (
        "def widget() -> int:\n    return 1\n"
    )
    assert server.read_file("octo/widgets", "widget.py") is None
    commits = server.commits("octo/widgets", "pace/issue-1-widget")
    assert [c.subject for c in commits] == ["Add a widget", "Seed the repository"]
    assert commits[0].sha == branches["pace/issue-1-widget"]
    assert commits[0].author == "Forge"
    assert "+    return 1" in server.diff("octo/widgets", "main", "pace/issue-1-widget")


def test_push_with_a_wrong_token_changes_nothing(server: GitServer, tmp_path: Path) -> None:
    url = server.create_repo("octo/widgets", {"README.md": "hi\n"})
    work = tmp_path / "work"
    run_git("clone", url, str(work), password=TOKEN)
    run_git("commit", "--allow-empty", "-m", "Sneaky", cwd=work)
    assert run_git("push", "origin", "main", cwd=work, password="wrong").returncode != 0
    assert [c.subject for c in server.commits("octo/widgets")] == ["Seed the repository"]


def test_fetch_sees_new_commits(server: GitServer, tmp_path: Path) -> None:
    url = server.create_repo("octo/widgets", {"a.txt": "a\n"})
    first, second = tmp_path / "first", tmp_path / "second"
    run_git("clone", url, str(first), password=TOKEN)
    run_git("clone", url, str(second), password=TOKEN)
    run_git("commit", "--allow-empty", "-m", "More", cwd=first)
    assert run_git("push", "origin", "main", cwd=first, password=TOKEN).returncode == 0
    assert run_git("fetch", "origin", cwd=second, password=TOKEN).returncode == 0
    log = run_git("log", "--format=%s", "origin/main", cwd=second).stdout
    assert log.splitlines() == ["More", "Seed the repository"]


def test_a_large_push_is_sent_chunked(server: GitServer, tmp_path: Path) -> None:
    url = server.create_repo("octo/widgets", {"a.txt": "a\n"})
    work = tmp_path / "work"
    run_git("clone", url, str(work), password=TOKEN)
    (work / "big.bin").write_bytes(os.urandom(2 * 1024 * 1024))
    run_git("add", "big.bin", cwd=work)
    run_git("commit", "-m", "Big", cwd=work)
    result = run_git(
        "-c", "http.postBuffer=65536", "push", "origin", "main", cwd=work, password=TOKEN
    )
    assert result.returncode == 0, result.stderr
    assert server.commits("octo/widgets")[0].subject == "Big"


def test_the_password_is_never_logged(
    server: GitServer, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    url = server.create_repo("octo/widgets", {"a.txt": "a\n"})
    run_git("clone", url, str(tmp_path / "work"), password=TOKEN)
    run_git("clone", url, str(tmp_path / "other"), password="wrong")
    assert caplog.records
    assert TOKEN not in caplog.text
    assert TOKEN not in repr(server.requests)
    assert TOKEN not in repr(server)
    config = (tmp_path / "work" / ".git" / "config").read_text()
    assert TOKEN not in config


def test_malformed_credentials_are_refused(server: GitServer) -> None:
    assert not server.authorised("Basic !!!not-base64")
    assert not server.authorised("Bearer x")
    assert not server.authorised(None)
    assert server.authorised("Basic " + base64.b64encode(f"{USERNAME}:{TOKEN}".encode()).decode())
