"""The ``pace`` binary as a user meets it: version, settings errors, listening, receive."""

import json
import signal
import subprocess
import sys
from pathlib import Path

import httpx2
import pytest

from tests.acceptance.harness import (
    PaceProcess,
    app_environment,
    base_environment,
    free_port,
    job_rows,
    run_pace,
    signed_headers,
    wait_until,
)
from tests.fakes import payloads

pytestmark = pytest.mark.slow


def test_both_entry_points_print_the_same_version(tmp_path: Path) -> None:
    script = run_pace("--version", cwd=tmp_path, env=base_environment())
    module = subprocess.run(
        [sys.executable, "-m", "pace_app", "--version"],
        cwd=tmp_path,
        env=base_environment(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert script.returncode == module.returncode == 0
    assert script.stdout == module.stdout
    assert script.stdout.startswith("pace ")


def test_serve_with_part_of_the_credentials_names_the_first_missing_one(tmp_path: Path) -> None:
    env = base_environment() | {"GITHUB_APP_ID": "4242", "DATA_DIR": str(tmp_path / "d")}
    result = run_pace("serve", cwd=tmp_path, env=env)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "pace: error: GITHUB_PRIVATE_KEY: is not set (nor GITHUB_PRIVATE_KEY_PATH)"
    ]
    assert result.stdout == ""


def test_a_malformed_setting_is_one_line_naming_it(tmp_path: Path) -> None:
    env = app_environment(tmp_path, PORT="http")
    result = run_pace("serve", cwd=tmp_path, env=env)
    assert result.returncode == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("pace: error: PORT: ")
    assert "Traceback" not in result.stderr


def test_a_busy_port_is_one_clear_line(tmp_path: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        result = run_pace("serve", cwd=tmp_path, env=app_environment(tmp_path, PORT=port))
    assert result.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}" in result.stderr


@pytest.mark.xdist_group("default-port")
def test_serve_listens_on_127_0_0_1_3000_by_default(tmp_path: Path) -> None:
    env = app_environment(tmp_path)
    del env["PORT"]
    server = PaceProcess(("serve",), tmp_path, env, tmp_path / "serve.log").start()
    try:
        server.env["PORT"] = "3000"
        server.wait_http("/healthz")
        server.wait_http("/readyz")
        server.signal(signal.SIGTERM)
        assert server.wait() == 0
    finally:
        server.stop()
    assert any(r["message"] == "listening" and r.get("port") == 3000 for r in server.log_records())


def test_settings_are_read_from_a_dotenv_file(tmp_path: Path) -> None:
    env = app_environment(tmp_path)
    dotenv = "".join(f"{k}={v}\n" for k, v in env.items() if k.startswith(("GITHUB_", "PORT")))
    (tmp_path / ".env").write_text(dotenv)
    clean = {k: v for k, v in env.items() if not k.startswith(("GITHUB_", "PORT"))}
    server = PaceProcess(("serve",), tmp_path, clean, tmp_path / "serve.log").start()
    server.env["PORT"] = env["PORT"]
    try:
        server.wait_http("/healthz")
    finally:
        server.stop()


def test_receive_queue_only_stores_a_delivery_through_the_same_routing(tmp_path: Path) -> None:
    env = base_environment() | {"DATA_DIR": str(tmp_path / "data")}
    payload = tmp_path / "labeled.json"
    payload.write_text(json.dumps(payloads.issues_event("labeled")))
    first = run_pace(
        "receive",
        "-e",
        "issues",
        "-p",
        str(payload),
        "--delivery-id",
        "d-7",
        "--queue-only",
        cwd=tmp_path,
        env=env,
    )
    again = run_pace(
        "receive",
        "-e",
        "issues",
        "-p",
        str(payload),
        "--delivery-id",
        "d-7",
        "--queue-only",
        cwd=tmp_path,
        env=env,
    )
    assert (first.returncode, again.returncode) == (0, 0)
    assert first.stdout.strip() == "d-7: accepted: 1 job(s) queued"
    assert again.stdout.strip() == "d-7: duplicate: delivery already received"


def test_receive_explains_an_ignored_delivery(tmp_path: Path) -> None:
    payload = tmp_path / "bot.json"
    bot = payloads.issues_event("labeled", sender=payloads.account("x", bot=True))
    payload.write_text(json.dumps(bot))
    result = run_pace(
        "receive",
        "-e",
        "issues",
        "-p",
        str(payload),
        cwd=tmp_path,
        env=base_environment() | {"DATA_DIR": str(tmp_path / "d")},
    )
    assert result.returncode == 0
    assert result.stdout.strip().endswith("ignored: sender x[bot] is a bot")


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "cannot read"), ("[]", "body is not a JSON object")],
)
def test_receive_rejects_bad_payload_files(
    tmp_path: Path, content: str | None, message: str
) -> None:
    payload = tmp_path / "payload.json"
    if content is not None:
        payload.write_text(content)
    result = run_pace(
        "receive",
        "-e",
        "issues",
        "-p",
        str(payload),
        cwd=tmp_path,
        env=base_environment() | {"DATA_DIR": str(tmp_path / "d")},
    )
    assert result.returncode == 1
    assert message in result.stderr


def test_web_and_worker_run_apart_on_one_database(tmp_path: Path) -> None:
    env = app_environment(tmp_path)
    web = PaceProcess(("web",), tmp_path, env, tmp_path / "web.log").start()
    worker_env = env | {"PORT": str(free_port())}
    worker = PaceProcess(("worker",), tmp_path, worker_env, tmp_path / "worker.log").start()
    try:
        web.wait_http("/readyz")
        body = json.dumps(payloads.installation_event("created")).encode()
        answer = httpx2.post(
            web.url + "/webhooks/github",
            content=body,
            headers=signed_headers("installation", "d-1", body),
        )
        assert answer.status_code == 202
        wait_until(
            lambda: [r["state"] for r in job_rows(tmp_path / "data")] == ["succeeded"],
            what="the worker process to run the job",
            context=worker.output,
        )
        for process in (web, worker):
            process.signal(signal.SIGTERM)
        assert (web.wait(), worker.wait()) == (0, 0)
    finally:
        web.stop()
        worker.stop()
