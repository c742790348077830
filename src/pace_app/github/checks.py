"""Create, complete and cancel one check run, idempotently and within GitHub's limits.

``CheckRun.create`` is find-or-create: a job that is claimed again after a crash finds
the run it created before (same name, head SHA and ``external_id``) instead of adding a
second one. ``complete`` sends the first 50 annotations with the conclusion and the
rest in further updates of at most 50, which GitHub appends; summary and text are cut
below GitHub's 65 535-character limit with a note saying how much was left out.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any, Literal
from urllib.parse import quote

import gidgethub.abc

from pace_app.github.annotations import MAX_PER_REQUEST, Annotation, batches, clip_chars
from pace_app.types import JSONObject

logger = logging.getLogger(__name__)

GATE_CHECK_NAME = "PACE / GATE"
MAX_OUTPUT_CHARS = 65_535
MAX_TITLE_CHARS = 255

Conclusion = Literal[
    "success", "failure", "neutral", "cancelled", "skipped", "timed_out", "action_required"
]


def cut_output(text: str, limit: int = MAX_OUTPUT_CHARS) -> str:
    """Return ``text`` below ``limit`` characters, ending with a note on what was cut."""
    if len(text) < limit:
        return text
    omitted = len(text)
    while True:
        note = f"\n\n(cut: {omitted} characters omitted)"
        keep = limit - 1 - len(note)
        if len(text) - keep == omitted:
            return text[:keep] + note
        omitted = len(text) - keep


class CheckRun:
    """One check run on a commit, as this App sees it."""

    def __init__(self, gh: gidgethub.abc.GitHubAPI, repo: str, data: JSONObject) -> None:
        self._gh = gh
        self.repo = repo
        self.data = data

    @property
    def id(self) -> int:
        """Return the check run's id."""
        return int(self.data["id"])

    @property
    def url(self) -> str:
        """Return the check run's API path."""
        return f"/repos/{self.repo}/check-runs/{self.id}"

    @property
    def html_url(self) -> str | None:
        """Return the check run's page on GitHub, if known."""
        value = self.data.get("html_url")
        return value if isinstance(value, str) else None

    @classmethod
    async def create(
        cls,
        gh: gidgethub.abc.GitHubAPI,
        repo: str,
        head_sha: str,
        *,
        name: str = GATE_CHECK_NAME,
        status: Literal["queued", "in_progress"] = "in_progress",
        external_id: str | None = None,
        details_url: str | None = None,
        app_id: int | None = None,
    ) -> CheckRun:
        """Find this job's check run on ``head_sha`` or create it, and set its status."""
        existing = await cls._find(gh, repo, head_sha, name, external_id, app_id)
        body: JSONObject = {"status": status}
        if external_id is not None:
            body["external_id"] = external_id
        if details_url is not None:
            body["details_url"] = details_url
        if existing is not None:
            data: Any = await gh.patch(f"/repos/{repo}/check-runs/{existing['id']}", data=body)
            logger.info("check run reused", extra={"repo": repo, "check_run_id": existing["id"]})
            return cls(gh, repo, data)
        data = await gh.post(
            f"/repos/{repo}/check-runs", data={"name": name, "head_sha": head_sha, **body}
        )
        logger.info("check run created", extra={"repo": repo, "check_run_id": data["id"]})
        return cls(gh, repo, data)

    @staticmethod
    async def _find(
        gh: gidgethub.abc.GitHubAPI,
        repo: str,
        head_sha: str,
        name: str,
        external_id: str | None,
        app_id: int | None,
    ) -> JSONObject | None:
        """Return the run to reuse: this job's, else the newest one not yet completed."""
        url = f"/repos/{repo}/commits/{quote(head_sha, safe='')}/check-runs"
        url += f"?check_name={quote(name, safe='')}&per_page=100"
        candidates: list[JSONObject] = []
        async for run in gh.getiter(url, iterable_key="check_runs"):
            if run.get("name") != name or run.get("head_sha", head_sha) != head_sha:
                continue
            owner = (run.get("app") or {}).get("id")
            if app_id is not None and owner is not None and owner != app_id:
                continue
            if external_id is not None and run.get("external_id") == external_id:
                return dict(run)
            candidates.append(dict(run))
        # A run another job completed is history; a re-run gets a fresh one.
        open_runs = [run for run in candidates if run.get("status") != "completed"]
        return max(open_runs, key=lambda run: int(run["id"])) if open_runs else None

    async def complete(
        self,
        conclusion: Conclusion,
        *,
        title: str,
        summary: str,
        text: str | None = None,
        annotations: Sequence[Annotation] = (),
    ) -> None:
        """Complete the run with its output, sending every annotation in batches of 50."""
        groups = batches(list(annotations), MAX_PER_REQUEST) or [[]]
        output = self._output(title, summary, text)
        first: JSONObject = {
            "status": "completed",
            "conclusion": conclusion,
            "output": {**output, "annotations": [a.to_json() for a in groups[0]]},
        }
        self.data = await self._gh.patch(self.url, data=first)
        for group in groups[1:]:
            # GitHub appends annotations sent in later updates to those it already has.
            body = {"output": {**output, "annotations": [a.to_json() for a in group]}}
            self.data = await self._gh.patch(self.url, data=body)
        logger.info(
            "check run completed",
            extra={
                "repo": self.repo,
                "check_run_id": self.id,
                "conclusion": conclusion,
                "annotations": len(annotations),
            },
        )

    async def cancel(self, summary: str = "The run was cancelled before it finished.") -> None:
        """Complete the run as ``cancelled``."""
        await self.complete("cancelled", title="Cancelled", summary=summary)

    @staticmethod
    def _output(title: str, summary: str, text: str | None) -> JSONObject:
        output: JSONObject = {
            "title": clip_chars(title, MAX_TITLE_CHARS),
            "summary": cut_output(summary),
        }
        if text:
            output["text"] = cut_output(text)
        return output
