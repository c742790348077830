"""A setup command's own network: out to the internet, never back to this host.

When the operator allows network during setup (``SANDBOX_SETUP_NETWORK``), the
command still gets a network namespace of its own; ``slirp4netns`` connects it to the
outside in user mode, so nothing of the host's network stack is shared:

- ``--disable-host-loopback`` stops the gateway address (10.0.2.2) from reaching the
  host's 127.0.0.1, where databases, caches and the App itself listen;
- blackhole routes inside the namespace cut loopback-like, private, link-local
  (the cloud metadata service at 169.254.169.254), carrier-grade NAT and other
  special-purpose ranges, and every address of this host, which slirp4netns would
  otherwise reach through its own sockets;
- IPv6 is never configured in the namespace, so fc00::/7, fe80::/10 and ::1 have no
  route at all;
- with ``SANDBOX_SETUP_HOSTS`` set, the default route is gone too and only those
  hosts' addresses (resolved when the command starts) are routed.

Name resolution goes to slirp4netns's forwarder at 10.0.2.3, through a
``resolv.conf`` bound over the host's. The pure functions build the routes and files;
``SetupNetwork`` does the I/O once bubblewrap has created the namespace.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
import logging
import os
import socket
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import anyio
from anyio.abc import Process

from pace_app.errors import SandboxError

logger = logging.getLogger(__name__)

TAP = "tap0"
GATEWAY = "10.0.2.2"
NAMESERVER = "10.0.2.3"
READY_TIMEOUT = 10.0
# Loopback, private, link-local, shared (CGNAT) and other special-purpose IPv4 ranges.
BLOCKED_RANGES: tuple[str, ...] = (
    "0.0.0.0/8",
    "10.0.0.0/8",
    "100.64.0.0/10",
    "127.0.0.0/8",
    "169.254.0.0/16",
    "172.16.0.0/12",
    "192.0.0.0/24",
    "192.0.2.0/24",
    "192.168.0.0/16",
    "198.18.0.0/15",
    "198.51.100.0/24",
    "203.0.113.0/24",
    "224.0.0.0/4",
    "240.0.0.0/4",
)
RESOLV_CONF = f"nameserver {NAMESERVER}\noptions edns0\n"


def route_commands(host_addresses: Iterable[str], allowed: Sequence[str] | None) -> list[list[str]]:
    """Return the ``ip`` commands that shape the namespace's routes, in order.

    ``allowed`` is None for "the internet, less the blocked ranges"; a sequence lists
    the only IPv4 addresses that stay reachable.
    """
    commands: list[list[str]] = []
    if allowed is not None:
        commands.append(["ip", "route", "del", "default"])
        for address in dict.fromkeys(allowed):
            commands.append(["ip", "route", "add", f"{address}/32", "via", GATEWAY, "dev", TAP])
        return commands
    for block in BLOCKED_RANGES:
        commands.append(["ip", "route", "add", "blackhole", block])
    for address in sorted(set(host_addresses)):
        if not _covered(address):
            commands.append(["ip", "route", "add", "blackhole", f"{address}/32"])
    return commands


def _covered(address: str) -> bool:
    ip = ipaddress.IPv4Address(address)
    return any(ip in ipaddress.IPv4Network(block) for block in BLOCKED_RANGES)


def parse_addresses(ip_json: str) -> list[str]:
    """Return the IPv4 addresses in the output of ``ip -json address show``."""
    try:
        interfaces = json.loads(ip_json)
    except json.JSONDecodeError:
        return []
    found: list[str] = []
    for interface in interfaces if isinstance(interfaces, list) else []:
        for info in interface.get("addr_info", []) if isinstance(interface, dict) else []:
            if isinstance(info, dict) and info.get("family") == "inet":
                found.append(str(info.get("local")))
    return found


def host_addresses(ip: str = "ip") -> list[str]:
    """Return this host's own IPv4 addresses, which a setup network must not reach."""
    try:
        result = subprocess.run(  # noqa: S603 - the operator's ip, fixed arguments
            [ip, "-json", "address", "show"],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SandboxError(f"could not list this host's addresses ({exc})") from None
    return parse_addresses(result.stdout)


def resolve_allowed(hosts: Sequence[str]) -> list[str] | None:
    """Resolve the operator's allowlist to IPv4 addresses; None when there is none."""
    if not hosts:
        return None
    addresses: list[str] = []
    for host in hosts:
        try:
            infos = socket.getaddrinfo(host, None, family=socket.AF_INET)
        except OSError:
            # An unresolvable host is simply unreachable; setup's own error will say so.
            logger.warning("setup host did not resolve", extra={"setup_host": host})
            continue
        addresses.extend(str(info[4][0]) for info in infos)
    return list(dict.fromkeys(addresses))


@dataclass(frozen=True)
class NetworkTools:
    """The programs a setup network needs, found on this host."""

    slirp4netns: str
    nsenter: str
    ip: str


def find_tools(which: Iterable[tuple[str, str | None]]) -> NetworkTools | str:
    """Return the tools, or why the setup network cannot be built (a missing program)."""
    found = dict(which)
    missing = [name for name, path in found.items() if path is None]
    if missing:
        return f"{', '.join(missing)} not installed"
    return NetworkTools(found["slirp4netns"] or "", found["nsenter"] or "", found["ip"] or "")


class SetupNetwork:
    """Attach slirp4netns to a sandbox's network namespace and shape its routes."""

    def __init__(self, tools: NetworkTools, *, hosts: Sequence[str] = ()) -> None:
        self._tools = tools
        self._hosts = tuple(hosts)
        self._slirp: Process | None = None

    async def attach(self, child_pid: int) -> None:
        """Connect the namespace of ``child_pid`` and cut what it must not reach."""
        allowed = await anyio.to_thread.run_sync(resolve_allowed, self._hosts)
        local = await anyio.to_thread.run_sync(host_addresses, self._tools.ip)
        await _mapped(child_pid)
        ready_read, ready_write = os.pipe()
        try:
            self._slirp = await anyio.open_process(
                [
                    self._tools.slirp4netns,
                    "--configure",
                    "--mtu=65520",
                    "--disable-host-loopback",
                    "--enable-sandbox",
                    "--enable-seccomp",
                    f"--userns-path=/proc/{child_pid}/ns/user",
                    f"--ready-fd={ready_write}",
                    str(child_pid),
                    TAP,
                ],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                pass_fds=(ready_write,),
            )
        finally:
            os.close(ready_write)
        try:
            with anyio.fail_after(READY_TIMEOUT):
                ready = await anyio.to_thread.run_sync(
                    os.read, ready_read, 1, abandon_on_cancel=True
                )
        except TimeoutError:
            ready = b""
        finally:
            os.close(ready_read)
        if ready != b"1":
            raise SandboxError("slirp4netns did not set up the setup network")
        for command in route_commands(local, allowed):
            await self._in_namespace(child_pid, command)

    async def _in_namespace(self, child_pid: int, command: list[str]) -> None:
        argv = [
            self._tools.nsenter,
            f"--target={child_pid}",
            "--user",
            "--net",
            "--preserve-credentials",
            self._tools.ip,
            *command[1:],
        ]
        result = await anyio.run_process(argv, check=False, stdin=subprocess.DEVNULL)
        if result.returncode != 0:
            detail = result.stderr.decode("utf-8", errors="replace").strip()[-200:]
            raise SandboxError(f"could not shape the setup network ({detail})")

    async def close(self) -> None:
        """Stop slirp4netns; the namespace goes with the sandbox."""
        if self._slirp is None:
            return
        with contextlib.suppress(ProcessLookupError):
            self._slirp.kill()
        with anyio.CancelScope(shield=True):
            await self._slirp.wait()
        await self._slirp.aclose()
        self._slirp = None


async def _mapped(child_pid: int) -> None:
    """Wait until bubblewrap has written the user namespace's uid map.

    bubblewrap reports the child before its parent writes the map; a process joining
    the namespace before that holds no usable capability in it.
    """
    uid_map = Path(f"/proc/{child_pid}/uid_map")
    with anyio.move_on_after(READY_TIMEOUT):
        while True:
            try:
                # A procfs read answers at once; a thread would cost more than it saves.
                if uid_map.read_text().strip():  # noqa: ASYNC240
                    return
            except OSError:
                raise SandboxError("the sandbox ended before its network was set up") from None
            await anyio.sleep(0.005)
    raise SandboxError("bubblewrap did not set up the sandbox's user namespace in time")


def write_resolv_conf(directory: Path) -> Path:
    """Write the namespace's ``resolv.conf`` into ``directory`` and return its path."""
    path = directory / "resolv.conf"
    path.write_text(RESOLV_CONF, encoding="ascii")
    return path
