"""``pace plan push`` and ``pace plan status``: a sprint plan's stories as issues.

Both act as the App: the App JWT finds the repository's installation, whose token
(limited to that repository) reads and writes the issues. ``--start`` also needs the
job store the service uses (``DATABASE_URL``), since it queues the runs itself.
"""

from __future__ import annotations

import argparse
import re
import sys
import uuid
from collections.abc import Mapping
from pathlib import Path

import anyio
import httpx2

from pace_app.config.settings import Settings
from pace_app.domain.jobs import RepoRef
from pace_app.domain.labels import STORY
from pace_app.domain.run_store import RunStore
from pace_app.errors import PaceError, PlanError
from pace_app.github.auth import ISSUES_WRITE, AppAuth
from pace_app.github.client import GitHubApp, GitHubClient
from pace_app.github.identity import AppIdentity
from pace_app.observability.scrub import Redactor, secrets_from_settings
from pace_app.plans.plan import MAX_PLAN_BYTES, SprintPlan, parse_plan
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

_REPO = re.compile(r"\A[A-Za-z0-9-]{1,39}/[A-Za-z0-9_.-]{1,100}\Z")
ISSUES_READ: Mapping[str, str] = {"issues": "read"}


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``pace plan push`` and ``pace plan status``."""
    plan = commands.add_parser("plan", help="sync a sprint plan's stories to issues")
    actions = plan.add_subparsers(dest="plan_command", metavar="ACTION", required=True)
    push = actions.add_parser("push", help="create or update one issue per plan story")
    push.add_argument("file", type=Path, help="the plan, e.g. plan.yaml")
    push.add_argument("--repo", required=True, type=_repo, help="OWNER/NAME")
    push.add_argument(
        "--start", action="store_true", help=f"label pending stories {STORY} and queue their runs"
    )
    push.add_argument("--dry-run", action="store_true", help="print the changes, make none")
    status = actions.add_parser("status", help="show each story's issue, pull request and run")
    status.add_argument("file", type=Path, help="the plan, e.g. plan.yaml")
    status.add_argument("--repo", required=True, type=_repo, help="OWNER/NAME")


def run(args: argparse.Namespace, settings: Settings) -> int:
    """Run ``pace plan push`` or ``pace plan status``; return the exit status."""
    try:
        plan = read_plan(args.file)
    except PlanError as exc:
        print(f"pace: error: {args.file}: {exc}", file=sys.stderr)
        return 1
    for warning in plan.warnings:
        print(f"pace: warning: {args.file}: {warning}", file=sys.stderr)
    if args.plan_command == "push":
        lines = anyio.run(lambda: _push(settings, args.repo, plan, args.start, args.dry_run))
    else:
        lines = anyio.run(lambda: _status(settings, args.repo, plan))
    for line in lines:
        print(line)
    return 0


def read_plan(path: Path) -> SprintPlan:
    """Read and validate a plan file, refusing one over the size cap before reading it."""
    try:
        if path.stat().st_size > MAX_PLAN_BYTES:
            raise PlanError("", f"the file is larger than {MAX_PLAN_BYTES // 1024} KiB")
        raw = path.read_bytes()
    except OSError as exc:
        raise PlanError("", f"cannot read the file: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise PlanError("", "the file is not UTF-8 text") from None
    return parse_plan(text)


async def _push(
    settings: Settings, repo: str, plan: SprintPlan, start: bool, dry_run: bool
) -> list[str]:
    async with httpx2.AsyncClient(timeout=30) as http:
        github = _app(settings, http)
        installation_id, gh = await _installation(github, repo, ISSUES_WRITE)
        bot = (await AppIdentity(github).get(installation_id)).name
        issues = by_story(await list_app_issues(gh, repo, bot))
        changes = plan_changes(plan, issues, start=start)
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


async def _status(settings: Settings, repo: str, plan: SprintPlan) -> list[str]:
    async with httpx2.AsyncClient(timeout=30) as http:
        github = _app(settings, http)
        installation_id, gh = await _installation(github, repo, ISSUES_READ)
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
    except PaceError as exc:
        raise PaceError(f"the App is not installed on {repo}: {exc}") from exc
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


def _repo(text: str) -> str:
    if not _REPO.match(text):
        raise argparse.ArgumentTypeError(f"{text!r} is not OWNER/NAME")
    return text
