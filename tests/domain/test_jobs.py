"""Job payloads survive the store's JSON round trip and reject malformed data."""

import json

import pytest

from pace_app.domain import jobs
from pace_app.errors import StoreError


def test_every_payload_round_trips_through_json() -> None:
    repo = jobs.RepoRef(1, "o/r", "https://git.example/o/r.git", "main")
    samples: list[jobs.JobPayload] = [
        jobs.StoryStart(1, repo, 2, "title", "alice", "d1"),
        jobs.StoryCancel(1, repo, 2, "issue closed", "alice", "d2"),
        jobs.Command(1, repo, 2, True, 3, "/pace retry", "alice", "d3"),
        jobs.CheckRerun(1, repo, 4, "PACE / GATE", "a" * 40, "rerequested", None, "bob", "d4"),
        jobs.InstallationSync(1, "created", "o", False, ("o/r",), (), "d5"),
    ]
    for sample in samples:
        stored = json.loads(json.dumps(sample.to_json()))
        assert type(sample).from_json(stored) == sample


def test_malformed_payloads_raise_store_error() -> None:
    with pytest.raises(StoreError, match=r"malformed story\.start payload"):
        jobs.StoryStart.from_json({"installation_id": 1})


def test_new_jobs_are_keyed_by_kind_and_delivery() -> None:
    repo = jobs.RepoRef(1, "o/r", "https://git.example/o/r.git", "main")
    job = jobs.to_new_job(jobs.StoryCancel(1, repo, 2, "r", "s", "d9"), group_key="g")
    assert (job.kind, job.idempotency_key, job.group_key) == (
        "story.cancel",
        "story.cancel:d9",
        "g",
    )


def test_commands_say_where_they_were_written_and_old_payloads_still_read() -> None:
    repo = jobs.RepoRef(1, "o/r", "https://git.example/o/r.git", "main")
    inline = jobs.Command(1, repo, 2, True, 3, "/pace retry", "alice", "d3", "review_comment", 9)
    assert jobs.Command.from_json(json.loads(json.dumps(inline.to_json()))) == inline
    stored_before = {k: v for k, v in inline.to_json().items() if k not in {"source", "thread_id"}}
    old = jobs.Command.from_json(stored_before)
    assert (old.source, old.thread_id) == ("issue_comment", None)
    with pytest.raises(StoreError, match="unknown source 'email'"):
        jobs.Command.from_json({**inline.to_json(), "source": "email"})
