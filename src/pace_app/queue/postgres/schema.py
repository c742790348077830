"""Named queries, migrations and connection-string handling for PostgreSQL."""

from __future__ import annotations

import functools
import logging
import re
from datetime import datetime

from psycopg import AsyncConnection, sql
from psycopg.conninfo import conninfo_to_dict, make_conninfo
from psycopg.rows import DictRow

from pace_app.queue.sql import load_migrations, load_queries

logger = logging.getLogger(__name__)

# Any fixed 64-bit number works; every PACE App process must use the same one.
MIGRATION_LOCK = 0x7061_6365_0001
_SEARCH_PATH = re.compile(r"-c\s*search_path\s*=\s*([^\s,]+)")


@functools.cache
def queries() -> dict[str, str]:
    """Return the named queries of ``sql/postgres/queries.sql``."""
    return load_queries("postgres")


def redacted_dsn(url: str) -> str:
    """Return the connection parameters of ``url`` without its password."""
    params = conninfo_to_dict(url)
    params.pop("password", None)
    return make_conninfo("", **params)


def url_password(url: str) -> str:
    """Return the password in ``url``, or an empty string."""
    return str(conninfo_to_dict(url).get("password") or "")


def schema_from_url(url: str) -> str:
    """Return the first schema of the URL's ``options=-csearch_path=...``, else public."""
    options = str(conninfo_to_dict(url).get("options") or "")
    match = _SEARCH_PATH.search(options)
    return match.group(1).strip("\"'") if match else "public"


async def current_version(conn: AsyncConnection[DictRow]) -> int:
    """Return the newest migration applied in the connection's schema."""
    row = await (await conn.execute(queries()["schema_version"])).fetchone()
    return int(row["version"]) if row else 0


async def migrate(conn: AsyncConnection[DictRow], schema: str, now: datetime) -> int:
    """Create ``schema`` if needed and apply pending migrations; return the version.

    Runs inside the caller's transaction, which the advisory lock is scoped to: a
    second process starting at the same moment waits here, then finds nothing to do.
    """
    await conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
    row = await (await conn.execute("SELECT to_regnamespace(%s) AS oid", (schema,))).fetchone()
    # Create the schema only when missing: CREATE needs a database privilege that a
    # deployment into an existing schema may lack.
    if row is None or row["oid"] is None:
        await conn.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    await conn.execute(
        "CREATE TABLE IF NOT EXISTS pace_schema_version ("
        " version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)"
    )
    version = await current_version(conn)
    for migration in load_migrations("postgres"):
        if migration.version > version:
            # Without parameters psycopg sends the whole script, several statements at once.
            await conn.execute(migration.sql)
            await conn.execute(
                "INSERT INTO pace_schema_version VALUES (%s, %s, %s)",
                (migration.version, migration.name, now),
            )
            logger.info(
                "applied schema migration", extra={"version": migration.version, "schema": schema}
            )
            version = migration.version
    return version
