"""``branch_problem`` agrees with git itself on what a branch may be called."""

import subprocess

import pytest

from pace_app.domain.refs import branch_problem

NAMES = [
    "pace/issue-1-add",
    "feature/a.b_c-d",
    "",
    "-x",
    "/x",
    "x/",
    "x.",
    "x.lock",
    "a/.hidden",
    "a/b.lock/c",
    "a//b",
    "a..b",
    "a@{b",
    "@",
    "a b",
    "a~b",
    "a^b",
    "a:b",
    "a?b",
    "a*b",
    "a[b",
    "a\\b",
    "a\x7fb",
    "x" * 256,
]


@pytest.mark.parametrize("name", NAMES)
def test_a_name_is_refused_exactly_when_git_refuses_it(name: str) -> None:
    # git accepts a leading '-' as a branch name, but it reads as an option: refused too;
    # and `--branch` expands "@" to the current branch, which a ref may never be named.
    git = subprocess.run(
        ["git", "check-ref-format", "--branch", name], capture_output=True, check=False
    )
    git_accepts = (
        git.returncode == 0 and not name.startswith("-") and len(name) <= 255 and name != "@"
    )
    assert (branch_problem(name) is None) == git_accepts
