"""The ``plan.sync`` job: make the plan's issues match ``plan.yaml`` at a pushed commit.

Both the plan and the config that enables syncing it (``plan: {sync: true}``) are read
from the pushed commit's tree in git's object store, like all trusted config: a
symlink or an oversized file is refused. An invalid plan (or config) is reported in
one issue, edited in place (``plans.report``); a valid one closes it. With
``plan.start`` the sync labels pending stories and queues their starts, attributed
to the pusher, whose write access the start checks.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping

from pace_app.config.repo import CONFIG_PATHS, parse_repo_config
from pace_app.domain.jobs import PlanSync
from pace_app.errors import PlanError, RepoConfigError
from pace_app.github.client import GitHubClient
from pace_app.pipeline.services import Services
from pace_app.pipeline.trusted_config import MAX_CONFIG_BYTES
from pace_app.plans.plan import MAX_PLAN_BYTES, PLAN_PATHS, parse_plan
from pace_app.plans.report import close_report, render_report, report_invalid
from pace_app.plans.starts import start_jobs
from pace_app.plans.sync import (
    PlanIssue,
    apply_changes,
    by_story,
    describe,
    list_app_issues,
    plan_changes,
)
from pace_app.workspace.mirror import Mirror
from pace_app.workspace.policy import Repository
from pace_app.workspace.worktree import parse_ls_tree

logger = logging.getLogger(__name__)

PLAN_SYNC: Mapping[str, str] = {"issues": "write", "contents": "read"}


class PlanSyncer:
    """The handler behind ``plan.sync`` jobs."""

    def __init__(self, services: Services) -> None:
        self._services = services

    async def sync(self, job: PlanSync) -> None:
        """Sync the plan as ``job.head_sha`` has it, if the repository enables it."""
        repo = job.repo.full_name
        context = {"repo": repo, "sha": job.head_sha, "delivery_id": job.delivery_id}
        token = await self._services.token(
            job.installation_id, repo=repo, permissions={"contents": "read"}
        )
        owner, name = repo.split("/", 1)
        mirror = await self._services.workspace.mirrors.sync(
            Repository(owner, name, job.repo.clone_url), token
        )
        files = await _read_committed(mirror, job.head_sha)
        if files is None:
            logger.info("plan sync skipped: the commit is gone", extra=context)
            return
        async with self._services.installation(
            job.installation_id, repo=repo, permissions=PLAN_SYNC
        ) as gh:
            await self._sync(gh, job, files, context)

    async def _sync(
        self,
        gh: GitHubClient,
        job: PlanSync,
        files: dict[str, str | PlanError],
        context: dict[str, str],
    ) -> None:
        repo = job.repo.full_name
        config_path = next((p for p in CONFIG_PATHS if p in files), None)
        plan_path = next((p for p in PLAN_PATHS if p in files), None)
        if config_path is None or plan_path is None:
            logger.info("plan sync skipped: no config or no plan", extra=context)
            return
        try:
            config = parse_repo_config(_text(files, config_path), source=config_path).config
        except (RepoConfigError, PlanError) as exc:
            logger.info("plan sync skipped: the config is invalid", extra=context)
            if _enabled_anyway(files, config_path):
                report = render_report(config_path, job.head_sha, str(exc))
                await report_invalid(gh, repo, await self._issues(gh, job), report)
            return
        if not config.plan.sync:
            logger.info("plan sync skipped: not enabled", extra=context)
            return
        issues = await self._issues(gh, job)
        try:
            plan = parse_plan(_text(files, plan_path))
        except PlanError as exc:
            await report_invalid(gh, repo, issues, render_report(plan_path, job.head_sha, str(exc)))
            logger.info("plan sync refused: the plan is invalid", extra=context)
            return
        trigger = config.github.over(self._services.conventions).trigger_label
        changes = plan_changes(plan, by_story(issues), start=config.plan.start, trigger=trigger)
        done = await apply_changes(gh, repo, changes)
        for job_to_start in start_jobs(
            done,
            installation_id=job.installation_id,
            repo=job.repo,
            sender=job.sender,
            origin=f"plan-sync:{job.delivery_id}",
            by_operator=False,
        ):
            await self._services.jobs.enqueue(job_to_start)
        await close_report(gh, repo, issues, job.head_sha)
        logger.info(
            "plan synced",
            extra=context
            | {"changes": [describe(change) for change in done], "warnings": list(plan.warnings)},
        )

    async def _issues(self, gh: GitHubClient, job: PlanSync) -> list[PlanIssue]:
        bot = (await self._services.identity.get(job.installation_id)).name
        return await list_app_issues(gh, job.repo.full_name, bot)


def _text(files: dict[str, str | PlanError], path: str) -> str:
    value = files[path]
    if isinstance(value, PlanError):
        raise value
    return value


def _enabled_anyway(files: dict[str, str | PlanError], config_path: str) -> bool:
    """Say whether an invalid config still mentions a plan section, so a report helps."""
    value = files[config_path]
    return isinstance(value, PlanError) or "plan:" in value


async def _read_committed(mirror: Mirror, sha: str) -> dict[str, str | PlanError] | None:
    """Return the config and plan files of ``sha``'s tree; None if the mirror lacks it.

    A file that is a symlink or over its cap is returned as the error to report.
    """
    paths = (*CONFIG_PATHS, *PLAN_PATHS)
    listing = await mirror.git.run(
        "ls-tree", "-r", "-z", "-l", "--full-tree", sha, "--", *paths,
        cwd=mirror.path, check=False,
    )  # fmt: skip
    if listing.exit_code != 0:
        return None
    files: dict[str, str | PlanError] = {}
    for path, entry in parse_ls_tree(listing.stdout).items():
        cap = MAX_PLAN_BYTES if path in PLAN_PATHS else MAX_CONFIG_BYTES
        if not entry.regular:
            files[path] = PlanError(path, "is a symlink or submodule; it must be a file")
        elif entry.size > cap:
            files[path] = PlanError(path, f"is larger than {cap // 1024} KiB")
        else:
            blob = await mirror.git.run("cat-file", "blob", entry.object_id, cwd=mirror.path)
            files[path] = blob.stdout
    return files
