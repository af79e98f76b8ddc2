-- backfill, side B by hand (pgbench -n -t 1, after TRUNCATE bench.seed_claim): the seed's query, a per-user
-- correlated COUNT for every GitPOAP of the project. The seed filtered on the repo; this schema's index for
-- (project, author) is given to it through project_id (as literally written, on repo_id, it has no index to
-- use and is quadratic). Needs TimeZone = UTC (PGTZ=UTC) for EXTRACT(YEAR …).
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
