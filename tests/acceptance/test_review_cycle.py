"""The whole PACE cycle: GATE and SENTINEL hold, FORGE retries, SCRIBE records."""

import json
import sys
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
from tests.fakes.fake_model import Turn, tool_turn

pytestmark = pytest.mark.slow

WRONG_WIDGETS = "def count_widgets(items):\n    return len(items) + 1\n"
UNSAFE_APP = (
    "import subprocess\n"
    "\n"
    "\n"
    "def handle(request):\n"
    '    cmd = request.args["cmd"]\n'
    "    return subprocess.run(cmd, shell=True)\n"
)
SAFE_APP = (
    'COMMANDS = {"count": len}\n'
    "\n"
    "\n"
    "def handle(request):\n"
    '    return COMMANDS[request.args["cmd"]](request.args["items"])\n'
)


def pytest_project(max_retries: int) -> dict[str, str]:
    """Return the widgets project tested with pytest (for JUnit results) outside bwrap.

    The test environment's pytest is not visible inside bubblewrap, so these projects
    run under an operator's ``SANDBOX_MODE=off`` (see ``run_to_end``).
    """
    config = (
        "product:\n  name: Widgets\n  description: A widget inventory\n"
        f"tech:\n  test_command: {sys.executable} -m pytest -q -p no:cacheprovider\n"
        f"forge:\n  max_turns: 8\n  max_retries: {max_retries}\n"
    )
    return {**PROJECT, "pace.config.yaml": config}


def forge_writes(path: str, content: str, summary: str = "Done.") -> list[Turn]:
    """Return a FORGE round that writes one file and hands off."""
    return [
        tool_turn("write_file", {"path": path, "content": content}),
        tool_turn("complete_handoff", {"summary": summary}),
    ]


def status(w: World) -> str:
    bodies = [
        c.body for c in w.github.state.comments_on(REPO, 1) if c.body.startswith("<!-- pace:st")
    ]
    return bodies[-1] if bodies else ""


def run_to_end(tmp_path: Path, w: World, *, until: str, sandbox: str = "required") -> None:
    """Label the story under ``pace serve`` and wait until the status shows ``until``."""
    env = w.environment(tmp_path, SANDBOX_MODE=sandbox)
    server = PaceProcess(("serve",), tmp_path, env, tmp_path / "serve.log")
    server.start().wait_http("/readyz")
    try:
        number = w.open_story()
        assert deliver(server, "issues", w.labeled_payload(number), "label-1") == 202
        wait_until(
            lambda: until in status(w),
            timeout=60,
            what=until,
            context=lambda: status(w) + "\n" + server.output(),
        )
    finally:
        server.stop()


def checks_named(w: World, name: str) -> list[Any]:
    return sorted(
        (c for c in w.github.state.check_runs.values() if c.name == name), key=lambda c: c.id
    )


def forge_prompts_after(w: World, first: int) -> list[str]:
    """Return the system prompts of FORGE's requests from request number ``first`` on."""
    return [
        json.dumps(r["system"])
        for r in w.model.requests[first:]
        if any(tool["name"] == "write_file" for tool in r.get("tools", []))
    ]


def test_a_failing_test_holds_then_forge_fixes_it(tmp_path: Path) -> None:
    script = [
        scribe_bootstrap(),
        *forge_writes("widgets.py", WRONG_WIDGETS),
        gate_verdict("FAIL"),
        *forge_writes("widgets.py", FIXED_WIDGETS, "Fixed the off-by-one."),
        gate_verdict(),
        sentinel_findings(),
        scribe_update(),
    ]
    with world(tmp_path, script, project=pytest_project(max_retries=2)) as w:
        run_to_end(tmp_path, w, until="PR ready for review", sandbox="off")
    first, second = checks_named(w, "PACE / GATE")
    assert (first.conclusion, second.conclusion) == ("failure", "success")
    [annotation] = [a for a in first.annotations if a["annotation_level"] == "failure"]
    assert (annotation["path"], annotation["start_line"]) == ("tests/test_widgets.py", 8)
    [retry_prompt] = [p for p in forge_prompts_after(w, 4) if "test_counts" in p][:1]
    assert "Fixed" not in retry_prompt
    [sentinel] = checks_named(w, "PACE / SENTINEL")
    assert sentinel.conclusion == "success"
    subjects = [c.subject for c in w.git.commits(REPO, ref="pace/issue-1-count-widgets")]
    assert subjects[0] == "docs(pace): update engineering context for #1"


