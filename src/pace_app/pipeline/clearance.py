"""Advisories left after FORGE's one advisory retry become a clearance issue."""

from __future__ import annotations

from collections.abc import Sequence

from pace_app.domain.labels import STORY
from pace_app.domain.text import neutralise
from pace_app.github import issues as effects
from pace_app.github.client import GitHubClient

MAX_ADVISORIES = 50


def clearance_body(
    story_issue: int, pr_number: int, advisories: Sequence[str], trigger_label: str = STORY
) -> str:
    """Return the clearance issue's body: one acceptance criterion per advisory."""
    criteria = [
        f"- [ ] {neutralise(advisory, limit=500, one_line=True)}"
        for advisory in advisories[:MAX_ADVISORIES]
    ]
    return "\n".join(
        [
            f"SENTINEL left these advisory findings on #{pr_number} (story #{story_issue})",
            "after FORGE's retry. They do not block the change; clear them here.",
            "",
            f"Add the `{trigger_label}` label to let PACE work on it.",
            "",
            "## Acceptance criteria",
            *criteria,
        ]
    )


async def open_clearance_issue(
    gh: GitHubClient,
    repo: str,
    *,
    story_issue: int,
    pr_number: int,
    advisories: Sequence[str],
    trigger_label: str = STORY,
) -> int:
    """Open the clearance issue labelled ``pace:advisory``, link it from the PR; return it."""
    await effects.ensure_label(gh, repo, effects.ADVISORY)
    issue = await gh.post(
        "/repos/{+repo}/issues",
        {"repo": repo},
        data={
            "title": f"Clear the security advisories of #{pr_number}",
            "body": clearance_body(story_issue, pr_number, advisories, trigger_label),
            "labels": [effects.ADVISORY],
        },
    )
    number = int(issue["number"])
    await gh.post(
        "/repos/{+repo}/issues/{number}/comments",
        {"repo": repo, "number": pr_number},
        data={"body": f"The remaining advisory findings are tracked in #{number}."},
    )
    return number
