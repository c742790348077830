"""Read a sprint plan (``plan.yaml``): both PACE formats, validated into plain stories.

The current format (v3) lists ``stories`` with an ``id``; the legacy one (v2) groups
them under ``days`` without ids, so a v2 story's id is derived from where it stands:
``day-<day>-story-<n>``, ``n`` counting from 1 within its day. Moving a v2 story to
another day or position therefore gives it a new id (and a new issue); v3 ids never
change. Keys the formats do not know are warnings; anything else wrong is a
``PlanError`` naming the story and the key, e.g.
``stories[1] (story-2).acceptance_criteria: must be a list of strings``.

The file is untrusted repository content: read with ``yaml.safe_load`` after a size
cap, every text bounded, invisible characters removed.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Literal

from pace_app.config.yaml_text import YamlProblem, load_yaml
from pace_app.domain.story import strip_hidden
from pace_app.errors import PlanError
from pace_app.plans.issue_text import check_renders
from pace_app.plans.story import MAX_ID_CHARS, STATUSES, STORY_ID, PlanStory

PLAN_PATHS = ("plan.yaml", ".pace/plan.yaml")
MAX_PLAN_BYTES = 256 * 1024
MAX_STORIES = 200
MAX_TITLE_CHARS = 256  # GitHub's limit for an issue title
MAX_ITEMS = 50
MAX_ITEM_CHARS = 1_000
MAX_NOTES_CHARS = 8_000
_MAX_ECHO = 80

_ID = re.compile(rf"\A{STORY_ID}\Z")

_V3_KEYS = ("release", "context_version", "stories")
_V3_STORY_KEYS = (
    "id",
    "title",
    "status",
    "shipped_at",
    "human_gate",
    "acceptance_criteria",
    "out_of_scope",
    "notes",
)
_V2_KEYS = ("sprint", "days")
_V2_SPRINT_KEYS = ("goal", "duration_days")
_V2_DAY_KEYS = ("day", "theme", "notes", "human_gate", "stories")
_V2_STORY_KEYS = ("title", "acceptance_criteria", "out_of_scope", "notes")


@dataclass(frozen=True)
class SprintPlan:
    """A validated plan: its stories in file order and the warnings found on the way."""

    version: Literal[2, 3]
    release: str | None
    stories: tuple[PlanStory, ...]
    warnings: tuple[str, ...] = ()


def parse_plan(text: str) -> SprintPlan:
    """Parse and validate the text of a ``plan.yaml``, or raise ``PlanError``."""
    if len(text.encode("utf-8", errors="replace")) > MAX_PLAN_BYTES:
        raise PlanError("", f"the file is larger than {MAX_PLAN_BYTES // 1024} KiB")
    data = _load_yaml(text)
    if not isinstance(data, dict):
        raise PlanError("", "the top level must be a mapping with `stories`")
    warnings: list[str] = []
    if "stories" in data and "days" in data:
        raise PlanError("", "give either `stories` (v3) or the legacy `days` (v2), not both")
    if "days" in data:
        version: Literal[2, 3] = 2
        release = None
        read = _read_v2(data, warnings)
    elif "stories" in data:
        version = 3
        warnings.extend(_unknown(data, _V3_KEYS, ""))
        release = _optional_scalar(data, "release", "release")
        _optional_scalar(data, "context_version", "context_version")
        read = _read_v3(data["stories"], warnings)
    else:
        raise PlanError("", "the plan needs a `stories` list (or the legacy `days` list)")
    _check_unique(read)
    for story, where in read:
        check_renders(story, where)
    return SprintPlan(version, release, tuple(story for story, _ in read), tuple(warnings))


def story_where(index: int, story_id: str) -> str:
    """Name a v3 story in a message: ``stories[1] (story-2)``."""
    return f"stories[{index}] ({_clip(story_id)})"


_Read = list[tuple[PlanStory, str]]  # each story with where the file has it


def _read_v3(value: object, warnings: list[str]) -> _Read:
    items = _list(value, "stories", "must be a list of stories")
    if not items:
        raise PlanError("stories", "the plan has no stories")
    if len(items) > MAX_STORIES:
        raise PlanError("stories", f"has {len(items)} stories; the limit is {MAX_STORIES}")
    stories: _Read = []
    for index, item in enumerate(items):
        raw_id = item.get("id") if isinstance(item, dict) else None
        where = story_where(index, str(raw_id)) if isinstance(raw_id, str) else f"stories[{index}]"
        if not isinstance(item, dict):
            raise PlanError(where, "must be a mapping with id, title and status")
        warnings.extend(_unknown(item, _V3_STORY_KEYS, f"{where}."))
        story_id = _required_text(item, "id", where, MAX_ID_CHARS)
        if not _ID.match(story_id):
            raise PlanError(f"{where}.id", "must be letters, digits, '.', '_' or '-', e.g. story-1")
        status = item.get("status")
        if status not in STATUSES:
            raise PlanError(f"{where}.status", f"must be one of {', '.join(STATUSES)}")
        _optional_timestamp(item, where)
        stories.append(
            (
                PlanStory(
                    id=story_id,
                    title=_title(item, where),
                    status=status,
                    criteria=_items(item, "acceptance_criteria", where, required=True),
                    out_of_scope=_items(item, "out_of_scope", where, required=False),
                    notes=_notes(item, where),
                    human_gate=_flag(item, "human_gate", where),
                ),
                where,
            )
        )
    return stories


def _read_v2(data: dict[object, object], warnings: list[str]) -> _Read:
    warnings.extend(_unknown(data, _V2_KEYS, ""))
    sprint = data.get("sprint") or {}
    if not isinstance(sprint, dict):
        raise PlanError("sprint", "must be a mapping with goal and duration_days")
    warnings.extend(_unknown(sprint, _V2_SPRINT_KEYS, "sprint."))
    goal = _optional_text(sprint, "goal", "sprint", MAX_ITEM_CHARS)
    days = _list(data["days"], "days", "must be a list of days")
    if len(days) > MAX_STORIES:
        raise PlanError("days", f"has {len(days)} days; the limit is {MAX_STORIES}")
    stories: _Read = []
    seen_days: set[int] = set()
    for day_index, day in enumerate(days):
        where = f"days[{day_index}]"
        if not isinstance(day, dict):
            raise PlanError(where, "must be a mapping with day, theme and stories")
        warnings.extend(_unknown(day, _V2_DAY_KEYS, f"{where}."))
        number = day.get("day")
        if isinstance(number, bool) or not isinstance(number, int) or number < 1:
            raise PlanError(f"{where}.day", "must be a whole number from 1")
        if number in seen_days:
            raise PlanError(f"{where}.day", f"day {number} appears twice")
        seen_days.add(number)
        theme = _optional_text(day, "theme", where, MAX_ITEM_CHARS)
        day_notes = _notes(day, where)
        gate = _flag(day, "human_gate", where)
        context = tuple(
            line
            for line in (
                f"Sprint goal: {goal}" if goal else "",
                f"Day {number}: {theme}" if theme else f"Day {number}",
                day_notes,
            )
            if line
        )
        items = _list(day.get("stories"), f"{where}.stories", "must be a list of stories")
        if len(stories) + len(items) > MAX_STORIES:
            raise PlanError("days", f"has more than {MAX_STORIES} stories; that is the limit")
        for index, item in enumerate(items):
            story_id = f"day-{number}-story-{index + 1}"
            at = f"{where}.stories[{index}] ({story_id})"
            if not isinstance(item, dict):
                raise PlanError(at, "must be a mapping with title and acceptance_criteria")
            warnings.extend(_unknown(item, _V2_STORY_KEYS, f"{at}."))
            stories.append(
                (
                    PlanStory(
                        id=story_id,
                        title=_title(item, at),
                        status="pending",
                        criteria=_items(item, "acceptance_criteria", at, required=True),
                        out_of_scope=_items(item, "out_of_scope", at, required=False),
                        notes=_notes(item, at),
                        human_gate=gate,
                        context=context,
                    ),
                    at,
                )
            )
    if not stories:
        raise PlanError("days", "the plan has no stories")
    return stories


def _check_unique(read: _Read) -> None:
    first: dict[str, str] = {}
    for story, where in read:
        if story.id in first:
            raise PlanError(f"{where}.id", f"is the same id as {first[story.id]}")
        first[story.id] = where


def _load_yaml(text: str) -> object:
    try:
        return load_yaml(text)
    except YamlProblem as exc:
        raise PlanError("", str(exc)) from None


def _list(value: object, where: str, problem: str) -> list[object]:
    if not isinstance(value, list):
        raise PlanError(where, problem)
    return value


def _title(item: Mapping[object, object], where: str) -> str:
    return _required_text(item, "title", where, MAX_TITLE_CHARS)


def _required_text(item: Mapping[object, object], key: str, where: str, limit: int) -> str:
    text = _optional_text(item, key, where, limit)
    if not text:
        raise PlanError(f"{where}.{key}", "is required and must be text")
    return text


def _optional_text(item: Mapping[object, object], key: str, where: str, limit: int) -> str:
    value = item.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise PlanError(f"{where}.{key}", "must be text; quote it")
    _check_length(value, f"{where}.{key}", limit)
    return " ".join(strip_hidden(value).split())


def _optional_scalar(item: Mapping[object, object], key: str, where: str) -> str | None:
    value = item.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise PlanError(where, "must be text")
    text = " ".join(strip_hidden(str(value)).split())
    return text[:MAX_ITEM_CHARS]


def _optional_timestamp(item: Mapping[object, object], where: str) -> None:
    value = item.get("shipped_at")
    # YAML reads an unquoted ISO 8601 time as a date or datetime.
    if value is not None and not isinstance(value, str | datetime.date):
        raise PlanError(f"{where}.shipped_at", "must be an ISO 8601 timestamp")


def _items(
    item: Mapping[object, object], key: str, where: str, *, required: bool
) -> tuple[str, ...]:
    value = item.get(key)
    at = f"{where}.{key}"
    if value is None and not required:
        return ()
    if not isinstance(value, list) or not all(isinstance(entry, str) for entry in value):
        raise PlanError(at, "must be a list of strings")
    if len(value) > MAX_ITEMS:
        raise PlanError(at, f"has {len(value)} items; the limit is {MAX_ITEMS}")
    texts = []
    for index, entry in enumerate(value):
        _check_length(entry, f"{at}[{index}]", MAX_ITEM_CHARS)
        text = " ".join(strip_hidden(entry).split())
        if not text:
            raise PlanError(f"{at}[{index}]", "is empty")
        texts.append(text)
    if required and not texts:
        raise PlanError(at, "a story needs at least one acceptance criterion")
    return tuple(texts)


def _notes(item: Mapping[object, object], where: str) -> str:
    value = item.get("notes")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise PlanError(f"{where}.notes", "must be text")
    _check_length(value, f"{where}.notes", MAX_NOTES_CHARS)
    return strip_hidden(value).strip()


def _check_length(text: str, where: str, limit: int) -> None:
    # Checked before any cleaning: a YAML alias can repeat one long text many times.
    if len(text) > limit:
        raise PlanError(where, f"is {len(text):,} characters; the limit is {limit:,}")


def _flag(item: Mapping[object, object], key: str, where: str) -> bool:
    value = item.get(key, False)
    if not isinstance(value, bool):
        raise PlanError(f"{where}.{key}", "must be true or false")
    return value


def _unknown(item: Mapping[object, object], known: tuple[str, ...], prefix: str) -> Iterator[str]:
    for key in item:
        if key in known:
            continue
        name = _clip(str(key))
        close = difflib.get_close_matches(name, known, n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        yield f"{prefix}{name}: unknown key{hint}"


def _clip(text: str) -> str:
    return text if len(text) <= _MAX_ECHO else text[: _MAX_ECHO - 1] + "…"
