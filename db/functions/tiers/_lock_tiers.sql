-- tiers._lock_tiers: the advisory lock that serialises tier writers (exclusive) against wallet writers (shared).
CREATE OR REPLACE FUNCTION tiers._lock_tiers(p_exclusive boolean) RETURNS void
    LANGUAGE plpgsql VOLATILE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- One key for the whole domain; released at the end of the transaction.
    IF p_exclusive THEN
        PERFORM pg_advisory_xact_lock(hashtextextended('tiers.tier', 0));
    ELSE
        PERFORM pg_advisory_xact_lock_shared(hashtextextended('tiers.tier', 0));
    END IF;
END;
$$;
COMMENT ON FUNCTION tiers._lock_tiers(boolean) IS 'Takes the tiers advisory lock for the transaction: shared for wallet writers (before their statement runs), exclusive for tier writers. A wallet balance change and a tier change thus never read each other''s uncommitted state, and the wallet''s tier ends correct under READ COMMITTED.';
REVOKE ALL ON FUNCTION tiers._lock_tiers(boolean) FROM PUBLIC;
