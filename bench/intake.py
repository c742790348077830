"""Measure webhook intake: signed deliveries per second and latency through ``pace web``.

Runs a real ``pace web`` on SQLite and on PostgreSQL, and next to them a bare
Starlette endpoint under the same uvicorn settings that answers 202 without verifying
or storing anything. The load generator is a minimal keep-alive HTTP/1.1 client on
asyncio streams (a general-purpose client would cost more CPU than the servers it
measures on a small machine). Every request is a distinct delivery (distinct id and
body), signed before the clock starts.

All servers run at once and are measured in turns, round after round, so a change in
the machine's load touches every server alike; each figure is the median of the
rounds, and each ratio compares with the bare endpoint of the same run. The load
average is recorded before and after every measurement, and figures taken while it
exceeded the number of cores are marked (``--require-idle`` refuses them instead).
Afterwards the stored rows are counted: every delivery answered 202 must be stored
exactly once, with its one job.

    uv run python bench/intake.py [--requests 3000] [--connections 32] [--rounds 5]

PostgreSQL comes from ``PACE_TEST_POSTGRES_URL`` (default: the local test server);
the run uses a schema of its own and drops it afterwards. Pass ``--skip-postgres``
without a server.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx2
import psycopg
from psycopg import sql

from pace_app.github.signature import sign

# Made per run: the benchmark needs a secret both sides know, not a memorable one.
SECRET = secrets.token_hex(16)
PACE = str(Path(sys.executable).with_name("pace"))
DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/test"
# What intake should reach on an idle machine: SQLite, then PostgreSQL, against bare.
GOALS = (0.5, 0.4)
P99_GOAL_MS = 25.0
# The same uvicorn settings pace_app.service.build_server uses.
BARE_SERVER = """
import socket, sys
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

async def accept(request: Request) -> Response:
    await request.body()
    return Response(status_code=202)

async def healthz(request: Request) -> Response:
    return Response("ok")

app = Starlette(routes=[
    Route("/webhooks/github", accept, methods=["POST"]),
    Route("/healthz", healthz, methods=["GET"]),
])
config = uvicorn.Config(
    app, host="127.0.0.1", port=int(sys.argv[1]), log_config=None,
    access_log=False, server_header=False, lifespan="off",
)
uvicorn.Server(config).run()
"""


@dataclass
class Result:
    """What one load run measured."""

    name: str
    requests: int
    seconds: float
    latencies: list[float]
    statuses: dict[int, int]
    load_before: float = 0.0
    load_after: float = 0.0
    cpu: float = 0.0

    @property
    def rate(self) -> float:
        """Return requests per second."""
        return self.requests / self.seconds

    def percentile(self, fraction: float) -> float:
        """Return a latency percentile in milliseconds."""
        ordered = sorted(self.latencies)
        return 1000 * ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]

    @property
    def idle(self) -> bool:
        """Say whether the load average stayed within the core count throughout."""
        return max(self.load_before, self.load_after) <= (os.cpu_count() or 1)


@dataclass
class Series:
    """Every round of one server, summarised by medians."""

    name: str
    rounds: list[Result] = field(default_factory=list)

    @property
    def rate(self) -> float:
        """Return the median rate of the rounds."""
        return statistics.median(result.rate for result in self.rounds)

    @property
    def cpu_ms(self) -> float:
        """Return the median server CPU time per delivery, in milliseconds."""
        return statistics.median(1000 * r.cpu / r.requests for r in self.rounds)

    def median(self, fraction: float) -> float:
        """Return the median over rounds of a latency percentile, in milliseconds."""
        return statistics.median(result.percentile(fraction) for result in self.rounds)

    @property
    def idle(self) -> bool:
        """Say whether every round ran on an idle machine."""
        return all(result.idle for result in self.rounds)

    def statuses(self) -> dict[int, int]:
        """Return the statuses of every round added up."""
        total: dict[int, int] = {}
        for result in self.rounds:
            for status, count in result.statuses.items():
                total[status] = total.get(status, 0) + count
        return dict(sorted(total.items()))

    def line(self, bare_rate: float) -> str:
        """Render the series as a table row, marked when the machine was not idle."""
        loads = ", ".join(f"{r.load_before:.1f}-{r.load_after:.1f}" for r in self.rounds)
        mark = "" if self.idle else " (NOT IDLE)"
        return (
            f"| {self.name}{mark} | {self.rate:,.0f} | {self.rate / bare_rate:.2f} |"
            f" {self.median(0.5):.1f} | {self.median(0.99):.1f} | {self.cpu_ms:.2f} |"
            f" {', '.join(f'{r.rate:,.0f}' for r in self.rounds)} | {loads} |"
            f" {self.statuses()} |"
        )


def load_average() -> float:
    """Return the one-minute load average."""
    return os.getloadavg()[0]


def cpu_seconds(pid: int) -> float:
    """Return the CPU time (user and system, all threads) a process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    """Return a TCP port free on 127.0.0.1 right now."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def private_key_pem() -> str:
    """Return a fresh RSA key in PEM form (``pace web`` wants complete App settings)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def deliveries(count: int, port: int) -> list[bytes]:
    """Return ``count`` distinct signed ``issues.labeled`` requests, ready to write.

    Ids and bodies both differ between requests and between calls, since the intake
    answers a body it has seen before (under any delivery id) as a duplicate.
    """
    run = uuid.uuid4().hex[:8]
    requests = []
    for number in range(count):
        payload = {
            "action": "labeled",
            "installation": {"id": 77, "node_id": "I_77"},
            "sender": {"login": "octocat", "id": 1001, "type": "User", "site_admin": False},
            "repository": {
                "id": 5001,
                "node_id": "R_5001",
                "name": "widgets",
                "full_name": "acme/widgets",
                "owner": {"login": "acme", "id": 9, "type": "Organization"},
                "default_branch": "main",
                "private": True,
                "clone_url": "https://github.example/acme/widgets.git",
            },
            "issue": {
                "id": 70000 + number,
                "number": number + 1,
                "title": f"Story {number}",
                "body": "Do the thing.",
                "state": "open",
                "labels": [{"id": 1, "name": "pace:story", "color": "ededed"}],
                "user": {"login": "octocat", "id": 1001, "type": "User"},
            },
            "label": {"id": 3, "name": "pace:story", "color": "0e8a16"},
            "hook_id": run,
        }
        body = json.dumps(payload).encode()
        head = (
            f"POST /webhooks/github HTTP/1.1\r\nhost: 127.0.0.1:{port}\r\n"
            f"content-type: application/json\r\ncontent-length: {len(body)}\r\n"
            f"x-github-event: issues\r\nx-github-delivery: bench-{run}-{number}\r\n"
            f"x-hub-signature-256: {sign(body, SECRET)}\r\n"
            "user-agent: GitHub-Hookshot/bench\r\n\r\n"
        )
        requests.append(head.encode() + body)
    return requests


