"""core.is_iso_timestamptz and core.to_timestamptz: the one definition of an ISO 8601 timestamp with a time zone."""

import pytest
from psycopg import errors


@pytest.mark.parametrize(
    "text, shaped, parsed",
    [
        ("2025-07-15T00:00:00Z", True, "2025-07-15 00:00:00+00"),
        ("2025-07-15 02:00:00+02:00", True, "2025-07-15 00:00:00+00"),
        ("2025-07-15T00:00:00.25-0130", True, "2025-07-15 01:30:00.25+00"),
        ("2025-02-30T00:00:00Z", True, None),  # the shape, but no such day
        ("2025-07-15T00:00:00", False, None),  # no zone
        ("2025-07-15", False, None),
        ("2025-07-15T00:00Z", False, None),  # no seconds
        ("soon", False, None),
        ("infinity", False, None),
    ],
)
def test_shape_and_instant(db, text, shaped, parsed):
    assert db.execute("SELECT core.is_iso_timestamptz(%s)", (text,)).fetchone()[0] is shaped
    db.execute("SET TimeZone = 'UTC'")
    value = db.execute("SELECT core.to_timestamptz(%s)::text", (text,)).fetchone()[0]
    assert value == parsed


def test_a_field_name_turns_null_into_an_error_naming_it(db):
    with pytest.raises(errors.InvalidDatetimeFormat) as failure:
        db.execute("SELECT core.to_timestamptz('2025-01-01', 'returning_before')")
    assert failure.value.diag.message_primary == (
        "returning_before must be an ISO 8601 timestamp with a time zone, e.g. 2025-07-15T00:00:00Z (got '2025-01-01')")
    assert failure.value.diag.column_name == "returning_before"
    assert db.execute("SELECT core.to_timestamptz(NULL, 'returning_before')").fetchone() == (None,)
