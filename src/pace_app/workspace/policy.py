"""What the workspace accepts from a payload: clone URLs, repository names, branch names.

Every value here reaches git's argv or the filesystem, and comes from a webhook
payload or a model, so each is checked against an allow-list before use. These are
pure functions; nothing here runs git.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from pace_app.domain.refs import branch_problem
from pace_app.errors import WorkspaceError

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "::1", "localhost"})
# GitHub owner and repository names: letters, digits, '-', '_', '.'; '.github' is valid.
_NAME = re.compile(r"[A-Za-z0-9_.-]{1,100}")
_RUN_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,99}")
_SHA = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")
# What git check-ref-format refuses in a component, plus whitespace.


@dataclass(frozen=True)
class UrlPolicy:
    """Which clone URLs git may be pointed at.

    ``https`` is always allowed; ``http`` only for ``http_hosts`` (loopback by
    default: the token then never crosses a network); ``file://`` only when
    ``allow_file`` is set, which only tests do.
    """

    http_hosts: frozenset[str] = LOOPBACK_HOSTS
    allow_file: bool = False

    def check(self, url: str) -> str:
        """Return ``url`` if git may use it, else raise ``WorkspaceError`` saying why."""
        if not url or any(ch.isspace() or not ch.isprintable() for ch in url):
            raise WorkspaceError("clone URL is empty or contains whitespace or control characters")
        # git reads "<transport>::<address>" as a remote helper (ext:: runs commands).
        if "::" in url.split("/", 1)[0] or url.startswith("-"):
            raise WorkspaceError("clone URL uses a git transport that is not allowed")
        try:
            parts = urlsplit(url)
            # Reading the port raises ValueError when it is not a number in range.
            _ = parts.port
        except ValueError:
            raise WorkspaceError("clone URL is malformed") from None
        scheme = parts.scheme.lower()
        if scheme == "file":
            if not self.allow_file:
                raise WorkspaceError("clone URL scheme 'file' is not allowed")
            if parts.netloc or not parts.path.startswith("/"):
                raise WorkspaceError("file clone URL must be file:///absolute/path")
            return url
        if scheme not in ("https", "http"):
            raise WorkspaceError(f"clone URL scheme {scheme or 'none'!r} is not allowed")
        if "@" in parts.netloc or parts.username is not None:
            raise WorkspaceError("clone URL must not embed credentials")
        host = (parts.hostname or "").lower()
        if not host:
            raise WorkspaceError("clone URL has no host")
        if scheme == "http" and host not in self.http_hosts:
            raise WorkspaceError(f"clone URL must use https for host {host!r}")
        if parts.query or parts.fragment:
            raise WorkspaceError("clone URL must not have a query or fragment")
        return url


def origin_of(url: str) -> str:
    """Return ``scheme://host[:port]/`` of an http(s) URL, the scope of its credentials."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}/"


def check_name(value: str, what: str) -> str:
    """Return an owner or repository name if it is safe as a path component."""
    if not _NAME.fullmatch(value) or value in (".", "..") or value.endswith(".lock"):
        raise WorkspaceError(f"{what} name is not allowed: {value!r}")
    return value


def check_run_id(value: str) -> str:
    """Return a run id if it is safe as a directory name."""
    if not _RUN_ID.fullmatch(value) or ".." in value:
        raise WorkspaceError(f"run id is not allowed: {value!r}")
    return value


def is_sha(value: str) -> bool:
    """Say whether ``value`` is a full hexadecimal object id."""
    return _SHA.fullmatch(value) is not None


def check_branch(value: str) -> str:
    """Return a branch name if git accepts it and it cannot be read as an option."""
    if branch_problem(value) is not None:
        raise WorkspaceError(f"branch name is not allowed: {value!r}")
    return value


@dataclass(frozen=True)
class Repository:
    """A repository as the workspace needs it: names for the mirror path, and the URL."""

    owner: str
    name: str
    clone_url: str

    def __post_init__(self) -> None:
        check_name(self.owner, "owner")
        check_name(self.name, "repository")

    @property
    def full_name(self) -> str:
        """Return ``owner/name``."""
        return f"{self.owner}/{self.name}"

    @classmethod
    def from_payload(cls, repository: Mapping[str, Any]) -> Repository:
        """Build from a webhook payload's ``repository`` object."""
        try:
            owner = repository["owner"]["login"]
            name = repository["name"]
            clone_url = repository["clone_url"]
        except (KeyError, TypeError):
            raise WorkspaceError(
                "payload repository lacks owner.login, name or clone_url"
            ) from None
        if not all(isinstance(v, str) for v in (owner, name, clone_url)):
            raise WorkspaceError("payload repository fields must be strings")
        return cls(owner=owner, name=name, clone_url=clone_url)
