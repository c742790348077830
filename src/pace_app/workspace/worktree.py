"""A run's own checkout of a repository: commit, diff, push, remove.

A worktree is a local clone of the mirror (``git clone --no-hardlinks``: its objects
are copies, so nothing a sandboxed command does to them reaches the mirror, and it
needs nothing from the mirror afterwards) at
``<runs_root>/<run_id>/worktree``. Its ``.git`` lives inside it, so repository tools
in the sandbox that ask git for a version keep working; because sandboxed code can
write there, the repository's config, hooks and attribute overrides are reset
before every git command the app runs in it.
"""

from __future__ import annotations

import logging
import os
import shutil
import stat
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import anyio

from pace_app.errors import WorkspaceError
from pace_app.workspace.changes import TreeChange, refuse_workflow_changes, tree_changes
from pace_app.workspace.git import DIFF_ENV, DIFF_FLAGS, Git, GitResult, git_failure
from pace_app.workspace.mirror import Mirror
from pace_app.workspace.policy import Repository, check_branch, check_run_id, is_sha
from pace_app.workspace.publish import ApiPublisher
from pace_app.workspace.signing import Signing

logger = logging.getLogger(__name__)

# The whole repository config: no remotes, no includes, nothing that runs a program.
_REPO_CONFIG = (
    "[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n"
    "\tbare = false\n\tlogallrefupdates = true\n"
)
_REJECTED = ("[rejected]", "[remote rejected]", "stale info")
_MAX_REFUSAL_CHARS = 1000


@dataclass(frozen=True)
class Identity:
    """The name and email a commit is authored and committed as."""

    name: str
    email: str

    def __post_init__(self) -> None:
        for value in (self.name, self.email):
            if not value or not value.isprintable() or any(c in value for c in "<>\n"):
                raise WorkspaceError("commit identity has an empty or unusable name or email")


def bot_identity(slug: str, bot_user_id: int) -> Identity:
    """Return the identity GitHub shows as the App's bot user."""
    return Identity(
        name=f"{slug}[bot]", email=f"{bot_user_id}+{slug}[bot]@users.noreply.github.com"
    )


@dataclass(frozen=True)
class CommittedFile:
    """One entry of a commit's tree: path, git mode, blob id and size in bytes."""

    path: str
    mode: str
    object_id: str
    size: int

    @property
    def regular(self) -> bool:
        """Say whether the entry is a plain file (not a symlink, submodule or executable)."""
        return self.mode in {"100644", "100755"}


