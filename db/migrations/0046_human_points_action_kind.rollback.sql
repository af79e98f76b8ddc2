-- human_points: back to the action lists of the dedupe indexes and of mint; points and mint lose their kind.
-- The exact inverse of 0046: constraints and indexes come back as 0020 made them.
-- squawk-ignore-file constraint-missing-not-valid, adding-foreign-key-constraint, require-concurrent-index-creation
SET LOCAL lock_timeout = '5s';
SET LOCAL ROLE rewards_owner;
ALTER TABLE human_points.mint
    DROP CONSTRAINT mint_action_kind_fkey,
    DROP CONSTRAINT mint_kind_is_mint,
    ADD CONSTRAINT mint_action_fkey FOREIGN KEY (action) REFERENCES human_points.action (key),
    ADD CONSTRAINT mint_action_is_a_mint CHECK (action IN ('passport_mint', 'holonym_mint')),
    DROP COLUMN kind;

ALTER TABLE human_points.points
    DROP CONSTRAINT points_action_kind_fkey,
    ADD CONSTRAINT points_action_fkey FOREIGN KEY (action) REFERENCES human_points.action (key),
    DROP COLUMN kind;
CREATE UNIQUE INDEX idx_binary_actions ON human_points.points (address, action)
    WHERE action IN ('scoring_bonus', 'human_keys',
                     'identity_staking_bronze', 'identity_staking_silver', 'identity_staking_gold',
                     'community_staking_beginner', 'community_staking_experienced', 'community_staking_trusted');
CREATE UNIQUE INDEX idx_mint_actions ON human_points.points (address, action, tx_hash)
    WHERE action IN ('passport_mint', 'holonym_mint');
COMMENT ON INDEX human_points.idx_binary_actions IS 'Binary actions (stamps, human_keys, scoring_bonus) are earned once per address.';
COMMENT ON INDEX human_points.idx_mint_actions IS 'Mint actions are earned once per (address, action, tx_hash).';

ALTER TABLE human_points.action
    DROP CONSTRAINT action_key_kind_key,
    ADD CONSTRAINT action_key_is_covered_by_a_dedupe_index CHECK (
        (kind = 'binary' AND key IN ('scoring_bonus', 'human_keys',
                                     'identity_staking_bronze', 'identity_staking_silver', 'identity_staking_gold',
                                     'community_staking_beginner', 'community_staking_experienced', 'community_staking_trusted'))
        OR (kind = 'mint' AND key IN ('passport_mint', 'holonym_mint')));
RESET ROLE;
