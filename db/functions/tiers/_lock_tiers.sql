-- tiers._lock_tiers: tier writers wait for wallet writers in flight and hold new wallet writes back until they commit.
-- A statement writing tiers.wallet (INSERT, UPDATE, upsert, COPY) takes ROW EXCLUSIVE on it before its snapshot, and its
-- AFTER trigger reads the tiers with a later one. SHARE ROW EXCLUSIVE conflicts with ROW EXCLUSIVE and with itself: a
-- tier change waits for every wallet writer in flight (then re-evaluates their committed balances), wallet writers
-- arriving meanwhile wait until it ends (then see its tiers), and tier changes run one at a time. Readers never wait.
-- Only the table's owner may take this mode: applications hold column-level INSERT and UPDATE, which do not allow it.
CREATE OR REPLACE FUNCTION tiers._lock_tiers() RETURNS void
    LANGUAGE sql VOLATILE SET lock_timeout = '5s'
    AS 'LOCK TABLE tiers.wallet IN SHARE ROW EXCLUSIVE MODE';
COMMENT ON FUNCTION tiers._lock_tiers() IS 'Locks tiers.wallet in SHARE ROW EXCLUSIVE mode for the transaction, before a tier change: waits for wallet writers in flight and holds new ones back until the change commits, so a balance change and a tier change never judge each other''s uncommitted state and every wallet''s tier ends correct under READ COMMITTED; tier changes run one at a time. Waits at most 5 s (lock_timeout), then fails with lock_not_available.';
REVOKE ALL ON FUNCTION tiers._lock_tiers() FROM PUBLIC;
