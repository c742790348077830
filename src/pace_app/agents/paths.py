"""Confine model-supplied paths to a worktree, away from ``.git``; name protected files.

A path is checked twice: as text (relative, no ``..``, no ``.git`` component) and after
resolving symlinks (still inside the worktree, still not in ``.git``). The second check
is what stops a symlink committed to the repository from leading outside it.

Protected paths are the files that steer the App, git or CI: FORGE may read them but
never write them (``is_protected``). A glob matches the whole relative path, ``*``
within one component, ``**`` across any number of them (none included); letter case
is ignored, so ``.GitAttributes`` counts too.
"""

from __future__ import annotations

import fnmatch
import functools
import logging
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath
from typing import NoReturn

from pace_app.domain.text import neutralise
from pace_app.errors import ToolError
from pace_app.workspace.changes import WORKFLOWS_REFUSED, workflow_paths

logger = logging.getLogger(__name__)

MAX_PATH_CHARS = 1024
_DRIVE = re.compile(r"^[A-Za-z]:")


PROTECTED_PATHS: tuple[str, ...] = (
    "pace.config.yaml",
    "pace/pace.config.yaml",
    # A synced sprint plan opens issues and can start runs once merged.
    "plan.yaml",
    "**/.gitattributes",
    ".gitmodules",
    ".github/workflows/**",
    ".pace/**",
)
# SCRIBE's context document is the one file under .pace/ the agents keep up to date.
UNPROTECTED_PATHS: tuple[str, ...] = (".pace/context/engineering.md",)


def is_protected(path: str, extra: Iterable[str] = ()) -> bool:
    """Say whether ``path`` (relative to the repository root) is a file FORGE may not write.

    ``extra`` holds the operator's globs (``PROTECTED_PATHS``) on top of the built-in ones.
    """
    parts = _parts(path)
    if any(_matches(parts, _parts(glob)) for glob in UNPROTECTED_PATHS):
        return False
    return any(_matches(parts, _parts(glob)) for glob in (*PROTECTED_PATHS, *extra))


def protected_refusal(path: str) -> str:
    """Return what the model reads when it tries to write the protected ``path``."""
    if workflow_paths([path]):
        return (
            f"{path!r} is protected: "
            + WORKFLOWS_REFUSED.format(paths=path)
            + ". Do not try another way; say in complete_handoff's risks that this "
            "workflow change is left to a person, so they see why"
        )
    return (
        f"{path!r} is protected: files that steer PACE, git or CI "
        "(pace.config.yaml, .gitattributes, .gitmodules, .github/workflows/, "
        ".pace/) are not written by FORGE; change the code instead"
    )


def refusal_note(paths: Sequence[str]) -> str | None:
    """Return what the status comment says of the protected files FORGE could not write."""
    if not paths:
        return None
    shown = ", ".join(
        "`" + neutralise(path, one_line=True).replace("`", "'") + "`" for path in paths[:5]
    )
    more = f" and {len(paths) - 5} more" if len(paths) > 5 else ""
    if workflow_paths(paths):
        reason = WORKFLOWS_REFUSED.format(paths="workflow files")
    else:
        reason = "files that steer PACE, git or CI are changed by people, not by FORGE"
    return f"FORGE was not allowed to change {shown}{more}: {reason}"


def _parts(path: str) -> tuple[str, ...]:
    """Split a path or glob into its components, without empty or ``.`` ones."""
    return tuple(part.casefold() for part in path.split("/") if part not in ("", "."))


@functools.lru_cache(maxsize=4096)
def _matches(parts: tuple[str, ...], glob: tuple[str, ...]) -> bool:
    if not glob:
        return not parts
    head, rest = glob[0], glob[1:]
    if head == "**":
        return any(_matches(parts[index:], rest) for index in range(len(parts) + 1))
    return bool(parts) and fnmatch.fnmatchcase(parts[0], head) and _matches(parts[1:], rest)


def is_git_name(name: str) -> bool:
    """Say whether a path component names git's metadata (any letter case)."""
    return name.casefold() == ".git"


class Worktree:
    """A directory the model may read and write, addressed by relative paths."""

    def __init__(self, root: Path) -> None:
        self.root = root.resolve(strict=True)
        if not self.root.is_dir():
            raise NotADirectoryError(str(root))

    def resolve(self, path: str, *, allow_root: bool = False) -> Path:
        """Return the real path ``path`` names inside the worktree, or raise ``ToolError``."""
        relative = _check_text(path, allow_root=allow_root)
        real = Path(os.path.realpath(self.root / relative))
        if not real.is_relative_to(self.root):
            _refuse(path, "leaves the repository through a symlink")
        inside = real.relative_to(self.root)
        if any(is_git_name(part) for part in inside.parts):
            _refuse(path, "leads into .git through a symlink; .git is off limits")
        if not inside.parts and not allow_root:
            _refuse(path, "names the repository root; give a file path")
        return real

    def display(self, real: Path) -> str:
        """Return a real path inside the worktree as the model should write it."""
        return real.relative_to(self.root).as_posix()


def _check_text(path: str, *, allow_root: bool) -> PurePosixPath:
    """Check a path as text and return it as a relative path."""
    if "\x00" in path:
        _refuse(path, "contains a NUL character")
    if len(path) > MAX_PATH_CHARS:
        _refuse(path, f"is longer than {MAX_PATH_CHARS} characters")
    if "\\" in path:
        _refuse(path, "contains a backslash; use forward slashes")
    if path.startswith("/") or _DRIVE.match(path):
        _refuse(path, "is absolute; use a path relative to the repository root, e.g. src/app.py")
    relative = PurePosixPath(path)
    if ".." in relative.parts:
        _refuse(path, "contains '..'; paths must stay inside the repository")
    if any(is_git_name(part) for part in relative.parts):
        _refuse(path, "is inside .git; git metadata is off limits")
    if not relative.parts and not allow_root:
        _refuse(path, "is empty; give a file path relative to the repository root")
    return relative


def _refuse(path: str, problem: str) -> NoReturn:
    """Raise the ``ToolError`` the model sees for a refused path."""
    shown = path if len(path) <= 200 else path[:199] + "…"
    logger.warning("forge path refused", extra={"path": shown, "problem": problem})
    raise ToolError(f"path {shown!r} {problem}")
