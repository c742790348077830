"""``pace sentinel scan`` and ``pace sentinel diff``: formats, exit status, valid SARIF."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from pace_app.agents.sentinel.command import Report, exit_status, render_text, run, tree_paths
from pace_app.agents.sentinel.sarif import to_sarif
from pace_app.cli import build_parser, main
from pace_app.domain.findings import Finding

SCHEMA = json.loads((Path(__file__).with_name("sarif-2.1.0-subset.schema.json")).read_text())
PACE = str(Path(sys.executable).with_name("pace"))
HELPER = "import os\n\n\ndef run(command):\n    os.system(command)\n"
VIEW = (
    "from flask import Flask, request\n\nfrom lib import run\n\napp = Flask(__name__)\n\n\n"
    '@app.route("/x")\ndef x():\n    run("ls " + request.args["d"])\n    return "ok"\n'
)


def git(root: Path, *args: str) -> str:
    """Run git in ``root`` with a fixed identity."""
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=root,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """Return a repository whose branch ``feature`` feeds request data to an old sink."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    (root / "lib.py").write_text(HELPER)
    (root / "weak.py").write_text("import hashlib\n\nhashlib.md5(b'x')\n")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "base")
    git(root, "checkout", "-qb", "feature")
    (root / "app.py").write_text(VIEW)
    (root / "broken.py").write_text("def broken(:\n")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "head")
    return root


def sentinel(*argv: str) -> tuple[int, str]:
    """Run ``pace sentinel ...`` in process; return the status and the output."""
    out = io.StringIO()
    status = run(build_parser().parse_args(["sentinel", *argv]), out)
    return status, out.getvalue()


def valid(log: dict[str, Any]) -> dict[str, Any]:
    """Check a SARIF log against the schema and return it."""
    jsonschema.Draft7Validator(SCHEMA).validate(log)
    return log


def test_diff_reports_a_new_source_feeding_an_old_sink_and_not_the_base(repo: Path) -> None:
    status, text = sentinel("diff", "main..feature", "-C", str(repo), "--format", "json")
    assert status == 0
    report = json.loads(text)
    [flow] = report["findings"]
    assert (flow["path"], flow["line"], flow["cwe"]) == ("lib.py", 5, "CWE-78")
    assert [(s["path"], s["line"]) for s in flow["trace"]] == [
        ("app.py", 10),
        ("app.py", 10),
        ("lib.py", 5),
    ]
    # weak.py's md5 is the base's own finding; broken.py is named, not skipped.
    assert any(n.startswith("broken.py: Python could not parse it") for n in report["not_analysed"])


def test_diff_writes_valid_sarif_and_fails_on_high(repo: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.sarif"
    status, _ = sentinel(
        "diff", "main..feature", "-C", str(repo), "--format", "sarif", "-o", str(target),
        "--fail-on", "high",
    )  # fmt: skip
    assert status == 1
    log = valid(json.loads(target.read_text()))
    [result] = log["runs"][0]["results"]
    assert result["ruleId"] == "taint/CWE-78"
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 5
    assert len(result["codeFlows"][0]["threadFlows"][0]["locations"]) == 3
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert "external/cwe/cwe-78" in rules[0]["properties"]["tags"]


def test_scan_reports_every_line_of_a_folder_as_valid_sarif(repo: Path) -> None:
    status, text = sentinel("scan", str(repo), "--format", "sarif", "--fail-on", "critical")
    assert status == 0
    log = valid(json.loads(text))
    rules = {r["ruleId"] for r in log["runs"][0]["results"]}
    assert rules == {"taint/CWE-78", "weak-hash"}
    notes = log["runs"][0]["invocations"][0]["toolExecutionNotifications"]
    assert any("broken.py" in n["message"]["text"] for n in notes)


def test_text_output_and_usage_errors(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, text = sentinel("scan", str(repo))
    assert status == 0
    assert "lib.py:5: high (high confidence) CWE-78 command-injection [taint/CWE-78]" in text
    assert "    ↳ app.py:10: source: request.args" in text
    assert text.rstrip().endswith("2 finding(s): 0 critical, 1 high, 1 medium, 0 low")
    assert sentinel("diff", "main", "-C", str(repo))[0] == 2
    assert sentinel("diff", "main..nope", "-C", str(repo))[0] == 2
    assert sentinel("scan", str(repo / "lib.py"))[0] == 2
    assert "pace sentinel: error" in capsys.readouterr().err
    assert (
        main(["sentinel", "scan", str(repo), "--format", "json", "-o", str(repo / "o.json")]) == 0
    )


def test_the_model_flag_needs_a_key(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ANTHROPIC_API_KEY", raising=False)
    monkeypatch.chdir(repo)
    status, _ = sentinel("diff", "main..feature", "--model", "claude-haiku-4-5")
    assert status == 2


def test_sarif_paths_are_uri_references() -> None:
    log = valid(to_sarif([Finding("a dir/b#1.py", 2, "low", "c", "m")], ["n"]))
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "a%20dir/b%231.py"


def test_exit_status_and_tree_paths(tmp_path: Path) -> None:
    low = Finding("a.py", 1, "low", "c", "m")
    assert exit_status([low], None) == 0
    assert exit_status([low], "low") == 1
    assert exit_status([low], "medium") == 0
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config").write_text("x")
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules" / "x.js").write_text("x")
    (tmp_path / "a.py").write_text("x = 1\n")
    assert tree_paths(tmp_path) == ["a.py"]
    assert render_text(Report([], [], ["d"])).startswith("dismissed: d")


@pytest.mark.slow
def test_the_installed_pace_binary_writes_sarif_for_ci(repo: Path) -> None:
    done = subprocess.run(
        [PACE, "sentinel", "diff", "main..feature", "--format", "sarif", "--fail-on", "high"],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "HOME": str(repo)},
        check=False,
    )
    assert done.returncode == 1, done.stderr
    log = valid(json.loads(done.stdout))
    assert [r["ruleId"] for r in log["runs"][0]["results"]] == ["taint/CWE-78"]
    scanned = subprocess.run(
        [PACE, "sentinel", "scan", ".", "--format", "sarif"],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "HOME": str(repo)},
        check=False,
    )
    assert scanned.returncode == 0, scanned.stderr
    valid(json.loads(scanned.stdout))
