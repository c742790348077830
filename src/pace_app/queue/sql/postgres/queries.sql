-- Named queries of the PostgreSQL job store. Each starts at a "-- name:" line.
-- Times are parameters (the application's clock), never the server's now().

-- name: insert_job
INSERT INTO pace_jobs
    (kind, payload, idempotency_key, group_key, max_attempts, run_at, delivery_id,
     created_at, updated_at)
VALUES
    (%(kind)s, %(payload)s, %(idempotency_key)s, %(group_key)s, %(max_attempts)s,
     %(run_at)s, %(delivery_id)s, %(now)s, %(now)s)
ON CONFLICT (idempotency_key) DO NOTHING
RETURNING *

-- name: job_by_key
SELECT * FROM pace_jobs WHERE idempotency_key = %(idempotency_key)s

-- name: job_by_id
SELECT * FROM pace_jobs WHERE id = %(id)s

-- name: record_deliveries
-- A whole batch in one statement, run on its own: one round trip, one transaction.
-- Deliveries and jobs come as two JSON arrays (one element per delivery, none
-- repeating an id or digest of another; jobs naming their delivery), which the server
-- reads faster than the client can encode a parameter array per column. ON CONFLICT
-- without a target skips a delivery whose id is known or whose digest is remembered,
-- waiting first on a concurrent writer of the same id or digest, so two processes
-- never both record one delivery; only recorded deliveries store their jobs.
WITH recorded AS (
    INSERT INTO pace_deliveries
        (id, event, action, installation_id, outcome, reason, received_at, digest)
    SELECT d.id, d.event, d.action, d.installation_id, d.outcome, d.reason,
           d.received_at, d.digest
    FROM jsonb_to_recordset(%(deliveries)s::jsonb) AS d (
        id text, event text, action text, installation_id bigint, outcome text,
        reason text, received_at timestamptz, digest text
    )
    ON CONFLICT DO NOTHING
    RETURNING id
),
jobs AS (
    INSERT INTO pace_jobs
        (kind, payload, idempotency_key, group_key, max_attempts, run_at, delivery_id,
         created_at, updated_at)
    SELECT j.value->>'kind', j.value->'payload', j.value->>'idempotency_key',
           j.value->>'group_key', (j.value->>'max_attempts')::integer,
           coalesce((j.value->>'run_at')::timestamptz, %(now)s), j.value->>'delivery_id',
           %(now)s, %(now)s
    FROM jsonb_array_elements(%(jobs)s::jsonb) WITH ORDINALITY AS j (value, n)
    WHERE j.value->>'delivery_id' IN (SELECT id FROM recorded)
    ORDER BY j.n
    ON CONFLICT (idempotency_key) DO NOTHING
    RETURNING id
),
-- Sent at commit, and only when the batch stored jobs: idle workers wake to find them.
notified AS (
    SELECT pg_notify('pace_jobs', %(schema)s) WHERE EXISTS (SELECT 1 FROM jobs)
)
SELECT id, (SELECT count(*) FROM jobs) AS jobs, (SELECT count(*) FROM notified) AS notified
FROM recorded

-- name: forget_digests
-- Bodies older than the replay window may be delivered again as new deliveries.
UPDATE pace_deliveries SET digest = NULL WHERE digest IS NOT NULL AND received_at < %(before)s

-- name: known_deliveries
SELECT id FROM pace_deliveries WHERE id = ANY(%(ids)s::text[])

-- name: notify
SELECT pg_notify('pace_jobs', %(schema)s)

-- name: claim
-- SKIP LOCKED lets many workers claim concurrently without waiting on each other;
-- the row lock sits below LIMIT, so a row taken meanwhile is skipped, not returned.
WITH next AS (
    SELECT id FROM pace_jobs
    WHERE state = 'queued'
      AND run_at <= %(now)s
      AND (%(kinds)s::text[] IS NULL OR kind = ANY(%(kinds)s::text[]))
    ORDER BY run_at, id
    LIMIT 1
    FOR UPDATE SKIP LOCKED
)
UPDATE pace_jobs AS j
SET state = 'running',
    attempts = j.attempts + 1,
    locked_by = %(worker_id)s,
    lease_expires_at = %(expires)s,
    updated_at = %(now)s
FROM next
WHERE j.id = next.id
RETURNING j.*

-- name: heartbeat
UPDATE pace_jobs
SET lease_expires_at = %(expires)s, updated_at = %(now)s
WHERE id = %(id)s AND state = 'running' AND locked_by = %(worker_id)s
RETURNING id

-- name: complete
UPDATE pace_jobs
SET state = 'succeeded', locked_by = NULL, lease_expires_at = NULL, updated_at = %(now)s
WHERE id = %(id)s AND state = 'running' AND locked_by = %(worker_id)s
RETURNING id

-- name: lock_leased
SELECT * FROM pace_jobs
WHERE id = %(id)s AND state = 'running' AND locked_by = %(worker_id)s
FOR UPDATE

-- name: record_failure
UPDATE pace_jobs
SET state = %(state)s,
    run_at = %(run_at)s,
    last_error = %(error)s,
    locked_by = NULL,
    lease_expires_at = NULL,
    updated_at = %(now)s
WHERE id = %(id)s
RETURNING *

-- name: release
UPDATE pace_jobs
SET state = 'queued',
    attempts = greatest(attempts - 1, 0),
    locked_by = NULL,
    lease_expires_at = NULL,
    updated_at = %(now)s
WHERE id = %(id)s AND state = 'running' AND locked_by = %(worker_id)s
RETURNING id

-- name: requeue_expired
UPDATE pace_jobs
SET state = 'queued', locked_by = NULL, lease_expires_at = NULL, updated_at = %(now)s
WHERE state = 'running' AND lease_expires_at <= %(now)s

-- name: cancel
UPDATE pace_jobs
SET state = 'cancelled', locked_by = NULL, lease_expires_at = NULL, updated_at = %(now)s
WHERE id = %(id)s AND state IN ('queued', 'running')
RETURNING id

-- name: cancel_group
UPDATE pace_jobs
SET state = 'cancelled', locked_by = NULL, lease_expires_at = NULL, updated_at = %(now)s
WHERE group_key = %(group_key)s
  AND state IN ('queued', 'running')
  AND (%(kinds)s::text[] IS NULL OR kind = ANY(%(kinds)s::text[]))

-- name: list_jobs
SELECT * FROM pace_jobs
WHERE (%(state)s::text IS NULL OR state = %(state)s::text)
  AND (%(kind)s::text IS NULL OR kind = %(kind)s::text)
ORDER BY created_at DESC, id DESC
LIMIT %(limit)s

-- name: counts
SELECT state, count(*) AS n FROM pace_jobs GROUP BY state

-- name: upsert_installation
INSERT INTO pace_installations
    (id, account_login, repositories, suspended, deleted, updated_at)
VALUES
    (%(id)s, %(account_login)s, %(repositories)s, %(suspended)s, %(deleted)s, %(now)s)
ON CONFLICT (id) DO UPDATE
SET account_login = excluded.account_login,
    repositories = excluded.repositories,
    suspended = excluded.suspended,
    deleted = excluded.deleted,
    updated_at = excluded.updated_at

-- name: list_installations
SELECT * FROM pace_installations WHERE NOT deleted ORDER BY id

-- name: beat_worker
INSERT INTO pace_worker_beats (worker_id, beat_at) VALUES (%(worker_id)s, %(now)s)
ON CONFLICT (worker_id) DO UPDATE SET beat_at = excluded.beat_at

-- name: last_worker_beat
SELECT max(beat_at) AS beat_at FROM pace_worker_beats

-- name: ping
SELECT 1

-- name: schema_version
SELECT coalesce(max(version), 0) AS version FROM pace_schema_version

-- name: start_run
-- One row per issue: create it, or queue a finished run as its next attempt. An active
-- run is left alone (but locked) and nothing is returned; the caller then reads it.
INSERT INTO pace_runs
    (repo, issue_number, installation_id, state, attempt, created_at, updated_at)
VALUES
    (%(repo)s, %(issue_number)s, %(installation_id)s, 'queued', 1, %(now)s, %(now)s)
ON CONFLICT (repo, issue_number) DO UPDATE SET
    state = 'queued',
    attempt = pace_runs.attempt + 1,
    installation_id = excluded.installation_id,
    outcome = NULL,
    updated_at = excluded.updated_at
WHERE pace_runs.state IN ('done', 'failed', 'cancelled')
RETURNING *

-- name: run_by_id
SELECT * FROM pace_runs WHERE id = %(id)s

-- name: run_by_issue
SELECT * FROM pace_runs WHERE repo = %(repo)s AND issue_number = %(issue_number)s

-- name: run_by_pr
SELECT * FROM pace_runs WHERE repo = %(repo)s AND pr_number = %(pr_number)s
ORDER BY updated_at DESC, id DESC
LIMIT 1

-- name: update_run
-- Compare-and-set: the write happens only while the stored state is still the expected one.
UPDATE pace_runs
SET state = %(state)s, installation_id = %(installation_id)s,
    status_comment_id = %(status_comment_id)s, branch = %(branch)s,
    pr_number = %(pr_number)s, head_sha = %(head_sha)s, outcome = %(outcome)s,
    details = %(details)s::jsonb, updated_at = %(now)s,
    -- Never lowered: a stale ledger must not make the next write charge twice.
    cost_usd = greatest(cost_usd, %(cost_usd)s)
WHERE id = %(id)s AND state = %(expected)s
RETURNING *

-- name: cancel_run
UPDATE pace_runs SET state = 'cancelled', outcome = %(reason)s, updated_at = %(now)s
WHERE repo = %(repo)s AND issue_number = %(issue_number)s
  AND state NOT IN ('done', 'failed', 'cancelled')
RETURNING *

-- name: list_runs
SELECT * FROM pace_runs
WHERE (%(repo)s::text IS NULL OR lower(repo) = lower(%(repo)s::text))
  AND (%(since)s::timestamptz IS NULL OR updated_at >= %(since)s::timestamptz)
ORDER BY updated_at DESC, id DESC
LIMIT %(limit)s

-- name: run_history
SELECT attempt, state, head_sha, at FROM pace_run_states WHERE run_id = %(id)s ORDER BY id

-- name: spend
-- What runs were charged since a time, per repository; a run counts where it spent.
SELECT repo, count(DISTINCT run_id) AS runs, sum(cost_usd) AS cost_usd
FROM pace_run_charges
WHERE at >= %(since)s
  AND (%(repo)s::text IS NULL OR lower(repo) = lower(%(repo)s::text))
  AND (%(installation_id)s::bigint IS NULL OR installation_id = %(installation_id)s::bigint)
GROUP BY repo
ORDER BY repo
