"""Building SENTINEL's review, and posting it against the fake GitHub."""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator

import httpx2
import pytest

from pace_app.agents.sentinel.checks import check_output
from pace_app.domain.diff import parse_diff
from pace_app.domain.findings import Finding, fingerprint
from pace_app.github.auth import AppAuth
from pace_app.github.client import GitHubApp, GitHubClient
from pace_app.github.reviews import (
    MARKER,
    build_review,
    post_review,
    posted_fingerprints,
    read_posted,
    render_body,
    suggestion,
)
from tests.fakes.fake_github import FakeGitHub
from tests.fakes.github.state import Pull

REPO = "octo/widgets"
INSTALLATION_ID = 91
SHA = "a" * 40
DIFF = """\
diff --git a/app/run.py b/app/run.py
--- a/app/run.py
+++ b/app/run.py
@@ -10,3 +10,4 @@ def run():
     cmd = request.args["cmd"]
-    subprocess.run(cmd)
+    subprocess.run(cmd, shell=True)
+    return "ok"
     # end
"""
ON_DIFF = Finding(
    "app/run.py",
    11,
    "high",
    "shell-injection",
    "S602: shell=True with request data",
    fix="    subprocess.run(shlex.split(cmd))",
    source="ruff",
    anchor="    subprocess.run(cmd, shell=True)",
)
OFF_DIFF = Finding(
    "app/run.py", 2, "medium", "hardcoded-secret", "S105: password literal", source="ruff"
)
WHOLE_FILE = Finding(".env", None, "high", "committed-env-file", ".env is committed")


@pytest.fixture
def fake() -> FakeGitHub:
    """Return a fake GitHub with one pull request whose diff is ``DIFF``."""
    github = FakeGitHub()
    github.state.add_repo(REPO, installation_id=INSTALLATION_ID)
    issue = github.state.add_issue(REPO, "Run things", is_pull=True)
    github.state.pulls[(REPO, issue.number)] = Pull(
        repo=REPO,
        number=issue.number,
        title="Run things",
        head="feature",
        base="main",
        head_sha=SHA,
        diff=DIFF,
    )
    return github


@pytest.fixture
async def gh(fake: FakeGitHub) -> AsyncIterator[GitHubClient]:
    """Return an installation client talking to the fake."""
    async with httpx2.AsyncClient(transport=fake.transport()) as http:
        app = GitHubApp(
            http, auth=AppAuth(fake.app_id, fake.private_key_pem), base_url="http://fake-github"
        )
        yield await app.for_installation(INSTALLATION_ID)


def test_on_diff_findings_go_inline_and_the_rest_into_the_body() -> None:
    review = build_review(
        [ON_DIFF, OFF_DIFF, WHOLE_FILE],
        diff=parse_diff(DIFF),
        verdict="HOLD",
        not_analysed=["broken.py: syntax error at line 1"],
    )
    assert review is not None
    assert review.event == "REQUEST_CHANGES"
    assert [(c.path, c.line) for c in review.comments] == [("app/run.py", 11)]
    inline = review.comments[0]
    assert "**HIGH**" in inline.body
    assert "shell-injection" in inline.body
    assert "```suggestion\n    subprocess.run(shlex.split(cmd))\n```" in inline.body
    assert MARKER.format(fingerprint(ON_DIFF)) in inline.body
    assert "`app/run.py:2`" in review.body
    with_fix = build_review(
        [dataclasses.replace(OFF_DIFF, fix="x = `y`")],
        diff=parse_diff(DIFF),
        verdict="ADVISORY",
    )
    assert with_fix is not None
    assert "fix: `x = 'y'`" in with_fix.body
    assert "`.env`" in review.body
    assert "broken.py: syntax error at line 1" in review.body
    assert posted_fingerprints([review.body]) == {fingerprint(OFF_DIFF), fingerprint(WHOLE_FILE)}
    assert review.to_api(SHA)["comments"][0]["side"] == "RIGHT"


def test_advisory_comments_and_ship_posts_nothing() -> None:
    advisory = build_review([OFF_DIFF], diff=parse_diff(DIFF), verdict="ADVISORY")
    assert advisory is not None
    assert advisory.event == "COMMENT"
    assert build_review([], diff=parse_diff(DIFF), verdict="SHIP") is None


def test_already_posted_findings_are_left_out() -> None:
    posted = {fingerprint(ON_DIFF)}
    review = build_review(
        [ON_DIFF, OFF_DIFF], diff=parse_diff(DIFF), verdict="HOLD", already_posted=posted
    )
    assert review is not None
    assert review.comments == ()
    assert review.fingerprints == {fingerprint(OFF_DIFF)}
    assert (
        build_review([ON_DIFF], diff=parse_diff(DIFF), verdict="HOLD", already_posted=posted)
        is None
    )


