"""Tests for the setup network: the routes it gets and what it can reach for real."""

from __future__ import annotations

import ipaddress
import os
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from pace_app.errors import SandboxError
from pace_app.sandbox.network import (
    BLOCKED_RANGES,
    GATEWAY,
    NetworkTools,
    SetupNetwork,
    find_tools,
    host_addresses,
    parse_addresses,
    resolve_allowed,
    route_commands,
)
from pace_app.sandbox.policy import SandboxPolicy
from pace_app.sandbox.runner import SandboxRunner

PRIVATE = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16", "100.64.0.0/10"]
# One python3 run tries every target and prints one verdict per line.
PROBE = """
import socket, sys
for target in sys.argv[1:]:
    host, port = target.rsplit(':', 1)
    try:
        socket.create_connection((host, int(port)), timeout=2).close()
        print(target, 'connected')
    except OSError as exc:
        print(target, 'refused', exc.errno)
"""


def test_routes_blackhole_private_ranges_and_this_hosts_addresses() -> None:
    commands = route_commands(["127.0.0.1", "192.168.1.5", "203.0.114.9"], None)
    blackholes = [command[-1] for command in commands if "blackhole" in command]
    for block in PRIVATE:
        assert block in blackholes
    # A public address of this host is cut by its own route; covered ones are not repeated.
    assert "203.0.114.9/32" in blackholes
    assert "192.168.1.5/32" not in blackholes
    assert all(command[:3] == ["ip", "route", "add"] for command in commands)


def test_an_allowlist_replaces_the_default_route() -> None:
    commands = route_commands(["192.0.2.2"], ["198.51.100.7", "198.51.100.7", "10.1.2.3"])
    assert commands == [
        ["ip", "route", "del", "default"],
        ["ip", "route", "add", "198.51.100.7/32", "via", GATEWAY, "dev", "tap0"],
        ["ip", "route", "add", "10.1.2.3/32", "via", GATEWAY, "dev", "tap0"],
    ]


def test_the_metadata_address_is_in_a_blocked_range() -> None:
    metadata = ipaddress.IPv4Address("169.254.169.254")
    assert any(metadata in ipaddress.IPv4Network(block) for block in BLOCKED_RANGES)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '[{"ifname":"lo","addr_info":[{"family":"inet","local":"127.0.0.1"},'
            '{"family":"inet6","local":"::1"}]},'
            '{"ifname":"eth0","addr_info":[{"family":"inet","local":"192.0.2.2"}]}]',
            ["127.0.0.1", "192.0.2.2"],
        ),
        ("not json", []),
        ('{"ifname": "lo"}', []),
        ('[1, {"addr_info": [2]}]', []),
    ],
)
def test_parse_addresses(text: str, expected: list[str]) -> None:
    assert parse_addresses(text) == expected


def test_find_tools_names_what_is_missing() -> None:
    assert find_tools([("slirp4netns", None), ("nsenter", "/n"), ("ip", None)]) == (
        "slirp4netns, ip not installed"
    )
    assert find_tools([("slirp4netns", "/s"), ("nsenter", "/n"), ("ip", "/i")]) == (
        NetworkTools("/s", "/n", "/i")
    )


def test_resolve_allowed() -> None:
    assert resolve_allowed(()) is None
    assert resolve_allowed(("127.0.0.1", "localhost")) == ["127.0.0.1"]


def external_address() -> str:
    """Return this machine's first address outside loopback, or skip."""
    for address in host_addresses():
        if not address.startswith("127."):
            return address
    pytest.skip("this machine has no non-loopback IPv4 address")


@pytest.fixture
def servers() -> Iterator[list[tuple[socket.socket, str]]]:
    """Listen on 127.0.0.1 and on this machine's external address."""
    opened: list[tuple[socket.socket, str]] = []
    try:
        for host in ("127.0.0.1", external_address()):
            server = socket.socket()
            server.bind((host, 0))
            server.listen(8)
            server.setblocking(False)
            opened.append((server, f"{host}:{server.getsockname()[1]}"))
        yield opened
    finally:
        for server, _ in opened:
            server.close()


def needs_slirp() -> None:
    """Skip where slirp4netns is missing, unless CI demands the sandbox tests."""
    if shutil.which("slirp4netns") is None and not os.environ.get("PACE_TEST_REQUIRE_BWRAP"):
        pytest.skip("slirp4netns is not installed")


async def probe(runner: SandboxRunner, worktree: Path, targets: list[str]) -> dict[str, str]:
    """Run the probe as a setup command asking for network; return each verdict."""
    (worktree / "probe.py").write_text(PROBE)
    result = await runner.run(f"python3 probe.py {' '.join(targets)}", cwd=worktree, network=True)
    assert result.exit_code == 0, result.output
    return dict(line.split(" ", 1) for line in result.output.splitlines())


def nothing_accepted(servers: list[tuple[socket.socket, str]]) -> bool:
    """Say whether no connection ever reached the test's servers."""
    for server, _ in servers:
        try:
            server.accept()[0].close()
        except BlockingIOError:
            continue
        return False
    return True


