"""The ``plan`` section of ``pace.config.yaml``: off unless asked, booleans only."""

import pytest

from pace_app.config.repo import parse_repo_config
from pace_app.errors import RepoConfigError


def test_plan_sync_is_off_by_default() -> None:
    plan = parse_repo_config("tech:\n  test_command: pytest\n", source="pace.config.yaml").config
    assert (plan.plan.sync, plan.plan.start) == (False, False)


def test_plan_sync_and_start_are_read() -> None:
    loaded = parse_repo_config("plan:\n  sync: true\n  start: true\n", source="pace.config.yaml")
    assert (loaded.config.plan.sync, loaded.config.plan.start) == (True, True)
    assert loaded.warnings == ()


@pytest.mark.parametrize("value", ['"yes"', "1"])
def test_plan_sync_must_be_a_boolean(value: str) -> None:
    with pytest.raises(RepoConfigError) as caught:
        parse_repo_config(f"plan:\n  sync: {value}\n", source="pace.config.yaml")
    assert caught.value.key_path == "plan.sync"


def test_an_unknown_plan_key_is_a_warning() -> None:
    loaded = parse_repo_config("plan:\n  synk: true\n", source="pace.config.yaml")
    assert loaded.warnings == ("plan.synk: unknown key (did you mean sync?)",)
