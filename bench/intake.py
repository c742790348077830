"""Measure webhook intake: signed deliveries per second and latency through ``pace web``.

Runs a real ``pace web`` on SQLite and on PostgreSQL, and next to them a bare
Starlette endpoint under the same uvicorn settings that answers 202 without verifying
or storing anything. The load generator is a minimal keep-alive HTTP/1.1 client on
asyncio streams (a general-purpose client would cost more CPU than the servers it
measures on a small machine). Every request is a distinct delivery, signed before the
clock starts.

    uv run python bench/intake.py [--requests 4000] [--connections 32]

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
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx2
import psycopg
from psycopg import sql

from pace_app.github.signature import sign

# Made per run: the benchmark needs a secret both sides know, not a memorable one.
SECRET = secrets.token_hex(16)
PACE = str(Path(sys.executable).with_name("pace"))
DEFAULT_POSTGRES = "postgresql://postgres@127.0.0.1:5432/test"
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


@dataclass(frozen=True)
class Result:
    """What one load run measured."""

    name: str
    requests: int
    seconds: float
    latencies: list[float]
    statuses: dict[int, int]

    @property
    def rate(self) -> float:
        """Return requests per second."""
        return self.requests / self.seconds

    def percentile(self, fraction: float) -> float:
        """Return a latency percentile in milliseconds."""
        ordered = sorted(self.latencies)
        return 1000 * ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]

    def line(self) -> str:
        """Render the result as a table row."""
        return (
            f"| {self.name} | {self.rate:,.0f} | {self.percentile(0.5):.1f} |"
            f" {self.percentile(0.99):.1f} | {statistics.mean(self.latencies) * 1000:.1f} |"
            f" {dict(sorted(self.statuses.items()))} |"
        )


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
    """Return ``count`` distinct signed ``issues.labeled`` requests, ready to write."""
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
    started = time.perf_counter()
    await asyncio.gather(
        *(_connection(port, queue, latencies, statuses) for _ in range(connections))
    )
    return Result(name, len(requests), time.perf_counter() - started, latencies, statuses)


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
def server(command: list[str], port: int, env: dict[str, str], log: Path) -> Iterator[None]:
    """Run a server process for the duration of the block."""
    with log.open("ab") as out:
        process = subprocess.Popen(  # noqa: S603 - this script's own commands
            command, env=env, stdout=out, stderr=subprocess.STDOUT
        )
    try:
        wait_healthy(port, process)
        yield
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


def stored_jobs(database_url: str) -> int:
    """Return how many jobs the server stored: every 202 should have made one."""
    if database_url.startswith("sqlite:///"):
        import sqlite3

        with sqlite3.connect(f"file:{database_url[10:]}?mode=ro", uri=True) as db:
            row = db.execute("SELECT count(*) FROM jobs").fetchone()
    else:
        with psycopg.connect(database_url, autocommit=True) as conn:
            row = conn.execute("SELECT count(*) FROM pace_jobs").fetchone()
    assert row is not None
    return int(row[0])


def measure(
    name: str, command: list[str], env: dict[str, str], workdir: Path, args: argparse.Namespace
) -> Result:
    """Warm a server up, then measure it under the configured load."""
    port = int(env["PORT"])
    with server(command, port, env, workdir / f"{name.replace(' ', '-')}.log"):
        asyncio.run(load(name, port, deliveries(args.warmup, port), args.connections))
        return asyncio.run(load(name, port, deliveries(args.requests, port), args.connections))


def main() -> None:
    """Run the intake benchmark and print a Markdown table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=4000)
    parser.add_argument("--warmup", type=int, default=300)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args()
    postgres = os.environ.get("PACE_TEST_POSTGRES_URL") or DEFAULT_POSTGRES
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="pace-bench-") as scratch:
        workdir = Path(scratch)
        port = free_port()
        bare_env = {key: value for key, value in os.environ.items() if key in {"PATH", "HOME"}}
        bare_env["PORT"] = str(port)
        bare = [sys.executable, "-c", BARE_SERVER, str(port)]
        results.append(measure("bare Starlette 202", bare, bare_env, workdir, args))
        sqlite_url = f"sqlite:///{workdir / 'data' / 'pace.db'}"
        env = pace_environment(workdir, free_port(), sqlite_url)
        results.append(measure("pace web, SQLite", [PACE, "web"], env, workdir, args))
        stored = {"SQLite": stored_jobs(sqlite_url)}
        if not args.skip_postgres:
            with postgres_schema(postgres) as database_url:
                env = pace_environment(workdir, free_port(), database_url)
                results.append(measure("pace web, PostgreSQL", [PACE, "web"], env, workdir, args))
                stored["PostgreSQL"] = stored_jobs(database_url)
    print(f"{args.requests} requests, {args.connections} connections, {os.cpu_count()} CPU(s)")
    print("| server | deliveries/s | p50 ms | p99 ms | mean ms | statuses |")
    print("|---|---:|---:|---:|---:|---|")
    for result in results:
        print(result.line())
    for backend, jobs in stored.items():
        print(f"jobs stored on {backend}: {jobs} (warm-up included)")
    bare_rate = results[0].rate
    for result in results[1:]:
        print(f"{result.name} / bare: {result.rate / bare_rate:.2f}")


if __name__ == "__main__":
    main()
