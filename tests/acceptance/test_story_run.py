"""A labelled issue becomes a pushed branch and a draft PR written by FORGE."""

import json
import secrets
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from tests.acceptance.harness import PaceProcess, wait_until
from tests.acceptance.world import (
    FIXED_WIDGETS,
    PROJECT,
    REPO,
    World,
    deliver,
    gate_verdict,
    scribe_bootstrap,
    scribe_update,
    sentinel_findings,
    world,
)
from tests.fakes import payloads
from tests.fakes.fake_model import tool_turn
from tests.fakes.git_server import git

pytestmark = pytest.mark.slow

BRANCH = "pace/issue-1-count-widgets"

FORGE_TURNS = [
    tool_turn("list_files", {"path": "."}),
    tool_turn("read_file", {"path": "widgets.py"}),
    tool_turn("write_file", {"path": "widgets.py", "content": FIXED_WIDGETS}),
    tool_turn("run_tests", {}),
    tool_turn(
        "complete_handoff",
        {"summary": "count_widgets now returns len(items).", "files_changed": ["widgets.py"]},
    ),
]
# The whole story: SCRIBE's first context, FORGE, GATE's criteria, SENTINEL, SCRIBE's update.
FORGE_SESSION = [
    scribe_bootstrap(),
    *FORGE_TURNS,
    gate_verdict(),
    sentinel_findings(),
    scribe_update(),
]


def status_comments(w: World, number: int) -> list[str]:
    return [
        c.body
        for c in w.github.state.comments_on(REPO, number)
        if c.body.startswith("<!-- pace:status")
    ]


def start_server(tmp_path: Path, w: World) -> PaceProcess:
    server = PaceProcess(("serve",), tmp_path, w.environment(tmp_path), tmp_path / "serve.log")
    server.start().wait_http("/readyz")
    return server


def test_a_labelled_issue_becomes_a_branch_and_a_draft_pr(tmp_path: Path) -> None:
    with world(tmp_path, FORGE_SESSION) as w:
        number = w.open_story()
        server = start_server(tmp_path, w)
        try:
            assert deliver(server, "issues", w.labeled_payload(number), "delivery-1") == 202
            wait_until(
                lambda: any("PR ready for review" in body for body in status_comments(w, number)),
                timeout=90,
                what="the run to finish",
                context=server.output,
            )
            pulls = list(w.github.state.pulls.values())
            comment_requests = w.github.requests_to("POST", f"/repos/{REPO}/issues/1/comments")
            edits = [r for r in w.github.requests if r.method == "PATCH" and "/comments/" in r.path]
            branches_before = w.git.branches(REPO)

            # The same delivery again changes nothing.
            assert deliver(server, "issues", w.labeled_payload(number), "delivery-1") == 202
            assert list(w.github.state.pulls.values()) == pulls
            assert w.git.branches(REPO) == branches_before
        finally:
            server.stop()
        limits = [r for r in server.log_records() if r["message"] == "github rate limit after job"]
    [pull] = pulls
    assert [type(r["rate_limit_remaining"]) for r in limits] == [int]
    assert (pull.head, pull.base, pull.draft) == (BRANCH, "main", True)
    assert f"Closes #{number}" in pull.body
    assert "count_widgets now returns len(items)." in pull.body
    # The PR lists the files it changes, not what the test run left in the checkout.
    assert "- `widgets.py`" in pull.body
    assert "__pycache__" not in pull.body
    assert BRANCH in branches_before
    assert w.git.read_file(REPO, "widgets.py", ref=BRANCH) == FIXED_WIDGETS
    assert all(c.author.endswith("[bot]") for c in w.git.commits(REPO, ref=BRANCH)[:2])
    # Only what FORGE wrote (and SCRIBE's context) is committed, not what its test run left.
    tree = git("ls-tree", "-r", "--name-only", BRANCH, cwd=w.git.bare_path(REPO)).split()
    assert sorted(tree) == sorted([*PROJECT, ".pace/context/engineering.md"])
    assert len(comment_requests) == 1, "the status comment was created more than once"
    assert edits, "the status comment was never edited"
    [final] = status_comments(w, number)
    assert "PR ready for review" in final
    assert f"/tree/{BRANCH})" in final, "the status comment links the branch"
    assert not any(label == "pace:running" for label in w.github.state.issues[(REPO, 1)].labels)
    forge_request = w.model.requests[1]  # after SCRIBE wrote the first engineering context
    assert "count_widgets" in json.dumps(forge_request["system"])
    assert "Plain functions in widgets.py" in json.dumps(forge_request["system"])
    checks = {c.name: c.conclusion for c in w.github.state.check_runs.values()}
    assert checks == {"PACE / GATE": "success", "PACE / SENTINEL": "success"}
    [scribe_commit, *_] = w.git.commits(REPO, ref=BRANCH)
    assert scribe_commit.subject == f"docs(pace): update engineering context for #{number}"
    context = w.git.read_file(REPO, ".pace/context/engineering.md", ref=BRANCH)
    assert context is not None
    assert "count_widgets uses len()" in context


