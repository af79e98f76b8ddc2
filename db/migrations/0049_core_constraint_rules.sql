-- depends: 0048_tiers_validate_tier_cross_row
-- Every constraint states its rule in its comment, a phrase that follows the column's name: errors, docs/sql-api.md and
-- core._check_row read it there (core.constraint_rule), so each rule is written once, beside the constraint that enforces it.
SET LOCAL lock_timeout = '5s';
SET LOCAL ROLE rewards_owner;

COMMENT ON CONSTRAINT claim_gitpoap_id_user_id_key ON gitpoap.claim IS 'must be unique: a GitPOAP is issued to a contributor once';
COMMENT ON CONSTRAINT claim_gitpoap_project_fkey ON gitpoap.claim IS 'must name a gitpoap.gitpoap and its project';
COMMENT ON CONSTRAINT claim_pull_request_earned_id_fkey ON gitpoap.claim IS 'must be the id of a gitpoap.pull_request (null once that pull request is deleted)';
COMMENT ON CONSTRAINT claim_status_known ON gitpoap.claim IS 'must be UNCLAIMED, PENDING, MINTING or CLAIMED';
COMMENT ON CONSTRAINT claim_user_id_fkey ON gitpoap.claim IS 'must be the id of a gitpoap.github_user';
COMMENT ON CONSTRAINT contribution_merged_prs_not_negative ON gitpoap.contribution IS 'must be >= 0';
COMMENT ON CONSTRAINT contribution_project_id_fkey ON gitpoap.contribution IS 'must be the id of a gitpoap.project';
COMMENT ON CONSTRAINT contribution_user_id_fkey ON gitpoap.contribution IS 'must be the id of a gitpoap.github_user';
COMMENT ON CONSTRAINT github_user_login_format ON gitpoap.github_user IS 'must be a GitHub login: letters, digits, _ . - (a letter or digit first), at most 100 characters, [bot] at the end for apps';
COMMENT ON CONSTRAINT github_user_login_key ON gitpoap.github_user IS 'must be unique: one row per GitHub login';
COMMENT ON CONSTRAINT gitpoap_id_project_id_key ON gitpoap.gitpoap IS 'must be unique (the target of the claims'' composite foreign key)';
COMMENT ON CONSTRAINT gitpoap_level_at_least_1 ON gitpoap.gitpoap IS 'must be at least 1';
COMMENT ON CONSTRAINT gitpoap_name_not_blank ON gitpoap.gitpoap IS 'must not be blank, and at most 300 characters';
COMMENT ON CONSTRAINT gitpoap_project_id_fkey ON gitpoap.gitpoap IS 'must be the id of a gitpoap.project';
COMMENT ON CONSTRAINT gitpoap_project_year_level_key ON gitpoap.gitpoap IS 'must be unique: a project has one GitPOAP per year and level (runner gitpoaps list shows them)';
COMMENT ON CONSTRAINT gitpoap_status_known ON gitpoap.gitpoap IS 'must be UNAPPROVED, APPROVED, REDEEM_REQUEST_PENDING or DEPRECATED';
COMMENT ON CONSTRAINT gitpoap_threshold_at_least_1 ON gitpoap.gitpoap IS 'must be at least 1 merged pull request';
COMMENT ON CONSTRAINT gitpoap_year_range ON gitpoap.gitpoap IS 'must be between 2008 and 2100';
COMMENT ON CONSTRAINT project_name_key ON gitpoap.project IS 'must be unique: one project per name';
COMMENT ON CONSTRAINT project_name_not_blank ON gitpoap.project IS 'must not be blank, and at most 200 characters';
COMMENT ON CONSTRAINT pull_request_author_id_fkey ON gitpoap.pull_request IS 'must be the id of a gitpoap.github_user';
COMMENT ON CONSTRAINT pull_request_merge_commit_sha_hex ON gitpoap.pull_request IS 'must be 7 to 64 lower-case hex digits';
COMMENT ON CONSTRAINT pull_request_merged_at_finite ON gitpoap.pull_request IS 'must be a finite time (null while unmerged)';
COMMENT ON CONSTRAINT pull_request_number_positive ON gitpoap.pull_request IS 'must be at least 1';
COMMENT ON CONSTRAINT pull_request_repo_id_number_key ON gitpoap.pull_request IS 'must be unique: one pull request per repo and number';
COMMENT ON CONSTRAINT pull_request_repo_project_fkey ON gitpoap.pull_request IS 'must name a gitpoap.repo and that repo''s project';
COMMENT ON CONSTRAINT pull_request_title_length ON gitpoap.pull_request IS 'must be at most 1000 characters';
COMMENT ON CONSTRAINT repo_id_project_id_key ON gitpoap.repo IS 'must be unique (the target of the pull requests'' composite foreign key)';
COMMENT ON CONSTRAINT repo_name_key ON gitpoap.repo IS 'must be unique: a repo belongs to one project';
COMMENT ON CONSTRAINT repo_name_owner_slash_name ON gitpoap.repo IS 'must be owner/name of letters, digits, _ . -, at most 200 characters, e.g. pallets/flask';
COMMENT ON CONSTRAINT repo_project_id_fkey ON gitpoap.repo IS 'must be the id of a gitpoap.project';

