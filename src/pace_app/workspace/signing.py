"""How the App's commits are signed: by GitHub through its API, by an operator's key, or not.

- ``api`` (the default): the commits are created through GitHub's Git Data API without
  an author or committer, so GitHub signs them as the App and marks them verified;
  branches that require signed commits accept them.
- ``key``: the commits are signed locally with the operator's SSH signing key
  (``gpg.format ssh``) and pushed with git; GitHub verifies them against the key the
  operator registered for the App's bot as a signing key.
- ``off``: unsigned commits pushed with git, for servers without the Git Data API.

The key never enters ``.git/config`` or a worktree: git is told its path per command,
and an inline key is written once, readable by the service's user only, to
``DATA_DIR/keys``, which no sandboxed command can see.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pace_app.config.settings import Settings
from pace_app.errors import SettingsError

CommitSigning = Literal["api", "key", "off"]
KEY_FILE = "commit-signing-key"
_PRIVATE_KEY_MARKER = "PRIVATE KEY-----"


@dataclass(frozen=True)
class Signing:
    """The signing mode and, in ``key`` mode, where the SSH private key is."""

    mode: CommitSigning = "off"
    key_path: Path | None = None

    def __post_init__(self) -> None:
        if self.mode == "key" and self.key_path is None:
            raise SettingsError(
                "COMMIT_SIGNING", "key needs GIT_SIGNING_KEY or GIT_SIGNING_KEY_PATH"
            )

    def __repr__(self) -> str:
        return f"Signing(mode={self.mode!r})"

    def commit_config(self) -> list[tuple[str, str]]:
        """Return the git settings a commit needs in this mode (none unless ``key``)."""
        if self.mode != "key" or self.key_path is None:
            return []
        return [
            ("gpg.format", "ssh"),
            ("user.signingKey", str(self.key_path)),
            ("commit.gpgSign", "true"),
        ]


def signing_from(
    mode: CommitSigning, *, key: str | None, key_path: Path | None, data_dir: Path
) -> Signing:
    """Return the signing the settings ask for; an inline key is written to ``DATA_DIR/keys``."""
    if mode != "key":
        return Signing(mode)
    if key and key_path:
        raise SettingsError(
            "GIT_SIGNING_KEY", "set GIT_SIGNING_KEY or GIT_SIGNING_KEY_PATH, not both"
        )
    if key_path is not None:
        if not key_path.is_file():
            raise SettingsError("GIT_SIGNING_KEY_PATH", f"no file at {key_path}")
        return Signing(mode, key_path.resolve())
    if not key:
        raise SettingsError("COMMIT_SIGNING", "key needs GIT_SIGNING_KEY or GIT_SIGNING_KEY_PATH")
    if _PRIVATE_KEY_MARKER not in key:
        # Never echo the value: it may be a key pasted into the wrong variable.
        raise SettingsError("GIT_SIGNING_KEY", "is not a PEM or OpenSSH private key")
    return Signing(mode, write_key(key, data_dir / "keys" / KEY_FILE))


def write_key(key: str, path: Path) -> Path:
    """Write ``key`` to ``path`` readable by this user only (ssh-keygen refuses wider)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    if path.is_symlink() or path.exists():
        path.unlink()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(key.strip() + "\n")
    return path.resolve()


def commit_signing(settings: Settings) -> Signing:
    """Return the signing ``COMMIT_SIGNING`` and ``GIT_SIGNING_KEY(_PATH)`` ask for."""
    key = settings.git_signing_key
    return signing_from(
        settings.commit_signing,
        key=None if key is None else key.get_secret_value(),
        key_path=settings.git_signing_key_path,
        data_dir=settings.data_dir,
    )
