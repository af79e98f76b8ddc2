-- depends: 0001_core_roles
-- gitpoap: projects, repos, GitHub users, pull requests, tiered GitPOAPs, contribution counters and claims.
SET LOCAL lock_timeout = '5s';  -- never queue behind app traffic holding locks (squawk: require-lock-timeout)
CREATE SCHEMA gitpoap AUTHORIZATION rewards_owner;
SET LOCAL ROLE rewards_owner;

COMMENT ON SCHEMA gitpoap IS 'Tiered GitPOAP issuance: a merged pull request counts for its author in its project and UTC year; claims are issued when the count reaches a GitPOAP threshold.';

-- Versioned, not repeatable: an index is built on it, so changing it means a migration and a reindex.
CREATE FUNCTION gitpoap.contribution_year(p_merged_at timestamptz) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN extract(year FROM p_merged_at AT TIME ZONE 'UTC')::integer;
COMMENT ON FUNCTION gitpoap.contribution_year(timestamptz) IS 'The year a merged PR counts in: the UTC calendar year of merged_at.';
GRANT EXECUTE ON FUNCTION gitpoap.contribution_year(timestamptz) TO rewards_app, rewards_bi;

CREATE TABLE gitpoap.project (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text NOT NULL CONSTRAINT project_name_not_blank CHECK (btrim(name) <> '' AND length(name) <= 200),
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT project_name_key UNIQUE (name)
);
COMMENT ON TABLE gitpoap.project IS 'A set of repositories whose merged pull requests count together (a one-repo project is the common case).';
COMMENT ON COLUMN gitpoap.project.id IS 'Project id.';
COMMENT ON COLUMN gitpoap.project.name IS 'Unique project name, e.g. pallets/flask.';
COMMENT ON COLUMN gitpoap.project.created_at IS 'When the project was created.';

CREATE TABLE gitpoap.repo (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id    bigint NOT NULL REFERENCES gitpoap.project (id),
    name          text NOT NULL CONSTRAINT repo_name_owner_slash_name CHECK (name ~ '^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$' AND length(name) <= 200),
    backloaded_at timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT repo_name_key UNIQUE (name),
    CONSTRAINT repo_id_project_id_key UNIQUE (id, project_id)
);
CREATE INDEX repo_project_id_idx ON gitpoap.repo (project_id);
COMMENT ON TABLE gitpoap.repo IS 'A GitHub repository; its merged pull requests count in its project.';
COMMENT ON COLUMN gitpoap.repo.id IS 'Repository id.';
COMMENT ON COLUMN gitpoap.repo.project_id IS 'The project the repository belongs to.';
COMMENT ON COLUMN gitpoap.repo.name IS 'owner/name on GitHub, unique.';
COMMENT ON COLUMN gitpoap.repo.backloaded_at IS 'When historical pull requests were last loaded (runner import-prs); null if never.';
COMMENT ON COLUMN gitpoap.repo.created_at IS 'When the repository was registered.';

CREATE TABLE gitpoap.github_user (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    login      text NOT NULL CONSTRAINT github_user_login_format CHECK (login ~ '^[A-Za-z0-9][A-Za-z0-9_.-]*(\[bot\])?$' AND length(login) <= 100),
    is_bot     boolean NOT NULL GENERATED ALWAYS AS (login LIKE '%[bot]') STORED,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT github_user_login_key UNIQUE (login)
);
COMMENT ON TABLE gitpoap.github_user IS 'A GitHub account that authored pull requests.';
COMMENT ON COLUMN gitpoap.github_user.id IS 'User id.';
COMMENT ON COLUMN gitpoap.github_user.login IS 'GitHub login, unique.';
COMMENT ON COLUMN gitpoap.github_user.is_bot IS 'True for logins ending in [bot] (GitHub''s marker for apps); bots never earn claims.';
COMMENT ON COLUMN gitpoap.github_user.created_at IS 'When the user was first seen.';