COMMENT ON CONSTRAINT action_key_kind_key ON human_points.action IS 'must be unique (the target of the kind foreign keys of points and mint)';
COMMENT ON CONSTRAINT action_kind_is_binary_or_mint ON human_points.action IS 'must be binary (once per address) or mint (once per address, action and transaction)';
COMMENT ON CONSTRAINT action_points_at_least_0 ON human_points.action IS 'must be >= 0';
COMMENT ON CONSTRAINT action_provider_key ON human_points.action IS 'must be unique: one action per stamp provider';
COMMENT ON CONSTRAINT action_provider_only_on_binary ON human_points.action IS 'must be null unless the action is binary';
COMMENT ON CONSTRAINT community_id_positive ON human_points.community IS 'must be at least 1';
COMMENT ON CONSTRAINT community_name_at_most_200_characters ON human_points.community IS 'must be at most 200 characters';
COMMENT ON CONSTRAINT mint_action_kind_fkey ON human_points.mint IS 'must be the key of a human_points.action of kind mint';
COMMENT ON CONSTRAINT mint_chain_id_positive ON human_points.mint IS 'must be at least 1 (or null when unknown)';
COMMENT ON CONSTRAINT mint_kind_is_mint ON human_points.mint IS 'must be mint';
COMMENT ON CONSTRAINT mint_tx_hash_not_empty ON human_points.mint IS 'must not be empty';
COMMENT ON CONSTRAINT mint_tx_hash_printable_at_most_200_characters ON human_points.mint IS 'must be 1 to 200 printable characters, without spaces';
COMMENT ON CONSTRAINT multiplier_multiplier_at_least_1 ON human_points.multiplier IS 'must be at least 1';
COMMENT ON CONSTRAINT multiplier_multiplier_at_most_1000 ON human_points.multiplier IS 'must be at most 1000 (points are integers: 1000 points times the multiplier must fit)';
COMMENT ON CONSTRAINT points_action_kind_fkey ON human_points.points IS 'must be the key and the kind of a human_points.action';
COMMENT ON CONSTRAINT points_points_at_least_0 ON human_points.points IS 'must be >= 0';
COMMENT ON CONSTRAINT program_stats_passing_scores_at_least_0 ON human_points.program_stats IS 'must be >= 0';
COMMENT ON CONSTRAINT qualified_community_community_id_fkey ON human_points.qualified_community IS 'must be the id of a human_points.community';
COMMENT ON CONSTRAINT score_community_id_fkey ON human_points.score IS 'must be the id of a human_points.community (runner points status lists the program''s)';
COMMENT ON CONSTRAINT score_score_at_least_0 ON human_points.score IS 'must be >= 0';
COMMENT ON CONSTRAINT score_score_is_finite ON human_points.score IS 'must be a finite number';
COMMENT ON CONSTRAINT score_scored_at_is_finite ON human_points.score IS 'must be a finite time';
COMMENT ON CONSTRAINT score_stamps_is_an_array ON human_points.score IS 'must be a JSON array of stamps';
COMMENT ON CONSTRAINT settings_bonus_communities_at_least_1 ON human_points.settings IS 'must be at least 1';
COMMENT ON CONSTRAINT settings_is_a_single_row ON human_points.settings IS 'must be true: settings is a single row';
COMMENT ON CONSTRAINT settings_pass_threshold_at_least_0 ON human_points.settings IS 'must be >= 0';
COMMENT ON CONSTRAINT settings_pass_threshold_is_finite ON human_points.settings IS 'must be a finite number';
COMMENT ON COLUMN human_points.settings.updated_at IS 'When the settings last changed (kept by the database).';

