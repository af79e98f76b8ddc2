-- depends: 0040_human_points_input_rules
-- tiers: input rules found missing by the bad-input tests (non-finite balances, overlong texts).
SET LOCAL lock_timeout = '5s';
SET LOCAL ROLE rewards_owner;

-- NOT VALID: enforced for every new row at once; existing rows are checked by 0042_core_validate_input_rules.
-- NaN passed balance >= 0 (NaN sorts above every number) and then sat in the highest tier.
ALTER TABLE tiers.wallet
    ADD CONSTRAINT wallet_balance_is_finite CHECK (balance < 'Infinity'::numeric) NOT VALID;
ALTER TABLE tiers.tier
    ADD CONSTRAINT tier_minimum_balance_is_finite CHECK (minimum_balance < 'Infinity'::numeric) NOT VALID,
    ADD CONSTRAINT tier_name_at_most_100_characters CHECK (length(name) <= 100) NOT VALID,
    ADD CONSTRAINT tier_key_at_most_50_characters CHECK (length(tier_key) <= 50) NOT VALID,
    ADD CONSTRAINT tier_badge_name_at_most_100_characters CHECK (length(badge_name) <= 100) NOT VALID,
    ADD CONSTRAINT tier_badge_color_at_most_50_characters CHECK (length(badge_color) <= 50) NOT VALID,
    ADD CONSTRAINT tier_description_at_most_2000_characters CHECK (length(description) <= 2000) NOT VALID;
