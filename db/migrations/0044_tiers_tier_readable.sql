-- depends: 0043_gitpoap_drop_count_merged_prs
-- tiers.tier is readable by rewards_app (and so rewards_admin), as its other domains' tables are: tiers.tier_for_balance
-- runs with the caller's rights (no switch to the owner on the hottest tiers read). Writes stay with the functions.
SET LOCAL lock_timeout = '5s';
GRANT SELECT ON tiers.tier TO rewards_app;
