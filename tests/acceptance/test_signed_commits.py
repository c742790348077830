"""Through ``pace serve``: a branch requiring signed commits accepts the App's commits."""

from pathlib import Path

import pytest

from tests.acceptance.harness import PaceProcess, wait_until
from tests.acceptance.test_story_run import FORGE_SESSION, status_comments
from tests.acceptance.world import REPO, deliver, world

pytestmark = pytest.mark.slow

BRANCH = "pace/issue-1-count-widgets"


def test_a_story_run_passes_required_signatures_through_pace_serve(tmp_path: Path) -> None:
    with world(tmp_path, FORGE_SESSION) as w:
        w.github.state.require_signed_commits(REPO, "pace/**")
        w.github.state.require_signed_commits(REPO, "main")
        number = w.open_story()
        server = PaceProcess(("serve",), tmp_path, w.environment(tmp_path), tmp_path / "serve.log")
        server.start().wait_http("/readyz")
        try:
            assert deliver(server, "issues", w.labeled_payload(number), "delivery-1") == 202
            wait_until(
                lambda: any("PR ready for review" in body for body in status_comments(w, number)),
                timeout=120,
                what="the run to finish",
                context=server.output,
            )
        finally:
            server.stop()
        head = w.git.branches(REPO)[BRANCH]
        (pull,) = w.github.state.pulls.values()
        assert pull.head == BRANCH
        new = [c for c in w.git.commits(REPO, BRANCH) if c.subject != "Seed the repository"]
        assert new[0].sha == head
        assert len(new) == 2  # FORGE's commit and SCRIBE's
        assert {c.sha for c in new} <= w.github.state.signed_commits
        assert w.github.requests_to("POST", f"/repos/{REPO}/git/commits")
        assert not [r for r in w.git.requests if "git-receive-pack" in r.path]
