"""The argument types every subcommand shares."""

import argparse
from datetime import timedelta

import pytest

from pace_app.arguments import duration, repository


def test_a_duration_reads_like_since_everywhere() -> None:
    assert duration("7d") == timedelta(days=7)
    with pytest.raises(argparse.ArgumentTypeError, match=r"^'soon' "):
        duration("soon")


@pytest.mark.parametrize("name", ["octo/widgets", "a-b/c.d_e", "x" * 39 + "/" + "y" * 100])
def test_repositories_github_allows_are_read(name: str) -> None:
    assert repository(name) == name


@pytest.mark.parametrize("name", ["cat", "a/b/c", "o_wner/x", "x" * 40 + "/y", "/x", "x/"])
def test_other_names_are_refused_with_the_shape_expected(name: str) -> None:
    with pytest.raises(argparse.ArgumentTypeError, match="is not a repository like OWNER/NAME"):
        repository(name)
