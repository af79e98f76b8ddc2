-- bench: deterministic data generator and trigger-less twins of the gitpoap tables (bench/run.py only; never in db/).
CREATE SCHEMA IF NOT EXISTS bench;
COMMENT ON SCHEMA bench IS 'Benchmark fixtures created by bench/run.py in its own throwaway database.';

-- A uniform number in [0, 1) from (row number, stream): the same on every server, whatever the plan.
CREATE OR REPLACE FUNCTION bench.u(p_i bigint, p_stream bigint) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN (hashint8extended(p_i, p_stream) & 4503599627370495)::double precision / 4503599627370496.0;
COMMENT ON FUNCTION bench.u(bigint, bigint) IS 'Deterministic pseudo-random number in [0, 1) for row p_i of stream p_stream.';

-- A merged-PR history: p_prs PRs numbered from p_first_number, merge times spread evenly (with jitter) over
-- p_years UTC years from p_first_year. Authors dev0000001 … (rank order = login order): with p_cover_authors
-- each of the p_authors authors gets one PR at a pseudo-random place; every other PR is by a bot (3 %) or by
-- rank floor((p_authors + 1) ^ u) — P(rank <= r) = ln(r + 1) / ln(p_authors + 1), a Zipf(1)-like long tail.
CREATE OR REPLACE FUNCTION bench.pr_history(
    p_prs bigint, p_authors integer, p_seed integer,
    p_first_year integer DEFAULT 2019, p_years integer DEFAULT 5,
    p_first_number bigint DEFAULT 1, p_cover_authors boolean DEFAULT true
)
    RETURNS TABLE (number integer, title text, login text, merged_at timestamptz, merge_commit_sha text)
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT (p_first_number + s.i - 1)::integer,
           'Change ' || (p_first_number + s.i - 1),
           CASE
               WHEN p_cover_authors AND s.perm < p_authors THEN 'dev' || lpad((s.perm + 1)::text, 7, '0')
               WHEN bench.u(s.i, p_seed * 8 + 1) < 0.03 THEN (ARRAY['dependabot[bot]', 'pre-commit-ci[bot]'])[1 + s.i % 2]
               ELSE 'dev' || lpad(least(p_authors, floor(exp(bench.u(s.i, p_seed * 8 + 2) * ln(p_authors + 1.0)))::integer)::text, 7, '0')
           END,
           date_trunc('second', make_timestamptz(p_first_year, 1, 1, 0, 0, 0, 'UTC')
               + ((s.i - 1 + bench.u(s.i, p_seed * 8 + 3)) / p_prs)
                 * (make_timestamptz(p_first_year + p_years, 1, 1, 0, 0, 0, 'UTC') - make_timestamptz(p_first_year, 1, 1, 0, 0, 0, 'UTC'))),
           md5(p_seed || ':' || s.i)
    FROM (SELECT g.i, ((g.i - 1) * 2147483647) % p_prs AS perm FROM generate_series(1::bigint, p_prs) AS g(i)) AS s
$$;
COMMENT ON FUNCTION bench.pr_history(bigint, integer, integer, integer, integer, bigint, boolean) IS 'Deterministic merged-PR history with a Zipf-like long tail of authors (see the comment in bench/sql/gitpoap_setup.sql).';

-- The same table as gitpoap.pull_request (columns, defaults, checks, indexes, foreign keys) without the counting triggers.
CREATE TABLE bench.pull_request_plain (LIKE gitpoap.pull_request INCLUDING ALL);
ALTER TABLE bench.pull_request_plain
    ADD FOREIGN KEY (author_id) REFERENCES gitpoap.github_user (id),
    ADD FOREIGN KEY (repo_id, project_id) REFERENCES gitpoap.repo (id, project_id) ON UPDATE CASCADE;
COMMENT ON TABLE bench.pull_request_plain IS 'gitpoap.pull_request without triggers: side B of pr_insert_single and pr_bulk_load, side A of app_loop.';

-- The same table as gitpoap.claim (which has no foreign keys: its references are checked where the referenced rows
-- go), for the application loop of app_loop.
CREATE TABLE bench.claim_plain (LIKE gitpoap.claim INCLUDING ALL);
COMMENT ON TABLE bench.claim_plain IS 'gitpoap.claim twin written by the application loop of app_loop (side A).';

-- Where the seed's backfill query writes (side B of backfill): the same table as gitpoap.claim again.
CREATE TABLE bench.seed_claim (LIKE gitpoap.claim INCLUDING ALL);
COMMENT ON TABLE bench.seed_claim IS 'Claims issued by the seed''s per-user correlated COUNT query (side B of backfill).';

-- PR numbers for the live-insert scenarios (pgbench and app_loop use disjoint ranges).
CREATE SEQUENCE bench.pgbench_number START 100000000;
