"""The deterministic scanners on real files: ruff's S rules, detect-secrets, env files."""

from __future__ import annotations

import sys
from pathlib import Path

from pace_app.agents.sentinel.scanners import (
    find_ruff,
    is_env_file,
    read_changed,
    ruff_command,
    ruff_rule,
    scan_env_files,
    scan_ruff,
    scan_secrets,
)
from pace_app.domain.diff import parse_diff
from tests.agents.sentinel.conftest import Repo

SHELL = """\
import subprocess

from flask import request


def run():
    subprocess.run(request.args["cmd"], shell=True)  # noqa: S602
"""
MODERN = """\
type Pair[T] = tuple[T, T]


def first[T](pair: Pair[T]) -> T:
    return eval(pair[0])
"""
BROKEN = "def broken(:\n    pass\n"
AWS_KEY = "AKIAIOSFODNN7EXAMPLE"
SECRET_FILE = f'REGION = "eu-west-1"\nACCESS_KEY_ID = "{AWS_KEY}"\n'


def scan(repo: Repo, **options: object) -> tuple[list[str], list[str]]:
    diff = parse_diff(repo.diff)
    paths = diff.present_paths()
    texts, _, _ = read_changed(repo.root, paths)
    result = scan_ruff(
        repo.root,
        texts,
        {p: diff.added_lines(p) for p in paths},
        **options,  # type: ignore[arg-type]
    )
    return [f"{f.location} {f.severity} {f.category}" for f in result.findings], result.not_analysed


def test_ruff_flags_shell_injection_on_its_line_even_with_noqa(repo: Repo) -> None:
    repo.add("app/run.py", SHELL)
    findings, not_analysed = scan(repo)
    assert findings == ["app/run.py:7 high shell-injection"]
    assert not_analysed == []


def test_ruff_reads_new_syntax_and_reports_unparsable_files(repo: Repo) -> None:
    repo.add("modern.py", MODERN)
    repo.add("broken.py", BROKEN)
    findings, not_analysed = scan(repo)
    assert findings == ["modern.py:5 high code-execution"]
    assert len(not_analysed) == 1
    assert not_analysed[0].startswith("broken.py: syntax error at line 1")


def test_ruff_keeps_only_findings_on_changed_lines(repo: Repo) -> None:
    repo.write("app/run.py", SHELL)
    repo.diff = (
        "diff --git a/app/run.py b/app/run.py\n--- a/app/run.py\n+++ b/app/run.py\n"
        "@@ -1,2 +1,2 @@\n-import os\n+import subprocess\n \n"
    )
    findings, _ = scan(repo)
    assert findings == []


def test_ruff_ignores_the_repositorys_own_config(repo: Repo) -> None:
    repo.write("pyproject.toml", '[tool.ruff.lint]\nignore = ["S"]\n')
    repo.add("app/run.py", SHELL)
    findings, _ = scan(repo)
    assert findings == ["app/run.py:7 high shell-injection"]


def test_ruff_timeout_and_failures_are_not_analysed(repo: Repo, tmp_path: Path) -> None:
    repo.add("a.py", "x = 1\n")
    sleeper = tmp_path / "sleeper"
    sleeper.write_text(f"#!{sys.executable}\nimport time\ntime.sleep(5)\n")
    sleeper.chmod(0o755)
    _, not_analysed = scan(repo, ruff_bin=str(sleeper), timeout=0.2)
    assert not_analysed == ["a.py: ruff timed out after 0 s"]
    failing = tmp_path / "failing"
    failing.write_text(f"#!{sys.executable}\nimport sys\nsys.exit('boom')\n")
    failing.chmod(0o755)
    _, not_analysed = scan(repo, ruff_bin=str(failing))
    assert not_analysed == ["a.py: ruff failed (exit 1): boom"]
    _, not_analysed = scan(repo, ruff_bin=str(tmp_path / "missing"))
    assert not_analysed[0].startswith("a.py: ruff could not start")


def test_ruff_is_not_run_without_python_files(repo: Repo) -> None:
    repo.add("README.md", "# hi\n")
    assert scan(repo, ruff_bin="/nonexistent") == ([], [])


def test_ruff_command_and_rule_table() -> None:
    command = ruff_command("ruff", ["-weird.py"])
    assert command[-2:] == ["--", "-weird.py"]
    assert {"--isolated", "--no-cache", "--ignore-noqa"} <= set(command)
    assert ruff_rule("S301") == ("high", "unsafe-deserialisation")
    assert ruff_rule("S105") == ("medium", "hardcoded-secret")
    assert ruff_rule("S311") == ("low", "weak-random")
    assert ruff_rule("S999") == ("medium", "security")
    assert Path(find_ruff()).name.startswith("ruff")


def test_detect_secrets_finds_an_aws_key_without_quoting_it(repo: Repo) -> None:
    repo.add("settings.py", SECRET_FILE)
    diff = parse_diff(repo.diff)
    texts, _, _ = read_changed(repo.root, ["settings.py"])
    result = scan_secrets(repo.root, texts, {"settings.py": diff.added_lines("settings.py")})
    assert [(f.location, f.severity, f.source) for f in result.findings] == [
        ("settings.py:2", "high", "secrets")
    ]
    found = result.findings[0]
    assert "AWS Access Key" in found.message
    assert AWS_KEY not in found.message
    assert AWS_KEY[4:] not in found.message
    assert AWS_KEY not in found.anchor


def test_detect_secrets_skips_unchanged_lines(repo: Repo) -> None:
    repo.write("settings.py", SECRET_FILE)
    texts, _, _ = read_changed(repo.root, ["settings.py"])
    assert scan_secrets(repo.root, texts, {"settings.py": {1}}).findings == []
    assert scan_secrets(repo.root, {}, {}).findings == []


def test_read_changed_refuses_escapes_and_skips_binaries(repo: Repo, tmp_path: Path) -> None:
    outside = tmp_path / "outside.py"
    outside.write_text("x = 1\n")
    (repo.root / "link.py").symlink_to(outside)
    (repo.root / "image.png").write_bytes(b"\x89PNG\x00\x00")
    (repo.root / "big.txt").write_bytes(b"a" * (2 * 1024 * 1024 + 1))
    (repo.root / "ok.py").write_text("x = 1\n")
    texts, binary, refused = read_changed(
        repo.root, ["link.py", "image.png", "missing.py", "big.txt", "ok.py"]
    )
    assert texts == {"ok.py": "x = 1\n"}
    assert binary == {"image.png": "binary file"}
    assert [r.split(":")[0] for r in refused] == ["link.py", "missing.py", "big.txt"]


def test_env_files_are_flagged_except_templates() -> None:
    assert is_env_file(".env")
    assert is_env_file("deploy/.env.production")
    assert not is_env_file(".env.example")
    assert not is_env_file("config/.env.sample")
    assert not is_env_file(".envrc")
    result = scan_env_files([".env", ".env.template", "svc/.env.local"], {".env": {1, 2}})
    assert [(f.location, f.severity, f.category) for f in result.findings] == [
        (".env:1", "high", "committed-env-file"),
        ("svc/.env.local", "high", "committed-env-file"),
    ]
