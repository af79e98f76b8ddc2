-- tiers.tier_benefits: everything a tier grants, as one JSON object.
CREATE OR REPLACE FUNCTION tiers.tier_benefits(p_tier tiers.tier) RETURNS jsonb
    LANGUAGE sql IMMUTABLE
RETURN jsonb_build_object(
    'name', p_tier.name,
    'tier_key', p_tier.tier_key,
    'minimum_balance', trim_scale(p_tier.minimum_balance),
    'discount_percent', trim_scale(p_tier.discount_percent),
    'badge', tiers.badge_info(p_tier),
    'description', p_tier.description);
COMMENT ON FUNCTION tiers.tier_benefits(tiers.tier) IS 'The tier''s benefits: {"name", "tier_key", "minimum_balance", "discount_percent", "badge": {"name", "color"}, "description"}; numbers without trailing zeros.';
REVOKE ALL ON FUNCTION tiers.tier_benefits(tiers.tier) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tiers.tier_benefits(tiers.tier) TO rewards_app;
