-- tiers._validate_tier: every rule a tier row must follow, raised with a message naming the field and the rule.
CREATE OR REPLACE FUNCTION tiers._validate_tier(p_tier tiers.tier) RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_other text;
BEGIN
    IF p_tier.name IS NULL THEN
        RAISE EXCEPTION 'tiers.tier.name is required' USING ERRCODE = 'not_null_violation';
    END IF;
    IF btrim(p_tier.name) = '' THEN
        RAISE EXCEPTION 'tiers.tier.name must not be blank (got %)', quote_literal(p_tier.name) USING ERRCODE = 'check_violation';
    END IF;
    IF p_tier.tier_key IS NULL THEN
        RAISE EXCEPTION 'tiers.tier.tier_key is required' USING ERRCODE = 'not_null_violation';
    END IF;
    IF p_tier.tier_key !~ '^[a-z][a-z0-9_]*$' THEN
        RAISE EXCEPTION 'tiers.tier.tier_key must be lower-case letters, digits or _, starting with a letter (got %)',
            quote_literal(p_tier.tier_key) USING ERRCODE = 'check_violation';
    END IF;
    IF p_tier.tier_key = 'none' THEN
        RAISE EXCEPTION 'tiers.tier.tier_key must not be ''none'' (reserved for the none tier)' USING ERRCODE = 'check_violation';
    END IF;
    IF p_tier.minimum_balance IS NULL THEN
        RAISE EXCEPTION 'tiers.tier.minimum_balance is required' USING ERRCODE = 'not_null_violation';
    END IF;
    IF p_tier.minimum_balance < 0 THEN
        RAISE EXCEPTION 'tiers.tier.minimum_balance must be >= 0 (got %)', p_tier.minimum_balance USING ERRCODE = 'check_violation';
    END IF;
    IF p_tier.minimum_balance >= 1e16 THEN
        RAISE EXCEPTION 'tiers.tier.minimum_balance must be less than 10000000000000000 (got %)', p_tier.minimum_balance
            USING ERRCODE = 'check_violation';
    END IF;
    IF p_tier.discount_percent IS NULL THEN
        RAISE EXCEPTION 'tiers.tier.discount_percent is required' USING ERRCODE = 'not_null_violation';
    END IF;
    IF p_tier.discount_percent NOT BETWEEN 0 AND 100 THEN
        RAISE EXCEPTION 'tiers.tier.discount_percent must be between 0 and 100 (got %)', p_tier.discount_percent
            USING ERRCODE = 'check_violation';
    END IF;
    IF p_tier.metadata IS NOT NULL AND jsonb_typeof(p_tier.metadata) <> 'object' THEN
        RAISE EXCEPTION 'tiers.tier.metadata must be a JSON object (got %)', jsonb_typeof(p_tier.metadata)
            USING ERRCODE = 'check_violation';
    END IF;
    SELECT t.tier_key INTO v_other FROM tiers.tier t
     WHERE t.tier_key = p_tier.tier_key AND t.id IS DISTINCT FROM p_tier.id;
    IF FOUND THEN
        RAISE EXCEPTION 'tiers.tier.tier_key must be unique (% already exists)', quote_literal(p_tier.tier_key)
            USING ERRCODE = 'unique_violation';
    END IF;
    IF coalesce(p_tier.is_active, true) THEN
        SELECT t.tier_key INTO v_other FROM tiers.tier t
         WHERE t.is_active AND t.minimum_balance = p_tier.minimum_balance AND t.id IS DISTINCT FROM p_tier.id;
        IF FOUND THEN
            RAISE EXCEPTION 'tiers.tier.minimum_balance must differ between active tiers (% is already the minimum of %)',
                trim_scale(p_tier.minimum_balance), quote_literal(v_other) USING ERRCODE = 'unique_violation';
        END IF;
    END IF;
END;
$$;
COMMENT ON FUNCTION tiers._validate_tier(tiers.tier) IS 'Raises, naming the field and the rule, when a tier row (new or changed) breaks a rule: name required and not blank; tier_key lower-case, not none, unique; minimum_balance >= 0 and unique among active tiers; discount_percent 0..100; metadata an object. Callers hold the exclusive tiers lock, so the uniqueness checks are race-free (the table''s constraints back them).';
REVOKE ALL ON FUNCTION tiers._validate_tier(tiers.tier) FROM PUBLIC;
