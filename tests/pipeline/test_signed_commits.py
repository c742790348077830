"""Story runs on a repository whose branches require signed commits.

In the default ``COMMIT_SIGNING=api`` the App's commits are created through GitHub's
Git Data API, signed by GitHub and accepted; with ``COMMIT_SIGNING=off`` the plain git
push is refused and the status comment says why.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pace_app.domain.run import RunState
from pace_app.pipeline.stories import Stories
from tests.acceptance.world import PROJECT, REPO, world
from tests.pipeline.test_story_run import (
    assert_visible_end,
    happy_script,
    services,
    start_job,
    status,
    the_run,
)

pytestmark = [pytest.mark.anyio, pytest.mark.slow]


async def test_a_story_on_a_branch_requiring_signatures_ends_with_a_verified_pr(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with world(tmp_path, happy_script(), project=PROJECT) as w:
        w.github.state.require_signed_commits(REPO, "pace/*")
        number = w.open_story()
        async with services(w, tmp_path, monkeypatch) as built:
            await Stories(built).start(start_job(w, number))
            run = await the_run(built, number)
        assert run.state is RunState.DONE, status(w, number)
        assert "PR ready for review" in status(w, number)
        (pull,) = w.github.state.pulls.values()
        head = w.git.branches(REPO)[pull.head]
        assert run.head_sha == head
        # FORGE's commit and SCRIBE's commit are both GitHub's, signed and verified.
        fresh = [c.sha for c in w.git.commits(REPO, pull.head)][:2]
        assert len(fresh) == 2
        assert set(fresh) <= w.github.state.signed_commits
        assert {c.author for c in w.git.commits(REPO, pull.head)[:2]} == {"pace-app[bot]"}
        assert_visible_end(w, number)


async def test_with_signing_off_the_protected_branch_refuses_the_push_visibly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with world(tmp_path, happy_script(), project=PROJECT) as w:
        w.github.state.require_signed_commits(REPO, "pace/*")
        number = w.open_story()
        async with services(w, tmp_path, monkeypatch, COMMIT_SIGNING="off") as built:
            await Stories(built).start(start_job(w, number))
            run = await the_run(built, number)
        assert run.state is RunState.FAILED
        shown = status(w, number)
        assert "GitHub refused the push to 'pace/issue-1-count-widgets'" in shown
        assert "Commits must have verified signatures." in shown
        assert not w.github.state.pulls
        assert set(w.git.branches(REPO)) == {"main"}
        assert_visible_end(w, number)
