-- depends: 0068_gitpoap_validate_merged_at_range
-- gitpoap.github_user: GitHub logins are case-insensitive (Alice and alice are one account), so login_key = lower(login)
-- is unique; login keeps the first-seen spelling for display. Rows already differing only in case are merged first
-- into the first-seen one (lowest id): their claims (per GitPOAP the most advanced status, then the earliest), then
-- their pull requests (the pull_request triggers move the counts and issue what the merged counts reach), then
-- their emptied counters and the rows themselves.
SET LOCAL lock_timeout = '5s';
SET LOCAL ROLE rewards_owner;
-- No new user while the duplicates are merged and the key is built. ACCESS EXCLUSIVE from the start, the mode ADD
-- COLUMN needs anyway: taking a weaker lock first and upgrading it would deadlock with a session that read the table
-- and then inserts into it.
LOCK TABLE gitpoap.github_user IN ACCESS EXCLUSIVE MODE;

DO $merge$
DECLARE
    v_users bigint[];    -- the rows whose login another, older row has in some case
    v_keepers bigint[];  -- that older row (the first seen), element by element
BEGIN
    SELECT array_agg(m.user_id ORDER BY m.user_id), array_agg(m.keeper_id ORDER BY m.user_id) INTO v_users, v_keepers
    FROM (SELECT u.id AS user_id, min(u.id) OVER (PARTITION BY lower(u.login)) AS keeper_id
          FROM gitpoap.github_user u) AS m
    WHERE m.user_id <> m.keeper_id;
    IF v_users IS NULL THEN
        RETURN;
    END IF;
    RAISE NOTICE 'merging % github_user row(s) into the first-seen spelling of their login', cardinality(v_users);
    -- 1. One claim per GitPOAP and merged user: the most advanced status, then the earliest; the others go.
    DELETE FROM gitpoap.claim c
    USING (SELECT c.id,
                  row_number() OVER (PARTITION BY c.gitpoap_id, coalesce(m.keeper_id, c.user_id)
                                     ORDER BY array_position(ARRAY['CLAIMED', 'MINTING', 'PENDING', 'UNCLAIMED'], c.status),
                                              c.created_at, c.id) AS rank
           FROM gitpoap.claim c
           LEFT JOIN unnest(v_users, v_keepers) AS m(user_id, keeper_id) ON m.user_id = c.user_id
           WHERE c.user_id = ANY (v_users) OR c.user_id = ANY (v_keepers)) AS r
    WHERE c.id = r.id AND r.rank > 1;
    UPDATE gitpoap.claim c SET user_id = m.keeper_id
    FROM unnest(v_users, v_keepers) AS m(user_id, keeper_id) WHERE c.user_id = m.user_id;
    -- 2. Their pull requests: the triggers move the counts and issue the claims the merged counts reach.
    UPDATE gitpoap.pull_request pr SET author_id = m.keeper_id
    FROM unnest(v_users, v_keepers) AS m(user_id, keeper_id) WHERE pr.author_id = m.user_id;
    -- 3. Their counters (now at 0) and the rows themselves.
    DELETE FROM gitpoap.contribution c WHERE c.user_id = ANY (v_users);
    DELETE FROM gitpoap.github_user u WHERE u.id = ANY (v_users);
END
$merge$;

-- github_user is small (one row per contributor): built in place under the lock above.
-- squawk-ignore adding-field-with-default, adding-required-field
ALTER TABLE gitpoap.github_user ADD COLUMN login_key text GENERATED ALWAYS AS (lower(login)) STORED NOT NULL;
COMMENT ON COLUMN gitpoap.github_user.login_key IS 'lower(login): the account whatever the case it is written in (GitHub logins are case-insensitive); unique. Look users up by it.';
-- squawk-ignore disallowed-unique-constraint, constraint-missing-not-valid
ALTER TABLE gitpoap.github_user ADD CONSTRAINT github_user_login_key_unique UNIQUE (login_key);
COMMENT ON CONSTRAINT github_user_login_key_unique ON gitpoap.github_user IS 'must be unique ignoring case: GitHub logins are case-insensitive, Alice and alice are one contributor (the first spelling stored stays)';
COMMENT ON COLUMN gitpoap.github_user.login IS 'GitHub login as first seen (its spelling is kept for display); unique ignoring case (login_key).';
RESET ROLE;
