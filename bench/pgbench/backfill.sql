-- backfill, side A by hand (pgbench -n -t 1, after emptying the counters and claims): the whole chunked
-- backfill of one project in one call (runner backfill-claims commits a chunk at a time instead).
SELECT * FROM gitpoap.backfill_claims((:project_id)::bigint);
