-- human_points.settings: updated_at kept by the database.
CREATE OR REPLACE TRIGGER _100_updated_at
    BEFORE UPDATE ON human_points.settings
    FOR EACH ROW WHEN (OLD.* IS DISTINCT FROM NEW.*) EXECUTE FUNCTION core.tg__updated_at();
COMMENT ON TRIGGER _100_updated_at ON human_points.settings IS 'Keeps updated_at when the settings change.';
