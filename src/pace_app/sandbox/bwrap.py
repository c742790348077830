"""The bubblewrap command line for one sandboxed command.

``bwrap_argv`` is a pure function of a ``HostLayout`` (what the host's system looks
like) and the command's parameters; ``host_layout`` is the only part that looks at the
host filesystem.

Inside the sandbox:
- every namespace is unshared (user, pid, ipc, uts, cgroup and network); the host's
  network is never shared: a setup command allowed the network gets a user-mode one
  (see ``network``), attached while bubblewrap waits on ``block_fd``;
- ``/usr``, the Python installation and ``uv`` are bound read-only; ``/bin``, ``/lib*``
  appear as symlinks or read-only binds as on the host; from ``/etc`` only the files
  programs need to resolve users, hosts and TLS roots are bound, so service
  configuration kept in ``/etc`` stays invisible;
- ``/proc``, ``/dev`` and ``/tmp`` are fresh and private, ``/tmp`` of bounded size;
- only the worktree and the run's home directory are writable;
- the root itself is remounted read-only, so writing anywhere else fails;
- the environment is cleared and set from the allowlist only;
- the command runs behind ``prefix`` (the ``prlimit`` call that sets its rlimits).

Everything on the host that is not bound — the service's data directory, other
worktrees, the service user's home — does not exist inside.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

SYSTEM_DIRS: tuple[str, ...] = ("/usr",)
# Merged-/usr systems make these symlinks into /usr; older layouts have real dirs.
TOP_LEVEL_LINKS: tuple[str, ...] = ("/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
RESOLV_CONF = "/etc/resolv.conf"
ETC_FILES: tuple[str, ...] = (
    "/etc/alternatives",
    "/etc/ca-certificates",
    "/etc/ca-certificates.conf",
    "/etc/group",
    "/etc/host.conf",
    "/etc/hosts",
    "/etc/ld.so.cache",
    "/etc/ld.so.conf",
    "/etc/ld.so.conf.d",
    "/etc/localtime",
    "/etc/nsswitch.conf",
    "/etc/passwd",
    "/etc/pki",
    "/etc/resolv.conf",
    "/etc/ssl",
)


@dataclass(frozen=True)
class NetworkHandshake:
    """The descriptors bubblewrap reports its child on and waits on before the command."""

    info_fd: int
    block_fd: int
    resolv_conf: Path


@dataclass(frozen=True)
class HostLayout:
    """The host paths a sandbox reproduces read-only."""

    read_only: tuple[str, ...]
    symlinks: tuple[tuple[str, str], ...] = ()
    read_only_if_present: tuple[str, ...] = ETC_FILES


def host_layout(
    extra_read_only: Iterable[Path] = (),
    *,
    system_dirs: Iterable[str] = SYSTEM_DIRS,
    top_level: Iterable[str] = TOP_LEVEL_LINKS,
) -> HostLayout:
    """Inspect the host for the system directories to reproduce inside the sandbox."""
    read_only = [d for d in system_dirs if os.path.isdir(d)]
    symlinks: list[tuple[str, str]] = []
    for path in top_level:
        if os.path.islink(path):
            symlinks.append((path, os.readlink(path)))
        elif os.path.isdir(path):
            read_only.append(path)
    for extra in extra_read_only:
        resolved = str(extra.resolve())
        if os.path.isdir(resolved) and not _is_under_any(resolved, read_only):
            read_only.append(resolved)
    return HostLayout(read_only=tuple(read_only), symlinks=tuple(symlinks))


def bwrap_argv(
    bwrap: str,
    *,
    layout: HostLayout,
    cwd: Path,
    home: Path,
    env: Mapping[str, str],
    command: str,
    handshake: NetworkHandshake | None = None,
    tmp_bytes: int | None = None,
    prefix: Sequence[str] = (),
) -> list[str]:
    """Return the argv that runs ``command`` with ``/bin/sh -c`` inside bubblewrap."""
    argv = [bwrap, "--unshare-all", "--die-with-parent", "--new-session", "--cap-drop", "ALL"]
    if handshake is not None:
        argv += ["--info-fd", str(handshake.info_fd), "--block-fd", str(handshake.block_fd)]
    for path in layout.read_only:
        argv += ["--ro-bind", path, path]
    for link, target in layout.symlinks:
        argv += ["--symlink", target, link]
    for path in layout.read_only_if_present:
        if handshake is not None and path == RESOLV_CONF:
            argv += ["--ro-bind", str(handshake.resolv_conf), path]
        else:
            argv += ["--ro-bind-try", path, path]
    argv += ["--proc", "/proc", "--dev", "/dev"]
    if tmp_bytes is not None:
        argv += ["--size", str(tmp_bytes)]
    # The sandbox's own empty /tmp, not a file the service creates.
    argv += ["--tmpfs", "/tmp"]  # noqa: S108
    # After /tmp so a worktree or home under /tmp is bound over the private tmpfs.
    for writable in (home, cwd):
        argv += ["--bind", str(writable), str(writable)]
    argv += ["--remount-ro", "/", "--chdir", str(cwd), "--clearenv"]
    for name, value in env.items():
        argv += ["--setenv", name, value]
    argv += ["--", *prefix, "/bin/sh", "-c", command]
    return argv


def _is_under_any(path: str, roots: Iterable[str]) -> bool:
    return any(path == root or path.startswith(root.rstrip("/") + "/") for root in roots)
