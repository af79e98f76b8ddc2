-- tiers._validate_tier: every rule a tier row must follow, raised with a message naming the field and the rule.
CREATE OR REPLACE FUNCTION tiers._validate_tier(
    p_id bigint, p_name text, p_tier_key text, p_minimum_balance numeric, p_discount_percent numeric,
    p_metadata jsonb, p_is_active boolean
) RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_other text;
BEGIN
    IF p_name IS NULL THEN
        RAISE EXCEPTION 'tiers.tier.name is required' USING ERRCODE = 'not_null_violation';
    END IF;
    IF btrim(p_name) = '' THEN
        RAISE EXCEPTION 'tiers.tier.name must not be blank (got %)', quote_literal(p_name) USING ERRCODE = 'check_violation';
    END IF;
    IF length(p_name) > 100 THEN
        RAISE EXCEPTION 'tiers.tier.name must be at most 100 characters (got %)', length(p_name)
            USING ERRCODE = 'check_violation';
    END IF;
    IF p_tier_key IS NULL THEN
        RAISE EXCEPTION 'tiers.tier.tier_key is required' USING ERRCODE = 'not_null_violation';
    END IF;
    IF length(p_tier_key) > 50 THEN
        RAISE EXCEPTION 'tiers.tier.tier_key must be at most 50 characters (got %)', length(p_tier_key)
            USING ERRCODE = 'check_violation';
    END IF;
    IF p_tier_key !~ '^[a-z][a-z0-9_]*$' THEN
        RAISE EXCEPTION 'tiers.tier.tier_key must be lower-case letters, digits or _, starting with a letter (got %)',
            quote_literal(p_tier_key) USING ERRCODE = 'check_violation';
    END IF;
    IF p_tier_key = 'none' THEN
        RAISE EXCEPTION 'tiers.tier.tier_key must not be ''none'' (reserved for the none tier)' USING ERRCODE = 'check_violation';
    END IF;
    IF p_minimum_balance IS NULL THEN
        RAISE EXCEPTION 'tiers.tier.minimum_balance is required' USING ERRCODE = 'not_null_violation';
    END IF;
    IF p_minimum_balance = 'NaN' OR abs(p_minimum_balance) = 'Infinity' THEN
        RAISE EXCEPTION 'tiers.tier.minimum_balance must be a finite number (got %)', p_minimum_balance
            USING ERRCODE = 'check_violation';
    END IF;
    IF p_minimum_balance < 0 THEN
        RAISE EXCEPTION 'tiers.tier.minimum_balance must be >= 0 (got %)', p_minimum_balance USING ERRCODE = 'check_violation';
    END IF;
    IF p_minimum_balance >= 1e16 THEN
        RAISE EXCEPTION 'tiers.tier.minimum_balance must be less than 10000000000000000 (got %)', p_minimum_balance
            USING ERRCODE = 'check_violation';
    END IF;
    IF scale(trim_scale(p_minimum_balance)) > 2 THEN
        RAISE EXCEPTION 'tiers.tier.minimum_balance must have at most 2 decimal places (got %)', p_minimum_balance
            USING ERRCODE = 'check_violation';
    END IF;
    IF p_discount_percent IS NULL THEN
        RAISE EXCEPTION 'tiers.tier.discount_percent is required' USING ERRCODE = 'not_null_violation';
    END IF;
    IF p_discount_percent = 'NaN' OR abs(p_discount_percent) = 'Infinity' THEN
        RAISE EXCEPTION 'tiers.tier.discount_percent must be a finite number (got %)', p_discount_percent
            USING ERRCODE = 'check_violation';
    END IF;
    IF p_discount_percent NOT BETWEEN 0 AND 100 THEN
        RAISE EXCEPTION 'tiers.tier.discount_percent must be between 0 and 100 (got %)', p_discount_percent
            USING ERRCODE = 'check_violation';
    END IF;
    IF scale(trim_scale(p_discount_percent)) > 2 THEN
        RAISE EXCEPTION 'tiers.tier.discount_percent must have at most 2 decimal places (got %)', p_discount_percent
            USING ERRCODE = 'check_violation';
    END IF;
    IF p_metadata IS NOT NULL AND jsonb_typeof(p_metadata) <> 'object' THEN
        RAISE EXCEPTION 'tiers.tier.metadata must be a JSON object (got %)', jsonb_typeof(p_metadata)
            USING ERRCODE = 'check_violation';
    END IF;
    SELECT t.tier_key INTO v_other FROM tiers.tier t
     WHERE t.tier_key = p_tier_key AND t.id IS DISTINCT FROM p_id;
    IF FOUND THEN
        RAISE EXCEPTION 'tiers.tier.tier_key must be unique (% already exists)', quote_literal(p_tier_key)
            USING ERRCODE = 'unique_violation';
    END IF;
    IF coalesce(p_is_active, true) THEN
        SELECT t.tier_key INTO v_other FROM tiers.tier t
         WHERE t.is_active AND t.minimum_balance = p_minimum_balance AND t.id IS DISTINCT FROM p_id;
        IF FOUND THEN
            RAISE EXCEPTION 'tiers.tier.minimum_balance must differ between active tiers (% is already the minimum of %)',
                trim_scale(p_minimum_balance), quote_literal(v_other) USING ERRCODE = 'unique_violation';
        END IF;
    END IF;
END;
$$;
COMMENT ON FUNCTION tiers._validate_tier(bigint, text, text, numeric, numeric, jsonb, boolean) IS 'Raises, naming the field and the rule, when the values of a tier (new: p_id null, or changed) break a rule: name required, not blank, at most 100 characters; tier_key lower-case, at most 50 characters, not none, unique; minimum_balance finite, >= 0, < 10^16, at most 2 decimals and unique among active tiers; discount_percent finite, 0..100 with at most 2 decimals; metadata an object. Callers hold the exclusive tiers lock, so the uniqueness checks are race-free (the table''s constraints back them).';
REVOKE ALL ON FUNCTION tiers._validate_tier(bigint, text, text, numeric, numeric, jsonb, boolean) FROM PUBLIC;
