-- depends: 0041_tiers_input_rules
-- Validate the input rules added NOT VALID by 0040 and 0041 against existing rows (SHARE UPDATE EXCLUSIVE: writers keep going).
SET LOCAL lock_timeout = '5s';
ALTER TABLE human_points.score VALIDATE CONSTRAINT score_score_is_finite;
ALTER TABLE human_points.score VALIDATE CONSTRAINT score_scored_at_is_finite;
ALTER TABLE human_points.mint VALIDATE CONSTRAINT mint_tx_hash_printable_at_most_200_characters;
ALTER TABLE human_points.mint VALIDATE CONSTRAINT mint_chain_id_positive;
ALTER TABLE human_points.community VALIDATE CONSTRAINT community_id_positive;
ALTER TABLE human_points.community VALIDATE CONSTRAINT community_name_at_most_200_characters;
ALTER TABLE human_points.settings VALIDATE CONSTRAINT settings_pass_threshold_is_finite;
ALTER TABLE human_points.multiplier VALIDATE CONSTRAINT multiplier_multiplier_at_most_1000;
ALTER TABLE tiers.wallet VALIDATE CONSTRAINT wallet_balance_is_finite;
ALTER TABLE tiers.tier VALIDATE CONSTRAINT tier_minimum_balance_is_finite;
ALTER TABLE tiers.tier VALIDATE CONSTRAINT tier_name_at_most_100_characters;
ALTER TABLE tiers.tier VALIDATE CONSTRAINT tier_key_at_most_50_characters;
ALTER TABLE tiers.tier VALIDATE CONSTRAINT tier_badge_name_at_most_100_characters;
ALTER TABLE tiers.tier VALIDATE CONSTRAINT tier_badge_color_at_most_50_characters;
ALTER TABLE tiers.tier VALIDATE CONSTRAINT tier_description_at_most_2000_characters;
