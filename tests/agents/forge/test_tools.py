"""FORGE's file tools: confinement, limits and the happy paths."""

from collections.abc import Callable
from pathlib import Path

import pytest

from pace_app.agents.forge import tools as forge_tools
from pace_app.agents.forge import views
from pace_app.agents.forge.tools import FILE_TOOL_NAMES, FileTools
from pace_app.errors import ToolError
from tests.agents.conftest import SECRET

ESCAPES = [
    ("/etc/passwd", "is absolute"),
    ("../outside/secret.txt", "contains '..'"),
    ("link_out_file", "leaves the repository"),
    ("link_out_dir/secret.txt", "leaves the repository"),
    ("dangling_out", "leaves the repository"),
    (".git/config", "inside .git"),
    (".GIT/config", "inside .git"),
    ("link_git/config", "leads into .git"),
]

CALLS: dict[str, Callable[[str], dict[str, object]]] = {
    "list_files": lambda path: {"path": path},
    "read_file": lambda path: {"path": path},
    "write_file": lambda path: {"path": path, "content": "pwned\n"},
    "edit_file": lambda path: {"path": path, "old_text": "bare", "new_text": "pwned"},
    "search_code": lambda path: {"pattern": ".", "path": path},
}


@pytest.fixture
def tools(repo: Path) -> FileTools:
    return FileTools(repo)


