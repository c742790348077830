"""A pull request review end to end over HTTP: fake GitHub, fake model, real git and scanners."""

from __future__ import annotations

import subprocess
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx2
import pytest

from pace_app.agents.sentinel.sentinel import run_sentinel
from pace_app.github.auth import AppAuth
from pace_app.github.client import GitHubApp, GitHubClient
from pace_app.github.reviews import post_review, read_posted
from pace_app.llm.anthropic_provider import AnthropicProvider
from tests.fakes.fake_github import FakeGitHub
from tests.fakes.fake_model import FakeModel, tool_turn
from tests.fakes.github.state import Pull
from tests.fakes.servers import serve
from tests.llm.conftest import API_KEY

pytestmark = pytest.mark.anyio
REPO = "octo/quiz"
INSTALLATION_ID = 7
MODEL = "claude-haiku-4-5"
BASE = [
    "import random",
    "",
    "",
    "def quiz_order(questions):",
    "    return list(questions)",
    *[f"# filler {i}" for i in range(20)],
    "",
    "",
    "def delete_account(db, account_id):",
    "    return None",
]
HEAD = list(BASE)
HEAD[4] = "    random.shuffle(questions)\n    return list(questions)"
HEAD[-1] = "    db.execute('DELETE FROM accounts WHERE id = ?', (account_id,))"
# New-side line of the DELETE: one line was added in the first hunk.
DELETE_LINE = len(BASE) + 1


def git(root: Path, *args: str) -> str:
    """Run git in ``root`` with a fixed identity."""
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


@pytest.fixture
def worktree(tmp_path: Path) -> tuple[Path, str, str]:
    """Return a repository at a head with two hunks in one file, its diff and its base."""
    root = tmp_path / "repo"
    (root / "app").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    (root / "app" / "quiz.py").write_text("\n".join(BASE) + "\n")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "base")
    base = git(root, "rev-parse", "HEAD").strip()
    git(root, "checkout", "-qb", "feature")
    (root / "app" / "quiz.py").write_text("\n".join(HEAD) + "\n")
    git(root, "commit", "-qam", "head")
    return root, git(root, "diff", f"{base}...feature"), base


@pytest.fixture
def github(worktree: tuple[Path, str, str]) -> FakeGitHub:
    """Return a fake GitHub holding the pull request."""
    fake = FakeGitHub()
    fake.state.add_repo(REPO, installation_id=INSTALLATION_ID)
    issue = fake.state.add_issue(REPO, "Shuffle quizzes", is_pull=True)
    fake.state.pulls[(REPO, issue.number)] = Pull(
        repo=REPO,
        number=issue.number,
        title="Shuffle quizzes",
        head="feature",
        base="main",
        head_sha="b" * 40,
        diff=worktree[1],
    )
    return fake


@pytest.fixture
def urls(github: FakeGitHub) -> Iterator[tuple[str, str, FakeModel]]:
    """Serve the fake GitHub and a fake model over HTTP on loopback."""
    model = FakeModel(api_key=API_KEY)
    with serve(github) as github_url, serve(model.app) as model_url:
        yield github_url, model_url, model


@pytest.fixture
async def clients(
    github: FakeGitHub, urls: tuple[str, str, FakeModel]
) -> AsyncIterator[tuple[GitHubClient, AnthropicProvider, FakeModel]]:
    """Return a GitHub installation client and a model provider, both over HTTP."""
    github_url, model_url, model = urls
    provider = AnthropicProvider(api_key=API_KEY, base_url=model_url, max_retries=0)
    async with httpx2.AsyncClient() as http:
        app = GitHubApp(
            http, auth=AppAuth(github.app_id, github.private_key_pem), base_url=github_url
        )
        yield await app.for_installation(INSTALLATION_ID), provider, model
    await provider.aclose()


def answer(message: str) -> dict[str, object]:
    """Return the model's answer: one dismissal and one finding on the second hunk."""
    return {
        "scanner_verdicts": [
            {"id": "S1", "verdict": "dismiss", "reason": "it shuffles quiz questions; no secret"}
        ],
        "findings": [
            {
                "path": "app/quiz.py",
                "start_line": DELETE_LINE,
                "severity": "high",
                "confidence": "medium",
                "cwe": "CWE-862",
                "category": "missing-authorisation",
                "message": message,
            }
        ],
    }


async def test_review_anchors_dismisses_and_edits_on_rerun(
    worktree: tuple[Path, str, str],
    github: FakeGitHub,
    clients: tuple[GitHubClient, AnthropicProvider, FakeModel],
) -> None:
    root, diff, base = worktree
    gh, provider, model = clients

    async def review_once(message: str) -> None:
        model.add(tool_turn("report_findings", answer(message)))
        result = await run_sentinel(
            worktree=root,
            diff=diff,
            changed_files=["app/quiz.py"],
            provider=provider,
            analysis_model=MODEL,
            base=base,
            already_posted=await read_posted(gh, REPO, 1),
        )
        # A lone model finding is advice: only a confirmed high finding holds.
        assert result.verdict == "ADVISORY"
        assert result.dismissed == (
            "app/quiz.py:5 (weak-random): it shuffles quiz questions; no secret",
        )
        assert "it shuffles quiz questions" in result.summary
        assert result.review is not None
        await post_review(gh, REPO, 1, "b" * 40, result.review)

    await review_once("Any caller can delete any account: no ownership check.")
    [review] = github.state.reviews.values()
    assert review.state == "COMMENTED"
    assert [(c.path, c.line) for c in review.comments] == [("app/quiz.py", DELETE_LINE)]
    assert "CWE-862" in review.comments[0].body
    assert "weak-random" not in review.body
    prompt = model.requests[0]["messages"][0]["content"][0]["text"]
    assert f"{DELETE_LINE:>5} +     db.execute(" in prompt
    assert "S1: app/quiz.py:5 [medium, medium confidence] CWE-330" in prompt

    await review_once("The account is deleted without checking who asks.")
    assert len(github.state.reviews) == 1
    [comment] = next(iter(github.state.reviews.values())).comments
    assert "without checking who asks" in comment.body
    assert github.requests_to("PATCH", f"/repos/{REPO}/pulls/comments/{comment.id}")
