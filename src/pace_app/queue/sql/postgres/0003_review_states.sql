-- Story runs gain the review stages: GATE, SENTINEL and SCRIBE follow the push.

ALTER TABLE pace_runs DROP CONSTRAINT pace_runs_state_check;
ALTER TABLE pace_runs ADD CONSTRAINT pace_runs_state_check
    CHECK (state IN ('queued', 'preparing', 'forge', 'pushed', 'gate', 'sentinel', 'scribe',
                     'done', 'failed', 'cancelled'));