class Worktree:
    """One run's checkout of ``branch``; pushes go to the repository's clone URL.

    With a ``publisher`` a push goes through GitHub's Git Data API instead of git, so
    GitHub signs the commit; ``signing`` says how local commits are signed.
    """

    def __init__(
        self,
        *,
        path: Path,
        repository: Repository,
        branch: str,
        base_sha: str,
        remote_sha: str | None,
        mirror: Mirror,
        signing: Signing | None = None,
        publisher: ApiPublisher | None = None,
    ) -> None:
        self.path = path
        self.repository = repository
        self.branch = branch
        self.base_sha = base_sha
        # The branch head on the origin as far as this run knows: the push lease.
        self.remote_sha = remote_sha
        self.signing = signing or Signing()
        self.publisher = publisher
        self._mirror = mirror

    def __repr__(self) -> str:
        return f"Worktree(path={str(self.path)!r}, branch={self.branch!r})"

    @property
    def git(self) -> Git:
        """Return the git runner."""
        return self._mirror.git

    async def head(self) -> str:
        """Return the commit the worktree is at."""
        return (await self._git("rev-parse", "--verify", "HEAD^{commit}")).stdout.strip()

    async def changed_files(self) -> list[str]:
        """Return the paths the committed changes since the base touch (the PR's files).

        What builds and tests leave in the checkout (bytecode, caches) is not a change.
        """
        result = await self._git(
            "diff", *DIFF_FLAGS, "--name-only", "-z", "--no-renames", f"{self.base_sha}...HEAD",
            "--", extra_env=dict(DIFF_ENV),
        )  # fmt: skip
        return sorted({path for path in result.stdout.split("\0") if path})

    async def diff(self, base: str | None = None) -> str:
        """Return the unified diff of the committed changes since ``base`` (a PR's diff)."""
        base_sha = self.base_sha if base is None else await self._resolve(base)
        result = await self._git(
            "diff", *DIFF_FLAGS, f"{base_sha}...HEAD", "--", extra_env=dict(DIFF_ENV)
        )
        return result.stdout

    async def commit(
        self, message: str, author: Identity, *, paths: Sequence[str] | None = None
    ) -> str | None:
        """Stage ``paths`` (default: everything) and commit as ``author``; None if unchanged.

        Naming the paths keeps what builds and test runs leave in the worktree (bytecode,
        caches, a ``.venv`` from setup) out of the commit.
        """
        if not message.strip():
            raise WorkspaceError("commit message is empty")
        if paths is None:
            await self._git("add", "--all")
        elif paths:
            # Literal pathspecs: a path is a file name here, never a glob.
            await self._git("add", "--all", "--", *(f":(literal){path}" for path in paths))
        staged = await self._git(
            "diff", *DIFF_FLAGS, "--cached", "--quiet", check=False, extra_env=dict(DIFF_ENV)
        )
        if staged.exit_code == 0:
            return None
        identity = {
            "GIT_AUTHOR_NAME": author.name,
            "GIT_AUTHOR_EMAIL": author.email,
            "GIT_COMMITTER_NAME": author.name,
            "GIT_COMMITTER_EMAIL": author.email,
        }
        signing = self.signing.commit_config()
        await self._git(
            "commit", "--quiet", "--no-verify", "-S" if signing else "--no-gpg-sign",
            "-m", message, extra_env=identity, config=signing,
        )  # fmt: skip
        sha = await self.head()
        logger.info("worktree committed", extra={"repo": self.repository.full_name, "sha": sha})
        return sha

    async def push(self, token: str | None) -> None:
        """Publish HEAD on the branch, refusing if the branch moved since this run saw it.

        A change to ``.github/workflows/`` is refused first, before anything is sent.
        """
        changes = await self.outgoing_changes()
        refuse_workflow_changes(change.path for change in changes)
        if self.publisher is not None:
            await self.publisher.publish(self, changes, token)
            return
        await self._git_push(token)

    async def outgoing_changes(self) -> list[TreeChange]:
        """Return what HEAD changes against the branch's head on GitHub (or the base)."""
        parent = self.remote_sha or self.base_sha
        result = await self._git(
            "diff-tree", "-r", "-z", "--raw", "--no-renames", "--no-commit-id", parent, "HEAD"
        )
        return tree_changes(result.stdout)

    async def tree_of(self, commit: str) -> str:
        """Return the tree a commit records."""
        return (await self._git("rev-parse", "--verify", f"{commit}^{{tree}}")).stdout.strip()

    async def message_of(self, commit: str) -> str:
        """Return a commit's whole message."""
        return (await self._git("log", "-1", "--format=%B", commit, "--")).stdout.rstrip("\n")

    async def blob_bytes(self, object_id: str) -> bytes:
        """Return a blob's content exactly as stored, text or not."""
        return (await self._git("cat-file", "blob", object_id)).stdout_bytes

    async def blob_sizes(self, object_ids: Sequence[str]) -> dict[str, int]:
        """Return the size in bytes of each of HEAD's blobs named in ``object_ids``."""
        wanted = set(object_ids)
        if not wanted:
            return {}
        files = await self.committed_files("HEAD")
        return {f.object_id: f.size for f in files.values() if f.object_id in wanted}

    async def adopt(self, sha: str, token: str | None) -> None:
        """Fetch the branch from GitHub and move the worktree's branch to ``sha`` on it."""
        url = self._mirror.mirrors.policy.check(self.repository.clone_url)
        await self._git(
            "fetch", "--quiet", "--no-tags", "--no-write-fetch-head", "--", url,
            f"+refs/heads/{self.branch}:refs/pace/published",
            token=token, url=url, protocols=self._mirror.protocols,
        )  # fmt: skip
        present = await self._git("cat-file", "-e", f"{sha}^{{commit}}", check=False)
        if present.exit_code != 0:
            raise WorkspaceError(f"commit {sha} is not on {self.branch!r} after publishing it")
        # Same tree as HEAD: only the branch moves; the index and the files stay.
        await self._git("reset", "--quiet", "--soft", sha)
        self.remote_sha = sha

    async def _git_push(self, token: str | None) -> None:
        url = self._mirror.mirrors.policy.check(self.repository.clone_url)
        ref = f"refs/heads/{self.branch}"
        head = await self.head()
        # An empty expected value means "the branch must not exist yet".
        lease = f"--force-with-lease={ref}:{self.remote_sha or ''}"
        result = await self._git(
            "push", "--porcelain", "--no-verify", lease, "--", url, f"{head}:{ref}",
            token=token, url=url, protocols=self._mirror.protocols, check=False,
        )  # fmt: skip
        if result.exit_code != 0:
            refusal = remote_refusal(result.stderr)
            if "[remote rejected]" in result.stdout and refusal:
                raise WorkspaceError(f"GitHub refused the push to {self.branch!r}: {refusal}")
            if any(marker in result.stdout for marker in _REJECTED):
                raise WorkspaceError(
                    f"push to {self.branch!r} was rejected: the branch changed on "
                    "the repository since this run started, so nothing was overwritten"
                )
            raise WorkspaceError(git_failure("push", result.exit_code, result.stderr))
        self.remote_sha = head
        logger.info("worktree pushed", extra={"repo": self.repository.full_name, "sha": head})

    async def committed_files(self, commit: str) -> dict[str, CommittedFile]:
        """Return the regular files of ``commit`` by path, with their blob ids and sizes.

        Read from git's object store, never from the checkout, so what a run wrote in the
        worktree cannot change the answer; symlinks and submodules are listed with their
        mode so callers can refuse them.
        """
        listing = await self._git("ls-tree", "-r", "-z", "-l", "--full-tree", commit)
        return parse_ls_tree(listing.stdout)

    async def read_blob(self, object_id: str) -> str:
        """Return a blob's text from git's object store."""
        return (await self._git("cat-file", "blob", object_id)).stdout

    async def remove(self) -> None:
        """Delete the worktree directory; safe to call twice."""
        await anyio.to_thread.run_sync(remove_tree, self.path)

    async def _resolve(self, ref: str) -> str:
        """Return the commit a base branch name (as the mirror had it) or sha names."""
        if is_sha(ref):
            candidate = f"{ref}^{{commit}}"
        else:
            candidate = f"refs/remotes/origin/{check_branch(ref)}^{{commit}}"
        result = await self._git("rev-parse", "--verify", "--quiet", candidate, check=False)
        if result.exit_code != 0:
            raise WorkspaceError(f"base {ref!r} is not in the worktree")
        return result.stdout.strip()

    async def _git(
        self,
        *args: str,
        check: bool = True,
        token: str | None = None,
        url: str | None = None,
        protocols: tuple[str, ...] = (),
        extra_env: dict[str, str] | None = None,
        config: Sequence[tuple[str, str]] = (),
    ) -> GitResult:
        await anyio.to_thread.run_sync(reset_git_dir, self.path)
        return await self.git.run(
            *args, cwd=self.path, check=check, token=token, url=url,
            protocols=protocols, extra_env=extra_env, config=config,
        )  # fmt: skip


