-- depends: 0080_human_points_stamp_nullifier
-- human_points: a mint action may name the one chain it earns on — holonym_mint on chain id 10 (Optimism) only; the
-- comment of mint.tx_hash says how hashes are stored. A table of its own rather than a column of human_points.action,
-- which every score and mint statement reads: altering it would hold those writers for the whole upgrade.
SET LOCAL lock_timeout = '5s';
SET LOCAL ROLE rewards_owner;
CREATE TABLE human_points.action_chain (
    action   text PRIMARY KEY,
    kind     text NOT NULL DEFAULT 'mint' CONSTRAINT action_chain_kind_is_mint CHECK (kind = 'mint'),
    chain_id bigint NOT NULL CONSTRAINT action_chain_chain_id_positive CHECK (chain_id > 0),
    CONSTRAINT action_chain_action_kind_fkey FOREIGN KEY (action, kind) REFERENCES human_points.action (key, kind)
);
COMMENT ON TABLE human_points.action_chain IS 'The one chain a mint action earns on (a mint event on another chain, or with none, is stored and earns nothing); a mint action without a row earns on any chain.';
COMMENT ON COLUMN human_points.action_chain.action IS 'Mint action (human_points.action.key).';
COMMENT ON COLUMN human_points.action_chain.kind IS 'Always mint: with the foreign key (action, kind) it makes action a mint action.';
COMMENT ON COLUMN human_points.action_chain.chain_id IS 'Chain id a mint event must carry to earn the action.';
COMMENT ON CONSTRAINT action_chain_pkey ON human_points.action_chain IS 'must be unique';
COMMENT ON CONSTRAINT action_chain_kind_is_mint ON human_points.action_chain IS 'must be mint';
COMMENT ON CONSTRAINT action_chain_chain_id_positive ON human_points.action_chain IS 'must be at least 1';
COMMENT ON CONSTRAINT action_chain_action_kind_fkey ON human_points.action_chain IS 'must be the key of a human_points.action of kind mint';
-- Gitcoin's seed: "Holonym SBT minted (Optimism only)"; passport_mint earns on any chain.
INSERT INTO human_points.action_chain (action, chain_id) VALUES ('holonym_mint', 10);
GRANT SELECT ON human_points.action_chain TO rewards_app;
-- The mint trigger now writes every hex hash one way (human_points._normalize_tx_hash).
COMMENT ON COLUMN human_points.mint.tx_hash IS 'Transaction hash; hex hashes (with or without 0x, any case or width) are stored as 0x + lower-case hex.';
RESET ROLE;
