-- tiers._format_amount: 5000 → 5,000 and 7500.50 → 7,500.5 (thousands separators, no trailing zeros).
CREATE OR REPLACE FUNCTION tiers._format_amount(p_amount numeric) RETURNS text
    LANGUAGE sql STABLE STRICT
RETURN to_char(trunc(p_amount), 'FM999,999,999,999,999,999,999,990')
    || CASE WHEN p_amount = trunc(p_amount) THEN ''
            ELSE '.' || rtrim(split_part(abs(p_amount)::text, '.', 2), '0') END;
COMMENT ON FUNCTION tiers._format_amount(numeric) IS 'Formats an amount with thousands separators and without trailing zeros: 5000.00 → 5,000; 7500.50 → 7,500.5.';
REVOKE ALL ON FUNCTION tiers._format_amount(numeric) FROM PUBLIC;
