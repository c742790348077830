-- A digest of each recent delivery (event name and raw body), so a signed body re-sent
-- under a fresh X-GitHub-Delivery creates nothing while it is remembered. The store
-- clears digests older than its replay window, so the same body is new again later.

ALTER TABLE pace_deliveries ADD COLUMN digest text;

CREATE UNIQUE INDEX pace_deliveries_digest ON pace_deliveries (digest)
    WHERE digest IS NOT NULL;
-- Forgetting old digests visits only the rows that still have one.
CREATE INDEX pace_deliveries_digest_age ON pace_deliveries (received_at)
    WHERE digest IS NOT NULL;
