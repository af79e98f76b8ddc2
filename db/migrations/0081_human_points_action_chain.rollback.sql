-- human_points: mint actions earn on any chain again (human_points.action loses chain_id).
SET LOCAL lock_timeout = '5s';
SET LOCAL ROLE rewards_owner;
ALTER TABLE human_points.action DROP COLUMN chain_id;
COMMENT ON COLUMN human_points.mint.tx_hash IS 'Transaction hash; 0x-hex hashes are stored lower-case.';
RESET ROLE;
