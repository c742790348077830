"""fly.toml runs one always-on machine with the volume, health check and drain time."""

from __future__ import annotations

import tomllib
from typing import Any

import pytest

from .dockerfile import ALL_INTERFACES, ROOT, stages

FLY = ROOT / "fly.toml"


@pytest.fixture(scope="module")
def fly() -> dict[str, Any]:
    """Return fly.toml parsed."""
    with FLY.open("rb") as handle:
        return tomllib.load(handle)


def test_builds_from_the_dockerfile(fly: dict[str, Any]) -> None:
    assert fly["build"] == {"dockerfile": "Dockerfile"}
    assert fly["app"]


def test_environment_matches_the_image(fly: dict[str, Any]) -> None:
    assert fly["env"] == {
        "DATA_DIR": "/data",
        "HOST": ALL_INTERFACES,
        "PORT": "3000",
        "LOG_FORMAT": "json",
    }
    image_env = stages()[-1].env()
    for key in ("DATA_DIR", "HOST", "PORT"):
        assert fly["env"][key] == image_env[key]


def test_http_service_stays_up_and_is_checked(fly: dict[str, Any]) -> None:
    service = fly["http_service"]
    assert service["internal_port"] == 3000
    assert service["force_https"] is True
    assert service["auto_stop_machines"] == "off"
    assert service["auto_start_machines"] is True
    assert service["min_machines_running"] == 1
    [check] = service["checks"]
    assert check["method"] == "GET"
    assert check["path"] == "/healthz"


def test_volume_and_shutdown(fly: dict[str, Any]) -> None:
    assert fly["mounts"] == {"source": "pace_data", "destination": "/data"}
    assert fly["kill_signal"] == "SIGTERM"
    assert fly["kill_timeout"] == 30


def test_process_split_is_documented_but_off(fly: dict[str, Any]) -> None:
    assert "processes" not in fly
    text = FLY.read_text(encoding="utf-8")
    assert '#   web = "pace web"' in text
    assert '#   worker = "pace worker"' in text
    uncommented = "\n".join(line.split("#", 1)[0] for line in text.splitlines())
    processes = tomllib.loads(uncommented.replace("[processes]", ""))
    assert "processes" not in processes


def test_no_secret_values_in_the_file(fly: dict[str, Any]) -> None:
    for name in fly["env"]:
        assert not any(word in name for word in ("SECRET", "KEY", "TOKEN", "DSN")), name
