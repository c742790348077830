"""``pace plan push`` and ``pace plan status``: a sprint plan's stories as issues.

Both act as the App: the App JWT finds the repository's installation, whose token
(limited to that repository) reads and writes the issues. ``--start`` also needs the
job store the service uses (``DATABASE_URL``), since it queues the runs itself.
"""

from __future__ import annotations

import argparse
import base64
import sys
import uuid
from collections.abc import Mapping, Sequence
from pathlib import Path

import anyio
import httpx2

from pace_app.arguments import repository
from pace_app.config.repo import CONFIG_PATHS
from pace_app.config.settings import Settings
from pace_app.domain.conventions import Conventions
from pace_app.domain.jobs import RepoRef
from pace_app.domain.run_store import RunStore
from pace_app.errors import GitHubError, PaceError, PlanError
from pace_app.github.auth import ISSUES_WRITE, AppAuth
from pace_app.github.client import GitHubApp, GitHubClient
from pace_app.github.identity import AppIdentity
from pace_app.observability.scrub import Redactor, secrets_from_settings
from pace_app.pipeline.conventions import conventions_from
from pace_app.pipeline.trusted_config import MAX_CONFIG_BYTES
from pace_app.plans.plan import MAX_PLAN_BYTES, PLAN_PATHS, SprintPlan, parse_plan
from pace_app.plans.starts import start_jobs
from pace_app.plans.story import PlanStory
from pace_app.plans.sync import (
    PlanIssue,
    apply_changes,
    by_story,
    describe,
    list_app_issues,
    plan_changes,
)
from pace_app.queue.connect import open_store

STATUS_READ: Mapping[str, str] = {"issues": "read", "contents": "read"}
# A push writes issues and reads the default branch's config for the trigger label.
PUSH_WRITE: Mapping[str, str] = {**ISSUES_WRITE, "contents": "read"}


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``pace plan push`` and ``pace plan status``."""
    plan = commands.add_parser("plan", help="sync a sprint plan's stories to issues")
    actions = plan.add_subparsers(dest="plan_command", metavar="ACTION", required=True)
    push = actions.add_parser("push", help="create or update one issue per plan story")
    push.add_argument("file", type=Path, help="the plan, e.g. plan.yaml")
    push.add_argument("--repo", required=True, type=repository, help="OWNER/NAME")
    push.add_argument(
        "--start",
        action="store_true",
        help="label pending stories with the trigger label and queue their runs",
    )
    push.add_argument("--dry-run", action="store_true", help="print the changes, make none")
    status = actions.add_parser("status", help="show each story's issue, pull request and run")
    status.add_argument(
        "file", type=Path, nargs="?", help="the plan (default: the default branch's plan.yaml)"
    )
    status.add_argument("--repo", required=True, type=repository, help="OWNER/NAME")


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Run ``pace plan push`` or ``pace plan status``; return the exit status."""
    source = str(args.file) if args.file is not None else None
    try:
        if args.plan_command == "push":
            plan = _checked(read_plan(args.file), source)
            lines = anyio.run(lambda: _push(settings, args.repo, plan, args.start, args.dry_run))
        else:
            lines = anyio.run(lambda: _status(settings, args.repo, args.file))
    except _InvalidPlan as exc:
        print(f"pace: error: {exc.source}: {exc.error}", file=sys.stderr)
        return 1
    for line in lines:
        print(line)
    return 0


class _InvalidPlan(PaceError):
    """A plan error, with where the plan came from."""

    def __init__(self, source: str, error: PlanError) -> None:
        super().__init__(f"{source}: {error}")
        self.source = source
        self.error = error


def _checked(read: SprintPlan | PlanError, source: str | None) -> SprintPlan:
    if isinstance(read, PlanError):
        raise _InvalidPlan(source or "plan.yaml", read)
    for warning in read.warnings:
        print(f"pace: warning: {source}: {warning}", file=sys.stderr)
    return read


def read_plan(path: Path) -> SprintPlan | PlanError:
    """Read and validate a plan file (refused over the size cap before it is read)."""
    try:
        if path.stat().st_size > MAX_PLAN_BYTES:
            return PlanError("", f"the file is larger than {MAX_PLAN_BYTES // 1024} KiB")
        raw = path.read_bytes()
    except OSError as exc:
        return PlanError("", f"cannot read the file: {exc.strerror}")
    return _parsed(raw)


