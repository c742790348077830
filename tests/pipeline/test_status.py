"""The status comment: marker, checklist marks, safe text and bounds."""

import pytest

from pace_app.domain.run import RunState
from pace_app.domain.run_details import ForgeTimeline, ForgeTurn
from pace_app.domain.text import MAX_COMMENT_CHARS, TRUNCATED, neutralise, truncate
from pace_app.github.issues import marker_run_id, status_marker
from pace_app.pipeline.status import (
    MAX_REASON_CHARS,
    MAX_WARNINGS,
    StatusView,
    checklist,
    forge_line,
    render_status,
)


def marks(view: StatusView) -> list[str]:
    """Return the checklist's marks, top to bottom."""
    return [mark.value for mark, _ in checklist(view)]


def test_the_comment_starts_with_the_runs_marker() -> None:
    body = render_status(StatusView(run_id=42, state=RunState.QUEUED))
    assert body.splitlines()[0] == "<!-- pace:status run=42 -->"
    assert marker_run_id(body) == 42
    assert status_marker(7) == "<!-- pace:status run=7 -->"


def test_a_marker_must_open_the_body() -> None:
    assert marker_run_id("hello\n<!-- pace:status run=1 -->") is None
    assert marker_run_id("<!-- pace:status run=x -->") is None


@pytest.mark.parametrize(
    ("state", "expected"),
    [
        (RunState.QUEUED, "⏳⬜⬜⬜⬜⬜⬜⬜"),
        (RunState.PREPARING, "✅⏳⬜⬜⬜⬜⬜⬜"),
        (RunState.FORGE, "✅✅⏳⬜⬜⬜⬜⬜"),
        (RunState.PUSHED, "✅✅✅✅⬜⬜⬜⬜"),
        (RunState.GATE, "✅✅✅✅⏳⬜⬜⬜"),
        (RunState.SENTINEL, "✅✅✅✅✅⏳⬜⬜"),
        (RunState.SCRIBE, "✅✅✅✅✅✅⏳⬜"),
        (RunState.DONE, "✅✅✅✅✅✅✅✅"),
    ],
)
def test_active_and_done_runs_mark_each_stage(state: RunState, expected: str) -> None:
    assert "".join(marks(StatusView(run_id=1, state=state))) == expected


@pytest.mark.parametrize(
    ("stopped_at", "expected"),
    [
        (None, "❌⬜⬜⬜⬜⬜⬜⬜"),
        (RunState.PREPARING, "✅❌⬜⬜⬜⬜⬜⬜"),
        (RunState.FORGE, "✅✅❌⬜⬜⬜⬜⬜"),
        (RunState.PUSHED, "✅✅✅❌⬜⬜⬜⬜"),
        (RunState.GATE, "✅✅✅✅❌⬜⬜⬜"),
        (RunState.SCRIBE, "✅✅✅✅✅✅❌⬜"),
    ],
)
def test_a_stopped_run_marks_where_it_stopped(stopped_at: RunState | None, expected: str) -> None:
    for state in (RunState.FAILED, RunState.CANCELLED):
        view = StatusView(run_id=1, state=state, stopped_at=stopped_at)
        assert "".join(marks(view)) == expected


def test_the_review_stages_follow_the_push() -> None:
    lines = [text for _, text in checklist(StatusView(run_id=1, state=RunState.SENTINEL))]
    assert [line.split()[0] for line in lines[3:7]] == ["Branch", "GATE", "SENTINEL", "SCRIBE"]
    assert lines[-1] == "Done"


def test_links_progress_outcome_and_footer_are_shown() -> None:
    body = render_status(
        StatusView(
            run_id=3,
            state=RunState.DONE,
            attempt=2,
            issue_title="Add a widget",
            branch_url="https://github.example/o/r/tree/pace/issue-1-add",
            pr_url="https://github.example/o/r/pull/2",
            check_runs=(("PACE GATE", "https://github.example/o/r/runs/9"),),
            turns=12,
            usage="12,345 tokens · $0.42 of $5.00",
            outcome="Pull request ready for review.",
        )
    )
    assert "### PACE run 3 finished (attempt 2)" in body
    assert "Add a widget" in body
    assert "[pull request](https://github.example/o/r/pull/2)" in body
    assert "[branch](https://github.example/o/r/tree/pace/issue-1-add)" in body
    assert "[PACE GATE](https://github.example/o/r/runs/9)" in body
    assert "**So far:** 12 turns · 12,345 tokens · $0.42 of $5.00" in body
    assert "**Outcome:** Pull request ready for review." in body
    for command in ("/pace retry", "/pace cancel", "/pace status", "/pace help"):
        assert command in body


def test_one_turn_is_singular_and_nothing_is_said_without_facts() -> None:
    assert "**So far:** 1 turn\n" in render_status(StatusView(1, RunState.FORGE, turns=1))
    body = render_status(StatusView(1, RunState.FORGE))
    assert "So far" not in body
    assert "Links" not in body
    assert "Warnings" not in body


