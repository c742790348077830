-- Story runs: one row per issue, reused by every attempt (attempt counts them).
-- The unique (repo, issue_number) index is what makes start_run's upsert atomic.

CREATE TABLE runs (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    repo              TEXT NOT NULL,
    issue_number      INTEGER NOT NULL,
    installation_id   INTEGER NOT NULL,
    state             TEXT NOT NULL
                      CHECK (state IN ('queued', 'preparing', 'forge', 'pushed',
                                       'done', 'failed', 'cancelled')),
    attempt           INTEGER NOT NULL CHECK (attempt >= 1),
    status_comment_id INTEGER,
    branch            TEXT,
    pr_number         INTEGER,
    head_sha          TEXT,
    outcome           TEXT,
    details           TEXT NOT NULL DEFAULT '{}' CHECK (json_type(details) = 'object'),
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);

CREATE UNIQUE INDEX runs_issue ON runs (repo, issue_number);
-- Commands on a pull request find their story run.
CREATE INDEX runs_pr ON runs (repo, pr_number) WHERE pr_number IS NOT NULL;
-- The status page lists the most recently updated runs.
CREATE INDEX runs_newest ON runs (updated_at DESC, id DESC);
