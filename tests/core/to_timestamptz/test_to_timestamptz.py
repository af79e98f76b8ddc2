"""core.is_iso_timestamptz and core.to_timestamptz: the one definition of an ISO 8601 timestamp with a time zone."""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from psycopg import errors


@pytest.mark.parametrize(
    "text, shaped, parsed",
    [
        ("2025-07-15T00:00:00Z", True, "2025-07-15 00:00:00+00"),
        ("2025-07-15 02:00:00+02:00", True, "2025-07-15 00:00:00+00"),
        ("2025-07-15T00:00:00.25-0130", True, "2025-07-15 01:30:00.25+00"),
        ("2025-02-30T00:00:00Z", True, None),  # the shape, but no such day
        ("2025-07-15T00:00:00+20:00", True, None),  # the shape, but a zone past PostgreSQL's ±15:59
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


# An oracle written independently: the shape as a regular expression.
ISO = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}(:?\d{2})?)")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from("0123456789-:T .Z+z/x"), min_size=15, max_size=32).map("".join)
       | st.builds(lambda base, cut, junk: base[:cut] + junk + base[cut:],
                   st.sampled_from(["2025-07-15T00:00:00Z", "2025-07-15 10:20:30.123+02:00", "1999-12-31T23:59:59-0530"]),
                   st.integers(0, 29), st.sampled_from(["", "0", ".", ":", "+", " ", "Z", "-1"])))
def test_the_shape_is_exactly_the_documented_one(db, text):
    assert db.execute("SELECT core.is_iso_timestamptz(%s)", (text,)).fetchone()[0] is bool(ISO.fullmatch(text))


# Issue 14.9: the shape, but no instant. None raises a raw datetime error: null, or (given a field) the named one.
UNREAL = ["2025-02-30T00:00:00Z", "2025-13-01T00:00:00Z", "2025-08-01T25:00:00Z", "2025-08-01T00:00:00+20:00",
          "0000-01-01T00:00:00Z", "2025-08-01T00:00:00+02:60", "2025-08-01T00:00:00-1600"]


@pytest.mark.parametrize("text", UNREAL)
def test_a_shape_naming_no_instant_is_null_or_the_named_error(db, text):
    assert db.execute("SELECT core.is_iso_timestamptz(%s), core._iso_timestamptz_casts(%s), core.to_timestamptz(%s)",
                      (text, text, text)).fetchone() == (True, False, None)
    with pytest.raises(errors.InvalidDatetimeFormat) as failure:
        db.execute("SELECT core.to_timestamptz(%s, 'expires')", (text,))
    assert failure.value.diag.column_name == "expires"


# core._iso_timestamptz_casts is sound: whatever of the shape it vouches for, the cast reads (no exception).
DIGITS = st.text("0123456789", min_size=2, max_size=2)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.tuples(st.text("0123456789", min_size=4, max_size=4), DIGITS, DIGITS, st.sampled_from("T "), DIGITS, DIGITS,
                 DIGITS, st.sampled_from(["", ".5", ".999999999999", ".0000001"]),
                 st.sampled_from(["Z", "+", "-"]), DIGITS, st.sampled_from(["", ":", "x"]), DIGITS)
       .map(lambda t: (f"{t[0]}-{t[1]}-{t[2]}{t[3]}{t[4]}:{t[5]}:{t[6]}{t[7]}"
                       + ("Z" if t[8] == "Z" else t[8] + t[9] + ("" if t[10] == "x" else t[10] + t[11])))))
def test_the_cast_guard_never_vouches_for_a_failing_cast(db, text):
    vouched, parsed = db.execute("SELECT core._iso_timestamptz_casts(%s), core.to_timestamptz(%s) IS NOT NULL",
                                 (text, text)).fetchone()
    assert not vouched or parsed
    if vouched:
        db.execute("SELECT %s::timestamptz", (text,))
