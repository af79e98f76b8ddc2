-- human_points._normalize_tx_hash: one transaction, one spelling.
CREATE OR REPLACE FUNCTION human_points._normalize_tx_hash(p_tx_hash text)
RETURNS text
LANGUAGE sql
IMMUTABLE PARALLEL SAFE
-- Hex digits, with or without 0x, in any case and in any Unicode width (NFKC makes full-width 0-9, a-f, x ASCII):
-- 0x + lower-case hex. Anything else (an id that is not hex) is kept as written.
RETURN CASE
    WHEN normalize(p_tx_hash, NFKC) ~ '^(0[xX])?[0-9a-fA-F]+$'
    THEN '0x' || lower(regexp_replace(normalize(p_tx_hash, NFKC), '^0[xX]', ''))
    ELSE p_tx_hash
END;
COMMENT ON FUNCTION human_points._normalize_tx_hash(text) IS
    'A transaction hash made of hex digits (with or without 0x, any case, any Unicode width) as 0x + lower-case hex; any other text unchanged.';
REVOKE ALL ON FUNCTION human_points._normalize_tx_hash(text) FROM PUBLIC;
