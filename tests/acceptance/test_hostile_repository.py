"""Hostile repositories and users against ``pace serve``: what they try, and what stops it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.acceptance.harness import SECRET, PaceProcess, wait_until
from tests.acceptance.world import (
    MODEL_KEY,
    PROJECT,
    REPO,
    World,
    deliver,
    scribe_bootstrap,
    world,
)
from tests.fakes import payloads
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