def finished(w: World, number: int, text: str) -> bool:
    """Say whether the issue's status comment shows ``text``."""
    return any(text in body for body in status_comments(w, number))


def run_story(tmp_path: Path, w: World, number: int) -> PaceProcess:
    """Start ``pace serve``, label the story, and wait for its run to finish."""
    server = start_server(tmp_path, w)
    assert deliver(server, "issues", w.labeled_payload(number), "label-1") == 202
    wait_until(
        lambda: finished(w, number, "PR ready for review"),
        timeout=90,
        what="the first run to finish",
        context=server.output,
    )
    return server


def test_retry_needs_write_access_and_feeds_forge(tmp_path: Path) -> None:
    retry_session = [
        tool_turn("read_file", {"path": "widgets.py"}),
        tool_turn("complete_handoff", {"summary": "Nothing else needed."}),
        gate_verdict(),
        sentinel_findings(),
        scribe_update(),
    ]
    with world(tmp_path, FORGE_SESSION + retry_session) as w:
        number = w.open_story()
        w.grant("alice", "write")
        w.grant("mallory", "read")
        server = run_story(tmp_path, w, number)
        try:
            [pull] = w.github.state.pulls.values()
            requests_after_first_run = len(w.model.requests)

            outsider = w.comment_payload(pull.number, "/pace retry do it my way", author="mallory")
            assert deliver(server, "issue_comment", outsider, "retry-outsider") == 202
            wait_until(
                lambda: len(w.github.state.comments_on(REPO, pull.number)) == 2,
                what="the refusal reply",
                context=server.output,
            )
            refused = w.github.state.comments[outsider["comment"]["id"]]
            assert [r.content for r in refused.reactions] == ["confused"]
            reply = w.github.state.comments_on(REPO, pull.number)[-1].body
            assert "write access" in reply
            assert len(w.model.requests) == requests_after_first_run

            writer = w.comment_payload(
                pull.number, "/pace retry also handle an empty list", author="alice"
            )
            assert deliver(server, "issue_comment", writer, "retry-writer") == 202
            wait_until(
                lambda: finished(w, number, "attempt 2") and finished(w, number, "PR ready"),
                timeout=90,
                what="the retry to finish",
                context=server.output,
            )
            accepted = w.github.state.comments[writer["comment"]["id"]]
        finally:
            server.stop()
    assert [r.content for r in accepted.reactions] == ["eyes"]
    retry_request = w.model.requests[requests_after_first_run]  # FORGE's first turn
    assert "also handle an empty list" in json.dumps(retry_request["system"])
    assert "do it my way" not in json.dumps(retry_request["system"])
    assert len(w.github.state.pulls) == 1