def test_shell_injection_is_reviewed_inline_and_sent_back_to_forge(tmp_path: Path) -> None:
    script = [
        scribe_bootstrap(),
        tool_turn("write_file", {"path": "widgets.py", "content": FIXED_WIDGETS}),
        *forge_writes("app.py", UNSAFE_APP),
        gate_verdict(),
        sentinel_findings(),
        *forge_writes("app.py", SAFE_APP, "No shell any more."),
        gate_verdict(),
        sentinel_findings(),
        scribe_update(),
    ]
    with world(tmp_path, script) as w:
        run_to_end(tmp_path, w, until="PR ready for review")
    [pull] = w.github.state.pulls.values()
    [review] = w.github.state.reviews_on(REPO, pull.number)
    assert review.state == "CHANGES_REQUESTED"
    inline = [(c.path, c.line) for c in review.comments]
    assert ("app.py", 6) in inline
    first, second = checks_named(w, "PACE / SENTINEL")
    assert (first.conclusion, second.conclusion) == ("failure", "success")
    assert any("shell" in prompt for prompt in forge_prompts_after(w, 5))
    assert w.git.read_file(REPO, "app.py", ref="pace/issue-1-count-widgets") == SAFE_APP


def test_exhausted_retries_hold_the_story_for_a_human(tmp_path: Path) -> None:
    script = [
        scribe_bootstrap(),
        *forge_writes("widgets.py", WRONG_WIDGETS),
        gate_verdict("FAIL"),
        tool_turn("complete_handoff", {"summary": "I could not fix it."}),
        gate_verdict("FAIL"),
    ]
    with world(tmp_path, script, project=pytest_project(max_retries=1)) as w:
        run_to_end(tmp_path, w, until="failed", sandbox="off")
    labels = w.github.state.issues[(REPO, 1)].labels
    assert "pace:hold" in labels
    assert "pace:running" not in labels
    final = status(w)
    assert "HOLD after 2 FORGE round(s)" in final
    assert "test_counts" in final
    assert "repository code ran unsandboxed (SANDBOX_MODE=off)" in final


def test_a_repository_cannot_switch_the_sandbox_off(tmp_path: Path) -> None:
    project = pytest_project(max_retries=0)
    project["pace.config.yaml"] += 'sandbox:\n  mode: "off"\n'
    script = [
        scribe_bootstrap(),
        *forge_writes("widgets.py", FIXED_WIDGETS),
        gate_verdict(),
    ]
    with world(tmp_path, script, project=project) as w:
        run_to_end(tmp_path, w, until="failed")
    final = status(w)
    # The test environment's Python is not bound into bubblewrap: the tests ran sandboxed.
    assert f"{sys.executable}: not found" in final
    assert (
        "the repository asked for sandbox.mode off; the operator's policy `required` applies"
        in final
    )
    assert "ran unsandboxed" not in final


def test_a_finding_off_the_diff_goes_in_the_review_body(tmp_path: Path) -> None:
    off_diff = {
        "path": "widgets.py",
        "line": 40,
        "severity": "low",
        "category": "robustness",
        "message": "count_widgets trusts its input to be sized",
    }
    script = [
        scribe_bootstrap(),
        *forge_writes("widgets.py", FIXED_WIDGETS),
        gate_verdict(),
        sentinel_findings(off_diff),
        # FORGE's advisory round changes nothing, so the head's review stands as it was.
        tool_turn("complete_handoff", {"summary": "Left as is."}),
        scribe_update(),
    ]
    with world(tmp_path, script) as w:
        run_to_end(tmp_path, w, until="PR ready for review")
    [pull] = w.github.state.pulls.values()
    [review] = w.github.state.reviews_on(REPO, pull.number)
    assert review.state == "COMMENTED"
    assert review.comments == []
    assert "trusts its input" in review.body
    assert [c.conclusion for c in checks_named(w, "PACE / SENTINEL")] == ["neutral"]
    assert len(checks_named(w, "PACE / GATE")) == 1
    clearance = [i for i in w.github.state.issues.values() if "pace:advisory" in i.labels]
    [issue] = clearance
    assert "- [ ] " in issue.body
    assert "trusts its input" in issue.body
