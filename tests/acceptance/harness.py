"""Spawn the installed ``pace`` binary in a temporary directory and talk to it."""

from __future__ import annotations

import functools
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx2

from pace_app.github.signature import sign
from tests.fakes.keys import private_key_pem

PACE = str(Path(sys.executable).with_name("pace"))
SECRET = "acceptance-webhook-secret"


def free_port() -> int:
    """Return a TCP port that is free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def base_environment() -> dict[str, str]:
    """Return a minimal environment: no developer settings, coverage still measured."""
    keep = {"PATH", "LANG", "LC_ALL", "TMPDIR", "SYSTEMROOT"}
    env = {k: v for k, v in os.environ.items() if k in keep or k.startswith("COVERAGE_")}
    env["HOME"] = os.environ.get("HOME", "/tmp")
    return env


@functools.cache
def default_private_key() -> str:
    """Return one App key per test process, for the settings of a ``pace`` no GitHub checks."""
    # An RSA key costs about 80 ms of CPU to make; tests that talk to a fake GitHub pass
    # that fake's key instead.
    return private_key_pem().replace("\n", "\\n")


def app_environment(workdir: Path, **overrides: str) -> dict[str, str]:
    """Return an environment with complete App settings and a free port."""
    env = base_environment()
    env.update(
        GITHUB_APP_ID="4242",
        GITHUB_PRIVATE_KEY=overrides.get("GITHUB_PRIVATE_KEY") or default_private_key(),
        GITHUB_WEBHOOK_SECRET=SECRET,
        GITHUB_API_URL="http://127.0.0.1:9",
        DATA_DIR=str(workdir / "data"),
        PORT=str(free_port()),
        LOG_FORMAT="json",
        LOG_LEVEL="INFO",
    )
    env.update(overrides)
    return env


def run_pace(
    *args: str, cwd: Path, env: Mapping[str, str], timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run ``pace`` to completion and capture what a user would see."""
    return subprocess.run(
        [PACE, *args],
        cwd=cwd,
        env=dict(env),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


@dataclass
class PaceProcess:
    """A running ``pace`` process with its output going to a log file."""

    args: tuple[str, ...]
    cwd: Path
    env: dict[str, str]
    log_path: Path
    process: subprocess.Popen[bytes] = field(init=False)

    def start(self) -> PaceProcess:
        """Start the process."""
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [PACE, *self.args], cwd=self.cwd, env=self.env, stdout=log, stderr=subprocess.STDOUT
        )
        log.close()
        return self

    @property
    def url(self) -> str:
        """Return the base URL the web server listens on."""
        return f"http://127.0.0.1:{self.env['PORT']}"

    def wait_http(self, path: str = "/healthz", status: int = 200, timeout: float = 60) -> None:
        """Wait until ``path`` answers ``status``, failing if the process dies first."""
        deadline = time.monotonic() + timeout
        # One client for every poll: a new one per request costs tens of milliseconds of
        # CPU (TLS set-up), which a starting ``pace`` would otherwise compete with.
        with httpx2.Client(timeout=1) as client:
            while time.monotonic() < deadline:
                if self.process.poll() is not None:
                    raise AssertionError(f"pace exited early:\n{self.output()}")
                try:
                    if client.get(self.url + path).status_code == status:
                        return
                except httpx2.TransportError:
                    pass
                time.sleep(0.05)
        raise AssertionError(f"{path} never answered {status}:\n{self.output()}")

    def signal(self, signum: signal.Signals) -> None:
        """Send a signal to the process."""
        self.process.send_signal(signum)

    def wait(self, timeout: float = 30) -> int:
        """Wait for the process to exit and return its code."""
        return self.process.wait(timeout=timeout)

    def stop(self) -> None:
        """Stop the process if it still runs (SIGTERM, then SIGKILL)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def output(self) -> str:
        """Return everything the process printed so far."""
        return self.log_path.read_text(errors="replace")

    def log_records(self) -> list[dict[str, Any]]:
        """Return the JSON log records the process printed."""
        records = []
        for line in self.output().splitlines():
            if line.startswith("{"):
                records.append(json.loads(line))
        return records


def signed_headers(event: str, delivery: str, body: bytes, secret: str = SECRET) -> dict[str, str]:
    """Return the headers GitHub sends with a delivery."""
    return {
        "x-github-event": event,
        "x-github-delivery": delivery,
        "x-hub-signature-256": sign(body, secret),
        "content-type": "application/json",
        "user-agent": "GitHub-Hookshot/acceptance",
    }


def job_rows(data_dir: Path) -> list[dict[str, Any]]:
    """Read every job straight from the SQLite file, as an operator would."""
    import sqlite3

    with sqlite3.connect(f"file:{data_dir / 'pace.db'}?mode=ro", uri=True, timeout=10) as db:
        db.row_factory = sqlite3.Row
        rows = db.execute("SELECT id, kind, state, attempts, idempotency_key FROM jobs")
        return [dict(row) for row in rows]


def wait_until(
    condition: Callable[[], bool],
    *,
    timeout: float = 30,
    what: str = "",
    context: Callable[[], str] | None = None,
) -> None:
    """Poll ``condition`` until it holds, failing after ``timeout`` seconds.

    ``context`` is called only on failure, e.g. to show a process's output by then.
    """
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            detail = f"\n{context()}" if context is not None else ""
            raise AssertionError(f"timed out waiting for {what}{detail}")
        time.sleep(0.05)
