-- depends: 0047_core_validate_shared_rules
-- tiers._validate_tier keeps only what the CHECK constraints of tiers.tier cannot say: its old signature is dropped here, once.
SET LOCAL lock_timeout = '5s';
-- Called only by tiers.create_tier/update_tier/preview_tier_update (repeatables, re-applied after this migration).
-- squawk-ignore ban-drop-function
DROP FUNCTION IF EXISTS tiers._validate_tier(bigint, text, text, numeric, numeric, jsonb, boolean);
