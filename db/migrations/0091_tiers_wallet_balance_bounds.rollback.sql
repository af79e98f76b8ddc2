-- tiers: wallet balances unbounded again.
SET LOCAL lock_timeout = '5s';
SET LOCAL ROLE rewards_owner;
COMMENT ON COLUMN tiers.wallet.balance IS 'Token balance (>= 0).';
ALTER TABLE tiers.wallet
    DROP CONSTRAINT wallet_balance_with_at_most_18_decimals,
    DROP CONSTRAINT wallet_balance_under_2_256;
RESET ROLE;