COMMENT ON CONSTRAINT tier_badge_color_at_most_50_characters ON tiers.tier IS 'must be at most 50 characters';
COMMENT ON CONSTRAINT tier_badge_name_at_most_100_characters ON tiers.tier IS 'must be at most 100 characters';
COMMENT ON CONSTRAINT tier_description_at_most_2000_characters ON tiers.tier IS 'must be at most 2000 characters';
COMMENT ON CONSTRAINT tier_discount_percent_between_0_and_100 ON tiers.tier IS 'must be between 0 and 100';
COMMENT ON CONSTRAINT tier_key_at_most_50_characters ON tiers.tier IS 'must be at most 50 characters';
COMMENT ON CONSTRAINT tier_key_lower_case ON tiers.tier IS 'must be lower-case letters, digits or _, starting with a letter';
COMMENT ON CONSTRAINT tier_key_not_none ON tiers.tier IS 'must not be ''none'' (reserved for the none tier)';
COMMENT ON CONSTRAINT tier_metadata_is_object ON tiers.tier IS 'must be a JSON object';
COMMENT ON CONSTRAINT tier_minimum_balance_is_finite ON tiers.tier IS 'must be a finite number';
COMMENT ON CONSTRAINT tier_minimum_balance_not_negative ON tiers.tier IS 'must be >= 0';
COMMENT ON CONSTRAINT tier_name_at_most_100_characters ON tiers.tier IS 'must be at most 100 characters';
COMMENT ON CONSTRAINT tier_name_not_blank ON tiers.tier IS 'must not be blank';
COMMENT ON CONSTRAINT tier_tier_key_key ON tiers.tier IS 'must be unique';
COMMENT ON CONSTRAINT tier_change_cause_balance_or_tier ON tiers.tier_change IS 'must be balance or tier';
COMMENT ON CONSTRAINT wallet_address_format ON tiers.wallet IS 'must be lower-case 0x + 40 hex digits (EVM) or 32 to 44 base58 characters (Solana)';
COMMENT ON CONSTRAINT wallet_balance_is_finite ON tiers.wallet IS 'must be a finite number';
COMMENT ON CONSTRAINT wallet_balance_not_negative ON tiers.wallet IS 'must be >= 0';

-- The rules every table states the same way: primary keys, and the EVM address of each human_points table.
DO $comments$
DECLARE
    v record;
BEGIN
    FOR v IN
        SELECT c.conname, n.nspname, r.relname,
               CASE WHEN c.contype = 'p' THEN 'must be unique'
                    ELSE 'must be lower-case 0x followed by 40 hex digits (core.is_evm_address)' END AS rule
        FROM pg_constraint c
        JOIN pg_class r ON r.oid = c.conrelid
        JOIN pg_namespace n ON n.oid = r.relnamespace
        WHERE n.nspname IN ('gitpoap', 'tiers', 'human_points')
          AND (c.contype = 'p' OR c.conname LIKE '%\_address\_is\_lowercase\_0x\_40\_hex')
    LOOP
        EXECUTE format('COMMENT ON CONSTRAINT %I ON %I.%I IS %L', v.conname, v.nspname, v.relname, v.rule);
    END LOOP;
END
$comments$;
RESET ROLE;
