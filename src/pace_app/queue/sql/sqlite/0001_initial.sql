-- Deliveries, jobs, installations and worker beats.
-- Times are UTC ISO-8601 text with microseconds and a trailing "Z", so text order is time order.

CREATE TABLE deliveries (
    id              TEXT PRIMARY KEY,
    event           TEXT NOT NULL,
    action          TEXT,
    installation_id INTEGER,
    outcome         TEXT NOT NULL CHECK (outcome IN ('accepted', 'ignored')),
    reason          TEXT,
    received_at     TEXT NOT NULL
);

CREATE TABLE jobs (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    kind             TEXT NOT NULL,
    payload          TEXT NOT NULL,
    idempotency_key  TEXT NOT NULL UNIQUE,
    group_key        TEXT,
    state            TEXT NOT NULL
                     CHECK (state IN ('queued', 'running', 'succeeded', 'dead', 'cancelled')),
    attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    max_attempts     INTEGER NOT NULL CHECK (max_attempts >= 1),
    run_at           TEXT NOT NULL,
    locked_by        TEXT,
    lease_expires_at TEXT,
    last_error       TEXT,
    delivery_id      TEXT REFERENCES deliveries (id),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    -- A worker holds a job exactly while it runs.
    CHECK ((state = 'running') = (locked_by IS NOT NULL AND lease_expires_at IS NOT NULL))
);

-- claim: the oldest due queued job.
CREATE INDEX jobs_due ON jobs (state, run_at, id);
-- requeue_expired: running jobs by lease end.
CREATE INDEX jobs_lease ON jobs (state, lease_expires_at);
-- cancel_group.
CREATE INDEX jobs_group ON jobs (group_key, state) WHERE group_key IS NOT NULL;
CREATE INDEX jobs_delivery ON jobs (delivery_id) WHERE delivery_id IS NOT NULL;

CREATE TABLE installations (
    id            INTEGER PRIMARY KEY,
    account_login TEXT NOT NULL,
    repositories  TEXT NOT NULL,
    suspended     INTEGER NOT NULL CHECK (suspended IN (0, 1)),
    deleted       INTEGER NOT NULL CHECK (deleted IN (0, 1)),
    updated_at    TEXT NOT NULL
);

CREATE TABLE worker_beats (
    worker_id TEXT PRIMARY KEY,
    beat_at   TEXT NOT NULL
);
