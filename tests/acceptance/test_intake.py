"""A running ``pace serve`` answers real HTTP deliveries as GitHub would see it."""

import contextlib
import json
import signal
import socket
import threading
import time
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


def test_a_replayed_body_with_a_fresh_delivery_id_creates_nothing(
    server: PaceProcess, tmp_path: Path
) -> None:
    body = json.dumps(payloads.issues_event("labeled")).encode()
    url = server.url + "/webhooks/github"
    first = httpx2.post(url, content=body, headers=signed_headers("issues", "d1", body))
    # What an attacker holding one signed delivery can do: send it again, new id each time.
    replays = [
        httpx2.post(url, content=body, headers=signed_headers("issues", f"replay-{n}", body))
        for n in range(3)
    ]
    # And what GitHub's own redelivery looks like: the same id and the same body.
    redelivery = httpx2.post(url, content=body, headers=signed_headers("issues", "d1", body))
    assert (first.status_code, first.json()["outcome"]) == (202, "accepted")
    for answer in [*replays, redelivery]:
        assert (answer.status_code, answer.json()["outcome"]) == (202, "duplicate")
    assert [row["kind"] for row in job_rows(tmp_path / "data")] == ["story.start"]


def test_deeply_nested_json_is_400(server: PaceProcess, tmp_path: Path) -> None:
    for body in (b"[" * 100_000, b'{"a":' * 100_000):
        headers = signed_headers("issues", "deep", body)
        answer = httpx2.post(server.url + "/webhooks/github", content=body, headers=headers)
        assert (answer.status_code, answer.json()) == (400, {"error": "body is nested too deeply"})
    assert job_rows(tmp_path / "data") == []
    assert server.process.poll() is None


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


BODY_TIMEOUT = 1.5


@pytest.fixture
def impatient_server(tmp_path: Path) -> Iterator[PaceProcess]:
    """Run ``pace serve`` with a short body read timeout."""
    env = app_environment(tmp_path, WEBHOOK_BODY_TIMEOUT_SECONDS=str(BODY_TIMEOUT))
    process = PaceProcess(("serve",), tmp_path, env, tmp_path / "log")
    process.start().wait_http("/readyz")
    yield process
    process.signal(signal.SIGTERM)
    assert process.wait() == 0, process.output()


def _slow_request(port: int, declared: int) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    sock.sendall(
        b"POST /webhooks/github HTTP/1.1\r\nHost: pace\r\n"
        b"X-GitHub-Event: ping\r\nX-GitHub-Delivery: slow\r\n"
        b"Content-Length: %d\r\n\r\n{" % declared
    )
    return sock


def _answer(sock: socket.socket) -> bytes:
    answer = b""
    with contextlib.suppress(OSError):
        while chunk := sock.recv(4096):
            answer += chunk
    return answer


def test_a_stalled_body_is_cut_off_without_blocking_others(impatient_server: PaceProcess) -> None:
    port = int(impatient_server.env["PORT"])
    started = time.monotonic()
    with _slow_request(port, declared=1000) as stalled:
        # While that body never comes, other deliveries are answered as usual.
        body = json.dumps(payloads.ping_event()).encode()
        other = httpx2.post(
            impatient_server.url + "/webhooks/github",
            content=body,
            headers=signed_headers("ping", "meanwhile", body),
            timeout=10,
        )
        answered_other = time.monotonic() - started
        answer = _answer(stalled)  # the server answers, then closes the connection
    waited = time.monotonic() - started
    assert other.status_code == 200
    assert answered_other < BODY_TIMEOUT
    assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
    assert b"connection: close" in answer.lower()
    assert BODY_TIMEOUT <= waited < BODY_TIMEOUT + 10


def test_a_trickled_body_is_cut_off_at_the_same_deadline(impatient_server: PaceProcess) -> None:
    port = int(impatient_server.env["PORT"])
    started = time.monotonic()
    answer = b""
    with _slow_request(port, declared=100) as trickling:
        trickling.settimeout(0.25)
        # A byte every quarter second would take 25 s; each byte would reset a per-read
        # timeout, but not the deadline for the whole body.
        for _ in range(99):
            try:
                trickling.sendall(b" ")
                answer += trickling.recv(4096)
            except TimeoutError:
                continue
            except OSError:
                break
            if answer:
                break
        trickling.settimeout(10)
        answer += _answer(trickling)
    assert answer.startswith(b"HTTP/1.1 408"), answer[:200]
    assert time.monotonic() - started < BODY_TIMEOUT + 10
