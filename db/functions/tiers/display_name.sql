-- tiers.display_name: "Elite (5,000 tokens)".
CREATE OR REPLACE FUNCTION tiers.display_name(p_tier tiers.tier) RETURNS text
    LANGUAGE sql STABLE
RETURN format('%s (%s tokens)', p_tier.name, tiers._format_amount(p_tier.minimum_balance));
COMMENT ON FUNCTION tiers.display_name(tiers.tier) IS 'Human-readable name: name (minimum_balance tokens), with thousands separators and no trailing zeros, e.g. Elite (5,000 tokens).';
REVOKE ALL ON FUNCTION tiers.display_name(tiers.tier) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tiers.display_name(tiers.tier) TO rewards_app;
