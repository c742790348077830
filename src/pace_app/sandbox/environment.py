"""The environment a sandboxed command gets: empty plus a short allowlist.

Nothing is inherited from the service's own environment, so the webhook secret, the
App's private key, installation tokens and model API keys can never reach repository
code. What the command does get:

- ``PATH``: the worktree's ``.venv/bin`` (so ``pytest`` finds what ``uv sync`` or a
  venv setup installed), fixed system directories, and the directories of the
  service's base Python and of ``uv``. The last two matter because on many hosts the
  only Python or ``uv`` lives outside the system directories (pyenv, uv-managed
  Pythons, ``~/.local/bin``); without them a repository's setup could not run at all.
- ``HOME``: a fresh directory inside the run directory, so caches and dotfiles the
  command writes never touch the service user's real home.
- ``LANG=C.UTF-8`` and ``CI=true`` (test tools turn off interactive behaviour).
- Names the caller passes explicitly (``PYTEST_ADDOPTS`` and the like), after checks.
"""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from pace_app.errors import SandboxError

SYSTEM_PATH_DIRS: tuple[str, ...] = (
    "/usr/local/sbin",
    "/usr/local/bin",
    "/usr/sbin",
    "/usr/bin",
    "/sbin",
    "/bin",
)
FIXED_NAMES = frozenset({"PATH", "HOME", "LANG", "CI"})
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
# Names a caller must never forward, even by mistake: the service's own settings and
# anything that looks like a credential.
_FORBIDDEN_PREFIXES = (
    "GITHUB_",
    "ANTHROPIC_",
    "OPENAI_",
    "SENTRY_",
    "PACE_",
    "DATABASE_",
    "LD_",
)
_FORBIDDEN_PARTS = ("SECRET", "TOKEN", "PASSWORD", "PASSWD", "PRIVATE_KEY", "API_KEY", "CREDENTIAL")


def tool_dirs(
    *,
    base_prefix: Path | None = None,
    prefix: Path | None = None,
    which: Callable[[str], str | None] = shutil.which,
) -> tuple[Path, ...]:
    """Return the directories of the service's base Python and of ``uv``, if present."""
    base_bin = (base_prefix or Path(sys.base_prefix)) / "bin"
    env_bin = (prefix or Path(sys.prefix)) / "bin"
    dirs = [base_bin]
    for candidate in (base_bin / "uv", env_bin / "uv"):
        if candidate.is_file():
            dirs.append(candidate.parent)
            break
    else:
        found = which("uv")
        # A pyenv-style shim is a script that needs the shim machinery's own
        # environment; only a real binary's directory is worth adding.
        if found is not None and Path(found).resolve().parent.name != "shims":
            dirs.append(Path(found).resolve().parent)
    return tuple(dict.fromkeys(d for d in dirs if d.is_dir()))


def safe_path(cwd: Path, extra_dirs: Iterable[Path]) -> str:
    """Build the fixed ``PATH`` for a command running in ``cwd``."""
    entries = [str(cwd / ".venv" / "bin"), *SYSTEM_PATH_DIRS, *(str(d) for d in extra_dirs)]
    return ":".join(dict.fromkeys(entries))


def check_extra_name(name: str) -> None:
    """Refuse an extra variable name that is malformed, fixed, or looks like a secret."""
    if not _NAME.fullmatch(name):
        raise SandboxError(f"invalid environment variable name {name!r}")
    upper = name.upper()
    if upper in FIXED_NAMES:
        raise SandboxError(f"{name} is set by the sandbox and cannot be overridden")
    if upper.startswith(_FORBIDDEN_PREFIXES) or any(p in upper for p in _FORBIDDEN_PARTS):
        raise SandboxError(f"{name} may carry a secret and is never passed to repository code")


def build_environment(
    *,
    cwd: Path,
    home: Path,
    extra_dirs: Iterable[Path],
    extra_env: Mapping[str, str] | None = None,
) -> dict[str, str]:
    """Return the complete environment for one command; nothing else is inherited."""
    env = {
        "PATH": safe_path(cwd, extra_dirs),
        "HOME": str(home),
        "LANG": "C.UTF-8",
        "CI": "true",
    }
    for name, value in (extra_env or {}).items():
        check_extra_name(name)
        if "\0" in value:
            raise SandboxError(f"the value of {name} contains a NUL byte")
        env[name] = value
    return env
