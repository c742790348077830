"""Tests for the sandbox environment allowlist."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from pace_app.errors import SandboxError
from pace_app.sandbox.environment import (
    SYSTEM_PATH_DIRS,
    build_environment,
    check_extra_name,
    safe_path,
    tool_dirs,
)


def test_environment_is_exactly_the_allowlist(tmp_path: Path) -> None:
    env = build_environment(
        cwd=tmp_path / "wt",
        home=tmp_path / "home",
        extra_dirs=[Path("/opt/python/bin")],
        extra_env={"PYTEST_ADDOPTS": "-x"},
    )
    assert env == {
        "PATH": ":".join(
            [str(tmp_path / "wt" / ".venv" / "bin"), *SYSTEM_PATH_DIRS, "/opt/python/bin"]
        ),
        "HOME": str(tmp_path / "home"),
        "LANG": "C.UTF-8",
        "CI": "true",
        "PYTEST_ADDOPTS": "-x",
    }


def test_environment_ignores_the_parent_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_WEBHOOK_SECRET", "whsec-parent")
    env = build_environment(cwd=tmp_path, home=tmp_path, extra_dirs=[])
    assert set(env) == {"PATH", "HOME", "LANG", "CI"}


def test_safe_path_drops_duplicates() -> None:
    assert safe_path(Path("/w"), [Path("/usr/bin"), Path("/x")]) == ":".join(
        ["/w/.venv/bin", *SYSTEM_PATH_DIRS, "/x"]
    )


@pytest.mark.parametrize("name", ["PYTEST_ADDOPTS", "NODE_OPTIONS", "_X1", "lower_ok"])
def test_ordinary_names_are_accepted(name: str) -> None:
    check_extra_name(name)


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "invalid environment variable name"),
        ("1ABC", "invalid environment variable name"),
        ("A=B", "invalid environment variable name"),
        ("PATH", "set by the sandbox"),
        ("home", "set by the sandbox"),
        ("GITHUB_TOKEN", "may carry a secret"),
        ("ANTHROPIC_BASE_URL", "may carry a secret"),
        ("NPM_TOKEN", "may carry a secret"),
        ("MY_API_KEY", "may carry a secret"),
        ("DB_PASSWORD", "may carry a secret"),
        ("LD_PRELOAD", "may carry a secret"),
    ],
)
def test_dangerous_or_malformed_names_are_refused(name: str, message: str) -> None:
    with pytest.raises(SandboxError, match=message):
        check_extra_name(name)


def test_refusal_never_quotes_the_value(tmp_path: Path) -> None:
    with pytest.raises(SandboxError) as caught:
        build_environment(
            cwd=tmp_path, home=tmp_path, extra_dirs=[], extra_env={"GH_TOKEN": "ghs_value"}
        )
    assert "ghs_value" not in str(caught.value)


def test_nul_in_a_value_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SandboxError, match="NUL byte"):
        build_environment(cwd=tmp_path, home=tmp_path, extra_dirs=[], extra_env={"X": "a\0b"})


def test_tool_dirs_include_the_base_python() -> None:
    dirs = tool_dirs()
    assert dirs[0] == Path(sys.base_prefix) / "bin"
    assert all(d.is_dir() for d in dirs)
    assert len(set(dirs)) == len(dirs)


def make_prefix(root: Path, *, uv: bool) -> Path:
    """Create a Python installation prefix, with or without a uv binary."""
    (root / "bin").mkdir(parents=True)
    if uv:
        (root / "bin" / "uv").write_text("")
    return root


def test_uv_beside_the_base_python_is_found(tmp_path: Path) -> None:
    base = make_prefix(tmp_path / "base", uv=True)
    venv = make_prefix(tmp_path / "venv", uv=True)
    dirs = tool_dirs(base_prefix=base, prefix=venv, which=lambda name: None)
    assert dirs == (base / "bin",)


def test_uv_in_the_service_venv_is_found(tmp_path: Path) -> None:
    base = make_prefix(tmp_path / "base", uv=False)
    venv = make_prefix(tmp_path / "venv", uv=True)
    dirs = tool_dirs(base_prefix=base, prefix=venv, which=lambda name: None)
    assert dirs == (base / "bin", venv / "bin")


def test_uv_on_path_is_found_through_symlinks(tmp_path: Path) -> None:
    base = make_prefix(tmp_path / "base", uv=False)
    real = make_prefix(tmp_path / "uv-install", uv=True)
    (tmp_path / "links").mkdir()
    (tmp_path / "links" / "uv").symlink_to(real / "bin" / "uv")
    dirs = tool_dirs(base_prefix=base, prefix=base, which=lambda name: str(tmp_path / "links/uv"))
    assert dirs == (base / "bin", (real / "bin").resolve())


@pytest.mark.parametrize("found", [None, "shims/uv"])
def test_shims_and_absence_add_nothing(tmp_path: Path, found: str | None) -> None:
    base = make_prefix(tmp_path / "base", uv=False)
    (tmp_path / "shims").mkdir()
    (tmp_path / "shims" / "uv").write_text("#!/bin/sh\n")
    located = str(tmp_path / found) if found else None
    assert tool_dirs(base_prefix=base, prefix=base, which=lambda name: located) == (base / "bin",)
