-- gitpoap.github_user: logins unique as written again (login_key dropped). Merged duplicates stay merged.
SET LOCAL lock_timeout = '5s';
SET LOCAL ROLE rewards_owner;
COMMENT ON COLUMN gitpoap.github_user.login IS 'GitHub login, unique.';
ALTER TABLE gitpoap.github_user DROP CONSTRAINT github_user_login_key_unique;
ALTER TABLE gitpoap.github_user DROP COLUMN login_key;
RESET ROLE;
