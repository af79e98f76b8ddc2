-- human_points.normalize_address: an address in canonical form (lower-case 0x + 40 hex), or an error naming the value.
CREATE OR REPLACE FUNCTION human_points.normalize_address(p_address text, p_field text DEFAULT 'address')
RETURNS text
LANGUAGE plpgsql
IMMUTABLE STRICT PARALLEL SAFE
SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    v_address text := lower(p_address);
BEGIN
    IF core.is_evm_address(v_address) THEN
        RETURN v_address;
    END IF;
    RAISE EXCEPTION '% must be 0x followed by 40 hex digits (got %)', p_field, quote_literal(p_address)
        USING ERRCODE = 'check_violation', COLUMN = regexp_replace(p_field, '^.*\.', '');
END
$$;
COMMENT ON FUNCTION human_points.normalize_address(text, text) IS
    'Lower-cases an Ethereum address; raises check_violation naming p_field and the value unless it is 0x + 40 hex digits.';
REVOKE ALL ON FUNCTION human_points.normalize_address(text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION human_points.normalize_address(text, text) TO rewards_app;
