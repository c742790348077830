"""search_code runs the model's pattern in a child process the service can always stop."""

from __future__ import annotations

import io
import json
import sys
import time
from pathlib import Path

import anyio
import pytest

from pace_app.agents import code_search
from pace_app.agents.code_search import run_search, search_lines, searchable_text
from pace_app.agents.forge.tools import FileTools
from pace_app.errors import ToolError

CATASTROPHIC = "^(a+)+$"


@pytest.mark.anyio
async def test_a_catastrophic_pattern_is_a_tool_error_and_the_loop_stays_responsive(
    repo: Path,
) -> None:
    # 40 a's and a mismatch: Python's re would need about 2**40 steps to give up.
    (repo / "crafted.txt").write_text("a" * 40 + "!\n")
    tools = FileTools(repo, search_seconds=1.0)
    gaps: list[float] = []
    outcome: list[BaseException] = []

    async def search() -> None:
        try:
            await anyio.to_thread.run_sync(
                tools.call, "search_code", {"pattern": CATASTROPHIC, "path": "crafted.txt"}
            )
        except ToolError as exc:
            outcome.append(exc)

    started = time.monotonic()
    async with anyio.create_task_group() as group:
        group.start_soon(search)
        while not outcome and time.monotonic() - started < 10:
            before = time.monotonic()
            await anyio.sleep(0.02)
            gaps.append(time.monotonic() - before)
    elapsed = time.monotonic() - started
    assert outcome, "the search never ended"
    assert "search_code stopped after 1 s" in str(outcome[0])
    assert "(a+)+" in str(outcome[0])
    assert elapsed < 4.0
    # The event loop kept ticking all along: no pause anywhere near the search's length.
    assert max(gaps) < 0.5


def test_search_lines_is_the_pure_search(repo: Path) -> None:
    path = repo / "src" / "pkg" / "util.py"
    assert search_lines(r"X = \d", [("u.py", str(path))]) == "u.py:1: X = 1\nu.py:3: X = 1"
    assert search_lines("nothing", [("u.py", str(path))]) == "no matches"


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [("(", "invalid regular expression: missing \\)"), ("a{99999999999}", "invalid")],
)
def test_pattern_errors_come_back_from_the_child(pattern: str, problem: str) -> None:
    with pytest.raises(ToolError, match=problem):
        run_search(pattern, [], deadline=10)


def test_files_that_cannot_be_searched_are_counted(tmp_path: Path) -> None:
    (tmp_path / "bin").write_bytes(b"\x00\x01main")
    (tmp_path / "big").write_bytes(b"main\n" * (code_search.MAX_SEARCH_FILE_BYTES // 4))
    files = [(name, str(tmp_path / name)) for name in ("bin", "big", "missing")]
    assert run_search("main", files, deadline=10) == (
        "no matches\n[skipped 3 binary or over-1-MB files]"
    )
    assert searchable_text(str(tmp_path / "missing")) is None


def test_a_child_that_cannot_start_or_answers_garbage_is_a_tool_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(sys, "executable", "/nonexistent/python")
    with pytest.raises(ToolError, match="search_code could not start"):
        run_search("x", [], deadline=5)
    monkeypatch.setattr(sys, "executable", "/bin/true")
    with pytest.raises(ToolError, match="search_code failed"):
        run_search("x", [], deadline=5)


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [("(", "missing \\)"), ("a{99999999999}", "invalid regular expression")],
)
def test_search_lines_refuses_bad_patterns(pattern: str, problem: str) -> None:
    with pytest.raises(ToolError, match=problem):
        search_lines(pattern, [])


def test_search_lines_caps_matches_and_counts_skipped_files(tmp_path: Path) -> None:
    (tmp_path / "many.txt").write_text("hit\n" * 300)
    (tmp_path / "bin").write_bytes(b"\x00hit")
    files = [("bin", str(tmp_path / "bin")), ("many.txt", str(tmp_path / "many.txt"))]
    lines = search_lines("hit", files).splitlines()
    assert len(lines) == code_search.MAX_MATCHES + 2
    assert lines[-2:] == [
        f"[stopped at {code_search.MAX_MATCHES} matches; narrow the pattern or path]",
        "[skipped 1 binary or over-1-MB files]",
    ]


def test_the_child_answers_one_request_on_stdio(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.py").write_text("def main():\n")
    answers = []
    for pattern in ("main", "("):
        request = json.dumps({"pattern": pattern, "files": [["a.py", str(tmp_path / "a.py")]]})
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(request.encode())))
        out = io.StringIO()
        monkeypatch.setattr(sys, "stdout", out)
        code_search.main()
        answers.append(json.loads(out.getvalue()))
    assert answers[0] == {"text": "a.py:1: def main():"}
    assert answers[1]["error"].startswith("invalid regular expression")