def test_inline_comments_are_bounded_and_the_body_fits() -> None:
    many = [
        Finding("app/run.py", 11, "low", "weak-random", f"S311 use {i}", anchor=f"x{i}")
        for i in range(5)
    ]
    review = build_review(many, diff=parse_diff(DIFF), verdict="ADVISORY", max_comments=2)
    assert review is not None
    assert len(review.comments) == 2
    assert len(posted_fingerprints([review.body])) == 3
    huge = [Finding("a.py", i, "low", "c", "m" * 900, anchor=str(i)) for i in range(200)]
    body = render_body(
        "ADVISORY", total=200, fresh=200, in_body=huge, not_analysed=[], limit=20_000
    )
    assert len(body) <= 20_000
    assert "more finding(s) not shown" in body


def test_suggestion_fence_outgrows_fences_in_the_fix() -> None:
    assert suggestion("a = '```'\n").startswith("````suggestion\na = '```'\n````")


@pytest.mark.anyio
async def test_posting_puts_off_diff_findings_in_the_body_without_a_422(
    fake: FakeGitHub, gh: GitHubClient
) -> None:
    review = build_review([ON_DIFF, OFF_DIFF], diff=parse_diff(DIFF), verdict="HOLD")
    assert review is not None
    answer = await post_review(gh, REPO, 1, SHA, review)
    stored = fake.state.reviews[answer["id"]]
    assert stored.state == "CHANGES_REQUESTED"
    assert stored.commit_id == SHA
    assert [(c.path, c.line, c.side) for c in stored.comments] == [("app/run.py", 11, "RIGHT")]
    assert "app/run.py:2" in stored.body
    # The next run reads back what is already posted and has nothing new to say.
    posted = await read_posted(gh, REPO, 1)
    assert posted.keys() == {fingerprint(ON_DIFF), fingerprint(OFF_DIFF)}
    assert posted[fingerprint(ON_DIFF)].inline
    assert not posted[fingerprint(OFF_DIFF)].inline
    assert (
        build_review(
            [ON_DIFF, OFF_DIFF], diff=parse_diff(DIFF), verdict="HOLD", already_posted=posted
        )
        is None
    )
    assert await read_posted(gh, REPO, 1, author="pace-app[bot]") == posted
    assert await read_posted(gh, REPO, 1, author="mallory") == {}


@pytest.mark.anyio
async def test_markers_written_by_people_do_not_hide_findings(
    fake: FakeGitHub, gh: GitHubClient
) -> None:
    review = build_review([OFF_DIFF], diff=parse_diff(DIFF), verdict="ADVISORY")
    assert review is not None
    answer = await post_review(gh, REPO, 1, SHA, review)
    fake.state.reviews[answer["id"]].user = "mallory"
    assert await read_posted(gh, REPO, 1) == {}


def test_check_output_maps_verdicts_to_conclusions() -> None:
    assert check_output("HOLD", "| severity |")["output"]["title"].startswith("HOLD")
    assert check_output("HOLD", "")["conclusion"] == "failure"
    assert check_output("SHIP", "")["conclusion"] == "success"
    assert check_output("ADVISORY", "")["conclusion"] == "neutral"
    assert len(check_output("HOLD", "x" * 70_000)["output"]["summary"]) <= 65_000


def test_a_fix_over_several_lines_is_one_ranged_suggestion() -> None:
    ranged = dataclasses.replace(ON_DIFF, end_line=12, fix="    run(cmd)\n    return 'done'")
    review = build_review([ranged], diff=parse_diff(DIFF), verdict="HOLD")
    assert review is not None
    comment = review.to_api(SHA)["comments"][0]
    assert (comment["start_line"], comment["line"], comment["start_side"]) == (11, 12, "RIGHT")
    assert "```suggestion\n    run(cmd)\n    return 'done'\n```" in comment["body"]
    across = dataclasses.replace(ON_DIFF, end_line=40)
    single = build_review([across], diff=parse_diff(DIFF), verdict="HOLD")
    assert single is not None
    assert "start_line" not in single.to_api(SHA)["comments"][0]


@pytest.mark.anyio
async def test_a_reworded_finding_edits_its_comment_instead_of_posting_again(
    fake: FakeGitHub, gh: GitHubClient
) -> None:
    first = build_review([ON_DIFF], diff=parse_diff(DIFF), verdict="HOLD")
    assert first is not None
    await post_review(gh, REPO, 1, SHA, first)
    reworded = dataclasses.replace(ON_DIFF, message="The shell runs what the client sent.")
    again = build_review(
        [reworded],
        diff=parse_diff(DIFF),
        verdict="HOLD",
        already_posted=await read_posted(gh, REPO, 1),
    )
    assert again is not None
    assert (again.has_new, len(again.edits)) == (False, 1)
    assert await post_review(gh, REPO, 1, SHA, again) == {}
    [review] = fake.state.reviews.values()
    assert [c.body for c in review.comments] == [again.edits[0].body]
    assert "The shell runs what the client sent." in review.comments[0].body
    unchanged = build_review(
        [reworded],
        diff=parse_diff(DIFF),
        verdict="HOLD",
        already_posted=await read_posted(gh, REPO, 1),
    )
    assert unchanged is None
