-- depends: 0030_reporting_gitpoap 0011_tiers_seed
-- reporting: token-tier views (wallets per tier, tier changes per day).
SET LOCAL lock_timeout = '5s';
SET LOCAL ROLE rewards_owner;

CREATE VIEW reporting.wallet_tiers AS
SELECT w.tier_key,
       coalesce(t.name, 'None') AS tier_name,
       t.minimum_balance,
       t.is_active,
       count(*) AS wallets,
       sum(w.balance) AS total_balance
FROM tiers.wallet w
LEFT JOIN tiers.tier t ON t.tier_key = w.tier_key
GROUP BY w.tier_key, t.name, t.minimum_balance, t.is_active;
COMMENT ON VIEW reporting.wallet_tiers IS 'Wallets per tier now (the none tier included), with their total balance.';
COMMENT ON COLUMN reporting.wallet_tiers.tier_key IS 'Tier key (none below every active tier).';
COMMENT ON COLUMN reporting.wallet_tiers.tier_name IS 'Tier name.';
COMMENT ON COLUMN reporting.wallet_tiers.minimum_balance IS 'Minimum balance of the tier (null for none).';
COMMENT ON COLUMN reporting.wallet_tiers.is_active IS 'Whether the tier is active (null for none).';
COMMENT ON COLUMN reporting.wallet_tiers.wallets IS 'Wallets in the tier.';
COMMENT ON COLUMN reporting.wallet_tiers.total_balance IS 'Sum of their balances.';

CREATE VIEW reporting.tier_changes_daily AS
SELECT (changed_at AT TIME ZONE 'UTC')::date AS day,
       from_tier_key,
       to_tier_key,
       cause,
       count(*) AS changes
FROM tiers.tier_change
GROUP BY 1, 2, 3, 4;
COMMENT ON VIEW reporting.tier_changes_daily IS 'Wallet tier changes per UTC day, from which tier to which, and why (a balance change or a tier edit).';
COMMENT ON COLUMN reporting.tier_changes_daily.day IS 'UTC date of the change.';
COMMENT ON COLUMN reporting.tier_changes_daily.from_tier_key IS 'Tier before.';
COMMENT ON COLUMN reporting.tier_changes_daily.to_tier_key IS 'Tier after.';
COMMENT ON COLUMN reporting.tier_changes_daily.cause IS 'balance (the wallet''s balance changed) or tier (a tier was created, updated or deleted).';
COMMENT ON COLUMN reporting.tier_changes_daily.changes IS 'Number of changes.';

GRANT SELECT ON reporting.wallet_tiers, reporting.tier_changes_daily TO rewards_bi;
RESET ROLE;