async def create_worktree(
    mirror: Mirror,
    run_id: str,
    *,
    base: str,
    branch: str,
    runs_root: Path,
    signing: Signing | None = None,
    publisher: ApiPublisher | None = None,
) -> Worktree:
    """Check out ``branch`` for a run: at its origin head if it exists, else at ``base``."""
    check_run_id(run_id)
    check_branch(branch)
    if not is_sha(base):
        check_branch(base)
    path = runs_root / run_id / "worktree"
    # A crashed earlier attempt of the same run may have left its checkout behind.
    await anyio.to_thread.run_sync(remove_tree, path)
    await anyio.to_thread.run_sync(lambda: path.parent.mkdir(parents=True, exist_ok=True))
    try:
        async with mirror.lock():
            remote_sha = await mirror.branch_head(branch)
            base_sha = await _mirror_commit(mirror, base)
            await mirror.git.run(
                "clone", "--no-hardlinks", "--no-checkout", "--quiet",
                "--", str(mirror.path), str(path), protocols=("file",),
            )  # fmt: skip
        worktree = Worktree(
            path=path,
            repository=mirror.repository,
            branch=branch,
            base_sha=base_sha,
            remote_sha=remote_sha,
            mirror=mirror,
            signing=signing,
            publisher=publisher,
        )
        await worktree._git("checkout", "--quiet", "-B", branch, remote_sha or base_sha, "--")
    except BaseException:
        with anyio.CancelScope(shield=True):
            await anyio.to_thread.run_sync(remove_tree, path)
        raise
    logger.info(
        "worktree created",
        extra={"repo": mirror.repository.full_name, "run_id": run_id, "rerun": bool(remote_sha)},
    )
    return worktree


