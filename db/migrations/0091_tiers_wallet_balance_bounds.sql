-- depends: 0090_core_migration_state_readable
-- tiers: a wallet balance is bounded as a token balance is on chain: below 2^256 (an ERC-20 uint256) with at most 18
-- decimal places (the usual token decimals), whether given in tokens or in the smallest unit. A balance of 100,001
-- digits was stored and landed in the highest tier.
SET LOCAL lock_timeout = '5s';
SET LOCAL ROLE rewards_owner;

-- NOT VALID: enforced for every new row at once; existing rows are checked by 0092_tiers_validate_wallet_balance_bounds.
-- Named to sort after wallet_balance_is_finite and wallet_balance_not_negative: PostgreSQL checks CHECK constraints in
-- name order, so NaN and Infinity are still refused as not finite, and negatives as negative.
ALTER TABLE tiers.wallet
    ADD CONSTRAINT wallet_balance_under_2_256
        CHECK (balance < 115792089237316195423570985008687907853269984665640564039457584007913129639936) NOT VALID,
    ADD CONSTRAINT wallet_balance_with_at_most_18_decimals CHECK (min_scale(balance) <= 18) NOT VALID;
COMMENT ON CONSTRAINT wallet_balance_under_2_256 ON tiers.wallet IS
    'must be less than 2^256 (115792089237316195423570985008687907853269984665640564039457584007913129639936, an ERC-20 uint256 balance)';
COMMENT ON CONSTRAINT wallet_balance_with_at_most_18_decimals ON tiers.wallet IS
    'must have at most 18 decimal places (a token''s decimals)';
COMMENT ON COLUMN tiers.wallet.balance IS
    'Token balance: >= 0, below 2^256, at most 18 decimal places (what an ERC-20 uint256 balance can hold).';
RESET ROLE;
