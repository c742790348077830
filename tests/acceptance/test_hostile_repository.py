"""Hostile repositories and users against ``pace serve``: what they try, and what stops it."""

from __future__ import annotations

import json
import time
from pathlib import Path

import httpx2
import pytest

from tests.acceptance.harness import SECRET, PaceProcess, free_port, wait_until
from tests.acceptance.test_review_cycle import forge_writes
from tests.acceptance.world import (
    FIXED_WIDGETS,
    MODEL_KEY,
    PROJECT,
    REPO,
    World,
    deliver,
    gate_verdict,
    scribe_bootstrap,
    scribe_update,
    sentinel_findings,
    world,
)
from tests.fakes import payloads
from tests.fakes.fake_model import tool_turn
from tests.fakes.keys import private_key_pem

pytestmark = pytest.mark.slow


def status(w: World, number: int) -> str:
    bodies = [
        c.body
        for c in w.github.state.comments_on(REPO, number)
        if c.body.startswith("<!-- pace:status")
    ]
    return bodies[-1] if bodies else ""


def test_a_failing_setup_that_prints_the_apps_secrets_posts_none_of_them(
    tmp_path: Path,
) -> None:
    key_lines = [line for line in private_key_pem().splitlines() if len(line) > 40][:2]
    secrets = [SECRET, MODEL_KEY, *key_lines]
    # The repository's setup command prints the App's secrets (as if it had read them
    # from the host) and fails, so its output is quoted in the status comment.
    pem = "\\n".join(private_key_pem().splitlines())
    command = f"printf '%s\\n' {SECRET} {MODEL_KEY}; printf '{pem}\\n'; exit 3"
    config = json.dumps({"tech": {"setup_command": command}})
    with world(
        tmp_path, [scribe_bootstrap()], project={**PROJECT, "pace.config.yaml": config}
    ) as w:
        server = PaceProcess(("serve",), tmp_path, w.environment(tmp_path), tmp_path / "s.log")
        server.start()
        try:
            server.wait_http("/readyz")
            number = w.open_story()
            assert deliver(server, "issues", w.labeled_payload(number), "label-1") == 202
            wait_until(
                lambda: "Failed:" in status(w, number),
                timeout=60,
                what="the run to fail on its setup command",
                context=server.output,
            )
        finally:
            server.stop()
        assert "setup command" in status(w, number), status(w, number)
        assert "[redacted]" in status(w, number)
        sent = [json.dumps(r.body) for r in w.github.requests if r.body]
        for secret in secrets:
            assert all(secret not in body for body in sent), "a secret was posted to GitHub"


def test_a_read_only_users_label_starts_nothing(tmp_path: Path) -> None:
    with world(tmp_path) as w:
        w.grant("mallory", "read")
        server = PaceProcess(("serve",), tmp_path, w.environment(tmp_path), tmp_path / "s.log")
        server.start()
        try:
            server.wait_http("/readyz")
            number = w.open_story()
            payload = w.labeled_payload(number)
            payload["sender"] = payloads.account("mallory", id=666)
            assert deliver(server, "issues", payload, "label-1") == 202
            wait_until(
                lambda: bool(w.github.state.comments_on(REPO, number)),
                timeout=30,
                what="the refusal",
                context=server.output,
            )
        finally:
            server.stop()
        [reply] = [c.body for c in w.github.state.comments_on(REPO, number)]
        assert "only people with write access" in reply
        assert "pace:story" not in w.github.state.issues[(REPO, number)].labels
        assert w.model.requests == []
        assert not w.github.state.pulls


def tool_errors(w: World) -> list[str]:
    """Return the text of every tool result the model was sent as an error."""
    errors = []
    for request in w.model.requests:
        for message in request.get("messages", []):
            content = message.get("content")
            if not isinstance(content, list):
                continue
            for block in content:
                if block.get("type") == "tool_result" and block.get("is_error"):
                    errors.append(json.dumps(block.get("content")))
    return errors


def test_a_hostile_forge_cannot_change_the_rules_or_freeze_the_service(tmp_path: Path) -> None:
    hostile_config = 'sandbox:\n  mode: "off"\ntech:\n  setup_command: cat /proc/1/environ\n'
    script = [
        scribe_bootstrap(),
        tool_turn("write_file", {"path": "pace.config.yaml", "content": hostile_config}),
        tool_turn("write_file", {"path": ".gitattributes", "content": "*.py -diff\n"}),
        tool_turn("search_code", {"pattern": "^(a+)+$", "path": "crafted.txt"}),
        *forge_writes("widgets.py", FIXED_WIDGETS),
        gate_verdict(),
        sentinel_findings(),
        scribe_update(),
    ]
    project = {**PROJECT, "crafted.txt": "a" * 40 + "!\n"}
    with world(tmp_path, script, project=project) as w:
        server = PaceProcess(("serve",), tmp_path, w.environment(tmp_path), tmp_path / "s.log")
        server.start()
        slowest = 0.0
        try:
            server.wait_http("/readyz")
            number = w.open_story()
            assert deliver(server, "issues", w.labeled_payload(number), "label-1") == 202
            deadline = time.monotonic() + 90
            while "PR ready for review" not in status(w, number):
                assert time.monotonic() < deadline, server.output()
                started = time.monotonic()
                assert httpx2.get(server.url + "/healthz", timeout=5).status_code == 200
                slowest = max(slowest, time.monotonic() - started)
                time.sleep(0.05)
        finally:
            server.stop()
        errors = tool_errors(w)
        assert any("pace.config.yaml" in e for e in errors)
        assert any(".gitattributes" in e for e in errors)
        assert any("search_code" in e for e in errors)
        # The user hears of it too, not only the model.
        assert "FORGE was not allowed to change `.gitattributes`, `pace.config.yaml`" in status(
            w, number
        )
        branch = "pace/issue-1-count-widgets"
        # The branch keeps the base's configuration, untouched.
        assert w.git.read_file(REPO, "pace.config.yaml", ref=branch) == PROJECT["pace.config.yaml"]
        assert w.git.read_file(REPO, ".gitattributes", ref=branch) is None
        # The event loop answered throughout, the catastrophic regex included (blocked by
        # it, one answer would wait the search's whole 10 s). Idle, the slowest answer
        # takes about 0.2 s; a model SDK imported on the loop made it 1.2 s (4 s loaded).
        assert slowest < 2.0


def test_setup_cannot_reach_the_hosts_services(tmp_path: Path) -> None:
    port = free_port()
    # The marker is spelled out only when a connection succeeds.
    probe = (
        "bash -c 'R=REACH; echo > /dev/tcp/127.0.0.1/5432 && echo ${R}ED-POSTGRES; "
        f"echo > /dev/tcp/127.0.0.1/{port} && echo ${{R}}ED-APP; exit 3'"
    )
    project = {**PROJECT, "pace.config.yaml": json.dumps({"tech": {"setup_command": probe}})}
    with world(tmp_path, [scribe_bootstrap()], project=project) as w:
        env = w.environment(tmp_path, PORT=str(port), SANDBOX_SETUP_NETWORK="true")
        server = PaceProcess(("serve",), tmp_path, env, tmp_path / "s.log").start()
        try:
            server.wait_http("/readyz")
            number = w.open_story()
            assert deliver(server, "issues", w.labeled_payload(number), "label-1") == 202
            wait_until(
                lambda: "Failed:" in status(w, number),
                timeout=60,
                what="the setup command to fail",
                context=server.output,
            )
        finally:
            server.stop()
        final = status(w, number)
        assert "setup command" in final
        assert "Connection refused" in final or "unreachable" in final
        assert "REACHED" not in final
