-- depends: 0032_reporting_human_points
-- human_points: input rules found missing by the bad-input tests (non-finite scores and times, tx hash and chain id, bounds).
SET LOCAL lock_timeout = '5s';
SET LOCAL ROLE rewards_owner;

-- Malformed stamps inside a stamps array stay accepted on application INSERTs (they earn nothing:
-- tests/human_points/test_points_scoring.py::test_malformed_expiration_dates_make_a_stamp_invalid); the import path rejects them.
-- NOT VALID: enforced for every new row at once; existing rows are checked by 0042_core_validate_input_rules
-- (VALIDATE takes a weaker lock, in its own transaction).
ALTER TABLE human_points.score
    ADD CONSTRAINT score_score_is_finite CHECK (score < 'Infinity'::numeric) NOT VALID,
    ADD CONSTRAINT score_scored_at_is_finite CHECK (isfinite(scored_at)) NOT VALID;
ALTER TABLE human_points.mint
    ADD CONSTRAINT mint_tx_hash_printable_at_most_200_characters CHECK (tx_hash ~ '^[[:graph:]]{1,200}$') NOT VALID,
    ADD CONSTRAINT mint_chain_id_positive CHECK (chain_id > 0) NOT VALID;
ALTER TABLE human_points.community
    ADD CONSTRAINT community_id_positive CHECK (id > 0) NOT VALID,
    ADD CONSTRAINT community_name_at_most_200_characters CHECK (length(name) <= 200) NOT VALID;
ALTER TABLE human_points.settings
    ADD CONSTRAINT settings_pass_threshold_is_finite CHECK (pass_threshold < 'Infinity'::numeric) NOT VALID;
-- Points are an integer: the largest action (1000) times the multiplier must fit.
ALTER TABLE human_points.multiplier
    ADD CONSTRAINT multiplier_multiplier_at_most_1000 CHECK (multiplier <= 1000) NOT VALID;
