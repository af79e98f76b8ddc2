-- depends: 0069_gitpoap_login_case_insensitive
-- gitpoap: one contributor's claims and progress read cheaply (runner serve's contributor): counters found by
-- contributor (logins by github_user.login_key), and reporting.contributor_progress written so that a filter on login reaches the
-- tables (no aggregate over every claim first).
SET LOCAL lock_timeout = '5s';
-- In yoyo's one transaction no index can be built CONCURRENTLY: counter writers wait for this build.
-- squawk-ignore require-concurrent-index-creation
CREATE INDEX contribution_user_id_idx ON gitpoap.contribution (user_id);
SET LOCAL ROLE rewards_owner;
-- Same columns, names and types; the highest level claimed is looked up per row instead of grouped over all claims.
CREATE OR REPLACE VIEW reporting.contributor_progress AS
SELECT p.name AS project,
       c.year,
       u.login,
       c.merged_prs,
       (SELECT max(g.level)
        FROM gitpoap.claim x
        JOIN gitpoap.gitpoap g ON g.id = x.gitpoap_id
        WHERE x.user_id = c.user_id AND g.project_id = c.project_id AND g.year = c.year) AS current_level,
       nxt.level AS next_level,
       nxt.threshold AS next_threshold,
       nxt.threshold - c.merged_prs AS prs_to_go
FROM gitpoap.contribution c
JOIN gitpoap.project p ON p.id = c.project_id
JOIN gitpoap.github_user u ON u.id = c.user_id
LEFT JOIN LATERAL (
    SELECT g.level, g.threshold
    FROM gitpoap.issuing_gitpoap g
    WHERE g.project_id = c.project_id AND g.year = c.year AND g.threshold > c.merged_prs
    ORDER BY g.threshold
    LIMIT 1
) AS nxt ON true;
RESET ROLE;
COMMENT ON INDEX gitpoap.contribution_user_id_idx IS 'A contributor''s counters in every project and year (reporting.contributor_progress by login).';
