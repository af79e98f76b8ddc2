-- tier_lookup, side A: the tier of a random balance through the SQL API.
\set balance random(0, 1000000)
SELECT (tiers.tier_for_balance((:balance)::numeric)).tier_key;