async def _connection(
    port: int, queue: asyncio.Queue[bytes], latencies: list[float], statuses: dict[int, int]
) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while not queue.empty():
            request = queue.get_nowait()
            started = time.perf_counter()
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            length = next(
                (
                    int(line.split(":", 1)[1])
                    for line in lines
                    if line.lower().startswith("content-length:")
                ),
                0,
            )
            await reader.readexactly(length)
            latencies.append(time.perf_counter() - started)
            status = int(lines[0].split()[1])
            statuses[status] = statuses.get(status, 0) + 1
    finally:
        writer.close()
        await writer.wait_closed()


async def load(name: str, port: int, requests: list[bytes], connections: int) -> Result:
    """Send every request over ``connections`` keep-alive connections; time it."""
    queue: asyncio.Queue[bytes] = asyncio.Queue()
    for request in requests:
        queue.put_nowait(request)
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    before = load_average()
    started = time.perf_counter()
    await asyncio.gather(
        *(_connection(port, queue, latencies, statuses) for _ in range(connections))
    )
    seconds = time.perf_counter() - started
    return Result(name, len(requests), seconds, latencies, statuses, before, load_average())


def wait_healthy(port: int, process: subprocess.Popen[bytes], timeout: float = 30) -> None:
    """Wait until the server answers ``/healthz``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited early with code {process.returncode}")
        try:
            if httpx2.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return
        except httpx2.TransportError:
            pass
        time.sleep(0.1)
    raise SystemExit("server never became healthy")


@contextmanager
def server(
    command: list[str], port: int, env: dict[str, str], log: Path
) -> Iterator[subprocess.Popen[bytes]]:
    """Run a server process for the duration of the block."""
    with log.open("ab") as out:
        process = subprocess.Popen(  # noqa: S603 - this script's own commands
            command, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    try:
        wait_healthy(port, process)
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)


@contextmanager
def postgres_schema(url: str) -> Iterator[str]:
    """Yield a ``DATABASE_URL`` pinned to a fresh schema; drop the schema afterwards."""
    schema = f"pace_bench_{uuid.uuid4().hex[:12]}"
    separator = "&" if "?" in url else "?"
    try:
        yield f"{url}{separator}options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))


def pace_environment(workdir: Path, port: int, database_url: str) -> dict[str, str]:
    """Return the environment of a ``pace web`` with complete settings."""
    env = {key: value for key, value in os.environ.items() if key in {"PATH", "HOME", "LANG"}}
    env.update(
        GITHUB_APP_ID="4242",
        GITHUB_PRIVATE_KEY=private_key_pem().replace("\n", "\\n"),
        GITHUB_WEBHOOK_SECRET=SECRET,
        GITHUB_API_URL="http://127.0.0.1:9",
        DATA_DIR=str(workdir / "data"),
        PORT=str(port),
        LOG_FORMAT="json",
        LOG_LEVEL="INFO",
    )
    env["DATABASE_URL"] = database_url
    return env


def stored_rows(database_url: str) -> tuple[int, int, int]:
    """Return stored deliveries, jobs, and deliveries with exactly one job."""
    queries = (
        "SELECT count(*) FROM {d}",
        "SELECT count(*) FROM {j}",
        "SELECT count(*) FROM (SELECT delivery_id FROM {j} GROUP BY delivery_id"
        " HAVING count(*) = 1) AS single",
    )
    if database_url.startswith("sqlite:///"):
        import sqlite3

        with sqlite3.connect(f"file:{database_url[10:]}?mode=ro", uri=True) as db:
            rows = [db.execute(q.format(d="deliveries", j="jobs")).fetchone() for q in queries]
    else:
        with psycopg.connect(database_url, autocommit=True) as conn:
            rows = [
                conn.execute(q.format(d="pace_deliveries", j="pace_jobs")).fetchone()
                for q in queries
            ]
    counts = [int(row[0]) for row in rows if row is not None]
    return counts[0], counts[1], counts[2]


@dataclass
class Server:
    """A running server under test and where it stores deliveries, if anywhere."""

    series: Series
    port: int
    database_url: str | None
    pid: int


def main() -> None:
    """Run the intake benchmark and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--warmup", type=int, default=300)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument(
        "--require-idle",
        action="store_true",
        help="refuse to report when the load average exceeded the core count",
    )
    args = parser.parse_args()
    postgres = os.environ.get("PACE_TEST_POSTGRES_URL") or DEFAULT_POSTGRES
    cores = os.cpu_count() or 1
    with tempfile.TemporaryDirectory(prefix="pace-bench-") as scratch, ExitStack() as stack:
        workdir = Path(scratch)
        servers: list[Server] = []
        port = free_port()
        bare_env = {key: value for key, value in os.environ.items() if key in {"PATH", "HOME"}}
        bare = [sys.executable, "-c", BARE_SERVER, str(port)]
        process = stack.enter_context(server(bare, port, bare_env, workdir / "bare.log"))
        servers.append(Server(Series("bare Starlette 202"), port, None, process.pid))
        sqlite_url = f"sqlite:///{workdir / 'data' / 'pace.db'}"
        urls = [("SQLite", sqlite_url)]
        if not args.skip_postgres:
            urls.append(("PostgreSQL", stack.enter_context(postgres_schema(postgres))))
        for backend, url in urls:
            env = pace_environment(workdir, free_port(), url)
            port = int(env["PORT"])
            log = workdir / f"{backend}.log"
            process = stack.enter_context(server([PACE, "web"], port, env, log))
            servers.append(Server(Series(f"`pace web`, {backend}"), port, url, process.pid))
        for entry in servers:
            asyncio.run(load("warm-up", entry.port, deliveries(args.warmup, entry.port), 8))
        for _round in range(args.rounds):
            for entry in servers:
                requests = deliveries(args.requests, entry.port)
                used = cpu_seconds(entry.pid)
                result = asyncio.run(
                    load(entry.series.name, entry.port, requests, args.connections)
                )
                result.cpu = cpu_seconds(entry.pid) - used
                entry.series.rounds.append(result)
        stored = {
            entry.series.name: stored_rows(entry.database_url)
            for entry in servers
            if entry.database_url is not None
        }
    report(servers, stored, args, cores)


