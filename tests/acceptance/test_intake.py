"""A running ``pace serve`` answers real HTTP deliveries as GitHub would see it."""

import contextlib
import json
import signal
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx2
import pytest

from tests.acceptance.harness import (
    SECRET,
    PaceProcess,
    app_environment,
    job_rows,
    signed_headers,
    wait_until,
)
from tests.fakes import payloads

pytestmark = pytest.mark.slow


@pytest.fixture
def server(tmp_path: Path) -> Iterator[PaceProcess]:
    """Run ``pace serve`` in a temporary directory until the test ends."""
    process = PaceProcess(("serve",), tmp_path, app_environment(tmp_path), tmp_path / "log")
    process.start().wait_http("/readyz")
    yield process
    process.signal(signal.SIGTERM)
    assert process.wait() == 0, process.output()


def test_an_accepted_delivery_becomes_a_job_the_worker_runs(
    server: PaceProcess, tmp_path: Path
) -> None:
    body = json.dumps(payloads.installation_event("created")).encode()
    answer = httpx2.post(
        server.url + "/webhooks/github",
        content=body,
        headers=signed_headers("installation", "d1", body),
    )
    assert (answer.status_code, answer.json()["outcome"]) == (202, "accepted")
    wait_until(
        lambda: [r["state"] for r in job_rows(tmp_path / "data")] == ["succeeded"],
        what="the installation job to run",
        context=server.output,
    )


def test_a_wrong_signature_is_401_and_nothing_is_stored(
    server: PaceProcess, tmp_path: Path
) -> None:
    body = json.dumps(payloads.issues_event("labeled")).encode()
    headers = signed_headers("issues", "d1", body, secret="not-" + SECRET)
    answer = httpx2.post(server.url + "/webhooks/github", content=body, headers=headers)
    assert answer.status_code == 401
    assert job_rows(tmp_path / "data") == []
    assert SECRET not in server.output()


def test_a_30_mb_body_is_refused_without_being_buffered_whole(server: PaceProcess) -> None:
    """Stream 30 MB of chunks but never end the body: only a server that checks the
    size while reading can answer, since the body never completes."""
    chunk = b"x" * 65536
    response = bytearray()

    def read_answer(sock: socket.socket) -> None:
        # Read concurrently: once the server closes, a reset could discard unread data.
        with contextlib.suppress(OSError):
            while data := sock.recv(4096):
                response.extend(data)
                if b"\r\n\r\n" in response:
                    break

    with socket.create_connection(("127.0.0.1", int(server.env["PORT"])), timeout=30) as sock:
        reader = threading.Thread(target=read_answer, args=(sock,), daemon=True)
        reader.start()
        sock.sendall(
            b"POST /webhooks/github HTTP/1.1\r\nHost: pace\r\n"
            b"X-GitHub-Event: issues\r\nX-GitHub-Delivery: big\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n"
        )
        with contextlib.suppress(OSError):  # the server closes once it has answered
            for _ in range(30 * 1024 * 1024 // len(chunk)):
                sock.sendall(b"%x\r\n%s\r\n" % (len(chunk), chunk))
        # The terminating zero-length chunk is never sent.
        reader.join(timeout=30)
    assert bytes(response).startswith(b"HTTP/1.1 413"), bytes(response[:200])


def test_a_declared_30_mb_body_is_refused_at_once(server: PaceProcess) -> None:
    port = int(server.env["PORT"])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(
            b"POST /webhooks/github HTTP/1.1\r\nHost: pace\r\n"
            b"X-GitHub-Event: issues\r\nX-GitHub-Delivery: big\r\n"
            b"Content-Length: 31457280\r\n\r\n"
        )
        assert sock.recv(4096).startswith(b"HTTP/1.1 413")


def test_sigterm_stops_serve_cleanly(tmp_path: Path) -> None:
    process = PaceProcess(("serve",), tmp_path, app_environment(tmp_path), tmp_path / "log")
    process.start().wait_http("/healthz")
    process.signal(signal.SIGTERM)
    assert process.wait() == 0
    messages = [record["message"] for record in process.log_records()]
    assert "stop requested" in messages
    assert messages[-1] == "stopped"
