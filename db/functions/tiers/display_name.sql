-- tiers.display_name: "Elite (5,000 tokens)".
CREATE OR REPLACE FUNCTION tiers.display_name(p_tier tiers.tier) RETURNS text
    LANGUAGE sql STABLE
RETURN format('%s (%s tokens)', p_tier.name,
              to_char(trunc(p_tier.minimum_balance), 'FM999,999,999,999,999,999,999,990')
              || CASE WHEN p_tier.minimum_balance = trunc(p_tier.minimum_balance) THEN ''
                      ELSE '.' || rtrim(split_part(abs(p_tier.minimum_balance)::text, '.', 2), '0') END);
COMMENT ON FUNCTION tiers.display_name(tiers.tier) IS 'Human-readable name: name (minimum_balance tokens), with thousands separators and no trailing zeros, e.g. Elite (5,000 tokens), Whale (1,234,567.5 tokens).';
REVOKE ALL ON FUNCTION tiers.display_name(tiers.tier) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tiers.display_name(tiers.tier) TO rewards_app;
