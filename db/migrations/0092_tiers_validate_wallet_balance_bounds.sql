-- depends: 0091_tiers_wallet_balance_bounds
-- tiers: validate the wallet balance bounds added NOT VALID by 0091 against existing rows (SHARE UPDATE EXCLUSIVE:
-- writers keep going). A stored balance out of bounds fails the migration, naming the constraint: fix that row.
SET LOCAL lock_timeout = '5s';
ALTER TABLE tiers.wallet VALIDATE CONSTRAINT wallet_balance_under_2_256;
ALTER TABLE tiers.wallet VALIDATE CONSTRAINT wallet_balance_with_at_most_18_decimals;
