"""Tests for the bubblewrap command line."""

from __future__ import annotations

import os
from pathlib import Path

from pace_app.sandbox.bwrap import ETC_FILES, HostLayout, NetworkHandshake, bwrap_argv, host_layout

LAYOUT = HostLayout(
    read_only=("/usr", "/opt/python"),
    symlinks=(("/bin", "usr/bin"),),
    read_only_if_present=("/etc/hosts", "/etc/resolv.conf"),
)
HANDSHAKE = NetworkHandshake(
    info_fd=7, block_fd=8, resolv_conf=Path("/data/runs/7/etc/resolv.conf")
)


def argv(**options: object) -> list[str]:
    """Build an argv for a typical command."""
    return bwrap_argv(
        "/usr/bin/bwrap",
        layout=LAYOUT,
        cwd=Path("/data/runs/7/worktree"),
        home=Path("/data/runs/7/home"),
        env={"PATH": "/usr/bin", "CI": "true"},
        command="pytest -q",
        **options,  # type: ignore[arg-type]
    )


def pairs(args: list[str], flag: str) -> list[tuple[str, str]]:
    """Return the two operands following every occurrence of ``flag``."""
    return [(args[i + 1], args[i + 2]) for i, a in enumerate(args) if a == flag]


def test_full_argv_without_network() -> None:
    assert argv() == [
        "/usr/bin/bwrap",
        "--unshare-all",
        "--die-with-parent",
        "--new-session",
        "--cap-drop",
        "ALL",
        "--ro-bind", "/usr", "/usr",
        "--ro-bind", "/opt/python", "/opt/python",
        "--symlink", "usr/bin", "/bin",
        "--ro-bind-try", "/etc/hosts", "/etc/hosts",
        "--ro-bind-try", "/etc/resolv.conf", "/etc/resolv.conf",
        "--proc", "/proc",
        "--dev", "/dev",
        "--tmpfs", "/tmp",
        "--bind", "/data/runs/7/home", "/data/runs/7/home",
        "--bind", "/data/runs/7/worktree", "/data/runs/7/worktree",
        "--remount-ro", "/",
        "--chdir", "/data/runs/7/worktree",
        "--clearenv",
        "--setenv", "PATH", "/usr/bin",
        "--setenv", "CI", "true",
        "--", "/bin/sh", "-c", "pytest -q",
    ]  # fmt: skip


def test_the_host_network_is_never_shared() -> None:
    for args in (argv(), argv(handshake=HANDSHAKE)):
        assert "--share-net" not in args


def test_a_setup_network_waits_for_its_handshake_and_gets_its_resolver() -> None:
    args = argv(handshake=HANDSHAKE)
    assert args[args.index("--info-fd") + 1] == "7"
    assert args[args.index("--block-fd") + 1] == "8"
    assert pairs(args, "--ro-bind")[-1] == ("/data/runs/7/etc/resolv.conf", "/etc/resolv.conf")
    assert ("/etc/resolv.conf", "/etc/resolv.conf") not in pairs(args, "--ro-bind-try")


def test_tmp_size_and_the_limits_prefix() -> None:
    args = argv(tmp_bytes=1024, prefix=["/usr/bin/prlimit", "--nproc=5", "--"])
    assert args[args.index("--size") + 1 : args.index("--size") + 4] == ["1024", "--tmpfs", "/tmp"]
    assert args[-7:] == ["--", "/usr/bin/prlimit", "--nproc=5", "--", "/bin/sh", "-c", "pytest -q"]


def test_writable_binds_come_after_the_private_tmp() -> None:
    args = argv()
    assert pairs(args, "--bind") == [
        ("/data/runs/7/home", "/data/runs/7/home"),
        ("/data/runs/7/worktree", "/data/runs/7/worktree"),
    ]
    assert args.index("--tmpfs") < args.index("--bind")
    assert args.index("--remount-ro") > max(i for i, a in enumerate(args) if a == "--bind")


def test_host_layout_reflects_this_machine(tmp_path: Path) -> None:
    outside = tmp_path / "python"
    outside.mkdir()
    layout = host_layout([Path("/usr/bin"), outside, tmp_path / "missing"])
    assert layout.read_only[0] == "/usr"
    assert str(outside.resolve()) in layout.read_only
    assert "/usr/bin" not in layout.read_only
    assert str(tmp_path / "missing") not in layout.read_only
    assert layout.read_only_if_present == ETC_FILES
    for link, target in layout.symlinks:
        assert os.readlink(link) == target
    if os.path.islink("/bin"):
        assert ("/bin", os.readlink("/bin")) in layout.symlinks
    else:
        assert "/bin" in layout.read_only


def test_host_layout_binds_real_dirs_and_recreates_symlinks(tmp_path: Path) -> None:
    (tmp_path / "usr" / "lib").mkdir(parents=True)
    (tmp_path / "lib").symlink_to("usr/lib")
    (tmp_path / "sbin").mkdir()
    layout = host_layout(
        system_dirs=[str(tmp_path / "usr"), str(tmp_path / "nope")],
        top_level=[str(tmp_path / "lib"), str(tmp_path / "sbin"), str(tmp_path / "lib32")],
    )
    assert layout.read_only == (str(tmp_path / "usr"), str(tmp_path / "sbin"))
    assert layout.symlinks == ((str(tmp_path / "lib"), "usr/lib"),)
