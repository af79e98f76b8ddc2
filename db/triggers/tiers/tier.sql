-- tiers.tier: tier writers lock out wallet writers, updated_at kept, wallets re-evaluated and tiers_changed notified on every change.
CREATE OR REPLACE FUNCTION tiers.tg_tier__lock_wallets() RETURNS trigger
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    PERFORM tiers._lock_tiers();
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION tiers.tg_tier__lock_wallets() IS 'BEFORE … FOR EACH STATEMENT on tiers.tier: takes the tiers lock exclusively, so wallet writers wait until the tier change commits (and a tier writer waits for wallet writers in flight).';
REVOKE ALL ON FUNCTION tiers.tg_tier__lock_wallets() FROM PUBLIC;

CREATE OR REPLACE FUNCTION tiers.tg_tier__reevaluate_and_notify() RETURNS trigger
    LANGUAGE plpgsql VOLATILE SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_low numeric;
    v_max numeric;
    v_high numeric;
    v_keys text[];
    v_payload text;
BEGIN
    -- (tier_key, minimum_balance, is_active) of the rows whose change can move wallets.
    IF TG_OP = 'INSERT' THEN
        SELECT min(n.minimum_balance) FILTER (WHERE n.is_active), max(n.minimum_balance) FILTER (WHERE n.is_active),
               array_agg(DISTINCT n.tier_key ORDER BY n.tier_key)
          INTO v_low, v_max, v_keys FROM new_rows n;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT min(o.minimum_balance) FILTER (WHERE o.is_active), max(o.minimum_balance) FILTER (WHERE o.is_active),
               array_agg(DISTINCT o.tier_key ORDER BY o.tier_key)
          INTO v_low, v_max, v_keys FROM old_rows o;
    ELSE
        WITH moved AS (
            (SELECT o.tier_key, o.minimum_balance, o.is_active FROM old_rows o
             EXCEPT SELECT n.tier_key, n.minimum_balance, n.is_active FROM new_rows n)
            UNION ALL
            (SELECT n.tier_key, n.minimum_balance, n.is_active FROM new_rows n
             EXCEPT SELECT o.tier_key, o.minimum_balance, o.is_active FROM old_rows o)
        )
        SELECT min(m.minimum_balance) FILTER (WHERE m.is_active), max(m.minimum_balance) FILTER (WHERE m.is_active)
          INTO v_low, v_max FROM moved m;
        SELECT array_agg(DISTINCT k.tier_key ORDER BY k.tier_key) INTO v_keys
          FROM (SELECT n.tier_key FROM new_rows n UNION SELECT o.tier_key FROM old_rows o) k;
    END IF;

    IF v_low IS NOT NULL THEN
        -- Wallets at or above the next active minimum above every changed one keep their tier and range. Below the
        -- lowest changed minimum tiers stay, but a new minimum splits the range stored by the wallets of the tier
        -- under it (tiers.wallet.tier_ceiling): re-evaluate from that tier's minimum (0: none) up.
        SELECT min(t.minimum_balance) INTO v_high FROM tiers.tier t WHERE t.is_active AND t.minimum_balance > v_max;
        SELECT coalesce(max(t.minimum_balance), 0) INTO v_low FROM tiers.tier t WHERE t.is_active AND t.minimum_balance < v_low;
        PERFORM tiers._reevaluate_wallets(v_low, v_high);
    END IF;

    IF v_keys IS NOT NULL THEN
        v_payload := jsonb_build_object('op', lower(TG_OP), 'keys', to_jsonb(v_keys))::text;
        IF octet_length(v_payload) > 7000 THEN
            v_payload := jsonb_build_object('op', lower(TG_OP), 'keys', NULL)::text;  -- too many: "all"
        END IF;
        PERFORM pg_notify('tiers_changed', v_payload);
    END IF;
    RETURN NULL;
END;
$$;
COMMENT ON FUNCTION tiers.tg_tier__reevaluate_and_notify() IS 'AFTER INSERT/UPDATE/DELETE … FOR EACH STATEMENT on tiers.tier: re-evaluates, set-based, the wallets whose balance lies in the range the change can affect, tier or stored tier range (logging each move in tiers.tier_change with cause tier), then sends NOTIFY tiers_changed with {"op", "keys"} (keys null when too many to list).';
REVOKE ALL ON FUNCTION tiers.tg_tier__reevaluate_and_notify() FROM PUBLIC;

CREATE OR REPLACE TRIGGER _100_lock_wallets
    BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON tiers.tier
    FOR EACH STATEMENT EXECUTE FUNCTION tiers.tg_tier__lock_wallets();
COMMENT ON TRIGGER _100_lock_wallets ON tiers.tier IS 'Serialises tier changes against wallet balance changes (exclusive tiers advisory lock).';

CREATE OR REPLACE TRIGGER _200_touch_updated_at
    BEFORE UPDATE ON tiers.tier
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION core.tg__updated_at();
COMMENT ON TRIGGER _200_touch_updated_at ON tiers.tier IS 'Keeps updated_at when the row changes.';

CREATE OR REPLACE TRIGGER _500_reevaluate_and_notify_inserted
    AFTER INSERT ON tiers.tier
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION tiers.tg_tier__reevaluate_and_notify();
CREATE OR REPLACE TRIGGER _500_reevaluate_and_notify_updated
    AFTER UPDATE ON tiers.tier
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION tiers.tg_tier__reevaluate_and_notify();
CREATE OR REPLACE TRIGGER _500_reevaluate_and_notify_deleted
    AFTER DELETE ON tiers.tier
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION tiers.tg_tier__reevaluate_and_notify();
COMMENT ON TRIGGER _500_reevaluate_and_notify_inserted ON tiers.tier IS 'Moves wallets into new tiers and notifies tiers_changed.';
COMMENT ON TRIGGER _500_reevaluate_and_notify_updated ON tiers.tier IS 'Moves wallets after a minimum or activity change and notifies tiers_changed.';
COMMENT ON TRIGGER _500_reevaluate_and_notify_deleted ON tiers.tier IS 'Moves wallets out of deleted tiers and notifies tiers_changed.';
