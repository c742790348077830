"""GitHub-shaped webhook payloads built for tests (the subset the app reads and more)."""

from __future__ import annotations

from typing import Any

from pace_app.types import JSONObject

APP_ID = 4242
INSTALLATION_ID = 77
OWNER = "octo-org"
REPO = "widgets"


def account(login: str = "alice", *, bot: bool = False, id: int = 1001) -> JSONObject:
    """Return a user (or bot) account object."""
    return {
        "login": f"{login}[bot]" if bot and not login.endswith("[bot]") else login,
        "id": id,
        "node_id": f"U_{id}",
        "type": "Bot" if bot else "User",
        "site_admin": False,
    }


def repository(clone_url: str | None = None, *, name: str = REPO) -> JSONObject:
    """Return a repository object."""
    full_name = f"{OWNER}/{name}"
    return {
        "id": 5001,
        "node_id": "R_5001",
        "name": name,
        "full_name": full_name,
        "private": True,
        "owner": account(OWNER, id=9),
        "clone_url": clone_url or f"https://github.example/{full_name}.git",
        "default_branch": "main",
    }


def issue(
    number: int = 12,
    *,
    labels: tuple[str, ...] = (),
    pull_request: bool = False,
    state: str = "open",
    title: str = "Add a widget counter",
) -> JSONObject:
    """Return an issue object (a pull request when ``pull_request``)."""
    data: JSONObject = {
        "id": 70000 + number,
        "number": number,
        "title": title,
        "state": state,
        "body": "## Acceptance criteria\n- [ ] counts widgets\n",
        "labels": [{"id": i, "name": name, "color": "ededed"} for i, name in enumerate(labels)],
        "user": account(),
    }
    if pull_request:
        data["pull_request"] = {"url": f"https://api.github.example/pulls/{number}"}
    return data


def envelope(*, sender: JSONObject | None = None, installation: bool = True) -> JSONObject:
    """Return the fields every App delivery carries."""
    data: JSONObject = {"sender": sender or account()}
    if installation:
        data["installation"] = {"id": INSTALLATION_ID, "node_id": "I_77"}
    return data


def issues_event(
    action: str,
    *,
    label: str | None = "pace:story",
    number: int = 12,
    labels: tuple[str, ...] = ("pace:story",),
    state: str = "open",
    **kwargs: Any,
) -> JSONObject:
    """Return an ``issues`` delivery payload."""
    data = {
        **envelope(**kwargs),
        "action": action,
        "repository": repository(),
        "issue": issue(number, labels=labels, state=state),
    }
    if label is not None:
        data["label"] = {"id": 3, "name": label, "color": "0e8a16"}
    return data


def comment_event(
    body: str,
    *,
    number: int = 12,
    pull_request: bool = True,
    author: str = "alice",
    action: str = "created",
    **kwargs: Any,
) -> JSONObject:
    """Return an ``issue_comment`` delivery payload."""
    return {
        **envelope(**kwargs),
        "action": action,
        "repository": repository(),
        "issue": issue(number, pull_request=pull_request),
        "comment": {"id": 880001, "body": body, "user": account(author)},
    }


def check_run_event(
    action: str = "rerequested",
    *,
    name: str = "PACE / GATE",
    app_id: int = APP_ID,
    identifier: str | None = None,
    pr_number: int | None = 2,
    **kwargs: Any,
) -> JSONObject:
    """Return a ``check_run`` delivery payload."""
    data = {
        **envelope(**kwargs),
        "action": action,
        "repository": repository(),
        "check_run": {
            "id": 66001,
            "name": name,
            "head_sha": "a" * 40,
            "status": "completed",
            "app": {"id": app_id, "slug": "pace"},
            "pull_requests": [{"number": pr_number}] if pr_number is not None else [],
        },
    }
    if identifier is not None:
        data["requested_action"] = {"identifier": identifier}
    return data


