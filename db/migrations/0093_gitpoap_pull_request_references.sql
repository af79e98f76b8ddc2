-- depends: 0092_tiers_validate_wallet_balance_bounds
-- gitpoap: pull requests lose their two per-row foreign-key checks (author → github_user, (repo, project) → repo). The
-- same references are checked once per statement by pull_request's statement triggers (the referenced users and repos
-- locked FOR KEY SHARE, as a foreign key's check does, and foreign_key_violation raised naming the field and rule), and
-- kept where the referenced rows change by the triggers of github_user and repo (a user or repo with PRs cannot be
-- deleted or truncated; a repo's (id, project_id) change is carried to its PRs, as ON UPDATE CASCADE did).
SET LOCAL lock_timeout = '5s';
ALTER TABLE gitpoap.pull_request
    -- squawk-ignore ban-drop-constraint
    DROP CONSTRAINT pull_request_author_id_fkey,
    -- squawk-ignore ban-drop-constraint
    DROP CONSTRAINT pull_request_repo_project_fkey;
COMMENT ON COLUMN gitpoap.pull_request.author_id IS 'Author: must be the id of a gitpoap.github_user (checked once per statement by the triggers of pull_request; pull_request_author_id_fkey in errors).';
COMMENT ON COLUMN gitpoap.pull_request.project_id IS 'Project of the repository (kept equal to repo.project_id: checked per statement by the triggers of pull_request, carried along by those of repo; the distribution column under Citus). (repo_id, project_id) must name a gitpoap.repo and that repo''s project (pull_request_repo_project_fkey in errors).';
COMMENT ON CONSTRAINT repo_id_project_id_key ON gitpoap.repo IS 'must be unique (the pull requests'' (repo_id, project_id) refer to it)';
