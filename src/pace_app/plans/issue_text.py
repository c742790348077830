"""A plan story as issue text: title, body sections, and the hidden marker naming it.

The body is what ``domain.story.parse_story`` reads, so a pushed story starts a run as
it is: ``## Acceptance criteria`` as a checklist, ``## Out of scope`` as bullets, the
notes (and a legacy plan's sprint goal and day theme) as context. Its first line is an
HTML comment, ``<!-- pace-plan: story-2 -->``, by which a later sync finds the issue
again; the story parser strips comments, so no model ever reads it.
"""

from __future__ import annotations

import re

from pace_app.domain.story import MAX_STORY_CHARS, parse_story
from pace_app.errors import PlanError, StoryError
from pace_app.plans.story import STORY_ID, PlanStory

_MARKER = re.compile(rf"\A<!-- pace-plan: ({STORY_ID}) -->")
INTRO = (
    "_This story comes from the sprint plan (`plan.yaml`, story `{id}`). "
    "Edit the plan rather than this issue: the next plan push replaces the text._"
)
HUMAN_GATE = "The plan asks for a human review after this story (`human_gate`)."


def marker(story_id: str) -> str:
    """Return the hidden first line that names the plan story an issue holds."""
    return f"<!-- pace-plan: {story_id} -->"


def marker_story_id(body: str | None) -> str | None:
    """Return the story id an issue body's first line names, if it starts with a marker."""
    match = _MARKER.match(body or "")
    return match.group(1) if match else None


def render_title(story: PlanStory) -> str:
    """Return the issue title of a story."""
    return story.title


def render_body(story: PlanStory) -> str:
    """Return the issue body of a story: marker, criteria, out of scope, notes."""
    lines = [marker(story.id), INTRO.format(id=story.id), "", "## Acceptance criteria"]
    lines += [f"- [ ] {criterion}" for criterion in story.criteria]
    if story.out_of_scope:
        lines += ["", "## Out of scope"]
        lines += [f"- {item}" for item in story.out_of_scope]
    notes = [text for text in (story.notes, *story.context) if text]
    if story.human_gate:
        notes.append(HUMAN_GATE)
    if notes:
        lines += ["", "## Notes", "\n\n".join(notes)]
    return "\n".join(lines) + "\n"


def check_renders(story: PlanStory, where: str) -> None:
    """Refuse a story whose issue would not read back as the same story."""
    body = render_body(story)
    if len(body) > MAX_STORY_CHARS:
        raise PlanError(
            where,
            f"the issue body would be {len(body):,} characters; the limit is {MAX_STORY_CHARS:,}",
        )
    try:
        parsed = parse_story(render_title(story), body)
    except StoryError:
        parsed = None
    if parsed is None or parsed.criteria != story.criteria:
        raise PlanError(
            f"{where}.acceptance_criteria",
            "does not read back from the issue as the same criteria; "
            "check the notes for headings or list items that change the sections",
        )
    if parsed.out_of_scope != story.out_of_scope:
        raise PlanError(
            f"{where}.out_of_scope",
            "does not read back from the issue as the same items; "
            "check the notes for headings or list items that change the sections",
        )
