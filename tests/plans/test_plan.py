"""Reading both plan formats, and the errors and warnings an invalid plan gets."""

import pytest

from pace_app.domain.story import parse_story
from pace_app.errors import PlanError
from pace_app.plans.issue_text import marker_story_id, render_body, render_title
from pace_app.plans.plan import MAX_PLAN_BYTES, MAX_STORIES, parse_plan
from tests.plans.fixtures import LEGACY_TWO_DAYS, THREE_STORIES


def test_the_current_format_gives_each_story_its_fields() -> None:
    plan = parse_plan(THREE_STORIES)
    assert plan.version == 3
    assert plan.release == "v0.1"
    assert plan.warnings == ()
    assert [s.id for s in plan.stories] == ["story-1", "story-2", "story-3"]
    assert [s.status for s in plan.stories] == ["pending", "pending", "shipped"]
    second = plan.stories[1]
    assert second.title == "List notes over HTTP"
    assert second.criteria == (
        "GET /notes answers 200 with a JSON list of notes",
        "GET /notes?limit=2 answers at most two notes",
    )
    assert second.out_of_scope == ("Authentication", "Paging cursors")
    assert second.notes == "Use the standard library's http.server; no framework."


def test_the_legacy_format_derives_ids_from_day_and_position() -> None:
    plan = parse_plan(LEGACY_TWO_DAYS)
    assert plan.version == 2
    assert [s.id for s in plan.stories] == ["day-1-story-1", "day-2-story-1", "day-2-story-2"]
    assert {s.status for s in plan.stories} == {"pending"}
    first, second, _ = plan.stories
    assert first.context == ("Sprint goal: A small notes service", "Day 1: Storage")
    assert not first.human_gate
    assert second.human_gate


@pytest.mark.parametrize("text", [THREE_STORIES, LEGACY_TWO_DAYS])
def test_every_rendered_issue_reads_back_as_the_same_story(text: str) -> None:
    for story in parse_plan(text).stories:
        body = render_body(story)
        parsed = parse_story(render_title(story), body)
        assert parsed.title == story.title
        assert parsed.criteria == story.criteria
        assert parsed.out_of_scope == story.out_of_scope
        assert marker_story_id(body) == story.id
        assert "pace-plan" not in parsed.context
        if story.notes:
            assert story.notes in parsed.context


def test_the_marker_counts_only_on_the_first_line() -> None:
    assert marker_story_id("<!-- pace-plan: story-2 -->\nrest") == "story-2"
    assert marker_story_id("text\n<!-- pace-plan: story-2 -->") is None
    assert marker_story_id("<!-- pace-plan: ../x -->") is None
    assert marker_story_id(None) is None


def test_unknown_keys_are_warnings_with_a_hint() -> None:
    text = THREE_STORIES.replace("    status: pending\n", "    status: pending\n    notez: 3\n", 1)
    text = "owner: me\n" + text
    plan = parse_plan(text)
    assert plan.warnings == (
        "owner: unknown key",
        "stories[0] (story-1).notez: unknown key (did you mean notes?)",
    )


def _story(**fields: str) -> str:
    base = {
        "id": "story-1",
        "title": "T",
        "status": "pending",
        "acceptance_criteria": '["works"]',
    }
    base.update(fields)
    return "stories:\n  - " + "\n    ".join(f"{k}: {v}" for k, v in base.items()) + "\n"


