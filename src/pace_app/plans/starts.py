"""The story runs a plan sync starts: one ``story.start`` job per story it labelled.

The App's own labelling is a bot event, which intake ignores, so a sync that labels a
story enqueues its start itself. Who approved it is the pusher for a sync on push (so
the start still checks that they can write), and the operator for ``pace plan push
--start``, who holds the App's key (``StoryStart.by_operator``).
"""

from __future__ import annotations

from collections.abc import Sequence

from pace_app.domain.job_store import NewJob
from pace_app.domain.jobs import RepoRef, StoryStart, story_group, to_new_job
from pace_app.plans.sync import Change


def start_jobs(
    changes: Sequence[Change],
    *,
    installation_id: int,
    repo: RepoRef,
    sender: str,
    origin: str,
    by_operator: bool,
) -> list[NewJob]:
    """Return a start job for each story the changes labelled; ``origin`` keys them."""
    found = []
    for change in changes:
        if not change.label or change.number is None:
            continue
        start = StoryStart(
            installation_id=installation_id,
            repo=repo,
            issue_number=change.number,
            issue_title=change.title,
            sender=sender,
            delivery_id=f"{origin}:{change.number}",
            by_operator=by_operator,
        )
        found.append(to_new_job(start, group_key=story_group(repo.full_name, change.number)))
    return found
