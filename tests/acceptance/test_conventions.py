"""The operator's own trigger label, command word and branch prefix, through ``pace serve``."""

from pathlib import Path

import pytest

from tests.acceptance.harness import PaceProcess, wait_until
from tests.acceptance.test_story_run import FORGE_SESSION, status_comments
from tests.acceptance.world import REPO, STORY_BODY, deliver, world

pytestmark = pytest.mark.slow

OPERATOR = {
    "PACE_TRIGGER_LABEL": "ops:build",
    "PACE_COMMAND": "ops",
    "PACE_BRANCH_PREFIX": "ops/",
}


def test_operator_settings_rename_the_label_the_command_and_the_branch(tmp_path: Path) -> None:
    with world(tmp_path, FORGE_SESSION) as w:
        number = w.github.state.add_issue(
            REPO, "Count widgets", STORY_BODY, labels=["ops:build"]
        ).number
        environment = w.environment(tmp_path, **OPERATOR)
        server = PaceProcess(("serve",), tmp_path, environment, tmp_path / "serve.log")
        server.start().wait_http("/readyz")
        try:
            # The built-in name is just another label here; the operator's starts the run.
            default = w.labeled_payload(number)
            assert deliver(server, "issues", default, "label-default") == 202
            ours = w.labeled_payload(number)
            ours["label"]["name"] = "OPS:Build"
            assert deliver(server, "issues", ours, "label-ops") == 202
            wait_until(
                lambda: any("PR ready for review" in b for b in status_comments(w, number)),
                timeout=90,
                what="the run to finish",
                context=server.output,
            )
            [pull] = w.github.state.pulls.values()
            other = w.comment_payload(pull.number, "/pace status", author="alice")
            assert deliver(server, "issue_comment", other, "comment-pace") == 202
            mine = w.comment_payload(pull.number, "/ops help", author="alice")
            assert deliver(server, "issue_comment", mine, "comment-ops") == 202

            def answered() -> bool:
                return any(
                    "`/ops retry" in c.body for c in w.github.state.comments_on(REPO, pull.number)
                )

            wait_until(answered, timeout=30, what="the help reply", context=server.output)
        finally:
            server.stop()
    assert pull.head == f"ops/issue-{number}-count-widgets"
    assert pull.head in w.git.branches(REPO)
    assert not any(b.startswith("pace/") for b in w.git.branches(REPO))
    [final] = status_comments(w, number)
    assert "`/ops retry [what to change]`" in final
    reactions = {
        c.body: [r.content for r in c.reactions]
        for c in w.github.state.comments_on(REPO, pull.number)
    }
    assert reactions["/ops help"] == ["eyes"]
    assert reactions["/pace status"] == []
    [help_reply] = [body for body in reactions if body.startswith("### PACE commands")]
    assert "add the `ops:build` label" in help_reply
