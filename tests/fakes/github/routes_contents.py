"""Reading one file's contents, served from the git server's bare repositories."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Callable

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.fakes.github.protocol import ApiError, repo_of

# (full name, path, ref) -> the file's text, or None when the ref lacks it.
FileSource = Callable[[str, str, str], str | None]


async def get_content(request: Request) -> Response:
    """``GET /repos/{owner}/{repo}/contents/{path}`` for a file (``ref``: default branch)."""
    repo = repo_of(request)
    path: str = request.path_params["path"]
    ref = request.query_params.get("ref") or repo.default_branch
    source: FileSource | None = request.app.state.file_source
    text = source(repo.full_name, path, ref) if source else None
    if text is None:
        raise ApiError(404, "Not Found")
    raw = text.encode("utf-8")
    blob = hashlib.sha1(b"blob %d\0" % len(raw) + raw, usedforsecurity=False).hexdigest()
    return JSONResponse(
        {
            "type": "file",
            "encoding": "base64",
            "size": len(raw),
            "name": path.rsplit("/", 1)[-1],
            "path": path,
            "content": base64.encodebytes(raw).decode("ascii"),
            "sha": blob,
            "url": str(request.url),
            "git_url": None,
            "html_url": None,
            "download_url": None,
            "_links": {"self": str(request.url), "git": None, "html": None},
        }
    )


ROUTES = [Route("/repos/{owner}/{repo}/contents/{path:path}", get_content, methods=["GET"])]
