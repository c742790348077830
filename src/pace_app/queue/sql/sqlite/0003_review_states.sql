-- Story runs gain the review stages: GATE, SENTINEL and SCRIBE follow the push.
-- SQLite cannot change a CHECK constraint in place, so the table is rebuilt.

CREATE TABLE runs_next (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    repo              TEXT NOT NULL,
    issue_number      INTEGER NOT NULL,
    installation_id   INTEGER NOT NULL,
    state             TEXT NOT NULL
                      CHECK (state IN ('queued', 'preparing', 'forge', 'pushed', 'gate',
                                       'sentinel', 'scribe', 'done', 'failed', 'cancelled')),
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

INSERT INTO runs_next SELECT * FROM runs;
DROP TABLE runs;
ALTER TABLE runs_next RENAME TO runs;

CREATE UNIQUE INDEX runs_issue ON runs (repo, issue_number);
CREATE INDEX runs_pr ON runs (repo, pr_number) WHERE pr_number IS NOT NULL;
CREATE INDEX runs_newest ON runs (updated_at DESC, id DESC);
