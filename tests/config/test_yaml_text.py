"""The one YAML loader for what users write: positions in errors, depth and size bounded."""

import pytest

from pace_app.config.repo import parse_repo_config
from pace_app.config.yaml_text import MAX_MESSAGE_CHARS, YamlProblem, clip, load_yaml
from pace_app.errors import PlanError, RepoConfigError
from pace_app.plans.plan import parse_plan


def test_a_syntax_error_names_its_line_and_column() -> None:
    with pytest.raises(
        YamlProblem, match=r"^invalid YAML at line 2, column 1: while scanning a quoted scalar"
    ):
        load_yaml("key: 'unterminated\n")


def test_deep_nesting_is_refused_not_a_crash() -> None:
    # Once for both readers: PyYAML takes seconds to reach the recursion limit.
    with pytest.raises(YamlProblem, match="nesting is too deep"):
        load_yaml("a: " + "[" * 100_000)


def test_both_readers_report_the_loaders_problem_as_their_own_error() -> None:
    with pytest.raises(RepoConfigError, match="invalid YAML at line 2"):
        parse_repo_config("key: 'x\n", source="pace.config.yaml")
    with pytest.raises(PlanError, match="invalid YAML at line 2"):
        parse_plan("stories: 'x\n")


def test_long_messages_are_clipped() -> None:
    assert clip("x" * 10) == "x" * 10
    assert len(clip("x" * 1000)) == MAX_MESSAGE_CHARS
