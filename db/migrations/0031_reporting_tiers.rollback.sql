-- Drops the token-tier reporting views.
SET LOCAL lock_timeout = '5s';
DROP VIEW reporting.tier_changes_daily;
DROP VIEW reporting.wallet_tiers;
