-- tiers.delete_tier: soft delete (is_active = false).
CREATE OR REPLACE FUNCTION tiers.delete_tier(p_id bigint) RETURNS tiers.tier
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_tier tiers.tier;
BEGIN
    PERFORM tiers._lock_tiers();
    v_tier := tiers.find_tier(p_id::text);
    UPDATE tiers.tier t SET is_active = false WHERE t.id = v_tier.id RETURNING * INTO v_tier;
    RETURN v_tier;
END;
$$;
COMMENT ON FUNCTION tiers.delete_tier(bigint) IS 'Soft-deletes tier p_id (is_active = false) and returns it; its wallets move to the next lower active tier (logged). Raises no_data_found for an unknown id.';
REVOKE ALL ON FUNCTION tiers.delete_tier(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tiers.delete_tier(bigint) TO rewards_admin;
