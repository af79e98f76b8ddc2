-- backfill, side B′ by hand (pgbench -n -t 1 -D project_id=1, after TRUNCATE bench.seed_claim): the seed's query
-- (backfill_seed.sql) given this schema's (project_id, author_id, merged_at) index by filtering on the project
-- instead of the repo: every count is an index-only range probe, so it grows with GitPOAPs × users only.
-- Reported beside the target (details.b_indexed_*). Needs TimeZone = UTC (PGTZ=UTC) for EXTRACT(YEAR …).
INSERT INTO bench.seed_claim (gitpoap_id, project_id, user_id)
SELECT g.id, g.project_id, u.id
FROM gitpoap.gitpoap AS g, gitpoap.github_user AS u
WHERE g.project_id = (:project_id)::bigint
  AND g.threshold <= (SELECT COUNT(*)
                      FROM gitpoap.pull_request AS p
                      WHERE p.author_id = u.id
                        AND p.project_id = g.project_id
                        AND EXTRACT(YEAR FROM p.merged_at) = g.year)
ON CONFLICT (gitpoap_id, user_id) DO NOTHING;
