-- score_events, side A: one score event with 5 stamps into human_points.score (triggers on).
\set n random(1, 1000000000)
\set community random(1, 6)
INSERT INTO human_points.score (address, community_id, score, stamps, scored_at)
SELECT '0x' || lpad(to_hex((:n)::bigint), 40, '0'), (:community)::integer, 15 + ((:n) % 20), bench.five_stamps((:n)::bigint),
       '2025-07-01T00:00:00Z';
