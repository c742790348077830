"""app.yml registers a private App with exactly the events and permissions it needs."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from .dockerfile import ROOT

EVENTS = [
    "issues",
    "issue_comment",
    "pull_request_review",
    "pull_request_review_comment",
    "check_run",
    "push",
]
PERMISSIONS = {
    "contents": "write",
    "pull_requests": "write",
    "issues": "write",
    "checks": "write",
    "metadata": "read",
}


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    """Return app.yml parsed."""
    loaded = yaml.safe_load((ROOT / "app.yml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def test_identity_and_visibility(manifest: dict[str, Any]) -> None:
    assert manifest["name"] == "PACE App"
    assert manifest["url"].startswith("https://")
    assert manifest["description"]
    assert manifest["public"] is False
    assert manifest["hook_attributes"]["url"].startswith("https://")


def test_default_events_are_exactly_the_handled_ones(manifest: dict[str, Any]) -> None:
    assert manifest["default_events"] == EVENTS


def test_installation_events_are_not_listed(manifest: dict[str, Any]) -> None:
    # GitHub delivers these to every App; they are not subscribable events.
    assert not {"installation", "installation_repositories"} & set(manifest["default_events"])


def test_default_permissions_are_least_privilege(manifest: dict[str, Any]) -> None:
    assert manifest["default_permissions"] == PERMISSIONS