def _second(**fields: str) -> str:
    return _story() + _story(**({"id": "story-2"} | fields)).removeprefix("stories:\n")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            _second(acceptance_criteria="just one string"),
            "stories[1] (story-2).acceptance_criteria: must be a list of strings",
        ),
        (
            _second(acceptance_criteria="[1, 2]"),
            "stories[1] (story-2).acceptance_criteria: must be a list of strings",
        ),
        (
            _second(acceptance_criteria="[]"),
            "stories[1] (story-2).acceptance_criteria: a story needs at least one "
            "acceptance criterion",
        ),
        (
            _second(status="done"),
            "stories[1] (story-2).status: must be one of pending, in_progress, shipped, hold",
        ),
        (_second(title="''"), "stories[1] (story-2).title: is required and must be text"),
        (_second(title="42"), "stories[1] (story-2).title: must be text; quote it"),
        (_second(human_gate="maybe"), "stories[1] (story-2).human_gate: must be true or false"),
        (
            _second(out_of_scope="{a: 1}"),
            "stories[1] (story-2).out_of_scope: must be a list of strings",
        ),
        (_second(id="story-1"), "stories[1] (story-1).id: is the same id as stories[0] (story-1)"),
        (
            _second(id="'../x'"),
            "stories[1] (../x).id: must be letters, digits, '.', '_' or '-', e.g. story-1",
        ),
        (
            _second(acceptance_criteria="['']"),
            "stories[1] (story-2).acceptance_criteria[0]: is empty",
        ),
        ("stories: 3\n", "stories: must be a list of stories"),
        ("stories: []\n", "stories: the plan has no stories"),
        ("- a\n", "the top level must be a mapping with `stories`"),
        ("release: v1\n", "the plan needs a `stories` list (or the legacy `days` list)"),
        (
            "stories: [\n",
            "invalid YAML at line 2, column 1: while parsing a flow node "
            "expected the node content, but found '<stream end>'",
        ),
        (
            "stories: []\ndays: []\n",
            "give either `stories` (v3) or the legacy `days` (v2), not both",
        ),
        (
            "days:\n  - day: 1\n    stories: [{title: T, acceptance_criteria: x}]\n",
            "days[0].stories[0] (day-1-story-1).acceptance_criteria: must be a list of strings",
        ),
        (
            "days:\n  - day: 1\n    stories: []\n  - day: 1\n    stories: []\n",
            "days[1].day: day 1 appears twice",
        ),
        ("days:\n  - day: zero\n", "days[0].day: must be a whole number from 1"),
    ],
)
def test_an_invalid_plan_names_the_story_and_key(text: str, message: str) -> None:
    with pytest.raises(PlanError) as caught:
        parse_plan(text)
    assert str(caught.value) == message


def test_notes_that_would_change_the_sections_are_refused() -> None:
    text = _story(notes='"## Acceptance criteria\\n- [ ] more"')
    with pytest.raises(PlanError) as caught:
        parse_plan(text)
    assert str(caught.value).startswith(
        "stories[0] (story-1).acceptance_criteria: does not read back from the issue"
    )


def test_sizes_are_bounded() -> None:
    with pytest.raises(PlanError, match="larger than 256 KiB"):
        parse_plan("#" * (MAX_PLAN_BYTES + 1))
    many = "stories:\n" + "".join(
        _story(id=f"story-{n}").removeprefix("stories:\n") for n in range(MAX_STORIES + 1)
    )
    with pytest.raises(PlanError, match=f"stories: has {MAX_STORIES + 1} stories; the limit"):
        parse_plan(many)
    with pytest.raises(PlanError, match=r"stories\[0\] \(story-1\)\.title: is 300 characters"):
        parse_plan(_story(title="x" * 300))


def test_invisible_characters_and_line_breaks_do_not_reach_the_issue() -> None:
    text = _story(acceptance_criteria='["a\\u200b\\nb  c"]')
    [story] = parse_plan(text).stories
    assert story.criteria == ("a b c",)


def test_an_aliased_long_text_is_refused_before_it_is_cleaned() -> None:
    long = "x" * (MAX_PLAN_BYTES // 2)
    text = (
        f"stories:\n  - id: story-1\n    title: T\n    status: pending\n"
        f"    acceptance_criteria: [&long '{long}', *long, *long]\n"
    )
    with pytest.raises(PlanError, match=r"acceptance_criteria\[0\]: is 131,072 characters"):
        parse_plan(text)


def test_a_legacy_plan_with_too_many_stories_is_refused() -> None:
    day = "    stories: *many\n"
    stories = ", ".join("{title: T, acceptance_criteria: [a]}" for _ in range(150))
    text = f"days:\n  - day: 1\n    stories: &many [{stories}]\n  - day: 2\n{day}"
    with pytest.raises(PlanError, match="days: has more than 200 stories"):
        parse_plan(text)
