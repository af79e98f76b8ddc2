"""core._check_row and core.constraint_rule: a table's NOT NULL and CHECK constraints, with the rule each comment
states, judge a row before it is written — one voice for every single-row rule."""

import pytest
from psycopg import errors


def test_constraint_rule_names_the_columns_and_the_rule(db):
    assert db.execute("SELECT * FROM core.constraint_rule('gitpoap', 'gitpoap', 'gitpoap_year_range')").fetchone() == (
        ["year"], "must be between 2008 and 2100")
    assert db.execute(
        "SELECT * FROM core.constraint_rule('gitpoap', 'gitpoap', 'gitpoap_project_year_level_key')").fetchone()[0] == [
        "project_id", "year", "level"]
    assert db.execute("SELECT * FROM core.constraint_rule('gitpoap', 'gitpoap', 'nope')").fetchall() == []


@pytest.mark.parametrize(
    "row, error, message, constraint",
    [
        ("ROW(NULL, 1, 'x', 1800, 1, 1, 'UNAPPROVED', true, now())", errors.CheckViolation,
         "gitpoap.gitpoap.year must be between 2008 and 2100 (got 1800)", "gitpoap_year_range"),
        ("ROW(NULL, 1, '  ', 2020, 1, 1, 'UNAPPROVED', true, now())", errors.CheckViolation,
         "gitpoap.gitpoap.name must not be blank, and at most 300 characters (got '  ')", "gitpoap_name_not_blank"),
        ("ROW(NULL, NULL, 'x', 2020, 1, 1, 'UNAPPROVED', true, now())", errors.NotNullViolation,
         "gitpoap.gitpoap.project_id is required", None),
    ],
)
def test_a_row_is_refused_naming_field_rule_and_value(db, row, error, message, constraint):
    with pytest.raises(error) as failure:
        db.execute(f"SELECT core._check_row('gitpoap.gitpoap', {row}::gitpoap.gitpoap)")
    diag = failure.value.diag
    assert (diag.message_primary, diag.schema_name, diag.table_name) == (message, "gitpoap", "gitpoap")
    assert diag.constraint_name == constraint


def test_a_good_row_passes(db):
    db.execute("SELECT core._check_row('gitpoap.gitpoap', ROW(NULL, 1, 'x', 2020, 1, 1, 'APPROVED', true, now())::gitpoap.gitpoap)")