CREATE TABLE gitpoap.pull_request (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    repo_id          bigint NOT NULL,
    project_id       bigint NOT NULL,
    number           integer NOT NULL CONSTRAINT pull_request_number_positive CHECK (number > 0),
    title            text NOT NULL DEFAULT '' CONSTRAINT pull_request_title_length CHECK (length(title) <= 1000),
    author_id        bigint NOT NULL REFERENCES gitpoap.github_user (id),
    merged_at        timestamptz CONSTRAINT pull_request_merged_at_finite CHECK (isfinite(merged_at)),
    merge_commit_sha text CONSTRAINT pull_request_merge_commit_sha_hex CHECK (merge_commit_sha ~ '^[0-9a-f]{7,64}$'),
    created_at       timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT pull_request_repo_id_number_key UNIQUE (repo_id, number),
    CONSTRAINT pull_request_repo_project_fkey FOREIGN KEY (repo_id, project_id)
        REFERENCES gitpoap.repo (id, project_id) ON UPDATE CASCADE
);
-- The threshold-th merged PR of an author in a project and year: (merged_at, number) order.
CREATE INDEX pull_request_project_author_merged_idx
    ON gitpoap.pull_request (project_id, author_id, merged_at, number) WHERE merged_at IS NOT NULL;
-- Counter keys (project, year, author) in order: backfill_claims walks them in chunks.
CREATE INDEX pull_request_contribution_key_idx
    ON gitpoap.pull_request (project_id, gitpoap.contribution_year(merged_at), author_id) WHERE merged_at IS NOT NULL;
COMMENT ON TABLE gitpoap.pull_request IS 'Pull requests; applications INSERT them and triggers count merged ones and issue claims.';
COMMENT ON COLUMN gitpoap.pull_request.id IS 'Pull request id (internal).';
COMMENT ON COLUMN gitpoap.pull_request.repo_id IS 'Repository of the pull request.';
COMMENT ON COLUMN gitpoap.pull_request.project_id IS 'Project of the repository (kept equal to repo.project_id by a composite foreign key; the distribution column under Citus).';
COMMENT ON COLUMN gitpoap.pull_request.number IS 'Pull request number in its repository (> 0).';
COMMENT ON COLUMN gitpoap.pull_request.title IS 'Title.';
COMMENT ON COLUMN gitpoap.pull_request.author_id IS 'Author (gitpoap.github_user).';
COMMENT ON COLUMN gitpoap.pull_request.merged_at IS 'When it was merged; null while unmerged. Counts in the UTC calendar year of this time.';
COMMENT ON COLUMN gitpoap.pull_request.merge_commit_sha IS 'Hex SHA of the merge commit.';
COMMENT ON COLUMN gitpoap.pull_request.created_at IS 'When the row was inserted.';

CREATE TABLE gitpoap.gitpoap (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id bigint NOT NULL REFERENCES gitpoap.project (id),
    name       text NOT NULL CONSTRAINT gitpoap_name_not_blank CHECK (btrim(name) <> '' AND length(name) <= 300),
    year       integer NOT NULL CONSTRAINT gitpoap_year_range CHECK (year BETWEEN 2008 AND 2100),
    level      integer NOT NULL DEFAULT 1 CONSTRAINT gitpoap_level_at_least_1 CHECK (level >= 1),
    threshold  integer NOT NULL DEFAULT 1 CONSTRAINT gitpoap_threshold_at_least_1 CHECK (threshold >= 1),
    status     text NOT NULL DEFAULT 'UNAPPROVED'
               CONSTRAINT gitpoap_status_known CHECK (status IN ('UNAPPROVED', 'APPROVED', 'REDEEM_REQUEST_PENDING', 'DEPRECATED')),
    is_enabled boolean NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT gitpoap_project_year_level_key UNIQUE (project_id, year, level),
    CONSTRAINT gitpoap_id_project_id_key UNIQUE (id, project_id)
);
COMMENT ON TABLE gitpoap.gitpoap IS 'A tiered GitPOAP: earned by contributors with at least threshold merged PRs in the project in year. Within a project and year a higher level has a strictly higher threshold.';
COMMENT ON COLUMN gitpoap.gitpoap.id IS 'GitPOAP id.';
COMMENT ON COLUMN gitpoap.gitpoap.project_id IS 'Project whose merged PRs count.';
COMMENT ON COLUMN gitpoap.gitpoap.name IS 'Display name.';
COMMENT ON COLUMN gitpoap.gitpoap.year IS 'UTC calendar year whose merged PRs count.';
COMMENT ON COLUMN gitpoap.gitpoap.level IS 'Tier level, 1 = lowest.';
COMMENT ON COLUMN gitpoap.gitpoap.threshold IS 'Merged PRs needed (count >= threshold).';
COMMENT ON COLUMN gitpoap.gitpoap.status IS 'UNAPPROVED, APPROVED, REDEEM_REQUEST_PENDING or DEPRECATED; DEPRECATED GitPOAPs issue no claims.';
COMMENT ON COLUMN gitpoap.gitpoap.is_enabled IS 'Disabled GitPOAPs issue no claims; enabling one issues its claims.';
COMMENT ON COLUMN gitpoap.gitpoap.created_at IS 'When the GitPOAP was created.';