def report(
    servers: list[Server],
    stored: dict[str, tuple[int, int, int]],
    args: argparse.Namespace,
    cores: int,
) -> None:
    """Print the table, the ratios and the stored-rows check; exit non-zero on a failure."""
    idle = all(entry.series.idle for entry in servers)
    if args.require_idle and not idle:
        raise SystemExit(f"the load average exceeded {cores} during the run: figures refused")
    print(
        f"{args.requests} requests x {args.rounds} rounds, {args.connections} connections,"
        f" {cores} CPU(s); medians of the rounds"
    )
    if not idle:
        print(f"NOT IDLE: the load average exceeded {cores} during some rounds (see loads)")
    print(
        "| server | deliveries/s | / bare | p50 ms | p99 ms | CPU ms/delivery"
        " | rounds/s | loads | statuses |"
    )
    print("|---|---:|---:|---:|---:|---:|---|---|---|")
    bare_rate = servers[0].series.rate
    for entry in servers:
        print(entry.series.line(bare_rate))
    for entry, goal in zip(servers[1:], GOALS, strict=False):
        ratio = entry.series.rate / bare_rate
        p99 = entry.series.median(0.99)
        met = ratio >= goal and p99 < P99_GOAL_MS
        print(
            f"{entry.series.name}: {ratio:.2f} x bare (goal {goal}), p99 {p99:.1f} ms"
            f" (goal < {P99_GOAL_MS}): {'met' if met else 'NOT met'}"
            + ("" if entry.series.idle else ", on a machine that was not idle")
        )
    print("CPU ms/delivery: the server process, all threads; PostgreSQL's own work not included")
    failed = False
    for entry in servers[1:]:
        accepted = entry.series.statuses().get(202, 0) + args.warmup
        deliveries_, jobs, single = stored[entry.series.name]
        once = deliveries_ == jobs == single == accepted
        failed = failed or not once
        print(
            f"{entry.series.name}: {accepted} answered 202 (warm-up included), stored"
            f" {deliveries_} deliveries and {jobs} jobs, {single} with exactly one job:"
            f" {'every accepted delivery stored exactly once' if once else 'MISMATCH'}"
        )
    if failed:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
