"""GitHub's Git Data API for one repository: blobs, trees, commits and branch refs.

Commits are created without ``author`` or ``committer``: GitHub then records the App's
bot and signs the commit, so it shows as verified and passes "require signed commits".
A refused ref update (the branch moved, or a rule of the branch refuses the commit)
becomes ``WorkspaceError`` with GitHub's reason, as a rejected push would.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

import gidgethub.abc

from pace_app.errors import GitHubError, WorkspaceError

_MOVED = "the branch changed on the repository since this run started, so nothing was overwritten"


class GitDataApi:
    """Create git objects and move branches in ``owner/name`` through the REST API."""

    def __init__(self, gh: gidgethub.abc.GitHubAPI, full_name: str) -> None:
        self._gh = gh
        self._repo = full_name

    def __repr__(self) -> str:
        return f"GitDataApi(repo={self._repo!r})"

    async def create_blob(self, content: bytes) -> str:
        """Store ``content`` (sent as base64, so any bytes survive) and return its sha."""
        answer = await self._post(
            "git/blobs",
            {"content": base64.b64encode(content).decode("ascii"), "encoding": "base64"},
        )
        return _sha(answer)

    async def create_tree(self, base_tree: str, entries: Sequence[dict[str, str | None]]) -> str:
        """Store ``base_tree`` with ``entries`` applied (``sha: None`` deletes); return its sha."""
        return _sha(await self._post("git/trees", {"base_tree": base_tree, "tree": list(entries)}))

    async def create_commit(self, message: str, tree: str, parents: Sequence[str]) -> str:
        """Store a commit GitHub signs as the App (no author, no committer); return its sha."""
        answer = await self._post(
            "git/commits", {"message": message, "tree": tree, "parents": list(parents)}
        )
        return _sha(answer)

    async def set_branch(self, branch: str, sha: str, *, create: bool) -> None:
        """Create the branch at ``sha``, or move it there only as a fast-forward."""
        try:
            if create:
                await self._post("git/refs", {"ref": f"refs/heads/{branch}", "sha": sha})
            else:
                await self._gh.patch(
                    f"/repos/{self._repo}/git/refs/heads/{quote(branch, safe='/')}",
                    data={"sha": sha, "force": False},
                )
        except GitHubError as exc:
            if exc.status != 422:
                raise
            raise WorkspaceError(_refusal(branch, str(exc), create=create)) from exc

    async def _post(self, path: str, body: dict[str, Any]) -> Any:
        return await self._gh.post(f"/repos/{self._repo}/{path}", data=body)


def _refusal(branch: str, detail: str, *, create: bool) -> str:
    """Phrase GitHub's refusal of a ref update the way a rejected push is phrased."""
    lowered = detail.lower()
    if "already exists" in lowered or "not a fast forward" in lowered:
        return f"push to {branch!r} was rejected: {_MOVED}"
    action = "create" if create else "update"
    return f"GitHub refused to {action} the branch {branch!r}: {detail}"


def _sha(answer: Any) -> str:
    sha = answer.get("sha") if isinstance(answer, dict) else None
    if not isinstance(sha, str):
        raise WorkspaceError("GitHub answered a Git Data request without a sha")
    return sha
