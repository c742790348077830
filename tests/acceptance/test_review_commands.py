"""Commands written in a review or an inline review comment, through ``pace serve``."""

from pathlib import Path
from typing import Any

import pytest

from tests.acceptance.harness import PaceProcess, wait_until
from tests.acceptance.world import REPO, World, deliver, world
from tests.fakes import payloads
from tests.fakes.github.state import Pull

pytestmark = pytest.mark.slow


def open_pull(w: World) -> int:
    """Open the story's pull request in the fake; return its number."""
    pull = w.github.state.add_issue(REPO, "Count widgets", is_pull=True)
    w.github.state.pulls[(REPO, pull.number)] = Pull(
        REPO, pull.number, "Count widgets", "pace/issue-1-count-widgets", "main"
    )
    return pull.number


def inline_payload(w: World, number: int, body: str, *, author: str) -> dict[str, Any]:
    """Write an inline comment in the fake and return its delivery."""
    comment = w.github.state.add_review_comment(REPO, number, "widgets.py", 2, body, user=author)
    payload = payloads.review_comment_event(body, number=number, author=author)
    payload["comment"]["id"] = comment.id
    payload["repository"]["clone_url"] = w.git.url_for(REPO)
    return payload


def test_commands_in_reviews_are_answered_where_they_were_written(tmp_path: Path) -> None:
    with world(tmp_path) as w:
        w.open_story()
        number = open_pull(w)
        w.grant("alice", "write")
        w.grant("mallory", "read")
        server = PaceProcess(("serve",), tmp_path, w.environment(tmp_path), tmp_path / "s.log")
        server.start().wait_http("/readyz")
        try:
            inline = inline_payload(w, number, "/PACE help", author="alice")
            assert deliver(server, "pull_request_review_comment", inline, "inline-1") == 202
            comment = w.github.state.review_comment(inline["comment"]["id"])
            assert comment is not None

            def thread_replies() -> list[str]:
                return [
                    c.body
                    for r in w.github.state.reviews_on(REPO, number)
                    for c in r.comments
                    if c.in_reply_to_id == comment.id
                ]

            wait_until(lambda: bool(thread_replies()), what="the reply", context=server.output)
            assert [r.content for r in comment.reactions] == ["eyes"]
            assert "### PACE commands" in thread_replies()[0]
            assert w.github.state.comments_on(REPO, number) == []

            review = payloads.review_event("\n\n/pace status", number=number, author="mallory")
            review["repository"]["clone_url"] = w.git.url_for(REPO)
            assert deliver(server, "pull_request_review", review, "review-1") == 202
            wait_until(
                lambda: len(w.github.state.comments_on(REPO, number)) == 1,
                what="the refusal",
                context=server.output,
            )
            [refusal] = w.github.state.comments_on(REPO, number)
            assert "only people with write access" in refusal.body

            review = payloads.review_event("/pace status", number=number, author="alice")
            review["review"]["id"] = 770002
            review["repository"]["clone_url"] = w.git.url_for(REPO)
            assert deliver(server, "pull_request_review", review, "review-2") == 202
            wait_until(
                lambda: len(w.github.state.comments_on(REPO, number)) == 3,
                what="the acknowledgement and the answer",
                context=server.output,
            )
        finally:
            server.stop()
    ack, answer = (c.body for c in w.github.state.comments_on(REPO, number)[1:])
    assert ack.startswith("<!-- pace:ack review=770002 -->")
    assert "👀" in ack
    assert "no PACE run for this yet" in answer
