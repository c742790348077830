"""Git Data endpoints over the real bare repositories the git server serves.

Blobs, trees and commits become real git objects in the repository's bare directory
(``FakeGitHub.use_git_server``); refs move there too, so a later clone or fetch sees
them. A commit created without ``author``, ``committer`` or ``signature`` is signed as
GitHub signs what a GitHub App creates: the App's bot is its author, GitHub its
committer, and it carries a signature the fake verifies (``state.signed_commits``).
A commit pushed with git counts as verified only when its SSH signature verifies
against a key in ``state.signing_keys``.

A branch whose protection requires signed commits (``state.require_signed_commits``)
refuses a ref update that brings any unverified commit, with 422 here and with
GitHub's GH006 message on a ``git push`` (the git server's pre-receive check).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.fakes.github.protocol import ApiError, json_body, repo_of, state_of
from tests.fakes.github.state import GitHubState, Repository, iso, user_json

API = "https://api.github.example"
WEB_FLOW = ("GitHub", "noreply@github.com")
# The fake's stand-in for GitHub's web-flow signing key.
_SIGNING_SECRET = b"fake-github-web-flow-key"
_MODES = {"100644": "blob", "100755": "blob", "120000": "blob", "160000": "commit"}
_ZERO = "0" * 40
SIGNATURES_REQUIRED = "Commits must have verified signatures."


def run_git(
    bare: Path, *args: str, data: bytes | None = None, env: dict[str, str] | None = None
) -> str:
    """Run git in a bare repository with the host's configuration ignored."""
    result = subprocess.run(
        ["git", *args],
        cwd=bare,
        input=data,
        env={
            "PATH": os.environ["PATH"],
            "HOME": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": os.devnull,
            **(env or {}),
        },
        capture_output=True,
        check=False,
    )
    if result.returncode != 0:
        raise ApiError(
            422, f"git {args[0]} failed: {result.stderr.decode(errors='replace').strip()}"
        )
    return result.stdout.decode("utf-8", "replace")


def object_type(bare: Path, sha: str) -> str | None:
    """Return the type of the object ``sha`` names in ``bare``, or None if it has none."""
    result = subprocess.run(
        ["git", "cat-file", "-t", sha], cwd=bare, capture_output=True, text=True, check=False
    )
    return result.stdout.strip() if result.returncode == 0 else None


def _bare(request: Request) -> tuple[Repository, Path]:
    repo = repo_of(request)
    server = request.app.state.git_server
    bare: Path | None = None if server is None else server.bare_path(repo.full_name)
    if bare is None or not bare.is_dir():
        raise ApiError(409, "Git Repository is empty.")
    return repo, bare


def _sha_param(request: Request, name: str) -> str:
    sha: str = request.path_params[name]
    if len(sha) != 40 or any(c not in "0123456789abcdef" for c in sha):
        raise ApiError(404, "Not Found")
    return sha


async def create_blob(request: Request) -> Response:
    """``POST /repos/{owner}/{repo}/git/blobs`` (``utf-8`` or ``base64`` content)."""
    repo, bare = _bare(request)
    body = await json_body(request)
    content, encoding = body.get("content"), body.get("encoding", "utf-8")
    if not isinstance(content, str) or encoding not in {"utf-8", "utf8", "base64"}:
        raise ApiError(422, "Invalid request.\n\ncontent and encoding (utf-8 or base64) are wanted")
    try:
        data = (
            base64.b64decode(content, validate=True) if encoding == "base64" else content.encode()
        )
    except binascii.Error:
        raise ApiError(422, "content is not valid Base64") from None
    sha = run_git(bare, "hash-object", "-w", "--stdin", data=data).strip()
    url = f"{API}/repos/{repo.full_name}/git/blobs/{sha}"
    return JSONResponse({"sha": sha, "url": url}, status_code=201)