def installation_event(
    action: str = "created", *, repos: tuple[str, ...] = (REPO,), suspended: bool = False
) -> JSONObject:
    """Return an ``installation`` delivery payload."""
    return {
        "action": action,
        "installation": {
            "id": INSTALLATION_ID,
            "account": account(OWNER, id=9),
            "app_id": APP_ID,
            "suspended_at": "2026-11-01T00:00:00Z" if suspended else None,
        },
        "repositories": [
            {"id": i, "full_name": f"{OWNER}/{r}", "name": r} for i, r in enumerate(repos)
        ],
        "sender": account(),
    }


def installation_repositories_event(
    *, added: tuple[str, ...] = (), removed: tuple[str, ...] = ()
) -> JSONObject:
    """Return an ``installation_repositories`` delivery payload."""
    return {
        "action": "added" if added else "removed",
        "installation": {"id": INSTALLATION_ID, "account": account(OWNER, id=9)},
        "repositories_added": [{"full_name": f"{OWNER}/{r}"} for r in added],
        "repositories_removed": [{"full_name": f"{OWNER}/{r}"} for r in removed],
        "sender": account(),
    }


def ping_event() -> JSONObject:
    """Return a ``ping`` delivery payload as an App's webhook sends it."""
    return {
        "zen": "Keep it logically awesome.",
        "hook_id": 123,
        "hook": {"type": "App", "app_id": APP_ID, "events": ["issues"]},
    }


def pull_request(number: int = 12) -> JSONObject:
    """Return the pull request object review deliveries carry."""
    return {
        "id": 90000 + number,
        "number": number,
        "state": "open",
        "title": "Add a widget counter",
        "draft": True,
        "user": account("pace", bot=True, id=4242),
        "head": {"ref": f"pace/issue-{number}-widget-counter", "sha": "b" * 40},
        "base": {"ref": "main", "sha": "c" * 40},
    }


def review_event(
    body: str | None,
    *,
    number: int = 12,
    author: str = "alice",
    state: str = "commented",
    action: str = "submitted",
    **kwargs: Any,
) -> JSONObject:
    """Return a ``pull_request_review`` delivery payload; webhook states are lower case."""
    return {
        **envelope(**kwargs),
        "action": action,
        "repository": repository(),
        "pull_request": pull_request(number),
        "review": {
            "id": 770001,
            "node_id": "PRR_770001",
            "user": account(author),
            "body": body,
            "state": state,
            "commit_id": "b" * 40,
            "submitted_at": "2026-11-22T12:00:00Z",
            "html_url": f"https://github.example/{OWNER}/{REPO}/pull/{number}#pullrequestreview-770001",
            "author_association": "MEMBER",
        },
    }


def review_comment_event(
    body: str,
    *,
    number: int = 12,
    author: str = "alice",
    action: str = "created",
    in_reply_to: int | None = None,
    **kwargs: Any,
) -> JSONObject:
    """Return a ``pull_request_review_comment`` delivery payload."""
    comment: JSONObject = {
        "id": 660001,
        "node_id": "PRRC_660001",
        "pull_request_review_id": 770002,
        "diff_hunk": "@@ -1,3 +1,4 @@\n def count():\n+    return 0",
        "path": "widgets/counter.py",
        "commit_id": "b" * 40,
        "original_commit_id": "b" * 40,
        "user": account(author),
        "body": body,
        "created_at": "2026-11-22T12:05:00Z",
        "updated_at": "2026-11-22T12:05:00Z",
        "line": 2,
        "original_line": 2,
        "side": "RIGHT",
        "start_line": None,
        "author_association": "MEMBER",
        "subject_type": "line",
    }
    if in_reply_to is not None:
        comment["in_reply_to_id"] = in_reply_to
    return {
        **envelope(**kwargs),
        "action": action,
        "repository": repository(),
        "pull_request": pull_request(number),
        "comment": comment,
    }
