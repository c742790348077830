"""SQL files of the job store backends: per backend, numbered migrations and named queries."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable

_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")


@dataclass(frozen=True)
class Migration:
    """One numbered schema change."""

    version: int
    name: str
    sql: str


def load_migrations(backend: str) -> list[Migration]:
    """Return the migrations shipped for ``backend`` (a folder here), oldest first."""
    return read_migrations(resources.files(__name__).joinpath(backend))


def read_migrations(directory: Traversable) -> list[Migration]:
    """Return the ``NNNN_name.sql`` files in ``directory``, oldest first."""
    found: list[Migration] = []
    for entry in directory.iterdir():
        match = _NAME.match(entry.name)
        if match:
            found.append(Migration(int(match.group(1)), entry.name, entry.read_text("utf-8")))
    found.sort(key=lambda migration: migration.version)
    versions = [migration.version for migration in found]
    if len(set(versions)) != len(versions):
        raise ValueError(f"duplicate migration numbers in {directory}: {versions}")
    return found


_QUERY_NAME = re.compile(r"^-- name: ([a-z_]+)\s*$", re.MULTILINE)


def load_queries(backend: str) -> dict[str, str]:
    """Return the named queries in ``backend``'s ``queries.sql``."""
    return parse_queries(resources.files(__name__).joinpath(backend, "queries.sql").read_text())


def parse_queries(text: str) -> dict[str, str]:
    """Split ``-- name: NAME`` blocks into a mapping of name to SQL, comments kept."""
    parts = _QUERY_NAME.split(text)
    queries: dict[str, str] = {}
    for name, body in zip(parts[1::2], parts[2::2], strict=True):
        if name in queries:
            raise ValueError(f"query {name!r} is defined twice")
        queries[name] = body.strip()
    return queries