CREATE TABLE gitpoap.contribution (
    project_id bigint NOT NULL REFERENCES gitpoap.project (id),
    user_id    bigint NOT NULL REFERENCES gitpoap.github_user (id),
    year       integer NOT NULL,
    merged_prs integer NOT NULL CONSTRAINT contribution_merged_prs_not_negative CHECK (merged_prs >= 0),
    updated_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, year, user_id)
);
COMMENT ON TABLE gitpoap.contribution IS 'The counter: merged PRs of a (non-bot) user in a project and UTC year, kept by triggers and recomputed by gitpoap.backfill_claims().';
COMMENT ON COLUMN gitpoap.contribution.project_id IS 'Project.';
COMMENT ON COLUMN gitpoap.contribution.user_id IS 'Contributor.';
COMMENT ON COLUMN gitpoap.contribution.year IS 'UTC calendar year of merged_at.';
COMMENT ON COLUMN gitpoap.contribution.merged_prs IS 'Number of merged PRs counted.';
COMMENT ON COLUMN gitpoap.contribution.updated_at IS 'When the counter last changed.';

CREATE TABLE gitpoap.claim (
    id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    gitpoap_id             bigint NOT NULL,
    project_id             bigint NOT NULL,
    user_id                bigint NOT NULL REFERENCES gitpoap.github_user (id),
    status                 text NOT NULL DEFAULT 'UNCLAIMED'
                           CONSTRAINT claim_status_known CHECK (status IN ('UNCLAIMED', 'PENDING', 'MINTING', 'CLAIMED')),
    pull_request_earned_id bigint REFERENCES gitpoap.pull_request (id) ON DELETE SET NULL,
    created_at             timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT claim_gitpoap_id_user_id_key UNIQUE (gitpoap_id, user_id),
    CONSTRAINT claim_gitpoap_project_fkey FOREIGN KEY (gitpoap_id, project_id)
        REFERENCES gitpoap.gitpoap (id, project_id)
);
CREATE INDEX claim_user_id_idx ON gitpoap.claim (user_id);
CREATE INDEX claim_pull_request_earned_id_idx ON gitpoap.claim (pull_request_earned_id);
COMMENT ON TABLE gitpoap.claim IS 'A GitPOAP issued to a contributor; issued once, never revoked by a later delete or un-merge.';
COMMENT ON COLUMN gitpoap.claim.id IS 'Claim id.';
COMMENT ON COLUMN gitpoap.claim.gitpoap_id IS 'The GitPOAP.';
COMMENT ON COLUMN gitpoap.claim.project_id IS 'Project of the GitPOAP (composite foreign key; distribution column under Citus).';
COMMENT ON COLUMN gitpoap.claim.user_id IS 'Contributor who earned it.';
COMMENT ON COLUMN gitpoap.claim.status IS 'UNCLAIMED, PENDING, MINTING or CLAIMED.';
COMMENT ON COLUMN gitpoap.claim.pull_request_earned_id IS 'The merged PR that brought the count to the threshold (for backfills: the threshold-th merged PR in (merged_at, number) order).';
COMMENT ON COLUMN gitpoap.claim.created_at IS 'When the claim was issued.';

