-- tiers._validate_tier: the tier rules no CHECK constraint can express, raised with a message naming the field and the rule.
CREATE OR REPLACE FUNCTION tiers._validate_tier(
    p_id bigint, p_tier_key text, p_minimum_balance numeric, p_discount_percent numeric, p_is_active boolean
) RETURNS void
    LANGUAGE plpgsql STABLE
    SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_other text;
BEGIN
    -- The columns are numeric(18,2) and numeric(5,2): a value with more decimals would be rounded silently, and one
    -- out of the type's range (infinity included) refused without naming the column.
    PERFORM tiers._check_amount('minimum_balance', p_minimum_balance, 1e16);
    PERFORM tiers._check_amount('discount_percent', p_discount_percent, 1e3);
    -- Across rows (the unique indexes back both; callers hold the exclusive tiers lock, so the checks are race-free).
    SELECT t.tier_key INTO v_other FROM tiers.tier t
     WHERE t.tier_key = p_tier_key AND t.id IS DISTINCT FROM p_id;
    IF FOUND THEN
        RAISE EXCEPTION 'tiers.tier.tier_key must be unique (% already exists)', quote_literal(p_tier_key)
            USING ERRCODE = 'unique_violation', SCHEMA = 'tiers', TABLE = 'tier', COLUMN = 'tier_key',
                  CONSTRAINT = 'tier_tier_key_key';
    END IF;
    IF coalesce(p_is_active, true) THEN
        SELECT t.tier_key INTO v_other FROM tiers.tier t
         WHERE t.is_active AND t.minimum_balance = p_minimum_balance AND t.id IS DISTINCT FROM p_id;
        IF FOUND THEN
            RAISE EXCEPTION 'tiers.tier.minimum_balance must differ between active tiers (% is already the minimum of %)',
                trim_scale(p_minimum_balance), quote_literal(v_other)
                USING ERRCODE = 'unique_violation', SCHEMA = 'tiers', TABLE = 'tier', COLUMN = 'minimum_balance',
                      CONSTRAINT = 'tier_active_minimum_balance_key';
        END IF;
    END IF;
END;
$$;
COMMENT ON FUNCTION tiers._validate_tier(bigint, text, numeric, numeric, boolean) IS 'Raises, naming the field and the rule, for what the CHECK constraints of tiers.tier cannot say: minimum_balance and discount_percent within their column type (finite, at most 2 decimals, in range: the type would round or refuse unnamed), tier_key unique and minimum_balance unique among active tiers (p_id: the tier itself, null when new). Callers hold the exclusive tiers lock, so the uniqueness checks are race-free (unique indexes back them).';
REVOKE ALL ON FUNCTION tiers._validate_tier(bigint, text, numeric, numeric, boolean) FROM PUBLIC;

CREATE OR REPLACE FUNCTION tiers._check_amount(p_field text, p_value numeric, p_below numeric) RETURNS void
    LANGUAGE plpgsql IMMUTABLE
    SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF p_value = 'NaN' OR abs(p_value) = 'Infinity' THEN
        RAISE EXCEPTION 'tiers.tier.% must be a finite number (got %)', p_field, p_value
            USING ERRCODE = 'check_violation', SCHEMA = 'tiers', TABLE = 'tier', COLUMN = p_field;
    END IF;
    IF abs(p_value) >= p_below THEN
        RAISE EXCEPTION 'tiers.tier.% must be less than % (got %)', p_field, p_below, p_value
            USING ERRCODE = 'check_violation', SCHEMA = 'tiers', TABLE = 'tier', COLUMN = p_field;
    END IF;
    IF scale(trim_scale(p_value)) > 2 THEN
        RAISE EXCEPTION 'tiers.tier.% must have at most 2 decimal places (got %)', p_field, p_value
            USING ERRCODE = 'check_violation', SCHEMA = 'tiers', TABLE = 'tier', COLUMN = p_field;
    END IF;
END;
$$;
COMMENT ON FUNCTION tiers._check_amount(text, numeric, numeric) IS 'Raises check_violation naming tiers.tier.<p_field> unless p_value (null passes) is finite, of absolute value below p_below and has at most 2 decimal places: what a numeric(p,2) column would otherwise round or refuse without naming the column.';
REVOKE ALL ON FUNCTION tiers._check_amount(text, numeric, numeric) FROM PUBLIC;
