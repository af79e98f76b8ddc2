-- Triggers on human_points.score: lower-case addresses on the way in; award points for each statement's events.

-- Why a BEFORE row trigger here (the project otherwise uses AFTER statement triggers only):
-- mixed-case hex must be accepted and *stored* lower-case, and only the writer or a BEFORE row trigger can
-- change a stored value. A domain cannot help: its CHECK runs when the value is coerced, before any trigger,
-- so it would reject mixed case instead of normalising it; rewriting rows from an AFTER trigger would write
-- every such row twice. The cost is that COPY straight into score stops batching its inserts; the bulk path
-- (`runner points import-scores`: COPY into a staging table, then one INSERT … SELECT that lower-cases)
-- never fires this trigger's function, and its WHEN clause skips rows already in canonical form, so an
-- application sending lower-case addresses pays one regex per row. The named CHECK constraint
-- score_address_is_lowercase_0x_40_hex stays the backstop (e.g. with triggers disabled for a restore).
CREATE OR REPLACE FUNCTION human_points.tg_score__normalise_address()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    NEW.address := human_points.normalize_address(NEW.address, 'human_points.score.address');
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION human_points.tg_score__normalise_address() IS
    'BEFORE INSERT/UPDATE row trigger: lower-cases score.address, or raises check_violation naming the value.';
REVOKE ALL ON FUNCTION human_points.tg_score__normalise_address() FROM PUBLIC;

CREATE OR REPLACE TRIGGER _100_normalise_address
    BEFORE INSERT OR UPDATE OF address ON human_points.score
    FOR EACH ROW
    WHEN (NOT core.is_evm_address(NEW.address))
    EXECUTE FUNCTION human_points.tg_score__normalise_address();

-- Awards for the statement's rows, through human_points._award_score_events (the one place score events earn; a
-- batch over stored events calls it too). With settings.write_enabled false nothing of this runs: the events are
-- stored, no state changes.
CREATE OR REPLACE FUNCTION human_points.tg_score__award_points()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    -- One statement: the kill switch is its WHERE (no settings row, or write_enabled false: no call).
    PERFORM human_points._award_score_events(ARRAY(SELECT n.id FROM new_rows n))
    FROM human_points.settings s
    WHERE s.write_enabled;
    RETURN NULL;
END
$$;
COMMENT ON FUNCTION human_points.tg_score__award_points() IS
    'AFTER INSERT statement trigger on score: unless writes are disabled, awards what the new events earn (human_points._award_score_events).';
REVOKE ALL ON FUNCTION human_points.tg_score__award_points() FROM PUBLIC;

CREATE OR REPLACE TRIGGER _500_award_points
    AFTER INSERT ON human_points.score
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT
    EXECUTE FUNCTION human_points.tg_score__award_points();
