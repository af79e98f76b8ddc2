-- depends: 0066_human_points_score_import_private
-- gitpoap.pull_request.merged_at lies in a UTC year a GitPOAP can have (2008 to 2100, as gitpoap_year_range): a time
-- past 9999 was stored, then broke every client reading it and escaped the backfill's year range. NOT VALID here
-- (a brief lock, no scan); 0068 validates existing rows without stopping writers.
SET LOCAL lock_timeout = '5s';
SET LOCAL ROLE rewards_owner;
ALTER TABLE gitpoap.pull_request ADD CONSTRAINT pull_request_merged_at_range
    CHECK (merged_at >= '2008-01-01 00:00:00+00' AND merged_at < '2101-01-01 00:00:00+00') NOT VALID;
COMMENT ON CONSTRAINT pull_request_merged_at_range ON gitpoap.pull_request IS 'must be a time in the UTC years 2008 to 2100 (null while unmerged)';
RESET ROLE;
