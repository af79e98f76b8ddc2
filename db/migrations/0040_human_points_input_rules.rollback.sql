-- human_points: drop the input rules of 0040_human_points_input_rules.
SET LOCAL lock_timeout = '5s';
ALTER TABLE human_points.multiplier DROP CONSTRAINT multiplier_multiplier_at_most_1000;
ALTER TABLE human_points.settings DROP CONSTRAINT settings_pass_threshold_is_finite;
ALTER TABLE human_points.community
    DROP CONSTRAINT community_name_at_most_200_characters,
    DROP CONSTRAINT community_id_positive;
ALTER TABLE human_points.mint
    DROP CONSTRAINT mint_chain_id_positive,
    DROP CONSTRAINT mint_tx_hash_printable_at_most_200_characters;
ALTER TABLE human_points.score
    DROP CONSTRAINT score_scored_at_is_finite,
    DROP CONSTRAINT score_score_is_finite;