def test_reaching_max_turns_still_pushes_and_says_why(tmp_path: Path) -> None:
    session = [
        scribe_bootstrap(),
        tool_turn("write_file", {"path": "widgets.py", "content": FIXED_WIDGETS}),
        *[tool_turn("list_files", {"path": "."}) for _ in range(7)],
        gate_verdict(),
        sentinel_findings(),
        scribe_update(),
    ]
    with world(tmp_path, session) as w:
        number = w.open_story()
        server = start_server(tmp_path, w)
        try:
            assert deliver(server, "issues", w.labeled_payload(number), "label-1") == 202
            wait_until(
                lambda: finished(w, number, "stopped early"),
                timeout=90,
                what="the run to stop early",
                context=server.output,
            )
        finally:
            server.stop()
    [pull] = w.github.state.pulls.values()
    assert "forge.max_turns" in pull.body
    assert f"Closes #{number}" in pull.body
    assert w.git.read_file(REPO, "widgets.py", ref=BRANCH) == FIXED_WIDGETS


def test_removing_the_label_cancels_a_running_forge(tmp_path: Path) -> None:
    # A duration no other run of this test on the machine uses, to find it in `ps`.
    sleep = f"sleep 120.{secrets.randbelow(10**6):06d}"
    slow = dict(PROJECT)
    slow["pace.config.yaml"] = slow["pace.config.yaml"].replace(
        "python3 -m unittest discover -s tests -q", sleep
    )
    session = [scribe_bootstrap(), tool_turn("run_tests", {})]
    with world(tmp_path, session, project=slow) as w:
        number = w.open_story()
        server = start_server(tmp_path, w)
        try:
            assert deliver(server, "issues", w.labeled_payload(number), "label-1") == 202
            wait_until(lambda: len(w.model.requests) == 2, what="FORGE to start the tests")
            time.sleep(1)
            unlabel = w.labeled_payload(number) | {"action": "unlabeled"}
            started = time.monotonic()
            assert deliver(server, "issues", unlabel, "unlabel-1") == 202
            wait_until(
                lambda: finished(w, number, "cancelled"),
                timeout=30,
                what="the run to be cancelled",
                context=server.output,
            )
            took = time.monotonic() - started
            wait_until(
                lambda: (
                    sleep
                    not in subprocess.run(
                        ["ps", "-eo", "args"], capture_output=True, text=True, check=True
                    ).stdout
                ),
                timeout=15,
                what="the sandboxed command to be killed",
            )
        finally:
            server.stop()
    assert took < 15
    assert w.github.state.pulls == {}
    assert BRANCH not in w.git.branches(REPO)


def test_the_rerun_button_runs_gate_again_on_the_current_head(tmp_path: Path) -> None:
    with world(tmp_path, [*FORGE_SESSION, gate_verdict()]) as w:
        number = w.open_story()
        server = run_story(tmp_path, w, number)
        try:
            [pull] = w.github.state.pulls.values()
            [gate] = [c for c in w.github.state.check_runs.values() if c.name == "PACE / GATE"]
            rerun = payloads.check_run_event("rerequested", pr_number=pull.number)
            rerun["repository"]["clone_url"] = w.git.url_for(REPO)
            assert deliver(server, "check_run", rerun, "rerun-1") == 202
            wait_until(
                lambda: len(gate_runs(w)) == 2 and gate_runs(w)[-1].conclusion is not None,
                what="GATE to run again",
                context=server.output,
            )
        finally:
            server.stop()
    again = gate_runs(w)[-1]
    head = w.git.branches(REPO)[BRANCH]
    assert again.id != gate.id
    assert (again.head_sha, again.conclusion) == (head, "success")
    assert w.model.remaining == 0


def gate_runs(w: World) -> list[Any]:
    """Return the GATE check runs, oldest first."""
    runs = [c for c in w.github.state.check_runs.values() if c.name == "PACE / GATE"]
    return sorted(runs, key=lambda c: c.id)
