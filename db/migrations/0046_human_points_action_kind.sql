-- depends: 0045_core_shared_rules
-- human_points: which actions are binary and which are mints is read from human_points.action.kind, never listed:
-- points and mint rows carry their action's kind, held to it by a foreign key, and the dedupe indexes select by kind.
-- human_points.action is a reference table of ten rows: its new UNIQUE constraint is built at once. points gets its
-- kind once, an UPDATE of every row and a scan for NOT NULL and the foreign key, under this migration's locks (score
-- and mint writers wait until it commits). Dropping the action lists is the point.
-- squawk-ignore-file disallowed-unique-constraint, constraint-missing-not-valid, adding-not-nullable-field, adding-foreign-key-constraint, ban-drop-constraint, require-concurrent-index-creation, require-concurrent-index-deletion, ban-drop-function
SET LOCAL lock_timeout = '5s';
SET LOCAL ROLE rewards_owner;

-- A new action is one row of human_points.action: the dedupe indexes cover its kind.
ALTER TABLE human_points.action
    DROP CONSTRAINT action_key_is_covered_by_a_dedupe_index,
    ADD CONSTRAINT action_key_kind_key UNIQUE (key, kind);

-- Every points row gets its action's kind (points are written only by the owner's triggers, which set it from now on).
ALTER TABLE human_points.points ADD COLUMN kind text;
UPDATE human_points.points p SET kind = a.kind FROM human_points.action a WHERE a.key = p.action;
ALTER TABLE human_points.points
    ALTER COLUMN kind SET NOT NULL,
    DROP CONSTRAINT points_action_fkey,
    ADD CONSTRAINT points_action_kind_fkey FOREIGN KEY (action, kind) REFERENCES human_points.action (key, kind);
COMMENT ON COLUMN human_points.points.kind IS 'Kind of the action (binary or mint), as human_points.action has it: the dedupe indexes select by it.';

-- The same two dedupe indexes, selecting by kind; each is replaced inside this transaction, so dedupe never lapses.
DROP INDEX human_points.idx_binary_actions;
CREATE UNIQUE INDEX idx_binary_actions ON human_points.points (address, action) WHERE kind = 'binary';
DROP INDEX human_points.idx_mint_actions;
CREATE UNIQUE INDEX idx_mint_actions ON human_points.points (address, action, tx_hash) WHERE kind = 'mint';
COMMENT ON INDEX human_points.idx_binary_actions IS 'Binary actions (stamps, human_keys, scoring_bonus) are earned once per address.';
COMMENT ON INDEX human_points.idx_mint_actions IS 'Mint actions are earned once per (address, action, tx_hash).';

-- A mint event names a mint action: its constant kind 'mint' and the foreign key say so, without a list.
-- NOT VALID: enforced for every new row at once; existing rows are checked by 0047_core_validate_shared_rules.
ALTER TABLE human_points.mint ADD COLUMN kind text NOT NULL DEFAULT 'mint';
ALTER TABLE human_points.mint
    ADD CONSTRAINT mint_kind_is_mint CHECK (kind = 'mint') NOT VALID,
    ADD CONSTRAINT mint_action_kind_fkey FOREIGN KEY (action, kind) REFERENCES human_points.action (key, kind) NOT VALID,
    DROP CONSTRAINT mint_action_is_a_mint,
    DROP CONSTRAINT mint_action_fkey;
COMMENT ON COLUMN human_points.mint.kind IS 'Always mint: with the foreign key (action, kind) it makes action a mint action.';

-- Timestamps are parsed by core.to_timestamptz (a repeatable); human_points' own copy is dropped here, once.
DROP FUNCTION IF EXISTS human_points._to_timestamptz(text);
RESET ROLE;
