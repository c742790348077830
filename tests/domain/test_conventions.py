"""The rules for the trigger label, the command word and the branch prefix: one table each."""

import subprocess

import pytest

from pace_app.domain.conventions import (
    DEFAULT,
    Conventions,
    branch_prefix_problem,
    command_problem,
    label_problem,
)
from pace_app.domain.run_details import RunDetails
from pace_app.domain.story import branch_name


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("pace:story", None),
        ("ai:build", None),
        ("🤖 build me", None),
        ("x" * 50, None),
        ("x" * 51, "at most 50"),
        ("", "empty"),
        ("   ", "empty"),
        (" ai", "space"),
        ("a,b", "comma"),
        ("a`b", "backtick"),
        ("a\tb", "control"),
        ("pace:running", "status labels"),
        ("PACE:Hold", "status labels"),
        ("pace:advisory", "status labels"),
    ],
)
def test_trigger_label_rules(name: str, problem: str | None) -> None:
    found = label_problem(name)
    assert (found is None) == (problem is None)
    if problem is not None:
        assert found is not None
        assert problem in found


@pytest.mark.parametrize(
    ("word", "ok"),
    [
        ("pace", True),
        ("bot", True),
        ("ai-build", True),
        ("x", True),
        ("a" * 20, True),
        ("a" * 21, False),
        ("Bot", False),  # the settings lowercase first; the rule itself is exact
        ("1bot", False),
        ("bot_x", False),
        ("", False),
        ("/bot", False),
        ("bot retry", False),
    ],
)
def test_command_word_rules(word: str, ok: bool) -> None:
    assert (command_problem(word) is None) is ok


def _git_accepts(branch: str) -> bool:
    result = subprocess.run(
        ["git", "check-ref-format", "--branch", branch], capture_output=True, check=False
    )
    return result.returncode == 0


@pytest.mark.parametrize(
    "prefix",
    ["pace/", "bot/", "ai-", "team/pace/", "x", "a.b/", "feature_", "PACE/"],
)
def test_accepted_prefixes_make_branches_git_accepts(prefix: str) -> None:
    assert branch_prefix_problem(prefix) is None
    assert _git_accepts(branch_name(7, "Add login", Conventions(branch_prefix=prefix)))


@pytest.mark.parametrize(
    ("prefix", "problem"),
    [
        ("", "empty"),
        ("x" * 41, "at most 40"),
        ("bot//", "valid git branch"),
        ("/bot/", "valid git branch"),
        ("-bot/", "valid git branch"),
        (".bot/", "valid git branch"),
        ("bot/.x/", "valid git branch"),
        ("a..b/", "valid git branch"),
        ("x.lock/", "valid git branch"),
        ("bot ", "ASCII letters"),
        ("bot~/", "ASCII letters"),
        ("bøt/", "ASCII letters"),
        ("main/", "under the branch 'main'"),
        ("Master/x/", "under the branch 'Master'"),
        ("HEAD/", "under the branch 'HEAD'"),
    ],
)
def test_refused_prefixes_say_why(prefix: str, problem: str) -> None:
    found = branch_prefix_problem(prefix)
    assert found is not None
    assert problem in found


def test_a_prefix_under_the_repository_default_branch_is_refused() -> None:
    assert branch_prefix_problem("trunk-") is None
    assert branch_prefix_problem("stable/") is None
    found = branch_prefix_problem("stable/", default_branch="Stable")
    assert found is not None
    assert "'stable'" in found
    # Without a '/', the story branch is one name of its own, never under another.
    assert branch_prefix_problem("stable-", default_branch="stable") is None


def test_the_trigger_matches_without_regard_to_case() -> None:
    conventions = Conventions(trigger_label="AI:Build")
    assert conventions.is_trigger("ai:build")
    assert conventions.is_trigger("AI:BUILD")
    assert not conventions.is_trigger("ai:buil")
    assert not conventions.is_trigger(None)
    assert DEFAULT.is_trigger("Pace:Story")


def test_branch_name_follows_the_prefix() -> None:
    assert branch_name(3, "Fix it", Conventions(branch_prefix="bot/")) == "bot/issue-3-fix-it"
    assert branch_name(3, "Fix it") == "pace/issue-3-fix-it"
    with pytest.raises(ValueError, match="positive"):
        Conventions().branch_name(0, "x")


def test_a_run_record_keeps_the_conventions_it_started_with() -> None:
    bot = Conventions(trigger_label="ai:build", command="bot", branch_prefix="bot/")
    stored = RunDetails(job="label-1", conventions=bot).to_json()
    assert RunDetails.from_json(stored).conventions == bot
    # Records written before the names were configurable have none: the operator's apply.
    assert RunDetails.from_json({"job": "label-1"}).conventions is None
