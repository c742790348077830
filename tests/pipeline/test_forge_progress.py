"""FORGE's live progress: the throttle, and the status comment through a story run."""

import itertools
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from pace_app.domain.run import RunState
from pace_app.domain.run_details import RunDetails
from pace_app.pipeline.forge_round import PROGRESS_INTERVAL, Throttle
from pace_app.pipeline.services import Services
from pace_app.pipeline.stories import Stories
from tests.acceptance.world import (
    FIXED_WIDGETS,
    PROJECT,
    REPO,
    World,
    gate_verdict,
    scribe_bootstrap,
    scribe_update,
    sentinel_findings,
    world,
)
from tests.fakes.fake_model import tool_turn
from tests.pipeline.test_story_run import (
    assert_visible_end,
    services,
    start_job,
    status,
    the_run,
)


def test_the_first_call_is_ready_then_one_per_interval() -> None:
    throttle = Throttle(30.0)
    times = [0.0, 5.0, 29.9, 30.0, 31.0, 59.9, 60.0, 200.0, 201.0]
    assert [throttle.ready(t) for t in times] == [
        True,
        False,
        False,
        True,
        False,
        False,
        True,
        True,
        False,
    ]


@pytest.mark.parametrize("start", [0.0, 1_000_000.0, -50.0])
def test_the_interval_is_counted_from_the_last_allowed_call_whatever_the_clock(
    start: float,
) -> None:
    throttle = Throttle(PROGRESS_INTERVAL)
    allowed = [t for t in range(0, 301, 7) if throttle.ready(start + t)]
    assert allowed == [0, 35, 70, 105, 140, 175, 210, 245, 280]
    assert PROGRESS_INTERVAL == 30.0


# --- through a story run, in-process ---------------------------------------------

FORGE_TURNS = [
    tool_turn("list_files", {"path": "."}),
    tool_turn("read_file", {"path": "widgets.py"}),
    tool_turn("read_file", {"path": "tests/test_widgets.py"}),
    tool_turn("search_code", {"pattern": "count_widgets"}),
    tool_turn("write_file", {"path": "widgets.py", "content": FIXED_WIDGETS}),
    tool_turn("run_tests", {}),
    tool_turn("read_file", {"path": "widgets.py"}),
    tool_turn("complete_handoff", {"summary": "Counted the widgets."}),
]
SCRIPT = [scribe_bootstrap(), *FORGE_TURNS, gate_verdict(), sentinel_findings(), scribe_update()]
SECONDS_PER_CALL = 12.0
TURN = re.compile(r"\*\*FORGE:\*\* turn (\d+) of at most 8")


class ModelClock:
    """Fake time that moves 12 s with every model call, and can act at a given call."""

    def __init__(self, w: World, actions: dict[int, Callable[[], object]] | None = None) -> None:
        self._w = w
        self._actions = dict(actions or {})

    def __call__(self) -> float:
        calls = len(self._w.model.requests)
        action = self._actions.pop(calls, None)
        if action is not None:
            action()
        return SECONDS_PER_CALL * calls


def progress_edits(w: World) -> list[tuple[int, str]]:
    """Return (turn shown, body) of every status-comment edit sent while FORGE ran."""
    edits = []
    for request in w.github.requests:
        body = (request.body or {}).get("body", "") if request.method == "PATCH" else ""
        match = TURN.search(body)
        if "/issues/comments/" in request.path and match and "⏳ FORGE writing" in body:
            edits.append((int(match.group(1)), body))
    return edits


def at(turn: int) -> float:
    """Return the fake time at which FORGE's ``turn`` ended (SCRIBE made one call before)."""
    return SECONDS_PER_CALL * (1 + turn)


@pytest.mark.anyio
@pytest.mark.slow
async def test_forge_progress_is_edited_in_at_most_once_per_30_seconds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with world(tmp_path, SCRIPT, project=PROJECT) as w:
        number = w.open_story()
        async with services(w, tmp_path, monkeypatch) as built:
            clocked = Services(**{**built.__dict__, "clock": ModelClock(w)})
            await Stories(clocked).start(start_job(w, number))
            run = await the_run(built, number)
        assert run.state is RunState.DONE, status(w, number)
        edits = progress_edits(w)
        shown = [turn for turn, _ in edits]
        # The first turn at once, then one per 30 s of fake time, then the last turn.
        assert shown == [1, 4, 7, 8]
        throttled = [at(turn) for turn in shown[:-1]]
        assert all(later - earlier >= 30 for earlier, later in itertools.pairwise(throttled))
        assert (
            "4 tool calls (read_file x2, list_files x1, search_code x1) · 0 files · $"
            in (edits[1][1])
        )
        assert (
            "turn 7 of at most 8 · 7 tool calls (read_file x3, list_files x1, run_tests x1, "
            "search_code x1, write_file x1) · 1 file · $"
        ) in edits[2][1]
        assert re.search(
            r"turn 8 of at most 8 · 8 tool calls .* · 1 file · \$\d+\.\d\d so far", edits[3][1]
        )
        # Afterwards the comment keeps FORGE's last state, no longer "so far".
        final = status(w, number)
        [line] = [line for line in final.splitlines() if TURN.match(line)]
        assert line.startswith("**FORGE:** turn 8 of at most 8 · 8 tool calls")
        assert not line.endswith("so far")
        [timeline] = RunDetails.from_json(run.details).forge_progress
        assert [turn.turn for turn in timeline.turns] == list(range(1, 9))
        assert timeline.turns[4].tools == ("write_file",)
        assert timeline.turns[4].files == ("widgets.py",)
        costs = [turn.cost_usd for turn in timeline.turns]
        assert costs == sorted(costs)
        assert costs[-1] > 0
        assert_visible_end(w, number)


@pytest.mark.anyio
@pytest.mark.slow
async def test_a_failed_progress_edit_never_fails_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    comments = "/repos/*/issues/comments/*"
    with world(tmp_path, SCRIPT, project=PROJECT) as w:
        number = w.open_story()
        clock = ModelClock(
            w,
            {
                # A secondary rate limit far longer than the client waits, then a 502
                # on every attempt the client makes.
                2: lambda: w.github.faults.secondary_rate_limit(
                    "PATCH", comments, retry_after=100_000
                ),
                5: lambda: w.github.faults.server_error("PATCH", comments, times=3),
            },
        )
        async with services(w, tmp_path, monkeypatch) as built:
            await Stories(Services(**{**built.__dict__, "clock": clock})).start(
                start_job(w, number)
            )
            run = await the_run(built, number)
        assert run.state is RunState.DONE, status(w, number)
        # Turns 1 and 4 were refused; FORGE carried on and turn 7 and the last were shown.
        attempts = [turn for turn, _ in progress_edits(w)]
        assert attempts == [1, 4, 4, 4, 7, 8]
        assert len(w.github.state.comments_on(REPO, number)) == 1
        assert w.model.remaining == 0
        assert_visible_end(w, number)
