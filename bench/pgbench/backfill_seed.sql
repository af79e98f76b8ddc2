-- backfill, side B by hand (pgbench -n -t 1 -D project_id=1 -D repo_id=1, after TRUNCATE bench.seed_claim): the
-- seed's query as written — for every GitPOAP, every user whose count of merged PRs in the GitPOAP's repo and
-- year reaches the threshold, a correlated COUNT per (GitPOAP, user). The seed's tables had no index on the
-- author column, and neither has this schema one on (repo_id, author_id): every count reads the repo's PRs,
-- so it grows with GitPOAPs × users × PRs. Needs TimeZone = UTC (PGTZ=UTC) for EXTRACT(YEAR …).
INSERT INTO bench.seed_claim (gitpoap_id, project_id, user_id)
SELECT g.id, g.project_id, u.id
FROM gitpoap.gitpoap AS g, gitpoap.github_user AS u
WHERE g.project_id = (:project_id)::bigint
  AND g.threshold <= (SELECT COUNT(*)
                      FROM gitpoap.pull_request AS p
                      WHERE p.author_id = u.id
                        AND p.repo_id = (:repo_id)::bigint
                        AND EXTRACT(YEAR FROM p.merged_at) = g.year)
ON CONFLICT (gitpoap_id, user_id) DO NOTHING;
