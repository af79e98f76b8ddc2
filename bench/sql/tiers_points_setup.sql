-- bench fixtures for the tiers and human_points scenarios: plain twins and a stamp generator.
CREATE SCHEMA IF NOT EXISTS bench;
CREATE TABLE IF NOT EXISTS bench.wallet_plain (LIKE tiers.wallet INCLUDING DEFAULTS INCLUDING INDEXES INCLUDING CONSTRAINTS);
-- score_plain also carries score's one foreign key (LIKE copies none): the twin is the same table without triggers.
CREATE TABLE IF NOT EXISTS bench.score_plain (
    LIKE human_points.score INCLUDING DEFAULTS INCLUDING IDENTITY INCLUDING INDEXES INCLUDING CONSTRAINTS,
    FOREIGN KEY (community_id) REFERENCES human_points.community (id));
-- Five stamps as Passport writes them: providers that earn points and some that do not, most valid at scoring time.
CREATE OR REPLACE FUNCTION bench.five_stamps(p_n bigint) RETURNS jsonb
    LANGUAGE sql IMMUTABLE
    RETURN (
        SELECT jsonb_agg(jsonb_build_object(
            'provider', p.provider,
            'credential', jsonb_build_object(
                'expirationDate', CASE WHEN (p_n + i) % 5 = 0 THEN '2025-06-01T00:00:00Z' ELSE '2025-12-31T00:00:00Z' END,
                'credentialSubject', jsonb_build_object('provider', p.provider, 'hash', 'v0.0.0:' || md5(p_n::text || i))
                    || CASE WHEN i = 3 THEN jsonb_build_object('nullifiers', jsonb_build_array('v0:' || md5(p_n::text))) ELSE '{}' END)))
        FROM unnest(ARRAY['SelfStakingBronze', 'TrustedCitizen', 'Google', 'BeginnerCommunityStaker', 'Discord'])
             WITH ORDINALITY AS p(provider, i)
    );
INSERT INTO human_points.community (id, name, human_points_program)
SELECT c, 'community ' || c, c <= 4 FROM generate_series(1, 6) c
ON CONFLICT (id) DO NOTHING;
