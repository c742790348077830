"""app.yml asks GitHub for exactly the events the routers handle and the access they need."""

from pathlib import Path
from typing import Any

import yaml

from pace_app.handlers.routing import subscribed_events

ROOT = Path(__file__).resolve().parents[1]

# GitHub delivers these to every App; a manifest cannot list them.
DELIVERED_TO_EVERY_APP = frozenset({"installation", "installation_repositories"})

# Events the manifest may list although no router handles them, each with its reason.
LISTED_WITHOUT_A_ROUTE: dict[str, str] = {}

# What the code does with GitHub: push branches (contents), open and update pull
# requests, comment on and label issues, report check runs; metadata is mandatory.
NEEDED = {
    "contents": "write",
    "pull_requests": "write",
    "issues": "write",
    "checks": "write",
    "metadata": "read",
}
LEVEL = {"read": 1, "write": 2, "admin": 3}


def manifest() -> dict[str, Any]:
    """Return app.yml parsed."""
    loaded = yaml.safe_load((ROOT / "app.yml").read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def test_default_events_are_the_routed_events() -> None:
    listed = set(manifest()["default_events"])
    routed = set(subscribed_events()) - DELIVERED_TO_EVERY_APP
    assert listed - set(LISTED_WITHOUT_A_ROUTE) == routed


def test_installation_events_are_routed_but_not_listed() -> None:
    assert subscribed_events() >= DELIVERED_TO_EVERY_APP
    assert not DELIVERED_TO_EVERY_APP & set(manifest()["default_events"])


def test_permissions_cover_what_the_code_needs() -> None:
    granted = manifest()["default_permissions"]
    for scope, level in NEEDED.items():
        assert scope in granted
        assert LEVEL[granted[scope]] >= LEVEL[level], scope
