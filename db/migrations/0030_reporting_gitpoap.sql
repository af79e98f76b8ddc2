-- depends: 0002_gitpoap_schema
-- reporting: the BI schema (views only, readable by rewards_bi), starting with the gitpoap views.
SET LOCAL lock_timeout = '5s';
CREATE SCHEMA reporting AUTHORIZATION rewards_owner;
SET LOCAL ROLE rewards_owner;
COMMENT ON SCHEMA reporting IS 'Views for BI tools and analysts (role rewards_bi reads this schema and nothing else).';

CREATE VIEW reporting.gitpoap_claims AS
SELECT g.id AS gitpoap_id,
       p.name AS project,
       g.year,
       g.level,
       g.threshold,
       g.name,
       g.status,
       g.is_enabled,
       count(c.id) AS issued,
       count(c.id) FILTER (WHERE c.status = 'CLAIMED') AS claimed
FROM gitpoap.gitpoap g
JOIN gitpoap.project p ON p.id = g.project_id
LEFT JOIN gitpoap.claim c ON c.gitpoap_id = g.id
GROUP BY g.id, p.name;
COMMENT ON VIEW reporting.gitpoap_claims IS 'Claims per GitPOAP, year and level: how many were issued and how many claimed.';
COMMENT ON COLUMN reporting.gitpoap_claims.gitpoap_id IS 'GitPOAP id.';
COMMENT ON COLUMN reporting.gitpoap_claims.project IS 'Project name.';
COMMENT ON COLUMN reporting.gitpoap_claims.year IS 'UTC year whose merged PRs count.';
COMMENT ON COLUMN reporting.gitpoap_claims.level IS 'Level (1 = lowest).';
COMMENT ON COLUMN reporting.gitpoap_claims.threshold IS 'Merged PRs needed.';
COMMENT ON COLUMN reporting.gitpoap_claims.name IS 'GitPOAP name.';
COMMENT ON COLUMN reporting.gitpoap_claims.status IS 'UNAPPROVED, APPROVED, REDEEM_REQUEST_PENDING or DEPRECATED.';
COMMENT ON COLUMN reporting.gitpoap_claims.is_enabled IS 'Whether it issues claims.';
COMMENT ON COLUMN reporting.gitpoap_claims.issued IS 'Claims issued (any status).';
COMMENT ON COLUMN reporting.gitpoap_claims.claimed IS 'Claims with status CLAIMED.';

CREATE VIEW reporting.contributor_progress AS
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
COMMENT ON VIEW reporting.contributor_progress IS 'Each contributor per project and UTC year: merged PRs counted, highest level claimed, and the next threshold with the PRs still to go.';
COMMENT ON COLUMN reporting.contributor_progress.project IS 'Project name.';
COMMENT ON COLUMN reporting.contributor_progress.year IS 'UTC year.';
COMMENT ON COLUMN reporting.contributor_progress.login IS 'GitHub login.';
COMMENT ON COLUMN reporting.contributor_progress.merged_prs IS 'Merged PRs counted (bots never counted).';
COMMENT ON COLUMN reporting.contributor_progress.current_level IS 'Highest level claimed in that project and year; null if none.';
COMMENT ON COLUMN reporting.contributor_progress.next_level IS 'Next level an issuing GitPOAP offers; null if none is left.';
COMMENT ON COLUMN reporting.contributor_progress.next_threshold IS 'Threshold of the next level.';
COMMENT ON COLUMN reporting.contributor_progress.prs_to_go IS 'Merged PRs still needed for the next level.';

GRANT USAGE ON SCHEMA reporting TO rewards_bi;
GRANT SELECT ON ALL TABLES IN SCHEMA reporting TO rewards_bi;
RESET ROLE;
