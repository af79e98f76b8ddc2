-- human_points: mint actions earn on any chain again (human_points.action_chain dropped).
SET LOCAL lock_timeout = '5s';
SET LOCAL ROLE rewards_owner;
DROP TABLE human_points.action_chain;
COMMENT ON COLUMN human_points.mint.tx_hash IS 'Transaction hash; 0x-hex hashes are stored lower-case.';
RESET ROLE;
