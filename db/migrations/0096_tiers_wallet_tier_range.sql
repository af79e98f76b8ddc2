-- depends: 0093_gitpoap_pull_request_references
-- tiers: each wallet keeps the balance range its tier holds for ([tier_floor, tier_ceiling)), so a balance change
-- inside it needs no tier lookup and a change out of it is re-tiered as the row is written (a BEFORE row trigger):
-- no second write of the wallets whose tier moves, no AFTER UPDATE statement trigger (bench: wallet_retier).
-- Both columns are null until the wallet is next re-tiered (its next balance change out of range, or a tier change
-- around its balance): adding them rewrites nothing and a null range only means "look the tier up".
SET LOCAL lock_timeout = '5s';
SET LOCAL ROLE rewards_owner;
ALTER TABLE tiers.wallet ADD COLUMN tier_floor numeric, ADD COLUMN tier_ceiling numeric;
COMMENT ON COLUMN tiers.wallet.tier_floor IS
    'Kept by the database: the lowest balance of the range within which every balance has tier tier_key (the tier''s active minimum, 0 for none); null until the wallet is next re-tiered.';
COMMENT ON COLUMN tiers.wallet.tier_ceiling IS
    'Kept by the database: the balance (exclusive) up to which every balance from tier_floor has tier tier_key (the next active minimum, Infinity above the highest tier); null until the wallet is next re-tiered.';
-- The UPDATE path is now the BEFORE row triggers (db/triggers/tiers/wallet.sql); the INSERT trigger stays.
DROP TRIGGER IF EXISTS _500_assign_tier_updated ON tiers.wallet;
RESET ROLE;
