"""``pace doctor``'s signing line: each COMMIT_SIGNING mode, and a key that cannot sign."""

import shutil
from pathlib import Path

import anyio
import pytest

from pace_app.config.settings import load_settings
from pace_app.doctor import FAIL, PASS, WARN, check_signing

pytestmark = pytest.mark.anyio


async def line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, **env: str) -> tuple[str, str]:
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    check = await check_signing(load_settings(env_file=None))
    return check.mark, check.detail


async def test_api_and_off_say_what_branch_protection_will_see(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    assert (await line(monkeypatch, tmp_path))[0] == PASS
    mark, detail = await line(monkeypatch, tmp_path, COMMIT_SIGNING="off")
    assert mark == WARN
    assert "require signed commits refuse them" in detail


@pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="ssh-keygen is not installed")
async def test_a_key_is_checked_by_deriving_its_public_half(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    key = tmp_path / "signing"
    await anyio.run_process(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)])
    good = await line(monkeypatch, tmp_path, COMMIT_SIGNING="key", GIT_SIGNING_KEY_PATH=str(key))
    assert good == (PASS, "commits signed with the operator's ssh-ed25519 key")
    key.write_text("-----BEGIN OPENSSH PRIVATE KEY-----\nnot a key\n")
    key.chmod(0o600)
    bad = await line(monkeypatch, tmp_path, COMMIT_SIGNING="key", GIT_SIGNING_KEY_PATH=str(key))
    assert bad[0] == FAIL
    assert "cannot be read by ssh-keygen" in bad[1]
