"""Annotations from failing tests and build output, within GitHub's limits."""

from __future__ import annotations

import pytest

from pace_app.agents.gate.annotations import (
    failure_annotations,
    normalise_path,
    output_annotations,
)
from pace_app.agents.gate.junit import Failure
from pace_app.github.annotations import (
    MAX_MESSAGE_BYTES,
    Annotation,
    batches,
    clip_bytes,
    clip_chars,
)

KNOWN = {"src/app.py", "tests/test_app.py"}


def test_failures_become_failure_annotations_on_known_files() -> None:
    failures = [
        Failure("tests.test_app::test_a", "tests/test_app.py", 12, "assert 1 == 2", "trace"),
        Failure("t::b", "/work/repo/tests/test_app.py", None, "", "", kind="error"),
        Failure("t::c", "elsewhere.py", 3, "m", "x"),
        Failure("t::d", None, None, "m", "x"),
        Failure("t::e", "../tests/test_app.py", 3, "m", "x"),
    ]
    first, second = failure_annotations(failures, KNOWN, root="/work/repo")
    assert first.to_json() == {
        "path": "tests/test_app.py",
        "start_line": 12,
        "end_line": 12,
        "annotation_level": "failure",
        "message": "assert 1 == 2",
        "title": "tests.test_app::test_a failed",
        "raw_details": "trace",
    }
    assert second.start_line == 1
    assert second.message == "error"
    assert second.title == "t::b errored"
    assert "raw_details" not in second.to_json()


def test_build_output_lines_become_warnings() -> None:
    output = "\n".join(
        [
            "src/app.py:3:5: F401 'os' imported but unused",
            "./src/app.py:9: warning: shadowed name",
            "src/app.py:3:5: F401 'os' imported but unused",
            "/work/repo/tests/test_app.py:1:1: E302 expected 2 blank lines",
            "lib/vendored.py:1:1: not ours",
            "src/app.py:0: line zero",
            "Found 3 errors.",
        ]
    )
    found = output_annotations(output, KNOWN, root="/work/repo", title="ruff")
    assert [(a.path, a.start_line, a.start_column, a.level) for a in found] == [
        ("src/app.py", 3, 5, "warning"),
        ("src/app.py", 9, None, "warning"),
        ("tests/test_app.py", 1, 1, "warning"),
    ]
    assert found[0].to_json()["end_column"] == 5
    assert found[0].message == "F401 'os' imported but unused"
    assert found[0].title == "ruff"


def test_output_annotations_stop_at_the_limit() -> None:
    output = "\n".join(f"src/app.py:{n}: w" for n in range(1, 30))
    assert len(output_annotations(output, KNOWN, limit=10)) == 10


def test_columns_are_dropped_on_multi_line_annotations() -> None:
    annotation = Annotation("a.py", 1, 3, "warning", "m", start_column=2, end_column=4)
    assert "start_column" not in annotation.to_json()


def test_long_texts_are_cut_to_github_limits() -> None:
    annotation = Annotation(
        "a.py", 1, 1, "failure", "é" * MAX_MESSAGE_BYTES, title="t" * 300, raw_details="x" * 70_000
    )
    data = annotation.to_json()
    assert len(data["message"].encode()) <= MAX_MESSAGE_BYTES
    assert data["message"].endswith("…")
    assert len(data["title"]) == 255
    assert len(data["raw_details"].encode()) <= MAX_MESSAGE_BYTES
    assert clip_chars("short", 10) == "short"
    assert clip_bytes("short", 10) == "short"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("./a/b.py", "a/b.py"),
        ("/root/a.py", "a.py"),
        ("/etc/passwd", None),
        ("a/../b.py", None),
        ("a//b.py", None),
        ("", None),
    ],
)
def test_normalise_path(path: str, expected: str | None) -> None:
    assert normalise_path(path, "/root/") == expected


def test_batches_split_in_order() -> None:
    items = list(range(120))
    split = batches(items, 50)
    assert [len(b) for b in split] == [50, 50, 20]
    assert [x for b in split for x in b] == items
    assert batches([], 50) == []
    with pytest.raises(ValueError, match="at least one"):
        batches(items, 0)
