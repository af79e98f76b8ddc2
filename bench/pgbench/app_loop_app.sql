-- app_loop, side A by hand: the replaced backends' loop for one merged PR. Every statement is its own
-- transaction, as the seed's separate Prisma calls were: insert the PR, count the author's merged PRs of the
-- year, upsert a claim per level reached. Side B is pr_insert_trigger.sql. Run both with -c 1 (see bench/README.md).
-- Variables (pgbench -D): authors, user_offset, repo_id, project_id, year, and per level k = 1..4 of that
-- year's GitPOAPs: gk (id), tk (threshold).
\set rank random_zipfian(1, :authors, 1.01)
\set second random(0, 31535999)
\set author :rank + :user_offset
INSERT INTO bench.pull_request_plain (repo_id, project_id, number, title, author_id, merged_at, merge_commit_sha)
VALUES ((:repo_id)::bigint, (:project_id)::bigint, nextval('bench.pgbench_number'), 'pgbench', (:author)::bigint,
        make_timestamptz((:year)::integer, 1, 1, 0, 0, 0, 'UTC') + (:second)::integer * interval '1 second', md5((:second)::text))
RETURNING id AS pr_id \gset
SELECT count(*) AS merged FROM bench.pull_request_plain
WHERE project_id = (:project_id)::bigint AND author_id = (:author)::bigint
  AND merged_at >= make_timestamptz((:year)::integer, 1, 1, 0, 0, 0, 'UTC')
  AND merged_at < make_timestamptz((:year)::integer + 1, 1, 1, 0, 0, 0, 'UTC') \gset
\if :merged >= :t1
INSERT INTO bench.claim_plain (gitpoap_id, project_id, user_id, pull_request_earned_id)
VALUES ((:g1)::bigint, (:project_id)::bigint, (:author)::bigint, (:pr_id)::bigint) ON CONFLICT (gitpoap_id, user_id) DO NOTHING;
\endif
\if :merged >= :t2
INSERT INTO bench.claim_plain (gitpoap_id, project_id, user_id, pull_request_earned_id)
VALUES ((:g2)::bigint, (:project_id)::bigint, (:author)::bigint, (:pr_id)::bigint) ON CONFLICT (gitpoap_id, user_id) DO NOTHING;
\endif
\if :merged >= :t3
INSERT INTO bench.claim_plain (gitpoap_id, project_id, user_id, pull_request_earned_id)
VALUES ((:g3)::bigint, (:project_id)::bigint, (:author)::bigint, (:pr_id)::bigint) ON CONFLICT (gitpoap_id, user_id) DO NOTHING;
\endif
\if :merged >= :t4
INSERT INTO bench.claim_plain (gitpoap_id, project_id, user_id, pull_request_earned_id)
VALUES ((:g4)::bigint, (:project_id)::bigint, (:author)::bigint, (:pr_id)::bigint) ON CONFLICT (gitpoap_id, user_id) DO NOTHING;
\endif