async def create_tree(request: Request) -> Response:
    """``POST /repos/{owner}/{repo}/git/trees`` on top of ``base_tree``; ``sha: null`` deletes."""
    repo, bare = _bare(request)
    body = await json_body(request)
    entries, base = body.get("tree"), body.get("base_tree")
    if not isinstance(entries, list):
        raise ApiError(422, "Invalid request.\n\ntree is wanted")
    if base is not None and object_type(bare, str(base)) != "tree":
        raise ApiError(422, "base_tree is not a valid tree oid")
    lines = [_index_line(bare, entry, deletes=base is not None) for entry in entries]
    with tempfile.TemporaryDirectory() as scratch:
        env = {"GIT_INDEX_FILE": str(Path(scratch) / "index")}
        if base is not None:
            run_git(bare, "read-tree", str(base), env=env)
        run_git(bare, "update-index", "--index-info", data="".join(lines).encode(), env=env)
        sha = run_git(bare, "write-tree", env=env).strip()
    return JSONResponse(
        {
            "sha": sha,
            "url": f"{API}/repos/{repo.full_name}/git/trees/{sha}",
            "tree": [],
            "truncated": False,
        },
        status_code=201,
    )


def _index_line(bare: Path, entry: Any, *, deletes: bool) -> str:
    """Return the ``update-index --index-info`` line of one tree entry, checked as GitHub does."""
    if not isinstance(entry, dict):
        raise ApiError(422, "Invalid tree entry")
    path, mode, kind = entry.get("path"), entry.get("mode"), entry.get("type")
    if not isinstance(path, str) or not path or path.startswith("/") or "\0" in path:
        raise ApiError(422, f"tree.path {path!r} is not a valid path")
    if mode not in _MODES or kind != _MODES[str(mode)]:
        raise ApiError(422, f"tree.mode {mode!r} with type {kind!r} is not supported")
    if "content" in entry:
        made = run_git(bare, "hash-object", "-w", "--stdin", data=str(entry["content"]).encode())
        return f"{mode} {made.strip()}\t{path}\n"
    sha = entry.get("sha")
    if sha is None:
        if not deletes:
            raise ApiError(422, "tree.sha is null, which deletes, but there is no base_tree")
        return f"0 {_ZERO}\t{path}\n"
    if kind == "blob" and object_type(bare, str(sha)) != "blob":
        raise ApiError(422, f"tree.sha {sha} is not a valid blob")
    return f"{mode} {sha}\t{path}\n"


async def create_commit(request: Request) -> Response:
    """``POST /repos/{owner}/{repo}/git/commits``; signed when no identity is given."""
    repo, bare = _bare(request)
    body = await json_body(request)
    state = state_of(request)
    message, tree, parents = body.get("message"), body.get("tree"), body.get("parents", [])
    if not isinstance(message, str) or not isinstance(tree, str) or not isinstance(parents, list):
        raise ApiError(422, "Invalid request.\n\nmessage and tree are wanted")
    if object_type(bare, tree) != "tree":
        raise ApiError(422, "Tree SHA does not exist")
    if any(object_type(bare, str(p)) != "commit" for p in parents):
        raise ApiError(422, "Parent SHA does not exist or is not a commit object")
    now = int(state.clock())
    bot = state.app.bot_login
    bot_id = user_json(bot)["id"]
    signed = not any(key in body for key in ("author", "committer", "signature"))
    author = body.get("author") or {
        "name": bot,
        "email": f"{bot_id}+{bot}@users.noreply.github.com",
    }
    committer = body.get("committer") or (
        {"name": WEB_FLOW[0], "email": WEB_FLOW[1]} if signed else author
    )
    header = f"tree {tree}\n" + "".join(f"parent {p}\n" for p in parents)
    header += f"author {_person(author, now)}\ncommitter {_person(committer, now)}\n"
    text = message if message.endswith("\n") else message + "\n"
    payload = f"{header}\n{text}"
    signature = body.get("signature") if isinstance(body.get("signature"), str) else None
    if signed:
        signature = _sign(payload)
    raw = payload
    if signature:
        folded = "\n ".join(signature.strip("\n").split("\n"))
        raw = f"{header}gpgsig {folded}\n\n{text}"
    sha = run_git(bare, "hash-object", "-t", "commit", "-w", "--stdin", data=raw.encode()).strip()
    if signed:
        state.signed_commits.add(sha)
    return JSONResponse(commit_json(state, repo, bare, sha), status_code=201)


