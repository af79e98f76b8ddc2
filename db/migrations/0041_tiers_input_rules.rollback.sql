-- tiers: drop the input rules of 0041_tiers_input_rules.
SET LOCAL lock_timeout = '5s';
ALTER TABLE tiers.tier
    DROP CONSTRAINT tier_description_at_most_2000_characters,
    DROP CONSTRAINT tier_badge_color_at_most_50_characters,
    DROP CONSTRAINT tier_badge_name_at_most_100_characters,
    DROP CONSTRAINT tier_key_at_most_50_characters,
    DROP CONSTRAINT tier_name_at_most_100_characters,
    DROP CONSTRAINT tier_minimum_balance_is_finite;
ALTER TABLE tiers.wallet DROP CONSTRAINT wallet_balance_is_finite;
