"""The visible report of a plan that cannot be synced: one issue, edited in place.

A push that leaves ``plan.yaml`` (or the config enabling its sync) invalid opens an
issue titled "plan.yaml is invalid" quoting the error, or edits the open one; the
next push that syncs the plan closes it. Like the story issues, it is found by a
hidden marker on its first line among the issues the App opened.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from pace_app.domain.text import neutralise
from pace_app.github.client import GitHubClient
from pace_app.plans.sync import PlanIssue

logger = logging.getLogger(__name__)

MARKER = "<!-- pace-plan-error -->"
TITLE = "plan.yaml is invalid"
_MAX_ERROR = 2_000


def render_report(path: str, sha: str, error: str) -> str:
    """Return the report issue's body for an error found in ``path`` at commit ``sha``."""
    quoted = neutralise(error, limit=_MAX_ERROR, one_line=True)
    return (
        f"{MARKER}\n"
        f"PACE could not sync the sprint plan from `{path}` at {sha[:12]}:\n\n"
        f"> {quoted}\n\n"
        "Fix it and push to the default branch again; this issue closes when a push "
        "syncs the plan.\n"
    )


def open_report(issues: Sequence[PlanIssue]) -> PlanIssue | None:
    """Return the App's open report issue, if there is one."""
    return next(
        (i for i in issues if i.state == "open" and i.body.startswith(MARKER)),
        None,
    )


async def report_invalid(
    gh: GitHubClient, repo: str, issues: Sequence[PlanIssue], body: str
) -> int:
    """Edit the open report issue to say ``body``, or open one; return its number."""
    found = open_report(issues)
    if found is None:
        created = await gh.post(f"/repos/{repo}/issues", data={"title": TITLE, "body": body})
        logger.info("plan report opened", extra={"repo": repo, "issue": created["number"]})
        return int(created["number"])
    if found.body != body:
        await gh.patch(f"/repos/{repo}/issues/{found.number}", data={"body": body})
    return found.number


async def close_report(gh: GitHubClient, repo: str, issues: Sequence[PlanIssue], sha: str) -> None:
    """Close the open report issue, if any, saying which commit fixed the plan."""
    found = open_report(issues)
    if found is None:
        return
    await gh.post(
        f"/repos/{repo}/issues/{found.number}/comments",
        data={"body": f"The plan at {sha[:12]} is valid and synced; closing."},
    )
    await gh.patch(f"/repos/{repo}/issues/{found.number}", data={"state": "closed"})
    logger.info("plan report closed", extra={"repo": repo, "issue": found.number})
