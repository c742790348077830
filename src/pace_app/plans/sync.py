"""Make a repository's issues match a sprint plan: one issue per story, found by marker.

Only issues the App itself opened count: they are listed with ``creator=<bot login>``
and must start with a story marker, so an issue a person wrote (even one that copies
a marker) is never touched. Deciding what to change (``plan_changes``) is pure;
``apply_changes`` does it. A closed issue stays closed and its line says so; a story
is labelled to start only when it is ``pending``, its issue is open and not labelled
already.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Literal
from urllib.parse import quote

from pace_app.domain.labels import STORY
from pace_app.github.client import GitHubClient
from pace_app.plans.issue_text import marker_story_id, render_body, render_title
from pace_app.plans.plan import SprintPlan
from pace_app.plans.story import PlanStory

logger = logging.getLogger(__name__)

Action = Literal["create", "update", "unchanged", "closed"]


@dataclass(frozen=True)
class PlanIssue:
    """An issue the App opened for a plan story (or for the plan's error report)."""

    number: int
    title: str
    body: str
    state: str
    labels: frozenset[str]


@dataclass(frozen=True)
class Change:
    """What a sync does for one story; ``number`` is None until a new issue exists."""

    story: PlanStory
    action: Action
    number: int | None
    title: str
    body: str
    label: bool  # add the trigger label so the story starts


async def list_app_issues(gh: GitHubClient, repo: str, bot_login: str) -> list[PlanIssue]:
    """Return every issue (not pull request) the App opened in ``repo``, oldest first."""
    query = f"state=all&creator={quote(bot_login, safe='')}&sort=created&direction=asc"
    issues = []
    async for item in gh.getiter(f"/repos/{repo}/issues?{query}&per_page=100"):
        if item.get("pull_request") is not None:
            continue
        # The creator filter is GitHub's; checking the author again costs nothing.
        if str((item.get("user") or {}).get("login", "")).lower() != bot_login.lower():
            continue
        issues.append(
            PlanIssue(
                number=int(item["number"]),
                title=str(item.get("title") or ""),
                body=str(item.get("body") or ""),
                state=str(item.get("state") or "open"),
                labels=frozenset(str(label.get("name", "")) for label in item.get("labels") or ()),
            )
        )
    return issues


def by_story(issues: Sequence[PlanIssue]) -> dict[str, PlanIssue]:
    """Return the issues carrying a story marker by story id, the oldest for a repeated id."""
    found: dict[str, PlanIssue] = {}
    for issue in issues:
        story_id = marker_story_id(issue.body)
        if story_id is not None and story_id not in found:
            found[story_id] = issue
    return found


def plan_changes(
    plan: SprintPlan, existing: Mapping[str, PlanIssue], *, start: bool
) -> list[Change]:
    """Return what each story needs: create, update, nothing, or nothing as it is closed."""
    changes = []
    for story in plan.stories:
        title, body = render_title(story), render_body(story)
        wants_start = start and story.status == "pending"
        issue = existing.get(story.id)
        if issue is None:
            changes.append(Change(story, "create", None, title, body, wants_start))
            continue
        if issue.state == "closed":
            changes.append(Change(story, "closed", issue.number, title, body, False))
            continue
        same = issue.title == title and issue.body.replace("\r\n", "\n") == body
        label = wants_start and not any(name.casefold() == STORY for name in issue.labels)
        action: Action = "unchanged" if same else "update"
        changes.append(Change(story, action, issue.number, title, body, label))
    return changes


async def apply_changes(gh: GitHubClient, repo: str, changes: Sequence[Change]) -> list[Change]:
    """Create and update the issues the changes name; return them with every number known."""
    done = []
    for change in changes:
        if change.action == "create":
            data: dict[str, object] = {"title": change.title, "body": change.body}
            if change.label:
                data["labels"] = [STORY]
            created = await gh.post(f"/repos/{repo}/issues", data=data)
            change = replace(change, number=int(created["number"]))
            logger.info("plan issue created", extra={"repo": repo, "issue": change.number})
        elif change.action == "update":
            await gh.patch(
                f"/repos/{repo}/issues/{change.number}",
                data={"title": change.title, "body": change.body},
            )
            logger.info("plan issue updated", extra={"repo": repo, "issue": change.number})
        if change.label and change.action != "create":
            await gh.post(f"/repos/{repo}/issues/{change.number}/labels", data={"labels": [STORY]})
        done.append(change)
    return done


def describe(change: Change, *, dry_run: bool = False) -> str:
    """Return the one line a sync prints for a story."""
    number = f"#{change.number}" if change.number is not None else ""
    if dry_run:
        verb = {
            "create": "would create",
            "update": f"would update {number}",
            "unchanged": f"unchanged {number}",
            "closed": f"closed {number}, left closed",
        }[change.action]
    else:
        verb = {
            "create": f"created {number}",
            "update": f"updated {number}",
            "unchanged": f"unchanged {number}",
            "closed": f"closed {number}, left closed (reopen it to sync it again)",
        }[change.action]
    if change.label:
        verb += f", {'would label' if dry_run else 'labelled'} {STORY}"
    return f"{change.story.id}: {verb}"
