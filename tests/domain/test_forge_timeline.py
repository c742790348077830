"""FORGE's per-turn timeline in the run record: bounded, round-tripped, and optional."""

from pace_app.domain.run_details import (
    MAX_TIMELINE_ROUNDS,
    MAX_TIMELINE_TURNS,
    MAX_TOOL_NAME_CHARS,
    MAX_TURN_FILES,
    MAX_TURN_TOOLS,
    ForgeTimeline,
    ForgeTurn,
    RunDetails,
    with_forge_turn,
)


def test_a_timeline_round_trips_through_the_run_record() -> None:
    timelines = with_forge_turn((), 1, 40, ForgeTurn(1, ("read_file",), (), 0.01))
    timelines = with_forge_turn(timelines, 1, 40, ForgeTurn(2, ("edit_file",), ("a.py",), 0.02))
    details = RunDetails(job="story", forge_progress=timelines)

    stored = details.to_json()
    loaded = RunDetails.from_json(stored)

    assert loaded.forge_progress == timelines
    assert loaded.extra == {}
    assert stored["forge_progress"] == [
        {
            "round": 1,
            "max_turns": 40,
            "turns": [
                {"turn": 1, "tools": ["read_file"], "files": [], "cost_usd": 0.01},
                {"turn": 2, "tools": ["edit_file"], "files": ["a.py"], "cost_usd": 0.02},
            ],
        }
    ]


def test_records_written_before_the_timeline_still_load() -> None:
    old = {"version": 1, "job": "story", "holds": 0, "checks": [], "findings": {}}
    assert RunDetails.from_json(old).forge_progress == ()
    assert "forge_progress" not in RunDetails.from_json(old).to_json()
    unversioned = {"job": "story"}
    assert RunDetails.from_json(unversioned).forge_progress == ()


def test_each_round_has_its_own_timeline_and_only_the_latest_rounds_are_kept() -> None:
    timelines: tuple[ForgeTimeline, ...] = ()
    for round_number in range(1, MAX_TIMELINE_ROUNDS + 3):
        timelines = with_forge_turn(timelines, round_number, 5, ForgeTurn(1))
    assert [t.round for t in timelines] == list(range(3, MAX_TIMELINE_ROUNDS + 3))
    # A round run again after a crash starts its timeline afresh.
    again = with_forge_turn(timelines, 3, 5, ForgeTurn(2))
    again = with_forge_turn(again, 3, 5, ForgeTurn(1, ("list_files",)))
    assert again[-1] == ForgeTimeline(3, 5, (ForgeTurn(1, ("list_files",)),))


def test_a_stored_turn_is_bounded() -> None:
    turn = ForgeTurn(
        1,
        tuple("x" * 500 for _ in range(MAX_TURN_TOOLS + 10)),
        tuple(f"f{n}.py" for n in range(MAX_TURN_FILES + 5)),
        0.1234567891,
    )
    stored = turn.to_json()
    assert len(stored["tools"]) == MAX_TURN_TOOLS
    assert {len(name) for name in stored["tools"]} == {MAX_TOOL_NAME_CHARS}
    assert len(stored["files"]) == MAX_TURN_FILES
    assert stored["cost_usd"] == 0.123457
    timeline = ForgeTimeline(1, 200)
    for number in range(1, MAX_TIMELINE_TURNS + 20):
        timeline = timeline.with_turn(ForgeTurn(number))
    assert len(timeline.turns) == MAX_TIMELINE_TURNS
    assert timeline.turns[-1].turn == MAX_TIMELINE_TURNS + 19
