-- Named queries of the SQLite job store. Each starts with a "-- name: NAME" line.
-- Lists (kinds, ids) are passed as one JSON array and read with json_each, so every
-- query text is fixed. Times are UTC text from to_db_time, so they compare as text.

-- name: insert_delivery
-- No target: a known id and a remembered digest are both a duplicate, so nothing is done.
INSERT INTO deliveries
    (id, event, action, installation_id, outcome, reason, received_at, digest)
VALUES (:id, :event, :action, :installation_id, :outcome, :reason, :received_at, :digest)
ON CONFLICT DO NOTHING;

-- name: forget_digests
-- Bodies older than the replay window may be delivered again as new deliveries.
UPDATE deliveries SET digest = NULL WHERE digest IS NOT NULL AND received_at < :before;

-- name: known_deliveries
SELECT id FROM deliveries WHERE id IN (SELECT value FROM json_each(:ids));

-- name: insert_job
INSERT INTO jobs (kind, payload, idempotency_key, group_key, state, attempts, max_attempts,
                  run_at, delivery_id, created_at, updated_at)
VALUES (:kind, :payload, :idempotency_key, :group_key, 'queued', 0, :max_attempts,
        :run_at, :delivery_id, :now, :now)
ON CONFLICT (idempotency_key) DO NOTHING;

-- name: job_by_key
SELECT * FROM jobs WHERE idempotency_key = :idempotency_key;

-- name: job_by_id
SELECT * FROM jobs WHERE id = :id;

-- name: claim
-- The oldest due job, taken and leased in one statement under the write lock.
UPDATE jobs
SET state = 'running', attempts = attempts + 1, locked_by = :worker_id,
    lease_expires_at = :lease_expires_at, updated_at = :now
WHERE id = (
    SELECT id FROM jobs
    WHERE state = 'queued' AND run_at <= :now
      AND (:kinds IS NULL OR kind IN (SELECT value FROM json_each(:kinds)))
    ORDER BY run_at, id
    LIMIT 1
)
RETURNING *;

-- name: heartbeat
UPDATE jobs SET lease_expires_at = :lease_expires_at, updated_at = :now
WHERE id = :id AND state = 'running' AND locked_by = :worker_id;

-- name: complete
UPDATE jobs SET state = 'succeeded', locked_by = NULL, lease_expires_at = NULL, updated_at = :now
WHERE id = :id AND state = 'running' AND locked_by = :worker_id;

-- name: held_attempts
SELECT attempts, max_attempts FROM jobs
WHERE id = :id AND state = 'running' AND locked_by = :worker_id;

-- name: record_failure
UPDATE jobs
SET state = :state, run_at = COALESCE(:run_at, run_at), locked_by = NULL,
    lease_expires_at = NULL, last_error = :error, updated_at = :now
WHERE id = :id
RETURNING *;

-- name: release
-- run_at is kept, so the job goes back to its place at the head of the queue.
UPDATE jobs
SET state = 'queued', attempts = MAX(attempts - 1, 0), locked_by = NULL,
    lease_expires_at = NULL, updated_at = :now
WHERE id = :id AND state = 'running' AND locked_by = :worker_id;

-- name: requeue_expired
UPDATE jobs SET state = 'queued', locked_by = NULL, lease_expires_at = NULL, updated_at = :now
WHERE state = 'running' AND lease_expires_at <= :now;

-- name: cancel
UPDATE jobs SET state = 'cancelled', locked_by = NULL, lease_expires_at = NULL, updated_at = :now
WHERE id = :id AND state IN ('queued', 'running');

-- name: cancel_group
UPDATE jobs SET state = 'cancelled', locked_by = NULL, lease_expires_at = NULL, updated_at = :now
WHERE group_key = :group_key AND state IN ('queued', 'running')
  AND (:kinds IS NULL OR kind IN (SELECT value FROM json_each(:kinds)));

