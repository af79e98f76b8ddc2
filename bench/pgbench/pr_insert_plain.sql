-- pr_insert_single, side B: one merged PR per transaction into bench.pull_request_plain (no triggers).
-- Variables (pgbench -D): authors, user_offset (id of dev0000001 minus 1), repo_id, project_id, year.
\set rank random_zipfian(1, :authors, 1.01)
\set second random(0, 31535999)
INSERT INTO bench.pull_request_plain (repo_id, project_id, number, title, author_id, merged_at, merge_commit_sha)
VALUES ((:repo_id)::bigint, (:project_id)::bigint, nextval('bench.pgbench_number'), 'pgbench', (:rank)::bigint + (:user_offset)::bigint,
        make_timestamptz((:year)::integer, 1, 1, 0, 0, 0, 'UTC') + (:second)::integer * interval '1 second', md5((:second)::text));
