"""Parsing unified diffs into files, hunks and commentable lines."""

from __future__ import annotations

from pace_app.domain.diff import Hunk, parse_diff, unquote_path

MODIFIED = """\
diff --git a/app/main.py b/app/main.py
index 1111111..2222222 100644
--- a/app/main.py
+++ b/app/main.py
@@ -1,4 +1,5 @@
 import os
-import sys
+import subprocess
+import shlex
{blank}
 def main():
@@ -20,3 +21,3 @@ def helper():
     a = 1
-    b = 2
+    b = 3
     return a + b
""".replace("{blank}", " ")

ADDED_DELETED_RENAMED = """\
diff --git a/new.txt b/new.txt
new file mode 100644
index 0000000..3333333
--- /dev/null
+++ b/new.txt
@@ -0,0 +1,2 @@
+hello
+world
\\ No newline at end of file
diff --git a/gone.py b/gone.py
deleted file mode 100644
index 4444444..0000000
--- a/gone.py
+++ /dev/null
@@ -1,2 +0,0 @@
-x = 1
-y = 2
diff --git a/old name.py b/new name.py
similarity index 90%
rename from old name.py
rename to new name.py
index 5555555..6666666 100644
--- a/old name.py
+++ b/new name.py
@@ -3 +3 @@
-a = 1
+a = 2
diff --git a/pure.py b/moved/pure.py
similarity index 100%
rename from pure.py
rename to moved/pure.py
diff --git a/logo.png b/logo.png
new file mode 100644
index 0000000..7777777
Binary files /dev/null and b/logo.png differ
diff --git "a/sp\\303\\251cial\\tname.py" "b/sp\\303\\251cial\\tname.py"
index 8888888..9999999 100644
--- "a/sp\\303\\251cial\\tname.py"
+++ "b/sp\\303\\251cial\\tname.py"
@@ -1 +1,2 @@
 keep
++++ looks like a header but is content
"""


def test_modified_file_hunks_and_lines() -> None:
    diff = parse_diff(MODIFIED)
    found = diff.files["app/main.py"]
    assert found.status == "modified"
    assert found.hunks == [Hunk(1, 4, 1, 5), Hunk(20, 3, 21, 3)]
    assert found.added == {2, 3, 22}
    assert found.context == {1, 4, 5, 21, 23}
    assert diff.added_lines("app/main.py") == {2, 3, 22}


def test_commentable_means_on_the_right_side_of_a_hunk() -> None:
    diff = parse_diff(MODIFIED)
    assert diff.commentable("app/main.py", 2)
    assert diff.commentable("app/main.py", 21)  # a context line inside a hunk
    assert not diff.commentable("app/main.py", 10)  # between hunks
    assert not diff.commentable("app/main.py", 24)
    assert not diff.commentable("other.py", 1)


def test_added_file_and_no_newline_marker() -> None:
    diff = parse_diff(ADDED_DELETED_RENAMED)
    new = diff.files["new.txt"]
    assert new.status == "added"
    assert new.added == {1, 2}
    assert diff.commentable("new.txt", 2)
    assert not diff.commentable("new.txt", 3)


def test_deleted_file_has_nothing_to_comment_on() -> None:
    diff = parse_diff(ADDED_DELETED_RENAMED)
    gone = diff.files["gone.py"]
    assert gone.status == "deleted"
    assert gone.added == set()
    assert not diff.commentable("gone.py", 1)
    assert "gone.py" not in diff.present_paths()


def test_renames_with_and_without_content_changes() -> None:
    diff = parse_diff(ADDED_DELETED_RENAMED)
    renamed = diff.files["new name.py"]
    assert (renamed.status, renamed.old_path) == ("renamed", "old name.py")
    assert renamed.hunks == [Hunk(3, 1, 3, 1)]
    assert renamed.added == {3}
    pure = diff.files["moved/pure.py"]
    assert (pure.status, pure.old_path, pure.hunks) == ("renamed", "pure.py", [])
    assert "old name.py" not in diff.files


def test_binary_files_are_marked() -> None:
    diff = parse_diff(ADDED_DELETED_RENAMED)
    assert diff.files["logo.png"].binary
    assert diff.files["logo.png"].status == "added"


def test_quoted_paths_and_content_that_looks_like_a_header() -> None:
    diff = parse_diff(ADDED_DELETED_RENAMED)
    found = diff.files["spécial\tname.py"]
    assert found.added == {2}
    assert found.context == {1}


def test_unquote_path() -> None:
    assert unquote_path("plain.py") == "plain.py"
    assert unquote_path('"a\\"b\\\\c\\n"') == 'a"b\\c\n'
    assert unquote_path('"trailing\\"') == "trailing\\"


def test_header_without_prefix_lines_and_garbage_before_it() -> None:
    text = (
        "some preamble\n"
        "diff --git a/x.py b/y.py\n"
        "old mode 100644\n"
        "new mode 100755\n"
        "diff --git a/same.py b/same.py\n"
        "@@ -1,2 +1,2 @@\n"
        "-a\n"
        "@@ -5 +5 @@\n"
        "+b\n"
    )
    diff = parse_diff(text)
    assert diff.files["y.py"].old_path == "x.py"
    # A hunk cut short by the next header is read up to where it stops.
    assert diff.files["same.py"].added == {5}
    assert parse_diff("").files == {}


def test_a_blank_line_inside_a_hunk_is_context() -> None:
    text = "diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,3 +1,3 @@\n a\n\n-b\n+c\n"
    found = parse_diff(text).files["f"]
    assert found.context == {1, 2}
    assert found.added == {3}


def test_no_newline_marker_inside_a_hunk_and_escaped_quotes_in_paths() -> None:
    text = (
        'diff --git "a/q\\"x.py" "b/q\\"x.py"\n--- "a/q\\"x.py"\n+++ "b/q\\"x.py"\n'
        "@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+b\n\\ No newline at end of file\n"
    )
    found = parse_diff(text).files['q"x.py']
    assert found.added == {1}
    assert found.old_path == 'q"x.py'


def test_same_hunk_tells_a_range_github_can_show() -> None:
    text = (
        "diff --git a/a.py b/a.py\n--- a/a.py\n+++ b/a.py\n"
        "@@ -1,2 +1,3 @@\n x\n+y\n z\n@@ -10,1 +11,2 @@\n q\n+r\n"
    )
    diff = parse_diff(text)
    assert diff.same_hunk("a.py", 1, 3)
    assert not diff.same_hunk("a.py", 3, 11)
    assert not diff.same_hunk("b.py", 1, 1)