def _person(person: Any, now: int) -> str:
    if not isinstance(person, dict) or not person.get("name") or not person.get("email"):
        raise ApiError(422, "author and committer need a name and an email")
    return f"{person['name']} <{person['email']}> {now} +0000"


def _sign(payload: str) -> str:
    digest = hmac.new(_SIGNING_SECRET, payload.encode(), hashlib.sha256).digest()
    block = base64.b64encode(digest).decode()
    return f"-----BEGIN PGP SIGNATURE-----\n\n{block}\n-----END PGP SIGNATURE-----\n"


def verification(state: GitHubState, bare: Path, sha: str) -> dict[str, Any]:
    """Return the ``verification`` object GitHub shows for a commit."""
    if sha in state.signed_commits:
        verified, reason = True, "valid"
    elif not _has_signature(bare, sha):
        verified, reason = False, "unsigned"
    else:
        verified = ssh_signature_verifies(bare, sha, state.signing_keys)
        reason = "valid" if verified else "unknown_key"
    return {
        "verified": verified,
        "reason": reason,
        "signature": None,
        "payload": None,
        "verified_at": iso(state.clock()) if verified else None,
    }


def _has_signature(bare: Path, sha: str) -> bool:
    raw = run_git(bare, "cat-file", "commit", sha)
    head = raw.split("\n\n", 1)[0]
    return any(line.startswith("gpgsig") for line in head.splitlines())


def ssh_signature_verifies(bare: Path, sha: str, keys: list[str]) -> bool:
    """Say whether ``sha`` carries an SSH signature by one of ``keys``."""
    if not keys:
        return False
    with tempfile.TemporaryDirectory() as scratch:
        signers = Path(scratch) / "allowed_signers"
        signers.write_text("".join(f'* namespaces="git" {key}\n' for key in keys))
        result = subprocess.run(
            ["git", "-c", "gpg.format=ssh", "-c", f"gpg.ssh.allowedSignersFile={signers}",
             "verify-commit", sha],
            cwd=bare, capture_output=True, check=False,
            env={"PATH": os.environ["PATH"], "HOME": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
                 "GIT_CONFIG_GLOBAL": os.devnull},
        )  # fmt: skip
    return result.returncode == 0


def commit_json(state: GitHubState, repo: Repository, bare: Path, sha: str) -> dict[str, Any]:
    """Render a git commit as ``/git/commits`` does."""
    fields = run_git(bare, "log", "-1", "--format=%T%n%P%n%an%n%ae%n%cn%n%ce%n%B", sha)
    tree, parents, an, ae, cn, ce, message = fields.split("\n", 6)
    base = f"{API}/repos/{repo.full_name}/git"
    return {
        "sha": sha,
        "node_id": f"C_{sha[:12]}",
        "url": f"{base}/commits/{sha}",
        "html_url": f"https://github.example/{repo.full_name}/commit/{sha}",
        "author": {"name": an, "email": ae, "date": iso(state.clock())},
        "committer": {"name": cn, "email": ce, "date": iso(state.clock())},
        "message": message.rstrip("\n"),
        "tree": {"sha": tree, "url": f"{base}/trees/{tree}"},
        "parents": [
            {"sha": p, "url": f"{base}/commits/{p}", "html_url": ""} for p in parents.split()
        ],
        "verification": verification(state, bare, sha),
    }


async def get_commit(request: Request) -> Response:
    """``GET /repos/{owner}/{repo}/git/commits/{commit_sha}`` with its verification."""
    repo, bare = _bare(request)
    sha = _sha_param(request, "commit_sha")
    if object_type(bare, sha) != "commit":
        raise ApiError(404, "Not Found")
    return JSONResponse(commit_json(state_of(request), repo, bare, sha))


def unverified_commits(state: GitHubState, bare: Path, new: str, old: str | None) -> list[str]:
    """Return the commits ``new`` brings onto a branch at ``old`` that are not verified."""
    exclude = [f"^{old}"] if old else ["--not", "--all"]
    listed = run_git(bare, "rev-list", new, *exclude).split()
    return [sha for sha in listed if not verification(state, bare, sha)["verified"]]


