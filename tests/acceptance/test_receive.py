"""``pace receive`` runs one delivery locally: the story run it starts, to the end."""

import json
from pathlib import Path

import pytest

from tests.acceptance.harness import base_environment, job_rows, run_pace
from tests.acceptance.world import (
    FIXED_WIDGETS,
    REPO,
    gate_verdict,
    scribe_bootstrap,
    scribe_update,
    sentinel_findings,
    world,
)
from tests.fakes import payloads
from tests.fakes.fake_model import tool_turn

pytestmark = pytest.mark.slow

SESSION = [
    scribe_bootstrap(),
    tool_turn("write_file", {"path": "widgets.py", "content": FIXED_WIDGETS}),
    tool_turn("run_tests", {}),
    tool_turn("complete_handoff", {"summary": "count_widgets returns len(items)."}),
    gate_verdict(),
    sentinel_findings(),
    scribe_update(),
]


def test_receive_runs_the_story_a_label_starts_and_exits_when_it_is_done(
    tmp_path: Path,
) -> None:
    with world(tmp_path, SESSION) as w:
        number = w.open_story()
        payload = tmp_path / "labeled.json"
        payload.write_text(json.dumps(w.labeled_payload(number)))
        env = w.environment(tmp_path)
        result = run_pace(
            "receive", "-e", "issues", "-p", str(payload), "--delivery-id", "d-1",
            cwd=tmp_path, env=env, timeout=120,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        lines = result.stdout.splitlines()
        assert lines[0] == "d-1: accepted: running 1 job(s)"
        assert lines[1] == "  job 1 story.start: succeeded"
        [pull] = w.github.state.pulls.values()
        assert pull.head.startswith("pace/issue-1-")
        assert w.git.read_file(REPO, "widgets.py", ref=pull.head) == FIXED_WIDGETS
        assert [row["state"] for row in job_rows(tmp_path / "data")] == ["succeeded"]


def test_receive_needs_the_app_credentials_unless_it_only_queues(tmp_path: Path) -> None:
    env = base_environment() | {"DATA_DIR": str(tmp_path / "data")}
    payload = tmp_path / "labeled.json"
    payload.write_text(json.dumps(payloads.issues_event("labeled")))
    refused = run_pace("receive", "-e", "issues", "-p", str(payload), cwd=tmp_path, env=env)
    assert refused.returncode == 1
    assert "GITHUB_APP_ID" in refused.stderr
    assert not (tmp_path / "data").exists() or job_rows(tmp_path / "data") == []
