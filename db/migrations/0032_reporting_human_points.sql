-- depends: 0031_reporting_tiers 0021_human_points_seed
-- reporting: Human Points views (leaderboard, program summary, points per action per day).
SET LOCAL lock_timeout = '5s';
SET LOCAL ROLE rewards_owner;

CREATE VIEW reporting.points_leaderboard AS
WITH totals AS (
    SELECT p.address, sum(p.points)::bigint AS total_points,
           jsonb_object_agg(p.action, p.points) AS breakdown
    FROM (SELECT address, action, sum(points) AS points FROM human_points.points GROUP BY address, action) AS p
    GROUP BY p.address
)
SELECT rank() OVER (ORDER BY t.total_points DESC) AS rank,
       t.address,
       t.total_points,
       coalesce(m.multiplier, 1) AS multiplier,
       coalesce(s.passing_scores, 0) AS passing_scores,
       t.breakdown
FROM totals t
LEFT JOIN human_points.multiplier m ON m.address = t.address
LEFT JOIN human_points.program_stats s ON s.address = t.address;
COMMENT ON VIEW reporting.points_leaderboard IS 'Addresses by total Human Points, with the per-action breakdown, the multiplier now on file and the number of distinct qualified communities.';
COMMENT ON COLUMN reporting.points_leaderboard.rank IS 'Rank by total points (ties share a rank).';
COMMENT ON COLUMN reporting.points_leaderboard.address IS 'Lower-case 0x address.';
COMMENT ON COLUMN reporting.points_leaderboard.total_points IS 'Sum of all points awarded (multipliers applied at award time).';
COMMENT ON COLUMN reporting.points_leaderboard.multiplier IS 'Multiplier now on file (1 if none); older points keep the multiplier of their time.';
COMMENT ON COLUMN reporting.points_leaderboard.passing_scores IS 'Distinct program communities the address qualified in.';
COMMENT ON COLUMN reporting.points_leaderboard.breakdown IS 'Points per action key, as a JSON object.';

CREATE VIEW reporting.points_program_summary AS
SELECT (SELECT count(*) FROM human_points.community WHERE human_points_program) AS program_communities,
       (SELECT count(DISTINCT address) FROM human_points.qualified_community) AS qualified_addresses,
       (SELECT count(*) FROM human_points.program_stats WHERE passing_scores >= 1) AS eligible_addresses,
       (SELECT count(*) FROM human_points.points WHERE action = 'scoring_bonus') AS bonuses_awarded,
       (SELECT count(DISTINCT address) FROM human_points.points) AS addresses_with_points,
       (SELECT coalesce(sum(points), 0)::bigint FROM human_points.points) AS points_issued,
       (SELECT write_enabled FROM human_points.settings) AS write_enabled;
COMMENT ON VIEW reporting.points_program_summary IS 'The Human Points Program in one row: program communities, qualified and eligible addresses, bonuses, points issued, and whether awarding is on.';
COMMENT ON COLUMN reporting.points_program_summary.program_communities IS 'Communities in the program.';
COMMENT ON COLUMN reporting.points_program_summary.qualified_addresses IS 'Addresses with a passing score in at least one program community.';
COMMENT ON COLUMN reporting.points_program_summary.eligible_addresses IS 'Addresses with passing_scores >= 1 (is_eligible).';
COMMENT ON COLUMN reporting.points_program_summary.bonuses_awarded IS 'scoring_bonus awards.';
COMMENT ON COLUMN reporting.points_program_summary.addresses_with_points IS 'Addresses holding any points.';
COMMENT ON COLUMN reporting.points_program_summary.points_issued IS 'All points awarded.';
COMMENT ON COLUMN reporting.points_program_summary.write_enabled IS 'The kill switch: false while no points are awarded.';

CREATE VIEW reporting.points_daily AS
SELECT ("timestamp" AT TIME ZONE 'UTC')::date AS day,
       action,
       count(*) AS awards,
       sum(points) AS points
FROM human_points.points
GROUP BY 1, 2;
COMMENT ON VIEW reporting.points_daily IS 'Points issued per action per UTC day.';
COMMENT ON COLUMN reporting.points_daily.day IS 'UTC date of the award.';
COMMENT ON COLUMN reporting.points_daily.action IS 'Action key.';
COMMENT ON COLUMN reporting.points_daily.awards IS 'Number of awards.';
COMMENT ON COLUMN reporting.points_daily.points IS 'Points awarded.';

GRANT SELECT ON reporting.points_leaderboard, reporting.points_program_summary, reporting.points_daily TO rewards_bi;
RESET ROLE;
