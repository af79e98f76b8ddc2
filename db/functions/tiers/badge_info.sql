-- tiers.badge_info: a tier's badge as {"name", "color"}.
CREATE OR REPLACE FUNCTION tiers.badge_info(p_tier tiers.tier) RETURNS jsonb
    LANGUAGE sql IMMUTABLE
RETURN jsonb_build_object('name', p_tier.badge_name, 'color', p_tier.badge_color);
COMMENT ON FUNCTION tiers.badge_info(tiers.tier) IS 'The tier''s badge: {"name": badge_name, "color": badge_color}.';
REVOKE ALL ON FUNCTION tiers.badge_info(tiers.tier) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION tiers.badge_info(tiers.tier) TO rewards_app;
