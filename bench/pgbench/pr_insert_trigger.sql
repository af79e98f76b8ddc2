-- pr_insert_single, side A: one merged PR per transaction into gitpoap.pull_request (counting triggers on).
-- Variables (pgbench -D): authors, user_offset (id of dev0000001 minus 1), repo_id, project_id, year.
\set rank random_zipfian(1, :authors, 1.01)
\set second random(0, 31535999)
INSERT INTO gitpoap.pull_request (repo_id, project_id, number, title, author_id, merged_at, merge_commit_sha)
VALUES ((:repo_id)::bigint, (:project_id)::bigint, nextval('bench.pgbench_number'), 'pgbench', (:rank)::bigint + (:user_offset)::bigint,
        make_timestamptz((:year)::integer, 1, 1, 0, 0, 0, 'UTC') + (:second)::integer * interval '1 second', md5((:second)::text));
