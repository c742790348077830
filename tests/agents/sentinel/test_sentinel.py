"""SENTINEL end to end: a real git diff, the real scanners and the fake model."""

from __future__ import annotations

import subprocess
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from pace_app.agents.sentinel.sentinel import retry_lines, run_sentinel, summarise
from pace_app.domain.findings import Finding, fingerprint
from pace_app.llm.anthropic_provider import AnthropicProvider
from tests.fakes.fake_model import FakeModel, tool_turn
from tests.llm.conftest import API_KEY, provider_for

pytestmark = pytest.mark.anyio
MODEL = "claude-haiku-4-5"
AWS_KEY = "AKIAIOSFODNN7EXAMPLE"


def git(root: Path, *args: str) -> str:
    """Run git in ``root`` with a fixed identity and return its output."""
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


@pytest.fixture
def worktree(tmp_path: Path) -> tuple[Path, str, list[str]]:
    """Return a repository at a head that adds risky code, its diff and changed files."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    (root / "app").mkdir()
    (root / "app" / "run.py").write_text("import subprocess\n\n\ndef run(cmd):\n    pass\n")
    (root / "old.py").write_text("x = 1\n")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "base")
    git(root, "checkout", "-qb", "feature")
    (root / "app" / "run.py").write_text(
        "import subprocess\n\n\ndef run(cmd):\n    subprocess.run(cmd, shell=True)\n"
        "\n\ndef view(request):\n    run(request.GET['cmd'])\n"
    )
    (root / "config.py").write_text(f'KEY_ID = "{AWS_KEY}"\n')
    (root / ".env").write_text("TOKEN=abc\n")
    (root / "old.py").unlink()
    git(root, "add", "-A")
    git(root, "commit", "-qm", "head")
    diff = git(root, "diff", "main...feature")
    changed = git(root, "diff", "--name-only", "main...feature").split()
    return root, diff, changed


@pytest.fixture
def fake() -> FakeModel:
    """Return an empty fake Messages API."""
    return FakeModel(api_key=API_KEY)


@pytest.fixture
async def provider(fake: FakeModel) -> AsyncIterator[AnthropicProvider]:
    """Return the real provider wired to the fake."""
    provider = provider_for(fake, max_retries=0)
    yield provider
    await provider.aclose()


async def test_holds_on_shell_injection_secret_and_env_file(
    worktree: tuple[Path, str, list[str]], fake: FakeModel, provider: AnthropicProvider
) -> None:
    root, diff, changed = worktree
    fake.add(
        tool_turn(
            "report_findings",
            {
                "findings": [
                    {
                        "path": "app/run.py",
                        "line": 4,
                        "severity": "low",
                        "category": "input",
                        "message": "cmd is not validated",
                    },
                    {
                        "path": "elsewhere.py",
                        "line": 1,
                        "severity": "high",
                        "category": "x",
                        "message": "invented",
                    },
                ]
            },
        )
    )
    result = await run_sentinel(
        worktree=root,
        diff=diff,
        changed_files=changed,
        provider=provider,
        analysis_model=MODEL,
        block_on="high",
        already_posted=(),
    )
    assert result.verdict == "HOLD"
    where = {(f.location, f.source, f.severity) for f in result.findings}
    assert where == {
        ("app/run.py:5", "taint", "high"),
        ("config.py:1", "secrets", "high"),
        (".env:1", "env-file", "high"),
        ("app/run.py:4", "model", "low"),
    }
    model_finding = next(f for f in result.findings if f.source == "model")
    assert model_finding.anchor == "def run(cmd):"
    assert any("elsewhere.py" in note for note in result.not_analysed)
    assert result.review is not None
    assert result.review.event == "REQUEST_CHANGES"
    assert {(c.path, c.line) for c in result.review.comments} == {
        ("app/run.py", 5),
        ("app/run.py", 4),
        ("config.py", 1),
        (".env", 1),
    }
    assert AWS_KEY not in result.summary
    assert AWS_KEY not in result.review.body
    assert all(AWS_KEY not in c.body for c in result.review.comments)
    assert "| high | 3 |" in result.summary
    assert any(
        line.startswith("app/run.py:5 [high] command-injection")
        for line in result.findings_for_retry
    )
    flow = next(f for f in result.findings if f.source == "taint")
    assert [(s.line, s.note) for s in flow.trace] == [
        (9, "source: request.GET"),
        (9, "passed to run()"),
        (5, "sink: subprocess.run(shell=True) (CWE-78)"),
    ]

    fake.add(tool_turn("report_findings", {"findings": []}))
    again = await run_sentinel(
        worktree=root,
        diff=diff,
        changed_files=changed,
        provider=provider,
        analysis_model=MODEL,
        block_on="critical",
        already_posted={fingerprint(f) for f in result.findings},
    )
    assert again.verdict == "ADVISORY"
    assert again.review is None


async def test_ships_a_clean_change(
    tmp_path: Path, fake: FakeModel, provider: AnthropicProvider
) -> None:
    (tmp_path / "ok.py").write_text("def add(a, b):\n    return a + b\n")
    diff = (
        "diff --git a/ok.py b/ok.py\nnew file mode 100644\n--- /dev/null\n+++ b/ok.py\n"
        "@@ -0,0 +1,2 @@\n+def add(a, b):\n+    return a + b\n"
    )
    fake.add(tool_turn("report_findings", {"findings": []}))
    result = await run_sentinel(
        worktree=tmp_path,
        diff=diff,
        changed_files=["ok.py"],
        provider=provider,
        analysis_model=MODEL,
    )
    assert (result.verdict, result.findings, result.review) == ("SHIP", (), None)
    assert "**Verdict: SHIP**" in result.summary


def test_summary_lists_not_analysed_and_caps_findings() -> None:
    text = summarise("ADVISORY", [], ["broken.py: syntax error at line 1"])
    assert "- broken.py: syntax error at line 1" in text
    assert retry_lines([]) == ()


def test_summary_caps_long_lists_and_retry_lines_carry_the_fix() -> None:
    many = [
        Finding("a.py", i, "low", "weak-random", "S311 | random", fix="secrets.randbelow(6)")
        for i in range(1, 203)
    ]
    text = summarise("ADVISORY", many, [])
    assert "… 2 more" in text
    assert "S311 \\| random" in text
    assert retry_lines(many[:1]) == (
        "a.py:1 [low] weak-random: S311 | random (suggested fix: secrets.randbelow(6))",
    )