CREATE VIEW gitpoap.issuing_gitpoap AS
    SELECT * FROM gitpoap.gitpoap WHERE is_enabled AND status <> 'DEPRECATED';
COMMENT ON VIEW gitpoap.issuing_gitpoap IS 'GitPOAPs that issue claims: enabled and not DEPRECATED (the one place this rule is written).';
COMMENT ON COLUMN gitpoap.issuing_gitpoap.id IS 'GitPOAP id.';
COMMENT ON COLUMN gitpoap.issuing_gitpoap.project_id IS 'Project whose merged PRs count.';
COMMENT ON COLUMN gitpoap.issuing_gitpoap.name IS 'Display name.';
COMMENT ON COLUMN gitpoap.issuing_gitpoap.year IS 'UTC calendar year whose merged PRs count.';
COMMENT ON COLUMN gitpoap.issuing_gitpoap.level IS 'Tier level, 1 = lowest.';
COMMENT ON COLUMN gitpoap.issuing_gitpoap.threshold IS 'Merged PRs needed (count >= threshold).';
COMMENT ON COLUMN gitpoap.issuing_gitpoap.status IS 'Any status but DEPRECATED.';
COMMENT ON COLUMN gitpoap.issuing_gitpoap.is_enabled IS 'Always true here.';
COMMENT ON COLUMN gitpoap.issuing_gitpoap.created_at IS 'When the GitPOAP was created.';

-- Staging for runner import-prs: rows COPYed here are only ever visible to the importing transaction,
-- which moves them into pull_request and deletes them before it commits.
CREATE UNLOGGED TABLE gitpoap.pr_import (
    ordinal          bigint NOT NULL,
    number           integer NOT NULL,
    title            text NOT NULL,
    login            text NOT NULL,
    merged_at        timestamptz,
    merge_commit_sha text
);
COMMENT ON TABLE gitpoap.pr_import IS 'Staging for gitpoap.import_pull_requests(): the importer COPYs a file here and the function moves it into pull_request in the same transaction.';
COMMENT ON COLUMN gitpoap.pr_import.ordinal IS 'Position of the record in the file (1-based).';
COMMENT ON COLUMN gitpoap.pr_import.number IS 'Pull request number.';
COMMENT ON COLUMN gitpoap.pr_import.title IS 'Title.';
COMMENT ON COLUMN gitpoap.pr_import.login IS 'Author login.';
COMMENT ON COLUMN gitpoap.pr_import.merged_at IS 'Merge time.';
COMMENT ON COLUMN gitpoap.pr_import.merge_commit_sha IS 'Merge commit SHA.';

GRANT USAGE ON SCHEMA gitpoap TO rewards_app, rewards_admin;
GRANT SELECT ON ALL TABLES IN SCHEMA gitpoap TO rewards_app;
REVOKE SELECT ON gitpoap.pr_import FROM rewards_app;
GRANT INSERT ON gitpoap.repo, gitpoap.github_user, gitpoap.pull_request TO rewards_app;
GRANT UPDATE (title, merged_at, merge_commit_sha) ON gitpoap.pull_request TO rewards_app;
GRANT INSERT, UPDATE ON gitpoap.project, gitpoap.gitpoap TO rewards_admin;
GRANT UPDATE (backloaded_at) ON gitpoap.repo TO rewards_admin;
GRANT UPDATE (status) ON gitpoap.claim TO rewards_admin;
GRANT DELETE ON gitpoap.pull_request TO rewards_admin;
GRANT INSERT ON gitpoap.pr_import TO rewards_admin;
RESET ROLE;