def snapshot(*roots: Path) -> dict[str, bytes]:
    return {
        str(path): path.read_bytes()
        for root in roots
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


@pytest.mark.parametrize("tool", sorted(CALLS))
@pytest.mark.parametrize(("path", "problem"), ESCAPES)
def test_every_file_tool_refuses_escapes(
    repo: Path, outside: Path, tools: FileTools, tool: str, path: str, problem: str
) -> None:
    before = snapshot(repo, outside)
    with pytest.raises(ToolError, match=problem):
        tools.call(tool, CALLS[tool](path))
    assert snapshot(repo, outside) == before
    assert not (outside / "new.txt").exists()
    assert tools.changed_paths == ()


def test_file_tools_are_exactly_the_five() -> None:
    assert set(CALLS) == FILE_TOOL_NAMES


def test_other_tools_are_not_dispatched_here(tools: FileTools) -> None:
    with pytest.raises(ValueError, match="run_build is not a file tool"):
        tools.call("run_build", {})


@pytest.mark.parametrize(
    ("tool", "arguments", "problem"),
    [
        ("read_file", {}, "path: required field is missing"),
        ("read_file", {"path": 3}, "path: Input should be a valid string"),
        (
            "read_file",
            {"path": "a", "start_line": "1"},
            "start_line: Input should be a valid integer",
        ),
        ("read_file", {"path": "a", "start_line": 0}, "start_line: Input should be greater"),
        ("list_files", {"path": ".", "depth": 2}, "depth: unknown field"),
        ("write_file", {"path": "a"}, "content: required field is missing"),
        (
            "edit_file",
            {"path": "a", "old_text": "", "new_text": ""},
            "old_text: String should have",
        ),
        ("search_code", {"pattern": ""}, "pattern: String should have"),
        ("list_files", ["path"], "the input must be a JSON object"),
    ],
)
def test_invalid_input_is_a_tool_error(
    tools: FileTools, tool: str, arguments: object, problem: str
) -> None:
    with pytest.raises(ToolError, match=problem):
        tools.call(tool, arguments)


def test_list_files_lists_recursively_and_sorted(tools: FileTools) -> None:
    assert tools.call("list_files", {"path": "."}).splitlines() == [
        "README.md",
        "dangling_out (symlink)",
        "link_git (symlink)",
        "link_in (symlink)",
        "link_out_dir (symlink)",
        "link_out_file (symlink)",
        "node_modules/ (not expanded)",
        "src/",
        "src/pkg/",
        "src/pkg/app.py",
        "src/pkg/util.py",
    ]


def test_list_files_of_a_subdirectory_and_a_file(tools: FileTools, repo: Path) -> None:
    (repo / "empty").mkdir()
    assert tools.list_files("src/pkg") == "src/pkg/app.py\nsrc/pkg/util.py"
    assert tools.list_files("README.md") == "README.md"
    assert tools.list_files("empty") == "(empty directory)"
    assert tools.list_files("node_modules") == "node_modules/dep/\nnode_modules/dep/index.js"
    with pytest.raises(ToolError, match="does not exist"):
        tools.list_files("missing")


def test_list_files_is_capped(
    tools: FileTools, repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(forge_tools, "MAX_LIST_ENTRIES", 3)
    lines = tools.list_files(".").splitlines()
    assert lines[:3] == ["README.md", "dangling_out (symlink)", "link_git (symlink)"]
    assert lines[3] == "[listing stopped at 3 entries; list a subdirectory]"


def test_read_file_numbers_lines(tools: FileTools) -> None:
    assert tools.call("read_file", {"path": "src/pkg/app.py"}) == (
        "src/pkg/app.py: 2 lines\n     1\tdef main():\n     2\t    return 1"
    )


def test_read_file_through_a_symlink_inside(tools: FileTools) -> None:
    assert "def main" in tools.read_file("link_in")


def test_read_file_ranges(tools: FileTools, repo: Path) -> None:
    (repo / "ten.txt").write_text("".join(f"line {n}\n" for n in range(1, 11)))
    assert tools.read_file("ten.txt", 3, 4) == (
        "ten.txt: lines 3-4 of 10 (2 more above)\n     3\tline 3\n     4\tline 4\n"
        "[6 more lines below; read on with start_line=5]"
    )
    assert tools.read_file("ten.txt", 9) == (
        "ten.txt: lines 9-10 of 10 (8 more above)\n     9\tline 9\n    10\tline 10"
    )
    assert tools.read_file("ten.txt", 10, 99).endswith("    10\tline 10")
    with pytest.raises(ToolError, match=r"start_line 11 is past the end; 'ten\.txt' has 10 lines"):
        tools.read_file("ten.txt", 11)
    with pytest.raises(ToolError, match="end_line 2 is before start_line 3"):
        tools.read_file("ten.txt", 3, 2)


def test_read_file_limits(tools: FileTools, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "many.txt").write_text("x\n" * 5000)
    # Without a range, a bounded window; a range may ask for more, up to a cap.
    out = tools.read_file("many.txt").splitlines()
    assert len(out) == 402
    assert out[0] == "many.txt: lines 1-400 of 5000"
    assert out[-1] == "[4600 more lines below; read on with start_line=401]"
    out = tools.read_file("many.txt", 1, 4000).splitlines()
    assert out[-1] == "[3223 more lines below; read on with start_line=1778]"  # the size cap
    monkeypatch.setattr(views, "MAX_VIEW_CHARS", 10**6)
    out = tools.read_file("many.txt", 1, 4000).splitlines()
    assert out[-1] == "[3000 more lines below; read on with start_line=2001]"  # the line cap
    monkeypatch.undo()
    (repo / "wide.txt").write_text(("y" * 1999 + "\n") * 100)
    assert tools.read_file("wide.txt").splitlines()[-1] == (
        "[93 more lines below; read on with start_line=8]"
    )
    (repo / "long.txt").write_text("z" * 5000)
    assert tools.read_file("long.txt") == (
        "long.txt: 1 line\n     1\t" + "z" * 2000 + " [… line truncated]"
    )
    monkeypatch.setattr(forge_tools, "MAX_FILE_BYTES", 10)
    with pytest.raises(ToolError, match="larger than"):
        tools.read_file("many.txt")


def test_read_file_refusals(tools: FileTools, repo: Path) -> None:
    (repo / "image.png").write_bytes(b"\x89PNG\x00\x01")
    (repo / "empty.txt").write_text("")
    (repo / "crlf.txt").write_bytes(b"a\r\nb\r\n")
    assert tools.read_file("empty.txt") == "empty.txt: (empty file)"
    assert tools.read_file("crlf.txt") == "crlf.txt: 2 lines\n     1\ta\n     2\tb"
    with pytest.raises(ToolError, match="binary file"):
        tools.read_file("image.png")
    with pytest.raises(ToolError, match="is a directory; use list_files"):
        tools.read_file("src")
    with pytest.raises(ToolError, match="does not exist"):
        tools.read_file("nope.py")


def test_write_file_creates_and_replaces(tools: FileTools, repo: Path) -> None:
    assert tools.call("write_file", {"path": "new/deep/mod.py", "content": "A = 1\n"}) == (
        "created new/deep/mod.py (1 lines)\nPython syntax: OK."
    )
    assert (repo / "new/deep/mod.py").read_text() == "A = 1\n"
    assert tools.write_file("README.md", "a\r\nb") == "replaced README.md (2 lines)"
    assert (repo / "README.md").read_bytes() == b"a\r\nb"
    assert tools.write_file("link_in", "def main():\n    return 2\n").startswith(
        "replaced src/pkg/app.py"
    )
    assert (repo / "link_in").is_symlink()
    assert tools.changed_paths == ("README.md", "new/deep/mod.py", "src/pkg/app.py")


def test_write_file_refusals(tools: FileTools, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(ToolError, match="is a directory"):
        tools.write_file("src", "x")
    with pytest.raises(ToolError, match="cannot create the directory"):
        tools.write_file("README.md/inner.txt", "x")
    with pytest.raises(ToolError, match="content is larger than 1024 KiB"):
        tools.call("write_file", {"path": "big", "content": "x" * (1024 * 1024 + 1)})
    with pytest.raises(ToolError, match="content is larger than 1024 KiB"):
        tools.write_file("big", "x" * (1024 * 1024 + 1))
    assert not (repo / "big").exists()


def test_write_file_survives_a_lone_surrogate(tools: FileTools, repo: Path) -> None:
    tools.write_file("s.txt", "a\ud800b")
    assert (repo / "s.txt").read_text() == "a?b"


def test_write_through_a_symlink_swapped_in_after_the_check(repo: Path, outside: Path) -> None:
    # O_NOFOLLOW: the final component must not be a symlink when the file is opened.
    swapped = repo / "swapped"
    swapped.symlink_to(outside / "secret.txt")
    with pytest.raises(ToolError, match="cannot write"):
        forge_tools._write_text(swapped, "pwned", "swapped")
    with pytest.raises(ToolError, match="cannot read"):
        forge_tools._read_bytes(swapped, "swapped")
    assert (outside / "secret.txt").read_text() == SECRET + "\n"


def test_edit_file_replaces_one_exact_match(tools: FileTools, repo: Path) -> None:
    result = tools.call(
        "edit_file",
        {"path": "src/pkg/app.py", "old_text": "return 1", "new_text": "return 2\n    # two"},
    )
    assert result == (
        "edited src/pkg/app.py: the new text is at lines 2-3; lines 1-3 of 3 now read:\n"
        "     1\tdef main():\n     2\t    return 2\n     3\t    # two\n"
        "Python syntax: OK."
    )
    assert (repo / "src/pkg/app.py").read_text() == "def main():\n    return 2\n    # two\n"
    assert tools.changed_paths == ("src/pkg/app.py",)


def test_edit_file_shows_the_region_around_the_edit(tools: FileTools, repo: Path) -> None:
    (repo / "many.txt").write_text("".join(f"line {n}\n" for n in range(1, 21)))

    grown = tools.edit_file("many.txt", "line 10\n", "ten\nten and a half\n")
    removed = tools.edit_file("many.txt", "line 15\n", "")

    assert grown == "\n".join(
        [
            "edited many.txt: the new text is at lines 10-11; lines 7-14 of 21 now read:",
            *(f"{n:>6}\tline {n}" for n in (7, 8, 9)),
            "    10\tten",
            "    11\tten and a half",
            *(f"{n:>6}\tline {n - 1}" for n in (12, 13, 14)),
        ]
    )
    assert removed.startswith(
        "edited many.txt: the old text was removed at line 16; lines 13-19 of 20 now read:"
    )
    long = tools.edit_file("many.txt", "line 1\n", "".join(f"new {n}\n" for n in range(100)))
    assert "[… 23 lines of the new text …]" in long
    assert len(long.splitlines()) == 82
    assert tools.edit_file("many.txt", "".join(f"new {n}\n" for n in range(100)), "") != ""


def test_writes_and_edits_of_python_files_report_the_syntax(tools: FileTools, repo: Path) -> None:
    broken = tools.write_file("bad.py", "def f(:\n    pass\n")
    assert broken == (
        "created bad.py (2 lines)\nPython syntax error at line 1, column 7: invalid syntax. "
        "The file was saved as it is; fix it before running the tests."
    )
    fixed = tools.edit_file("bad.py", "def f(:", "def f():")
    assert fixed.endswith("\nPython syntax: OK.")
    assert tools.write_file("notes.txt", "def f(:") == "created notes.txt (1 lines)"
    assert "syntax error at an unknown line: source code string cannot contain null" in (
        tools.write_file("nul.py", "x = 1\x00\n")
    )
    (repo / "empty.py").write_text("x = 1\n")
    assert tools.edit_file("empty.py", "x = 1\n", "") == (
        "edited empty.py: the file is now empty\nPython syntax: OK."
    )


@pytest.mark.parametrize(
    ("old", "problem"),
    [
        ("Z = 3", "old_text was not found in 'src/pkg/util.py'; read the file again"),
        ("  Y = 2  ", "it does match with different surrounding whitespace"),
        ("X = 1", "old_text occurs 2 times in 'src/pkg/util.py' \\(at lines 1, 3\\)"),
    ],
)
def test_edit_file_needs_exactly_one_match(
    tools: FileTools, repo: Path, old: str, problem: str
) -> None:
    before = (repo / "src/pkg/util.py").read_text()
    with pytest.raises(ToolError, match=problem):
        tools.edit_file("src/pkg/util.py", old, "changed")
    assert (repo / "src/pkg/util.py").read_text() == before
    assert tools.changed_paths == ()


def test_edit_file_counts_overlapping_matches(tools: FileTools, repo: Path) -> None:
    (repo / "a.txt").write_text("aaa")
    with pytest.raises(ToolError, match="occurs 2 times"):
        tools.edit_file("a.txt", "aa", "b")


def test_edit_file_keeps_crlf_line_endings(tools: FileTools, repo: Path) -> None:
    (repo / "win.txt").write_bytes(b"one\r\ntwo\r\nthree\r\n")
    tools.edit_file("win.txt", "one\ntwo", "uno\ndos")
    assert (repo / "win.txt").read_bytes() == b"uno\r\ndos\r\nthree\r\n"


def test_edit_file_refusals(tools: FileTools, repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "latin1.txt").write_bytes(b"caf\xe9")
    with pytest.raises(ToolError, match="not UTF-8 text"):
        tools.edit_file("latin1.txt", "caf", "tea")
    with pytest.raises(ToolError, match="old_text is empty"):
        tools.edit_file("README.md", "", "x")
    monkeypatch.setattr(forge_tools, "MAX_FILE_BYTES", 12)
    with pytest.raises(ToolError, match="would be larger than"):
        tools.edit_file("README.md", "Demo", "A much longer title")


def test_search_code_reports_path_line_text(tools: FileTools) -> None:
    assert tools.call("search_code", {"pattern": r"X = \d"}) == (
        "src/pkg/util.py:1: X = 1\nsrc/pkg/util.py:3: X = 1"
    )
    assert tools.search_code("main", "src/pkg/app.py") == "src/pkg/app.py:1: def main():"
    assert tools.search_code("main", "src") == "src/pkg/app.py:1: def main():"


def test_search_code_skips_dependencies_git_symlinks_and_binaries(
    tools: FileTools, repo: Path
) -> None:
    (repo / "blob.bin").write_bytes(b"bare\x00bare")
    (repo / "huge.txt").write_text("bare\n" * 300_000)
    assert tools.search_code("bare|main|outside") == (
        "src/pkg/app.py:1: def main():\n[skipped 2 binary or over-1-MB files]"
    )
    assert (
        tools.search_code("nothing-like-this")
        == "no matches\n[skipped 2 binary or over-1-MB files]"
    )


def test_search_code_caps_matches(tools: FileTools, repo: Path) -> None:
    (repo / "many.txt").write_text("hit " + "x" * 400 + "\n" + "hit\n" * 300)
    lines = tools.search_code("hit", "many.txt").splitlines()
    assert len(lines) == 201
    assert lines[0] == "many.txt:1: hit " + "x" * 296
    assert lines[-1] == "[stopped at 200 matches; narrow the pattern or path]"


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        ("(", "invalid regular expression: missing \\)"),
        ("a{99999999999}", "invalid regular expression"),
    ],
)
def test_search_code_refuses_bad_patterns(tools: FileTools, pattern: str, problem: str) -> None:
    with pytest.raises(ToolError, match=problem):
        tools.search_code(pattern)


def test_search_code_of_a_missing_path(tools: FileTools) -> None:
    with pytest.raises(ToolError, match="does not exist"):
        tools.search_code("x", "missing")


def test_unreadable_entries_are_skipped(tools: FileTools, repo: Path) -> None:
    assert list(forge_tools._walk(repo / "missing")) == []


@pytest.mark.parametrize(
    "path",
    [
        "pace.config.yaml",
        "pace/pace.config.yaml",
        ".gitattributes",
        "src/.gitattributes",
        "./src/deep/.GitAttributes",
        ".gitmodules",
        ".github/workflows/ci.yml",
        ".github/workflows/sub/x.yml",
        ".pace/plan.yaml",
        ".pace/context/other.md",
    ],
)
@pytest.mark.parametrize("tool", ["write_file", "edit_file"])
def test_protected_paths_are_refused_for_writing(
    tools: FileTools, repo: Path, path: str, tool: str
) -> None:
    arguments = {"path": path, "content": "x", "old_text": "a", "new_text": "b"}
    if tool == "write_file":
        del arguments["old_text"], arguments["new_text"]
    else:
        del arguments["content"]
    with pytest.raises(ToolError, match="is protected"):
        tools.call(tool, arguments)
    assert not (repo / path).exists()
    assert tools.changed_paths == ()


def test_scribes_context_and_ordinary_files_stay_writable(tools: FileTools, repo: Path) -> None:
    for path in (".pace/context/engineering.md", "src/pace.config.yaml", ".github/CODEOWNERS"):
        assert tools.call("write_file", {"path": path, "content": "x\n"}).startswith("created")


def test_a_symlink_to_a_protected_file_is_refused(tools: FileTools, repo: Path) -> None:
    (repo / "pace.config.yaml").write_text("sandbox: {mode: required}\n")
    (repo / "harmless.yaml").symlink_to(repo / "pace.config.yaml")
    with pytest.raises(ToolError, match=r"'harmless\.yaml' is protected"):
        tools.call("write_file", {"path": "harmless.yaml", "content": "sandbox: {mode: off}\n"})
    assert (repo / "pace.config.yaml").read_text() == "sandbox: {mode: required}\n"
    # Reading stays allowed.
    assert "mode: required" in tools.call("read_file", {"path": "pace.config.yaml"})


def test_the_operator_extends_the_protected_paths(repo: Path) -> None:
    tools = FileTools(repo, extra_protected=("Makefile", "deploy/**"))
    for path in ("Makefile", "deploy/prod/values.yaml"):
        with pytest.raises(ToolError, match="is protected"):
            tools.call("write_file", {"path": path, "content": "x"})
    assert tools.call("write_file", {"path": "src/Makefile", "content": "x"}).startswith("created")


def test_an_os_error_becomes_a_tool_error_without_host_paths(tools: FileTools, repo: Path) -> None:
    long_name = "d" * 300
    for name, arguments in (
        ("write_file", {"path": f"{long_name}/x.py", "content": "x"}),
        ("read_file", {"path": f"src/{long_name}.py"}),
        ("list_files", {"path": long_name}),
    ):
        with pytest.raises(ToolError) as caught:
            tools.call(name, arguments)
        message = str(caught.value)
        assert "File name too long" in message or "does not exist" in message
        assert str(repo) not in message