@pytest.mark.bwrap
@pytest.mark.anyio
async def test_setup_network_cannot_reach_this_host(
    run_dir: Path, worktree: Path, servers: list[tuple[socket.socket, str]]
) -> None:
    needs_slirp()
    loopback_port = servers[0][1].rsplit(":", 1)[1]
    targets = [
        "127.0.0.1:5432",  # PostgreSQL on this machine
        f"{GATEWAY}:5432",  # slirp4netns's way to the host's loopback
        f"{GATEWAY}:{loopback_port}",
        *(address for _, address in servers),
        "169.254.169.254:80",
    ]
    policy = SandboxPolicy(setup_network=True, timeout=60, kill_grace=0.3)
    verdicts = await probe(SandboxRunner(run_dir, policy), worktree, [*targets, "10.0.2.3:53"])
    for target in targets:
        assert verdicts[target].startswith("refused"), (target, verdicts[target])
    # The namespace does have a network: slirp4netns's DNS forwarder answers.
    assert verdicts["10.0.2.3:53"] == "connected"
    assert nothing_accepted(servers)


@pytest.mark.bwrap
@pytest.mark.anyio
async def test_without_setup_network_nothing_is_reachable(
    run_dir: Path, worktree: Path, servers: list[tuple[socket.socket, str]]
) -> None:
    targets = ["127.0.0.1:5432", "10.0.2.3:53", *(address for _, address in servers)]
    policy = SandboxPolicy(timeout=60, kill_grace=0.3)
    verdicts = await probe(SandboxRunner(run_dir, policy), worktree, targets)
    assert all(verdict.startswith("refused") for verdict in verdicts.values()), verdicts
    assert nothing_accepted(servers)


@pytest.mark.bwrap
@pytest.mark.anyio
async def test_the_allowlist_is_all_setup_can_reach(
    run_dir: Path, worktree: Path, servers: list[tuple[socket.socket, str]]
) -> None:
    needs_slirp()
    allowed = servers[1][1]
    policy = SandboxPolicy(
        setup_network=True, setup_hosts=(allowed.rsplit(":", 1)[0],), timeout=60, kill_grace=0.3
    )
    runner = SandboxRunner(run_dir, policy)
    verdicts = await probe(runner, worktree, [allowed, "198.51.100.7:80"])
    assert verdicts[allowed] == "connected"
    assert verdicts["198.51.100.7:80"].startswith("refused")
    routes = await runner.run("ip route", cwd=worktree, network=True)
    assert "default" not in routes.output


def fake_program(directory: Path, name: str, body: str) -> str:
    """Write an executable shell script standing in for a network tool."""
    directory.mkdir(exist_ok=True)
    path = directory / name
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(0o755)
    return str(path)


# dash cannot redirect to descriptors above 9, so Python writes the ready byte.
# A stand-in slirp4netns that reports ready and waits; Python writes the byte because
# dash cannot redirect to a descriptor above 9.
READY_THEN_WAIT = (
    "exec python3 -c '\n"
    "import os, sys, time\n"
    'fd = next(int(a.split("=")[1]) for a in sys.argv if a.startswith("--ready-fd="))\n'
    'os.write(fd, b"1")\n'
    "time.sleep(30)\n"
    '\' "$@"'
)


@pytest.mark.anyio
async def test_attach_fails_when_slirp4netns_never_gets_ready(tmp_path: Path) -> None:
    tools = NetworkTools(fake_program(tmp_path / "bin", "slirp4netns", "exit 1"), "nsenter", "ip")
    network = SetupNetwork(tools)
    with pytest.raises(SandboxError, match="slirp4netns did not set up the setup network"):
        await network.attach(os.getpid())
    await network.close()
    await network.close()


@pytest.mark.anyio
async def test_attach_fails_when_the_routes_cannot_be_set(tmp_path: Path) -> None:
    bin_dir = tmp_path / "bin"
    tools = NetworkTools(
        fake_program(bin_dir, "slirp4netns", READY_THEN_WAIT),
        fake_program(bin_dir, "nsenter", "echo 'RTNETLINK answers: nope' >&2; exit 2"),
        "ip",
    )
    network = SetupNetwork(tools)
    with pytest.raises(SandboxError, match=r"could not shape the setup network \(RTNETLINK"):
        await network.attach(os.getpid())
    await network.close()


@pytest.mark.anyio
async def test_attach_fails_when_the_sandbox_is_gone(tmp_path: Path) -> None:
    network = SetupNetwork(NetworkTools("slirp4netns", "nsenter", "ip"))
    with pytest.raises(SandboxError, match="the sandbox ended before its network was set up"):
        await network.attach(2**22 + 7)


@pytest.mark.bwrap
@pytest.mark.anyio
async def test_a_failed_setup_network_kills_the_waiting_sandbox(
    run_dir: Path, worktree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = tmp_path / "bin"
    fake_program(bin_dir, "slirp4netns", "exit 1")
    runner = SandboxRunner(run_dir, SandboxPolicy(setup_network=True, timeout=30, kill_grace=0.3))
    monkeypatch.setenv("PATH", f"{bin_dir}:{os.environ['PATH']}")
    with pytest.raises(SandboxError, match="slirp4netns did not set up"):
        await runner.run(f"touch {worktree / 'ran'}", cwd=worktree, network=True)
    assert not (worktree / "ran").exists()


@pytest.mark.bwrap
@pytest.mark.anyio
async def test_without_the_network_tools_setup_runs_offline_and_says_why(
    run_dir: Path, worktree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = SandboxRunner(run_dir, SandboxPolicy(setup_network=True, timeout=30, kill_grace=0.3))
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    result = await runner.run("echo offline", cwd=worktree, network=True)
    assert (result.output, result.sandboxed) == ("offline\n", True)
    assert result.warning == "setup ran without network: slirp4netns, nsenter, ip not installed"


def test_host_addresses_need_a_working_ip(tmp_path: Path) -> None:
    with pytest.raises(SandboxError, match="could not list this host's addresses"):
        host_addresses(str(tmp_path / "no-ip"))
