-- tier_lookup, side B: the same round trip answering the balance itself.
\set balance random(0, 1000000)
SELECT (:balance)::numeric;