def _parsed(raw: bytes) -> SprintPlan | PlanError:
    try:
        return parse_plan(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return PlanError("", "the file is not UTF-8 text")
    except PlanError as exc:
        return exc


async def default_branch_file(
    gh: GitHubClient, repo: str, paths: Sequence[str], limit: int
) -> tuple[str, bytes | str] | None:
    """Return the first of ``paths`` on the default branch and its bytes, or why not.

    None when none exists; the reason (a text) when it is no file, over ``limit``
    bytes, or not base64 as GitHub should answer.
    """
    for path in paths:
        try:
            found = await gh.getitem(f"/repos/{repo}/contents/{path}")
        except GitHubError as exc:
            if exc.status == 404:
                continue
            raise
        if not isinstance(found, dict) or found.get("type") != "file":
            return path, "is not a file on the default branch"
        if int(found.get("size") or 0) > limit:
            return path, f"the file is larger than {limit // 1024} KiB"
        try:
            return path, base64.b64decode(str(found.get("content") or ""))
        except ValueError:
            return path, "GitHub answered content that is not base64"
    return None


async def remote_plan(gh: GitHubClient, repo: str) -> tuple[str, SprintPlan | PlanError]:
    """Read the plan from the default branch: ``plan.yaml``, else ``.pace/plan.yaml``."""
    found = await default_branch_file(gh, repo, PLAN_PATHS, MAX_PLAN_BYTES)
    if found is None:
        raise PaceError(f"{repo} has no {' or '.join(PLAN_PATHS)} on its default branch")
    path, content = found
    where = f"{repo}:{path}"
    if isinstance(content, str):
        return where, PlanError("", content)
    return where, _parsed(content)


async def remote_conventions(gh: GitHubClient, repo: str, defaults: Conventions) -> Conventions:
    """Return the conventions the default branch's ``pace.config.yaml`` sets over ``defaults``.

    A config that cannot be read counts as none, as it does for the worker.
    """
    found = await default_branch_file(gh, repo, CONFIG_PATHS, MAX_CONFIG_BYTES)
    if found is None or isinstance(found[1], str):
        return defaults
    try:
        text = found[1].decode("utf-8")
    except UnicodeDecodeError:
        return defaults
    return conventions_from(text, found[0], defaults)


async def _push(
    settings: Settings, repo: str, plan: SprintPlan, start: bool, dry_run: bool
) -> list[str]:
    async with httpx2.AsyncClient(timeout=30) as http:
        github = _app(settings, http)
        installation_id, gh = await _installation(github, repo, PUSH_WRITE)
        bot = (await AppIdentity(github).get(installation_id)).name
        issues = by_story(await list_app_issues(gh, repo, bot))
        trigger = (await remote_conventions(gh, repo, settings.conventions())).trigger_label
        changes = plan_changes(plan, issues, start=start, trigger=trigger)
        if dry_run:
            return [describe(change, dry_run=True) for change in changes]
        done = await apply_changes(gh, repo, changes)
        if any(change.label for change in done):
            ref = await _repo_ref(gh, repo)
            jobs = start_jobs(
                done,
                installation_id=installation_id,
                repo=ref,
                sender=bot,
                origin=f"plan-push:{uuid.uuid4()}",
                by_operator=True,
            )
            async with open_store(settings) as store:
                for job in jobs:
                    await store.enqueue(job)
    return [describe(change) for change in done]


async def _status(settings: Settings, repo: str, path: Path | None) -> list[str]:
    async with httpx2.AsyncClient(timeout=30) as http:
        github = _app(settings, http)
        installation_id, gh = await _installation(github, repo, STATUS_READ)
        if path is None:
            source, read = await remote_plan(gh, repo)
        else:
            source, read = str(path), read_plan(path)
        plan = _checked(read, source)
        bot = (await AppIdentity(github).get(installation_id)).name
        issues = by_story(await list_app_issues(gh, repo, bot))
    async with open_store(settings) as store:
        return [
            await status_line(store, repo, story, issues.get(story.id)) for story in plan.stories
        ]


async def status_line(runs: RunStore, repo: str, story: PlanStory, issue: PlanIssue | None) -> str:
    """Return the line ``pace plan status`` prints for a story."""
    if issue is None:
        return f"{story.id}: no issue yet ({story.status})"
    parts = [f"#{issue.number} {issue.state}"]
    run = await runs.find_run(repo, issue.number)
    if run is None:
        parts.append("no run")
    else:
        parts.append(f"PR #{run.pr_number}" if run.pr_number is not None else "no PR")
        parts.append(f"run {run.id} {run.state.value}")
    return f"{story.id}: {', '.join(parts)} ({story.status})"


def _app(settings: Settings, http: httpx2.AsyncClient) -> GitHubApp:
    # The App's id and key only: a plan push receives no webhooks.
    auth = AppAuth(settings.require_app_id(), settings.private_key_pem())
    redactor = Redactor(secrets_from_settings(settings))
    return GitHubApp(http, auth=auth, base_url=settings.github_api_url, redactor=redactor)


async def _installation(
    github: GitHubApp, repo: str, permissions: Mapping[str, str]
) -> tuple[int, GitHubClient]:
    try:
        found = await github.app_client().getitem(f"/repos/{repo}/installation")
    except GitHubError as exc:
        if exc.status == 404:
            message = f"the App is not installed on {repo}, or there is no such repository"
            raise PaceError(message) from None
        raise
    installation_id = int(found["id"])
    gh = await github.for_installation(
        installation_id, repositories=[repo], permissions=permissions
    )
    return installation_id, gh


async def _repo_ref(gh: GitHubClient, repo: str) -> RepoRef:
    data = await gh.getitem(f"/repos/{repo}")
    return RepoRef(
        id=int(data["id"]),
        full_name=str(data["full_name"]),
        clone_url=str(data["clone_url"]),
        default_branch=str(data["default_branch"]),
    )
