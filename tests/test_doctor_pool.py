"""The database line's pool summary, for stores that keep a connection pool."""

from pace_app.doctor import pool_summary


def test_the_pool_summary_names_schema_size_and_listener() -> None:
    stats: dict[str, int | bool | str] = {
        "schema": "pace",
        "size": 3,
        "max_size": 10,
        "listening": True,
    }
    assert pool_summary(stats) == "schema pace, pool 3/10 connection(s), listening for new jobs"


def test_a_closed_pool_without_a_listener_says_so() -> None:
    stats: dict[str, int | bool | str] = {"schema": "public", "open": False, "listening": False}
    assert pool_summary(stats) == "schema public, pool 0/0 connection(s), not listening"
