"""Runs and their money through ``pace serve``: ``pace runs``, ``show``, ``spend``, daily cap.

Two scripted stories run through the spawned server; the spawned ``pace runs``,
``pace runs show`` and ``pace spend`` print them with only ``DATA_DIR`` set (no App
key); a third story over the daily cap does not start and its status comment says why.
Every model is Haiku ($1 per million input tokens), and each run's last call (SCRIBE's
decisions) reads 100,000 tokens: a little over $0.10 a run. With a $0.15 daily cap the first run
starts with $0.15 left, the second with about $0.05 (its last call crosses the cap by
at most that one call), and the third with nothing.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pace_app.reports.render import money
from tests.acceptance.harness import PaceProcess, base_environment, run_pace, wait_until
from tests.acceptance.world import (
    FIXED_WIDGETS,
    PROJECT,
    REPO,
    World,
    deliver,
    gate_verdict,
    scribe_bootstrap,
    sentinel_findings,
    world,
)
from tests.fakes.fake_model import Turn, tool_turn

pytestmark = pytest.mark.slow

HAIKU = "claude-haiku-4-5"
CHEAP_PROJECT = {
    **PROJECT,
    "pace.config.yaml": PROJECT["pace.config.yaml"]
    + f"llm:\n  model: {HAIKU}\n  analysis_model: {HAIKU}\n",
}
EXPENSIVE = {"input_tokens": 100_000, "output_tokens": 0}


def story_session() -> list[Turn]:
    """Return one story's calls: SCRIBE, FORGE, GATE, SENTINEL and a $0.10 SCRIBE update."""
    return [
        scribe_bootstrap(),
        tool_turn("write_file", {"path": "widgets.py", "content": FIXED_WIDGETS}),
        tool_turn("complete_handoff", {"summary": "Counted the widgets."}),
        gate_verdict(),
        sentinel_findings(),
        tool_turn(
            "record_decisions",
            {"decisions": ["count_widgets uses len()"], "known_gaps": [], "summary": "Counting."},
            usage=EXPENSIVE,
        ),
    ]


def status_of(w: World, number: int) -> str:
    bodies = [
        c.body
        for c in w.github.state.comments_on(REPO, number)
        if c.body.startswith("<!-- pace:status")
    ]
    return bodies[-1] if bodies else ""


def run_story(server: PaceProcess, w: World, title: str, text: str) -> int:
    """Open a story, deliver its label, and wait until its status comment shows ``text``."""
    number = w.open_story(title)
    assert deliver(server, "issues", w.labeled_payload(number), f"label-{number}") == 202
    wait_until(
        lambda: text in status_of(w, number),
        timeout=120,
        what=f"issue {number}'s run to show {text!r}",
        context=server.output,
    )
    return number


def test_runs_show_their_money_and_a_run_over_the_daily_cap_does_not_start(
    tmp_path: Path,
) -> None:
    with world(tmp_path, [*story_session(), *story_session()], project=CHEAP_PROJECT) as w:
        env = w.environment(tmp_path, BUDGET_MAX_USD_PER_DAY="0.15")
        server = PaceProcess(("serve",), tmp_path, env, tmp_path / "serve.log")
        server.start().wait_http("/readyz")
        try:
            first = run_story(server, w, "Count widgets", "PR ready for review")
            second = run_story(server, w, "Count more widgets", "PR ready for review")
            requests = len(w.model.requests)

            # The reports need only the database: no App id, key or secret.
            reader = base_environment() | {"DATA_DIR": env["DATA_DIR"]}
            listed = run_pace("runs", cwd=tmp_path, env=reader)
            as_json = run_pace("runs", "--json", cwd=tmp_path, env=reader)
            spend = run_pace("spend", "--since", "1d", cwd=tmp_path, env=reader)
            rows_json = json.loads(as_json.stdout)
            ids = {row["issue"]: row["id"] for row in rows_json}
            costs = {row["issue"]: row["cost_usd"] for row in rows_json}
            shown = run_pace("runs", "show", str(ids[first]), cwd=tmp_path, env=reader)
            unknown = run_pace("runs", "show", "999", cwd=tmp_path, env=reader)

            third = run_story(server, w, "Count all widgets", "daily model budget is spent")
            wait_until(
                lambda: "pace:running" not in w.github.state.issues[(REPO, third)].labels,
                timeout=30,
                what="the third run to end",
                context=server.output,
            )
        finally:
            server.stop()

    assert (listed.returncode, as_json.returncode, spend.returncode) == (0, 0, 0), listed.stderr
    # pace runs: one row per run, newest first, with state, tokens and cost.
    header, *rows = listed.stdout.splitlines()
    assert header.split()[:6] == ["ID", "ISSUE", "STATE", "ATTEMPT", "TOKENS", "COST"]
    assert [row.split()[1:4] for row in rows] == [
        [f"{REPO}#{second}", "done", "1"],
        [f"{REPO}#{first}", "done", "1"],
    ]
    # Each run paid its $0.10 SCRIBE call and a little for the others; all under the cap.
    assert all(0.10 <= costs[n] < 0.15 for n in (first, second)), costs
    assert [row.split()[5] for row in rows] == [money(costs[second]), money(costs[first])]

    # pace runs show: states, links as GitHub answered them, tokens and cost per agent/model.
    assert shown.returncode == 0, shown.stderr
    text = shown.stdout
    assert text.startswith(f"Run {ids[first]}: {REPO}#{first}, done (attempt 1)")
    assert "queued > preparing > forge > pushed > gate > sentinel > scribe" in text
    pull = next(
        p for p in w.github.state.pulls.values() if p.head.startswith(f"pace/issue-{first}-")
    )
    assert re.search(rf"pull request #{pull.number}\s+https?://\S+/{REPO}/pull/{pull.number}", text)
    assert re.search(rf"status comment\s+https?://\S+/{REPO}/issues/{first}#issuecomment-\d+", text)
    assert re.search(r"PACE / GATE\s+https?://\S+/runs/\d+", text)
    assert f"Cost: {money(costs[first])} of $0.15 budget" in text
    scribe = next(line.split() for line in text.splitlines() if line.startswith("scribe"))
    assert scribe[-1] in ("$0.10", "$0.11")  # 100,000 tokens at $1 a million, and its prompt
    assert any(line.split()[0] == HAIKU for line in text.splitlines() if line.strip())
    assert unknown.returncode == 1
    assert unknown.stderr.strip() == "pace: error: no run with id 999"

    # pace spend: both runs, and their total.
    assert [line.split() for line in spend.stdout.splitlines()[1:]] == [
        ["REPOSITORY", "RUNS", "COST"],
        [REPO, "2", money(costs[first] + costs[second])],
        ["TOTAL", "2", money(costs[first] + costs[second])],
    ]

    # The third run did not start: no model call, no pull request, the reason on the issue.
    assert len(w.model.requests) == requests
    assert not any(p.head.startswith(f"pace/issue-{third}-") for p in w.github.state.pulls.values())
    final = status_of(w, third)
    assert "The run did not start: the repository's daily model budget is spent" in final
    assert f"{money(costs[first] + costs[second])} of $0.15 today (UTC)" in final
    assert "resets at" in final
