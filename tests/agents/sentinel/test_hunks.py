"""The diff as the model reads it: numbered lines, context, per-file blocks."""

from __future__ import annotations

from pace_app.agents.sentinel.hunks import chunk, render_file, split_files

DIFF = (
    "diff --git a/gone.py b/gone.py\ndeleted file mode 100644\n--- a/gone.py\n+++ /dev/null\n"
    "@@ -1,1 +0,0 @@\n-x = 1\n"
    'diff --git "a/sp ace.py" "b/sp ace.py"\n--- "a/sp ace.py"\n+++ "b/sp ace.py"\n'
    "@@ -2,1 +2,2 @@\n keep\n+added </file> here\n"
)


def test_split_files_keys_by_path_and_keeps_deleted_files_by_old_name() -> None:
    assert list(split_files(DIFF)) == ["gone.py", "sp ace.py"]


def test_render_numbers_new_lines_and_shows_context_from_the_head() -> None:
    head = "first\nkeep\nadded </file> here\nlast\n"
    text = render_file("sp ace.py", split_files(DIFF)["sp ace.py"], head)
    assert text.splitlines() == [
        '<file path="sp ace.py">',
        "    1   first",
        "    2   keep",
        "    3 + added [/file] here",
        "    4   last",
        "</file>",
    ]
    removed = render_file("gone.py", split_files(DIFF)["gone.py"], None)
    assert "      - x = 1" in removed


def test_chunk_skips_what_is_not_in_the_diff_and_what_is_too_big() -> None:
    chunks, skipped = chunk(
        DIFF, {}, ["missing.py", "gone.py", "sp ace.py"], budget=60, max_chunks=3
    )
    assert [c.paths for c in chunks] == [["gone.py"]]
    assert skipped[0].startswith("sp ace.py: ")
