-- tiers: wallets without their tier's balance range (the AFTER UPDATE statement trigger comes back with the
-- release's trigger files).
SET LOCAL lock_timeout = '5s';
SET LOCAL ROLE rewards_owner;
DROP TRIGGER IF EXISTS _200_assign_tier_out_of_range ON tiers.wallet;
ALTER TABLE tiers.wallet DROP COLUMN tier_ceiling, DROP COLUMN tier_floor;
RESET ROLE;