@pytest.mark.parametrize(
    ("state", "word"), [(RunState.FAILED, "Failed"), (RunState.CANCELLED, "Cancelled")]
)
def test_a_stopped_run_says_why(state: RunState, word: str) -> None:
    body = render_status(
        StatusView(1, state, reason="tests kept failing", stopped_early="max turns reached")
    )
    assert f"**{word}:** tests kept failing" in body
    assert "**Stopped early:** max turns reached" in body
    assert "no reason was recorded" in render_status(StatusView(1, state))


def test_user_text_cannot_ping_hide_or_inject_html() -> None:
    body = render_status(
        StatusView(
            run_id=5,
            state=RunState.FAILED,
            issue_title="Ping @alice and @org/team <img src=x>",
            reason="see <!-- pace:status run=6 --> and <b>bold</b> @bob",
            warnings=("warning for @carol\u202e",),
        )
    )
    assert "@alice" not in body
    assert "@org/team" not in body
    assert "@bob" not in body
    assert "@carol" not in body
    assert "@\u2060alice" in body
    assert "<img" not in body
    assert "<b>" not in body
    assert body.count("<!--") == 1  # only our own marker
    assert "\u202e" not in body
    assert marker_run_id(body) == 5


def test_neutralise_keeps_plain_text_and_email_readable() -> None:
    assert neutralise("a -> b & c") == "a -&gt; b &amp; c"
    assert neutralise("line one\n  line two", one_line=True) == "line one line two"
    assert neutralise("x" * 50, limit=20).endswith(TRUNCATED)
    assert len(neutralise("x" * 50, limit=20)) == 20


def test_long_reasons_and_many_warnings_are_bounded() -> None:
    view = StatusView(
        run_id=1,
        state=RunState.FAILED,
        issue_title="t" * 5_000,
        reason="r" * 100_000,
        warnings=tuple("w" * 2_000 for _ in range(MAX_WARNINGS + 5)),
    )
    body = render_status(view)
    assert len(body) < MAX_COMMENT_CHARS
    assert "r" * MAX_REASON_CHARS not in body
    assert TRUNCATED in body
    assert "…and 5 more" in body


def test_truncate_never_exceeds_its_limit() -> None:
    assert truncate("short", 10) == "short"
    assert truncate("x" * 100, 5) == TRUNCATED[:5]
    assert len(truncate("x" * 100, 50)) == 50


def timeline(*turns: ForgeTurn, max_turns: int = 40) -> ForgeTimeline:
    return ForgeTimeline(round=1, max_turns=max_turns, turns=turns)


def test_forge_progress_counts_tool_calls_by_name_files_and_cost() -> None:
    progress = timeline(
        ForgeTurn(1, ("read_file", "read_file"), (), 0.05),
        ForgeTurn(2, ("edit_file",), ("app.py",), 0.11),
        ForgeTurn(3, ("run_tests", "read_file"), (), 0.20),
        ForgeTurn(4, ("edit_file",), ("tests/test_app.py",), 0.31),
        ForgeTurn(12, ("run_tests",), ("docs/app.md",), 0.42),
    )
    running = StatusView(run_id=7, state=RunState.FORGE, forge=progress)

    assert forge_line(progress, running=True) == (
        "**FORGE:** turn 12 of at most 40 · 7 tool calls (read_file x3, edit_file x2, "
        "run_tests x2) · 3 files · $0.42 so far"
    )
    assert forge_line(progress, running=True) in render_status(running)
    done = render_status(StatusView(run_id=7, state=RunState.GATE, forge=progress))
    assert "· 3 files · $0.42\n" in done  # FORGE is over: no "so far"


def test_forge_progress_is_singular_for_one_and_absent_without_turns() -> None:
    one = timeline(ForgeTurn(1, ("list_files",), ("a.py",), 0.004), max_turns=1)
    assert forge_line(one, running=True) == (
        "**FORGE:** turn 1 of at most 1 · 1 tool call (list_files x1) · 1 file · $0.00 so far"
    )
    text_only = timeline(ForgeTurn(1))
    assert "0 tool calls · 0 files" in forge_line(text_only, running=True)
    assert "FORGE:" not in render_status(StatusView(1, RunState.FORGE, forge=timeline()))
    assert "FORGE:" not in render_status(StatusView(1, RunState.FORGE))
    retry = ForgeTimeline(round=2, max_turns=40, turns=(ForgeTurn(3, ("read_file",)),))
    assert forge_line(retry, running=True).startswith("**FORGE, round 2:** turn 3 of at most 40")


def test_forge_progress_shows_no_markup_from_model_tool_names() -> None:
    names = (
        "[click](https://evil.example)",
        "@admin",
        "<b>x</b>",
        *(f"tool_{c}" for c in "abcdefghij"),
    )
    line = forge_line(timeline(ForgeTurn(1, names)), running=True)
    for unsafe in ("evil", "@admin", "<b>"):
        assert unsafe not in line
    assert "other x3" in line
    assert line.endswith("…) · 0 files · $0.00 so far")  # eight names at most
