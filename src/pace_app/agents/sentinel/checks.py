"""SENTINEL's check run ``PACE / SENTINEL``: created when the audit starts, completed after."""

from __future__ import annotations

from typing import Any, Literal

from gidgethub.abc import GitHubAPI

from pace_app.agents.sentinel.findings import Verdict

CHECK_NAME = "PACE / SENTINEL"
MAX_SUMMARY_CHARS = 65_000
Conclusion = Literal["success", "neutral", "failure"]
CONCLUSIONS: dict[Verdict, Conclusion] = {
    "SHIP": "success",
    "ADVISORY": "neutral",
    "HOLD": "failure",
}
TITLES: dict[Verdict, str] = {
    "SHIP": "No security findings",
    "ADVISORY": "Advisory security findings",
    "HOLD": "Blocking security findings",
}


async def start_check(gh: GitHubAPI, repo: str, head_sha: str) -> int:
    """Create the check run as in progress on ``head_sha`` and return its id."""
    answer: dict[str, Any] = await gh.post(
        f"/repos/{repo}/check-runs",
        data={"name": CHECK_NAME, "head_sha": head_sha, "status": "in_progress"},
    )
    return int(answer["id"])


def check_output(verdict: Verdict, summary: str) -> dict[str, Any]:
    """Return the check run's completion body for this verdict and summary."""
    if len(summary) > MAX_SUMMARY_CHARS:
        summary = summary[: MAX_SUMMARY_CHARS - 40] + "\n\n… (summary cut at the size limit)"
    return {
        "status": "completed",
        "conclusion": CONCLUSIONS[verdict],
        "output": {"title": f"{verdict}: {TITLES[verdict]}", "summary": summary},
    }


async def complete_check(
    gh: GitHubAPI, repo: str, check_run_id: int, verdict: Verdict, summary: str
) -> None:
    """Complete the check run with the verdict's conclusion and the summary."""
    await gh.patch(f"/repos/{repo}/check-runs/{check_run_id}", data=check_output(verdict, summary))
