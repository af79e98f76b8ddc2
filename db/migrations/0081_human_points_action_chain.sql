-- depends: 0080_human_points_stamp_nullifier
-- human_points: a mint action may name the one chain it earns on — holonym_mint on chain id 10 (Optimism) only; the
-- comment of mint.tx_hash says how hashes are stored.
SET LOCAL lock_timeout = '5s';
SET LOCAL ROLE rewards_owner;
-- human_points.action is a reference table of ten rows: the column and its checks are added at once.
-- squawk-ignore-file constraint-missing-not-valid
ALTER TABLE human_points.action
    ADD COLUMN chain_id bigint,
    ADD CONSTRAINT action_chain_id_only_on_mint CHECK (chain_id IS NULL OR kind = 'mint'),
    ADD CONSTRAINT action_chain_id_positive CHECK (chain_id > 0);
COMMENT ON COLUMN human_points.action.chain_id IS 'Mint actions: the chain id a mint event must carry to earn (null: any chain, or none).';
COMMENT ON CONSTRAINT action_chain_id_only_on_mint ON human_points.action IS 'must be null unless the action is a mint';
COMMENT ON CONSTRAINT action_chain_id_positive ON human_points.action IS 'must be at least 1 (or null: any chain)';
-- Gitcoin's seed: "Holonym SBT minted (Optimism only)"; passport_mint earns on any chain.
UPDATE human_points.action SET chain_id = 10 WHERE key = 'holonym_mint';
-- The mint trigger now writes every hex hash one way (human_points._normalize_tx_hash).
COMMENT ON COLUMN human_points.mint.tx_hash IS 'Transaction hash; hex hashes (with or without 0x, any case or width) are stored as 0x + lower-case hex.';
RESET ROLE;