-- name: list_jobs
SELECT * FROM jobs
WHERE (:state IS NULL OR state = :state) AND (:kind IS NULL OR kind = :kind)
ORDER BY created_at DESC, id DESC
LIMIT :limit;

-- name: counts
SELECT state, COUNT(*) AS n FROM jobs GROUP BY state;

-- name: upsert_installation
INSERT INTO installations (id, account_login, repositories, suspended, deleted, updated_at)
VALUES (:id, :account_login, :repositories, :suspended, :deleted, :now)
ON CONFLICT (id) DO UPDATE SET
    account_login = excluded.account_login,
    repositories = excluded.repositories,
    suspended = excluded.suspended,
    deleted = excluded.deleted,
    updated_at = excluded.updated_at;

-- name: list_installations
SELECT id, account_login, repositories, suspended, deleted
FROM installations WHERE deleted = 0 ORDER BY id;

-- name: beat_worker
INSERT INTO worker_beats (worker_id, beat_at) VALUES (:worker_id, :now)
ON CONFLICT (worker_id) DO UPDATE SET beat_at = excluded.beat_at;

-- name: prune_worker_beats
DELETE FROM worker_beats WHERE beat_at < :before;

-- name: last_worker_beat
SELECT MAX(beat_at) FROM worker_beats;

-- name: start_run
-- One row per issue: create it, or queue a finished run as its next attempt. An active
-- run is left alone and nothing is returned; the caller then reads it with run_by_issue.
INSERT INTO runs (repo, issue_number, installation_id, state, attempt, created_at, updated_at)
VALUES (:repo, :issue_number, :installation_id, 'queued', 1, :now, :now)
ON CONFLICT (repo, issue_number) DO UPDATE SET
    state = 'queued',
    attempt = runs.attempt + 1,
    installation_id = excluded.installation_id,
    outcome = NULL,
    updated_at = excluded.updated_at
WHERE runs.state IN ('done', 'failed', 'cancelled')
RETURNING *;

-- name: run_by_id
SELECT * FROM runs WHERE id = :id;

-- name: run_by_issue
SELECT * FROM runs WHERE repo = :repo AND issue_number = :issue_number;

-- name: run_by_pr
SELECT * FROM runs WHERE repo = :repo AND pr_number = :pr_number
ORDER BY updated_at DESC, id DESC
LIMIT 1;

-- name: update_run
-- Compare-and-set: the write happens only while the stored state is still :expected.
UPDATE runs
SET state = :state, installation_id = :installation_id,
    status_comment_id = :status_comment_id, branch = :branch, pr_number = :pr_number,
    head_sha = :head_sha, outcome = :outcome, details = :details, updated_at = :now,
    -- Never lowered: a stale ledger must not make the next write charge twice.
    cost_usd = MAX(cost_usd, :cost_usd)
WHERE id = :id AND state = :expected
RETURNING *;

-- name: cancel_run
UPDATE runs SET state = 'cancelled', outcome = :reason, updated_at = :now
WHERE repo = :repo AND issue_number = :issue_number
  AND state NOT IN ('done', 'failed', 'cancelled')
RETURNING *;

-- name: list_runs
-- Repository names ignore case on GitHub, so the filter does too.
SELECT * FROM runs
WHERE (:repo IS NULL OR lower(repo) = lower(:repo)) AND (:since IS NULL OR updated_at >= :since)
ORDER BY updated_at DESC, id DESC
LIMIT :limit;

-- name: run_history
SELECT attempt, state, head_sha, at FROM run_states WHERE run_id = :id ORDER BY id;

-- name: spend
-- What runs were charged since a time, per repository; a run counts where it spent.
SELECT repo, COUNT(DISTINCT run_id) AS runs, SUM(cost_usd) AS cost_usd
FROM run_charges
WHERE at >= :since
  AND (:repo IS NULL OR lower(repo) = lower(:repo))
  AND (:installation_id IS NULL OR installation_id = :installation_id)
GROUP BY repo
ORDER BY repo;
