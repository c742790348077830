"""Everything a story run talks to, over real HTTP: GitHub, git and the model API."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx2

from tests.acceptance.harness import PaceProcess, app_environment, signed_headers
from tests.fakes import payloads
from tests.fakes.fake_github import FakeGitHub
from tests.fakes.fake_model import FakeModel, Turn, tool_turn
from tests.fakes.git_server import GitServer
from tests.fakes.servers import serve

REPO = f"{payloads.OWNER}/{payloads.REPO}"
MODEL_KEY = "sk-ant-acceptance-key"

STORY_BODY = """Widgets must be countable.

## Acceptance criteria
- [ ] `count_widgets` returns the number of widgets it is given

## Out of scope
- Counting gadgets
"""

# A small project whose one test fails until count_widgets is fixed.
PROJECT = {
    "pace.config.yaml": (
        "product:\n  name: Widgets\n  description: A widget inventory\n"
        "tech:\n  primary_language: python\n"
        "  test_command: python3 -m unittest discover -s tests -q\n"
        "forge:\n  max_turns: 8\n"
    ),
    "widgets.py": "def count_widgets(items):\n    return 0\n",
    "tests/__init__.py": "",
    "tests/test_widgets.py": (
        "import unittest\n\nfrom widgets import count_widgets\n\n\n"
        "class CountTest(unittest.TestCase):\n"
        "    def test_counts(self):\n"
        "        self.assertEqual(count_widgets(['a', 'b']), 2)\n"
    ),
}

FIXED_WIDGETS = "def count_widgets(items):\n    return len(items)\n"


@dataclass
class World:
    """Fake GitHub, a real git server and a scripted model, all over HTTP."""

    github: FakeGitHub
    github_url: str
    git: GitServer
    model: FakeModel
    model_url: str

    def environment(self, workdir: Path, **overrides: str) -> dict[str, str]:
        """Return the settings of a ``pace`` process wired to this world."""
        return app_environment(
            workdir,
            GITHUB_APP_ID=str(self.github.app_id),
            GITHUB_PRIVATE_KEY=self.github.private_key_pem,
            GITHUB_API_URL=self.github_url,
            ANTHROPIC_API_KEY=MODEL_KEY,
            ANTHROPIC_BASE_URL=self.model_url,
            **overrides,
        )

    def open_story(self, title: str = "Count widgets", body: str = STORY_BODY) -> int:
        """Open an issue labelled as a story; return its number."""
        return self.github.state.add_issue(REPO, title, body, labels=["pace:story"]).number

    def labeled_payload(self, number: int) -> dict[str, Any]:
        """Return the ``issues.labeled`` delivery GitHub sends for the story label."""
        payload = payloads.issues_event("labeled", number=number)
        issue = self.github.state.issues[(REPO, number)]
        payload["issue"]["title"] = issue.title
        payload["issue"]["body"] = issue.body
        payload["repository"]["clone_url"] = self.git.url_for(REPO)
        return payload

    def comment_payload(self, number: int, body: str, *, author: str) -> dict[str, Any]:
        """Comment on a PR in the fake and return the ``issue_comment.created`` delivery."""
        comment = self.github.state.add_comment(REPO, number, body, user=author)
        payload = payloads.comment_event(body, number=number, author=author)
        payload["comment"]["id"] = comment.id
        payload["repository"]["clone_url"] = self.git.url_for(REPO)
        return payload

    def grant(self, login: str, permission: str) -> None:
        """Give ``login`` a permission on the repository (write, read, ...)."""
        self.github.state.repos[REPO].permissions[login] = permission


@contextmanager
def world(
    tmp_path: Path, turns: Sequence[Turn] = (), *, project: dict[str, str] | None = None
) -> Iterator[World]:
    """Start the fake GitHub, the git server and the model; seed the widgets repository."""
    model = FakeModel(turns, api_key=MODEL_KEY)
    with ExitStack() as stack:
        # The git server accepts exactly the tokens the fake GitHub issued, and the fake
        # checks review comments against the diff the git server really has.
        git = stack.enter_context(
            GitServer(
                tmp_path / "remote",
                password=lambda token: token in github.state.tokens,
                # Git is held to the scopes the fake GitHub gave each token.
                access=lambda token, repo, push: github.git_access(token, repo, push),
            )
        )
        github = FakeGitHub(diff_source=git.diff, file_source=git.read_file)
        github.use_git_server(git)
        github_url = stack.enter_context(serve(github))
        model_url = stack.enter_context(serve(model.app))
        clone_url = git.create_repo(REPO, project or PROJECT)
        github.state.add_repo(
            REPO,
            installation_id=payloads.INSTALLATION_ID,
            clone_url=clone_url,
            # The default sender of the payloads is a maintainer who labels stories.
            permissions={payloads.account()["login"]: "write"},
        )
        yield World(github, github_url, git, model, model_url)


def deliver(server: PaceProcess, event: str, payload: dict[str, Any], delivery: str) -> int:
    """Send one signed delivery to a running server; return the status code."""
    body = json.dumps(payload).encode()
    headers = signed_headers(event, delivery, body)
    return httpx2.post(server.url + "/webhooks/github", content=body, headers=headers).status_code


CRITERION = "`count_widgets` returns the number of widgets it is given"


def scribe_bootstrap() -> Turn:
    """SCRIBE writing the first engineering context."""
    return tool_turn(
        "write_context",
        {
            "conventions": ["Plain functions in widgets.py"],
            "test_patterns": ["unittest in tests/"],
            "known_gaps": [],
        },
    )


def gate_verdict(verdict: str = "PASS") -> Turn:
    """GATE's analysis model judging the single criterion."""
    return tool_turn(
        "record_verdicts",
        {
            "verdicts": [
                {
                    "index": 1,
                    "criterion": CRITERION,
                    "verdict": verdict,
                    "evidence": "tests/test_widgets.py",
                }
            ]
        },
    )


def sentinel_findings(*findings: dict[str, Any]) -> Turn:
    """SENTINEL's model layer reporting ``findings``."""
    return tool_turn("report_findings", {"findings": list(findings)})


def scribe_update() -> Turn:
    """SCRIBE recording the story's decisions after SHIP."""
    return tool_turn(
        "record_decisions",
        {"decisions": ["count_widgets uses len()"], "known_gaps": [], "summary": "Counting."},
    )