def _ref_json(repo: Repository, ref: str, sha: str) -> dict[str, Any]:
    return {
        "ref": ref,
        "node_id": f"REF_{sha[:12]}",
        "url": f"{API}/repos/{repo.full_name}/git/{ref}",
        "object": {
            "type": "commit",
            "sha": sha,
            "url": f"{API}/repos/{repo.full_name}/git/commits/{sha}",
        },
    }


def _current(bare: Path, ref: str) -> str | None:
    result = subprocess.run(
        ["git", "rev-parse", "--verify", "--quiet", ref],
        cwd=bare, capture_output=True, text=True, check=False,
    )  # fmt: skip
    return result.stdout.strip() if result.returncode == 0 else None


def _is_ancestor(bare: Path, old: str, new: str) -> bool:
    result = subprocess.run(["git", "merge-base", "--is-ancestor", old, new], cwd=bare, check=False)
    return result.returncode == 0


def _protect(
    state: GitHubState, repo: Repository, bare: Path, ref: str, new: str, old: str | None
) -> None:
    branch = ref.removeprefix("refs/heads/")
    protected = ref.startswith("refs/heads/") and state.requires_signatures(repo.full_name, branch)
    if protected and unverified_commits(state, bare, new, old):
        raise ApiError(422, f"Protected branch update failed for {ref}: {SIGNATURES_REQUIRED}")


async def create_ref(request: Request) -> Response:
    """``POST /repos/{owner}/{repo}/git/refs``: 422 if it exists or a protection refuses."""
    repo, bare = _bare(request)
    body = await json_body(request)
    ref, sha = body.get("ref"), body.get("sha")
    if not isinstance(ref, str) or not ref.startswith("refs/") or ref.count("/") < 2:
        raise ApiError(422, "Reference name must start with 'refs/' and have at least two slashes")
    if not isinstance(sha, str) or object_type(bare, sha) != "commit":
        raise ApiError(422, "Object does not exist")
    if _current(bare, ref) is not None:
        raise ApiError(422, "Reference already exists")
    _protect(state_of(request), repo, bare, ref, sha, None)
    run_git(bare, "update-ref", ref, sha, _ZERO)
    return JSONResponse(_ref_json(repo, ref, sha), status_code=201)


async def update_ref(request: Request) -> Response:
    """``PATCH /repos/{owner}/{repo}/git/refs/{ref}``: a fast-forward unless ``force``."""
    repo, bare = _bare(request)
    body = await json_body(request)
    ref = "refs/" + str(request.path_params["ref"])
    sha, force = body.get("sha"), body.get("force", False)
    if not isinstance(sha, str) or object_type(bare, sha) != "commit":
        raise ApiError(422, "Object does not exist")
    old = _current(bare, ref)
    if old is None:
        raise ApiError(422, "Reference does not exist")
    if not force and old != sha and not _is_ancestor(bare, old, sha):
        raise ApiError(422, "Update is not a fast forward")
    _protect(state_of(request), repo, bare, ref, sha, old)
    run_git(bare, "update-ref", ref, sha, old)
    return JSONResponse(_ref_json(repo, ref, sha))


async def get_ref(request: Request) -> Response:
    """``GET /repos/{owner}/{repo}/git/ref/{ref}``."""
    repo, bare = _bare(request)
    ref = "refs/" + str(request.path_params["ref"])
    sha = _current(bare, ref)
    if sha is None:
        raise ApiError(404, "Not Found")
    return JSONResponse(_ref_json(repo, ref, sha))


_GIT = "/repos/{owner}/{repo}/git"
ROUTES = [
    Route(f"{_GIT}/blobs", create_blob, methods=["POST"]),
    Route(f"{_GIT}/trees", create_tree, methods=["POST"]),
    Route(f"{_GIT}/commits", create_commit, methods=["POST"]),
    Route(f"{_GIT}/commits/{{commit_sha}}", get_commit, methods=["GET"]),
    Route(f"{_GIT}/refs", create_ref, methods=["POST"]),
    Route(f"{_GIT}/refs/{{ref:path}}", update_ref, methods=["PATCH"]),
    Route(f"{_GIT}/ref/{{ref:path}}", get_ref, methods=["GET"]),
]
