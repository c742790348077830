"""The story's pull request: a bounded, safe body that closes the issue; found or created."""

from collections.abc import AsyncIterator

import httpx2
import pytest

from pace_app.errors import GitHubError
from pace_app.github.client import GitHubClient
from pace_app.github.pulls import (
    MAX_BODY_CHARS,
    MAX_LIST_ITEMS,
    MAX_TITLE_CHARS,
    NOT_A_DRAFT_NOTE,
    ensure_pull_request,
    pr_title,
    render_pr_body,
    reply_in_thread,
)
from tests.fakes.fake_github import FakeGitHub
from tests.fakes.github.state import Pull
from tests.pipeline.github_client import REPO, installation_client

BRANCH = "pace/issue-1-add-a-widget"
Env = tuple[FakeGitHub, GitHubClient]


def test_the_body_closes_the_issue_and_lists_the_hand_off() -> None:
    body = render_pr_body(
        issue_number=12,
        summary="Adds the widget.",
        criteria=["A widget exists", "It is blue"],
        files_changed=["src/widget.py"],
        tests_added=["tests/test_widget.py::test_blue"],
        risks=["Colour is hard-coded"],
        usage="1,234 tokens · $0.05",
    )
    assert body.startswith("Closes #12\n")
    assert "## Summary\n\nAdds the widget." in body
    assert "- [ ] A widget exists\n- [ ] It is blue" in body
    assert "- `src/widget.py`" in body
    assert "- `tests/test_widget.py::test_blue`" in body
    assert "## Risks\n\n- Colour is hard-coded" in body
    assert "1,234 tokens · $0.05" in body
    assert "Stopped early" not in body


def test_empty_sections_are_left_out_and_a_stop_is_explained() -> None:
    body = render_pr_body(issue_number=3, summary="", stopped_early="max turns reached")
    assert "_No summary given._" in body
    assert "## Stopped early" in body
    assert "max turns reached" in body
    for absent in ("Acceptance criteria", "Files changed", "Tests added", "Risks", "Model use"):
        assert absent not in body


def test_model_text_cannot_ping_or_hide_html() -> None:
    body = render_pr_body(
        issue_number=3,
        summary="cc @alice <!-- /pace retry --> <script>x</script>",
        files_changed=["we`ird.py"],
        risks=["@bob"],
    )
    assert "@alice" not in body
    assert "@bob" not in body
    assert "<!--" not in body
    assert "<script>" not in body
    assert "- `weird.py`" in body


def test_the_body_is_bounded_and_still_closes_the_issue() -> None:
    body = render_pr_body(
        issue_number=9,
        summary="s" * 100_000,
        stopped_early="e" * 100_000,
        criteria=["c" * 1_000] * 500,
        files_changed=["f" * 1_000] * 500,
        tests_added=["t" * 1_000] * 500,
        risks=["r" * 1_000] * 500,
    )
    assert len(body) <= MAX_BODY_CHARS
    assert body.startswith("Closes #9")
    assert f"…and {500 - MAX_LIST_ITEMS} more" in body


def test_the_title_is_one_bounded_line() -> None:
    assert pr_title("  Add\n a widget ") == "Add a widget"
    assert len(pr_title("x" * 1_000)) == MAX_TITLE_CHARS
    assert pr_title("<!-- -->") == "PACE story"


@pytest.fixture
async def env() -> AsyncIterator[Env]:
    """Return the fake GitHub and an installation client for it."""
    async with installation_client() as pair:
        yield pair


@pytest.mark.anyio
async def test_a_draft_is_opened_then_updated_never_duplicated(env: Env) -> None:
    fake, gh = env
    number, url = await ensure_pull_request(
        gh, repo=REPO, branch=BRANCH, base="main", title="Add a widget", body="Closes #1"
    )
    again, again_url = await ensure_pull_request(
        gh, repo=REPO, branch=BRANCH, base="main", title="t" * 300, body="Closes #1\nmore"
    )
    assert (again, again_url) == (number, url)
    pulls = [p for p in fake.state.pulls.values() if p.head == BRANCH]
    assert len(pulls) == 1
    assert pulls[0].draft
    assert pulls[0].body == "Closes #1\nmore"
    assert len(pulls[0].title) == MAX_TITLE_CHARS
    assert url.endswith(f"/pull/{number}")


@pytest.mark.anyio
async def test_another_branchs_or_a_closed_pull_is_not_reused(env: Env) -> None:
    fake, gh = env
    closed = fake.state.add_issue(REPO, "old", is_pull=True)
    fake.state.pulls[(REPO, closed.number)] = Pull(
        REPO, closed.number, "old", BRANCH, "main", state="closed"
    )
    other = fake.state.add_issue(REPO, "other", is_pull=True)
    fake.state.pulls[(REPO, other.number)] = Pull(REPO, other.number, "other", "feature", "main")
    number, _ = await ensure_pull_request(
        gh, repo=REPO, branch=BRANCH, base="main", title="New", body="Closes #1", draft=False
    )
    assert number not in {closed.number, other.number}
    assert not fake.state.pulls[(REPO, number)].draft