async def _mirror_commit(mirror: Mirror, base: str) -> str:
    """Return the commit ``base`` (branch name or sha) names in the mirror."""
    candidate = f"{base}^{{commit}}" if is_sha(base) else f"refs/heads/{base}^{{commit}}"
    result = await mirror.git.run(
        "rev-parse", "--verify", "--quiet", candidate, cwd=mirror.path, check=False
    )
    if result.exit_code != 0:
        raise WorkspaceError(f"base {base!r} is not a branch or commit of the repository")
    return result.stdout.strip()


def remote_refusal(stderr: str) -> str:
    """Return the reasons the server gave for refusing a push (its ``remote: error:`` lines)."""
    reasons = [
        line.removeprefix("remote:").strip().removeprefix("error:").strip()
        for line in stderr.splitlines()
        if line.startswith("remote:") and "error:" in line
    ]
    return " ".join(reason for reason in reasons if reason)[:_MAX_REFUSAL_CHARS]


def reset_git_dir(path: Path) -> None:
    """Reset what in ``path/.git`` could make git run a program or read other config."""
    git_dir = path / ".git"
    if git_dir.is_symlink() or not git_dir.is_dir():
        raise WorkspaceError("the worktree's .git directory is missing or was replaced")
    for name in ("config", "config.worktree", "commondir"):
        _unlink(git_dir / name)
    info = git_dir / "info"
    if info.is_symlink():
        _unlink(info)
    else:
        _unlink(info / "attributes")
    hooks = git_dir / "hooks"
    if hooks.is_symlink():
        _unlink(hooks)
    elif hooks.is_dir():
        shutil.rmtree(hooks)
    # Written fresh after the unlink, so a symlink planted as config is never followed.
    fd = os.open(git_dir / "config", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    with os.fdopen(fd, "w", encoding="utf-8") as config:
        config.write(_REPO_CONFIG)


def remove_tree(path: Path) -> None:
    """Delete ``path`` even where sandboxed code made directories read-only."""
    if path.is_symlink():
        path.unlink()
        return
    if not path.exists():
        return
    path.chmod(path.stat().st_mode | stat.S_IRWXU)
    for root, dirs, _files in os.walk(path):
        for name in dirs:
            entry = Path(root) / name
            if not entry.is_symlink():
                entry.chmod(entry.stat().st_mode | stat.S_IRWXU)
    shutil.rmtree(path, ignore_errors=True)
    if path.exists():
        logger.warning("worktree could not be removed completely", extra={"path": str(path)})


def _unlink(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)


def parse_ls_tree(listing: str) -> dict[str, CommittedFile]:
    """Return the entries of ``git ls-tree -z -l`` output by path (sizes of blobs only)."""
    files: dict[str, CommittedFile] = {}
    for entry in listing.split("\0"):
        if not entry:
            continue
        meta, _, path = entry.partition("\t")
        mode, kind, object_id, size = meta.split(None, 3)
        files[path] = CommittedFile(
            path=path,
            mode=mode,
            object_id=object_id,
            size=int(size) if kind == "blob" and size.strip().isdigit() else 0,
        )
    return files
