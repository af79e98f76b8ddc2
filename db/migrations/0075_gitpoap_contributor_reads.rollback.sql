-- gitpoap: reporting.contributor_progress as 0030 wrote it; the contributor and lower-case login indexes dropped.
SET LOCAL lock_timeout = '5s';
SET LOCAL ROLE rewards_owner;
CREATE OR REPLACE VIEW reporting.contributor_progress AS
WITH levels AS (
    SELECT x.user_id, g.project_id, g.year, max(g.level) AS level
    FROM gitpoap.claim x
    JOIN gitpoap.gitpoap g ON g.id = x.gitpoap_id
    GROUP BY x.user_id, g.project_id, g.year
)
SELECT p.name AS project,
       c.year,
       u.login,
       c.merged_prs,
       l.level AS current_level,
       nxt.level AS next_level,
       nxt.threshold AS next_threshold,
       nxt.threshold - c.merged_prs AS prs_to_go
FROM gitpoap.contribution c
JOIN gitpoap.project p ON p.id = c.project_id
JOIN gitpoap.github_user u ON u.id = c.user_id
LEFT JOIN levels l ON (l.user_id, l.project_id, l.year) = (c.user_id, c.project_id, c.year)
LEFT JOIN LATERAL (
    SELECT g.level, g.threshold
    FROM gitpoap.issuing_gitpoap g
    WHERE g.project_id = c.project_id AND g.year = c.year AND g.threshold > c.merged_prs
    ORDER BY g.threshold
    LIMIT 1
) AS nxt ON true;
RESET ROLE;
-- squawk-ignore require-concurrent-index-deletion
-- squawk-ignore require-concurrent-index-deletion
DROP INDEX gitpoap.contribution_user_id_idx;
