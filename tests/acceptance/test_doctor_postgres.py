"""``pace doctor`` on PostgreSQL names the schema version and the connection pool."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.acceptance.harness import app_environment, run_pace
from tests.fakes.fake_github import FakeGitHub
from tests.fakes.servers import serve
from tests.queue.postgres_fixtures import drop_schema, require_postgres, unique_schema

pytestmark = [pytest.mark.slow, pytest.mark.postgres]


@pytest.fixture
def database_url() -> Iterator[str]:
    """Return a URL pinned to a fresh schema, dropped afterwards."""
    url = require_postgres()
    schema = unique_schema()
    separator = "&" if "?" in url else "?"
    yield f"{url}{separator}options=-csearch_path%3D{schema}"
    drop_schema(url, schema)


def test_doctor_reports_the_postgres_schema_and_pool(tmp_path: Path, database_url: str) -> None:
    fake = FakeGitHub()
    with serve(fake) as url:
        env = app_environment(
            tmp_path,
            GITHUB_APP_ID=str(fake.app_id),
            GITHUB_PRIVATE_KEY=fake.private_key_pem,
            GITHUB_API_URL=url,
            ANTHROPIC_API_KEY="sk-ant-doctor-test",
            DATABASE_URL=database_url,
        )
        result = run_pace("doctor", cwd=tmp_path, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    schema = database_url.rsplit("%3D", 1)[1]
    line = next(line for line in result.stdout.splitlines() if "database" in line)
    assert line.startswith("✓ database: PostgreSQL, schema version ")
    assert line.endswith(
        f", 0 job(s) stored, schema {schema}, pool 1/10 connection(s), listening for new jobs"
    )
