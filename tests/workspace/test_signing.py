"""Choosing how commits are signed, and signing one with an operator's SSH key."""

from __future__ import annotations

import stat
import subprocess
from pathlib import Path

import pytest

from pace_app.config.settings import load_settings
from pace_app.errors import SettingsError
from pace_app.workspace import Workspace, bot_identity
from pace_app.workspace.signing import Signing, commit_signing, signing_from
from tests.workspace.conftest import Origin, git

BOT = bot_identity("pace-app", 41898282)


def _key(tmp_path: Path) -> Path:
    key = tmp_path / "keys" / "signing"
    key.parent.mkdir()
    subprocess.run(
        ["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "pace", "-f", str(key)], check=True
    )
    return key


def test_the_default_is_api_and_the_mode_is_read_in_any_case(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("COMMIT_SIGNING", raising=False)
    assert load_settings(env_file=None).commit_signing == "api"
    monkeypatch.setenv("COMMIT_SIGNING", "OFF")
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    assert commit_signing(load_settings(env_file=None)) == Signing("off")
    monkeypatch.setenv("COMMIT_SIGNING", "sometimes")
    with pytest.raises(SettingsError, match="COMMIT_SIGNING"):
        load_settings(env_file=None)


def test_key_mode_needs_exactly_one_usable_key(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="COMMIT_SIGNING: key needs GIT_SIGNING_KEY"):
        signing_from("key", key=None, key_path=None, data_dir=tmp_path)
    with pytest.raises(SettingsError, match="GIT_SIGNING_KEY_PATH: no file at"):
        signing_from("key", key=None, key_path=tmp_path / "missing", data_dir=tmp_path)
    with pytest.raises(SettingsError, match="not both"):
        signing_from("key", key="k", key_path=tmp_path, data_dir=tmp_path)
    with pytest.raises(SettingsError) as refused:
        signing_from(
            "key", key="ssh-ed25519 AAAA-public-not-private", key_path=None, data_dir=tmp_path
        )
    assert "AAAA" not in str(refused.value)
    assert "is not a PEM or OpenSSH private key" in str(refused.value)


def test_an_inline_key_is_written_privately_under_the_data_dir(tmp_path: Path) -> None:
    text = _key(tmp_path).read_text()
    signing = signing_from("key", key=text, key_path=None, data_dir=tmp_path / "data")
    assert signing.key_path == (tmp_path / "data" / "keys" / "commit-signing-key").resolve()
    assert stat.S_IMODE(signing.key_path.stat().st_mode) == 0o600
    assert signing.key_path.read_text() == text.strip() + "\n"
    assert "PRIVATE" not in repr(signing)


@pytest.mark.anyio
async def test_key_mode_signs_the_commit_without_touching_git_config(
    workspace: Workspace, origin: Origin, tmp_path: Path
) -> None:
    key = _key(tmp_path)
    workspace.signing = signing_from("key", key=None, key_path=key, data_dir=tmp_path)
    async with workspace.run(
        origin.repository(), run_id="r1", base="main", branch="pace/issue-1-x", token=None
    ) as worktree:
        (worktree.path / "a.txt").write_text("a\n")
        sha = await worktree.commit("Signed", BOT)
        assert sha is not None
        await worktree.push(None)
        config = (worktree.path / ".git" / "config").read_text()
    assert "signingkey" not in config.lower()
    signers = tmp_path / "allowed_signers"
    signers.write_text(f'* namespaces="git" {key.with_suffix(".pub").read_text()}')
    verified = git(
        "-c", "gpg.format=ssh", "-c", f"gpg.ssh.allowedSignersFile={signers}",
        "verify-commit", sha, cwd=origin.bare,
    )  # fmt: skip
    assert origin.head("pace/issue-1-x") == sha
    assert verified == ""
