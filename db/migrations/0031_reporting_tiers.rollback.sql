-- Drops the token-tier reporting views.
DROP VIEW reporting.tier_changes_daily;
DROP VIEW reporting.wallet_tiers;
