-- Runs keep their money and their history. cost_usd holds what the run's ledger says it
-- has spent so far (all attempts), so spend and daily caps need no run's JSON;
-- run_states keeps every state (and head) each attempt passed through; run_charges
-- keeps each increase of a run's cost with its time, so spend over any window is a sum.
-- Triggers write both, so every path that changes a run (start, update, cancel) does.

ALTER TABLE runs ADD COLUMN cost_usd REAL NOT NULL DEFAULT 0 CHECK (cost_usd >= 0);

UPDATE runs SET cost_usd = COALESCE((
    SELECT SUM(json_extract(agent.value, '$.cost_usd'))
    FROM json_each(runs.details, '$.ledger.agents') AS agent
    WHERE json_type(agent.value, '$.cost_usd') IN ('integer', 'real')
), 0)
WHERE json_type(details, '$.ledger.agents') = 'object';

CREATE TABLE run_states (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id   INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    attempt  INTEGER NOT NULL,
    state    TEXT NOT NULL,
    head_sha TEXT,
    at       TEXT NOT NULL
);

CREATE INDEX run_states_run ON run_states (run_id, id);

CREATE TABLE run_charges (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id          INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
    repo            TEXT NOT NULL,
    installation_id INTEGER NOT NULL,
    cost_usd        REAL NOT NULL CHECK (cost_usd > 0),
    at              TEXT NOT NULL
);

-- Spend since a time, per repository, per installation, or overall.
CREATE INDEX run_charges_repo ON run_charges (repo, at);
CREATE INDEX run_charges_installation ON run_charges (installation_id, at);
CREATE INDEX run_charges_at ON run_charges (at);

-- Rows from before: the state they are in and what they had spent, as of their last update.
INSERT INTO run_states (run_id, attempt, state, head_sha, at)
SELECT id, attempt, state, head_sha, updated_at FROM runs ORDER BY id;

INSERT INTO run_charges (run_id, repo, installation_id, cost_usd, at)
SELECT id, repo, installation_id, cost_usd, updated_at FROM runs WHERE cost_usd > 0 ORDER BY id;

CREATE TRIGGER runs_started AFTER INSERT ON runs
BEGIN
    INSERT INTO run_states (run_id, attempt, state, head_sha, at)
    VALUES (new.id, new.attempt, new.state, new.head_sha, new.updated_at);
END;

CREATE TRIGGER runs_moved AFTER UPDATE ON runs
WHEN new.state IS NOT old.state OR new.attempt IS NOT old.attempt
     OR new.head_sha IS NOT old.head_sha
BEGIN
    INSERT INTO run_states (run_id, attempt, state, head_sha, at)
    VALUES (new.id, new.attempt, new.state, new.head_sha, new.updated_at);
END;

CREATE TRIGGER runs_charged AFTER UPDATE OF cost_usd ON runs
WHEN new.cost_usd > old.cost_usd
BEGIN
    INSERT INTO run_charges (run_id, repo, installation_id, cost_usd, at)
    VALUES (new.id, new.repo, new.installation_id, new.cost_usd - old.cost_usd, new.updated_at);
END;
