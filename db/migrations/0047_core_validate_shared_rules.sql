-- depends: 0046_human_points_action_kind
-- Validate the rules added NOT VALID by 0045 and 0046 against existing rows (SHARE UPDATE EXCLUSIVE: writers keep going).
SET LOCAL lock_timeout = '5s';
ALTER TABLE human_points.score VALIDATE CONSTRAINT score_address_is_lowercase_0x_40_hex;
ALTER TABLE human_points.mint VALIDATE CONSTRAINT mint_address_is_lowercase_0x_40_hex;
ALTER TABLE human_points.qualified_community VALIDATE CONSTRAINT qualified_community_address_is_lowercase_0x_40_hex;
ALTER TABLE human_points.program_stats VALIDATE CONSTRAINT program_stats_address_is_lowercase_0x_40_hex;
ALTER TABLE human_points.points VALIDATE CONSTRAINT points_address_is_lowercase_0x_40_hex;
ALTER TABLE human_points.multiplier VALIDATE CONSTRAINT multiplier_address_is_lowercase_0x_40_hex;
ALTER TABLE human_points.mint VALIDATE CONSTRAINT mint_kind_is_mint;
ALTER TABLE human_points.mint VALIDATE CONSTRAINT mint_action_kind_fkey;
