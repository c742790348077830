-- A digest of each recent delivery (event name and raw body), so a signed body re-sent
-- under a fresh X-GitHub-Delivery creates nothing while it is remembered. The store
-- clears digests older than its replay window, so the same body is new again later.

ALTER TABLE deliveries ADD COLUMN digest TEXT;

CREATE UNIQUE INDEX deliveries_digest ON deliveries (digest) WHERE digest IS NOT NULL;
-- Forgetting old digests visits only the rows that still have one.
CREATE INDEX deliveries_digest_age ON deliveries (received_at) WHERE digest IS NOT NULL;