class FirstListingEmpty(httpx2.AsyncBaseTransport):
    """Answer the first pull listing with no pulls, as if one were opened just after."""

    def __init__(self, inner: httpx2.AsyncBaseTransport) -> None:
        self.inner = inner
        self.hidden = False

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        """Serve the request from the fake, except the first pull listing."""
        if not self.hidden and request.method == "GET" and request.url.path.endswith("/pulls"):
            self.hidden = True
            return httpx2.Response(200, json=[], headers={"x-ratelimit-remaining": "4999"})
        return await self.inner.handle_async_request(request)


@pytest.mark.anyio
async def test_a_pull_opened_meanwhile_is_updated_instead() -> None:
    async with installation_client(wrap=FirstListingEmpty) as (fake, gh):
        existing = fake.state.add_issue(REPO, "PR", is_pull=True)
        fake.state.pulls[(REPO, existing.number)] = Pull(
            REPO, existing.number, "PR", BRANCH, "main"
        )
        number, url = await ensure_pull_request(
            gh, repo=REPO, branch=BRANCH, base="main", title="New", body="Closes #1"
        )
        assert number == existing.number
        assert url.endswith(f"/pull/{number}")
        assert fake.state.pulls[(REPO, number)].title == "New"
        assert len([p for p in fake.state.pulls.values() if p.head == BRANCH]) == 1
        assert len(fake.requests_to("POST", f"/repos/{REPO}/pulls")) == 1


@pytest.mark.anyio
async def test_create_errors_other_than_a_race_are_raised(env: Env) -> None:
    fake, gh = env
    fake.faults.unprocessable("POST", f"/repos/{REPO}/pulls", message="No commits between")
    with pytest.raises(GitHubError) as caught:
        await ensure_pull_request(
            gh, repo=REPO, branch=BRANCH, base="main", title="New", body="Closes #1"
        )
    assert caught.value.status == 422
    assert [p for p in fake.state.pulls.values() if p.head == BRANCH] == []


@pytest.mark.anyio
async def test_where_drafts_are_refused_the_pull_opens_ready_and_says_so(env: Env) -> None:
    fake, gh = env
    fake.state.repos[REPO].drafts_allowed = False
    number, _ = await ensure_pull_request(
        gh, repo=REPO, branch=BRANCH, base="main", title="Add a widget", body="Closes #1"
    )
    pull = fake.state.pulls[(REPO, number)]
    assert not pull.draft
    assert pull.body.startswith(NOT_A_DRAFT_NOTE)
    assert "Closes #1" in pull.body
    # The refused draft and the ready pull request: two creates, one pull request.
    assert [r.body["draft"] for r in fake.requests_to("POST", f"/repos/{REPO}/pulls")] == [
        True,
        False,
    ]
    await ensure_pull_request(
        gh, repo=REPO, branch=BRANCH, base="main", title="Add a widget", body="Closes #1\nv2"
    )
    assert pull.body == f"{NOT_A_DRAFT_NOTE}\n\nCloses #1\nv2"


@pytest.mark.anyio
async def test_a_ready_pull_is_not_retried_when_drafts_are_refused(env: Env) -> None:
    fake, gh = env
    fake.faults.unprocessable(
        "POST", f"/repos/{REPO}/pulls", message="Draft pull requests are not supported"
    )
    with pytest.raises(GitHubError, match="Draft pull requests"):
        await ensure_pull_request(
            gh, repo=REPO, branch=BRANCH, base="main", title="t", body="Closes #1", draft=False
        )
    assert len(fake.requests_to("POST", f"/repos/{REPO}/pulls")) == 1


@pytest.mark.anyio
async def test_a_reply_lands_in_the_inline_thread(env: Env) -> None:
    fake, gh = env
    number, _ = await ensure_pull_request(
        gh, repo=REPO, branch=BRANCH, base="main", title="t", body="Closes #1"
    )
    root = fake.state.add_review_comment(REPO, number, "a.py", 2, "/pace retry", user="alice")
    await reply_in_thread(gh, REPO, pull_number=number, comment_id=root.id, body="On it.")
    replies = [
        c for r in fake.state.reviews_on(REPO, number) for c in r.comments if c.in_reply_to_id
    ]
    assert [(c.in_reply_to_id, c.body, c.user) for c in replies] == [
        (root.id, "On it.", "pace-app[bot]")
    ]
